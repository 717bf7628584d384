//! View state: what the screen shows (the screen, selections, scroll positions, filters,
//! the open popup), kept apart from the domain data in `data`.

use super::data::PersonDetail;
use super::forms::Form;
use super::list::ListState;
use super::popups::{
    export::ExportDialog, import::ImportDialog, people_list::PeopleList, plan::PlanPopup,
    roles::RolesView,
};
use super::screens::{self, matrix::MatrixView, team::TeamView};
use crate::keymap::{ACTIONS, Action};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Team,
    People,
    Matrix,
    Skills,
    Trainings,
    Notes,
    Perception,
}

impl Screen {
    pub const ALL: [Screen; 7] = [
        Screen::Team,
        Screen::People,
        Screen::Matrix,
        Screen::Skills,
        Screen::Trainings,
        Screen::Notes,
        Screen::Perception,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Team => "Team",
            Screen::People => "People",
            Screen::Matrix => "Matrix",
            Screen::Skills => "Skills",
            Screen::Trainings => "Trainings",
            Screen::Notes => "Notes",
            Screen::Perception => "Perception",
        }
    }

    pub fn action(self) -> Action {
        match self {
            Screen::Team => Action::ScreenTeam,
            Screen::People => Action::ScreenPeople,
            Screen::Matrix => Action::ScreenMatrix,
            Screen::Skills => Action::ScreenSkills,
            Screen::Trainings => Action::ScreenTrainings,
            Screen::Notes => Action::ScreenNotes,
            Screen::Perception => Action::ScreenPerception,
        }
    }

    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    /// The command palette: every action by name, narrowed by what is typed.
    Palette {
        input: super::input::LineInput,
        selected: usize,
    },
    /// Editing the filter of the current list; the list narrows as you type.
    Filter,
    /// The export dialog (`x`).
    Export(Box<ExportDialog>),
    /// The import dialog (from the command palette).
    Import(Box<ImportDialog>),
    /// A form adding or editing a record.
    Form(Box<Form>),
    /// The review sweep over a person's targeted skills.
    Sweep(Sweep),
    /// Every role (`R`): edit, add, delete.
    Roles(RolesView),
    /// The people behind a figure (Perception pairs, Team drill-downs): Enter opens one.
    People(PeopleList),
    /// The what-if plan of the team on screen (`w`).
    Plan(Box<PlanPopup>),
    /// A question (y/n) before something is deleted or discarded.
    Confirm {
        message: String,
        pending: Pending,
    },
}

/// A review sweep: one new assessment per key, skill after skill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sweep {
    /// "Ada Costa" (every targeted skill of a person) or "Prompting" (every person a skill
    /// is targeted for).
    pub title: String,
    /// (person, skill) to rate, in order.
    pub items: Vec<(crate::model::Id, crate::model::Id)>,
    pub index: usize,
    pub source: crate::model::Source,
    /// Assessments recorded in this sweep.
    pub saved: usize,
    /// The index of each rating recorded in this sweep, oldest first: `u` in the sweep takes
    /// back the last one and steps back to it.
    pub recorded: Vec<usize>,
}

/// What a confirmation does when answered yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    DeletePerson {
        id: crate::model::Id,
        name: String,
    },
    DeleteSkill {
        id: crate::model::Id,
        name: String,
    },
    DeleteTraining {
        id: crate::model::Id,
        name: String,
    },
    DeleteNote {
        id: crate::model::Id,
        name: String,
    },
    DeleteAssessment {
        id: crate::model::Id,
        name: String,
    },
    DeleteOffer {
        id: crate::model::Id,
        name: String,
    },
    /// Its people and sub-teams stay, without the team.
    DeleteTeam {
        id: crate::model::Id,
        name: String,
    },
    /// Its targets go with it; its people stay, without a role.
    DeleteRole {
        id: crate::model::Id,
        name: String,
    },
    /// Discards the form; no gives it back as it was.
    Discard(Box<Form>),
    /// Cancels the import running in the background and quits.
    QuitImporting,
}

/// A person opened from People, Matrix or Notes.
#[derive(Debug, Default)]
pub struct PersonView {
    pub detail: PersonDetail,
    /// The lines the cursor walks (`screens::person::items`), made when the view is opened
    /// and again whenever the data changes.
    pub items: Vec<screens::person::Item>,
    /// Index into `items`: what the keys act on.
    pub cursor: usize,
    /// The first line shown, kept by the renderer so the cursor stays in view.
    pub scroll: std::cell::Cell<usize>,
    /// Readiness at each trend date (month ends, then today), from the history.
    pub trend: Vec<(chrono::NaiveDate, Option<f64>)>,
}

impl PersonView {
    /// The selected item (the cursor is clamped when items went away).
    pub fn item(&self) -> Option<screens::person::Item> {
        let last = self.items.len().saturating_sub(1);
        self.items.get(self.cursor.min(last)).copied()
    }
}

/// What the screen shows: selections, scroll positions, filters, the open popup.
pub struct View {
    pub screen: Screen,
    pub person: Option<PersonView>,
    /// A person's one-on-one view, over the person view or a screen (`O`).
    pub one_on_one: Option<screens::one_on_one::OneOnOneView>,
    pub popup: Option<Popup>,
    pub team: TeamView,
    pub people: ListState,
    pub matrix: MatrixView,
    pub skills: ListState,
    pub trainings: ListState,
    pub notes: ListState,
    pub perception: screens::perception::PerceptionView,
    /// People and Matrix show only this team (with sub-teams) when set: Enter on Team.
    pub scope: Option<TeamScope>,
    /// People lists archived people too (`A`).
    pub show_archived: bool,
    /// One line for the footer, replacing the hints until the next key.
    pub status: Option<String>,
    pub quit: bool,
}

/// A team that People and Matrix are narrowed to, with its active members (sub-teams too).
#[derive(Debug, Clone)]
pub struct TeamScope {
    pub team: crate::model::Id,
    pub name: String,
    pub members: std::collections::HashSet<crate::model::Id>,
}

/// Sort keys per screen, in the order `s` cycles through them.
pub fn sorts(screen: Screen) -> &'static [&'static str] {
    match screen {
        Screen::Team => &["tree"],
        Screen::People | Screen::Matrix => screens::people::SORTS,
        Screen::Skills => screens::skills::SORTS,
        Screen::Trainings => screens::trainings::SORTS,
        Screen::Notes => screens::notes::SORTS,
        Screen::Perception => screens::perception::SORTS,
    }
}

/// Actions whose name or help contains every typed word, best first: a name that starts
/// with the text, then a name with a word starting with it, then a name containing it, then
/// the help text; in help order within each.
pub fn palette_matches(input: &str) -> Vec<Action> {
    let first = input.split_whitespace().next().unwrap_or("").to_lowercase();
    let mut hits: Vec<(u8, usize, Action)> = ACTIONS
        .iter()
        .enumerate()
        .filter(|(_, (_, name, _, help))| {
            let text = format!("{name} {help}").to_lowercase();
            super::list::matches(&text, input)
        })
        .map(|(i, (a, name, _, help))| {
            let help = help.to_lowercase();
            let rank = if name.starts_with(&first) {
                0
            } else if name.split('_').any(|w| w.starts_with(&first)) {
                1
            } else if help
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(&first))
            {
                2
            } else if name.contains(&first) {
                3
            } else {
                4
            };
            (rank, i, *a)
        })
        .collect();
    hits.sort();
    hits.into_iter().map(|(.., a)| a).collect()
}
