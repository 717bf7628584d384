//! The demo's fixed material: its random numbers, names, teams and trainings.

/// SplitMix64: tiny, fast and stable across versions, so a seed always means the same data.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

pub(super) const FIRST: &[&str] = &[
    "Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam",
    "Maya", "Noor", "Oscar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei",
    "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Carmen", "Dario", "Emma", "Felix",
];
pub(super) const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Patel",
    "Yilmaz",
    "Adeyemi",
    "Kim",
    "Tanaka",
    "Garcia",
    "Berg",
    "Mensah",
    "Walsh",
    "Cohen",
    "Haddad",
    "Novak",
    "Sharma",
    "Reilly",
    "Costa",
    "Ivanova",
    "Nakamura",
    "Schmidt",
    "Osei",
    "Fischer",
    "Rossi",
    "Dubois",
    "Khan",
];

/// (team, parent, share of people in percent)
pub(super) const TEAMS: &[(&str, Option<&str>, u64)] = &[
    ("Engineering", None, 30),
    ("Platform", Some("Engineering"), 15),
    ("Data & Analytics", None, 15),
    ("Sales", None, 20),
    ("Customer Success", None, 20),
];

/// (title, provider, hours, category of the skills it develops, level it brings to)
pub(super) const TRAININGS: &[(&str, &str, f64, &str, u8)] = &[
    (
        "Prompting fundamentals",
        "Internal academy",
        4.0,
        "AI fluency",
        2,
    ),
    (
        "Working with AI tools in practice",
        "LinkedIn Learning",
        8.0,
        "AI fluency",
        3,
    ),
    (
        "Checking AI output before you ship it",
        "Internal academy",
        3.0,
        "Critical thinking and validation",
        3,
    ),
    (
        "Evidence-based decisions with AI",
        "Coursera",
        12.0,
        "Critical thinking and validation",
        4,
    ),
    (
        "Responsible AI at work",
        "Legal & Compliance",
        2.0,
        "Responsible use",
        3,
    ),
    (
        "Automating everyday workflows",
        "Udemy",
        10.0,
        "Workflow integration",
        3,
    ),
    (
        "Advanced AI-assisted analysis",
        "DataCamp",
        16.0,
        "Workflow integration",
        4,
    ),
    (
        "Communicating in AI-augmented teams",
        "Internal academy",
        3.0,
        "Power skills",
        3,
    ),
    (
        "Leading AI adoption",
        "Leadership programme",
        14.0,
        "Leading AI adoption",
        4,
    ),
    (
        "Coaching with skills data",
        "Leadership programme",
        6.0,
        "Leading AI adoption",
        5,
    ),
];

/// The category of the trainings offered to leads and managers only.
pub(super) const LEADERSHIP: &str = "Leading AI adoption";
