//! Import and export timings on large data, printed as medians (no harness: run with
//! `cargo bench --bench io`). Sizes: a 1,000,000-row assessments CSV imported into a
//! 10,000-person demo database, and json/md/csv/html exports of that database.
//! Set SKILLGAP_BENCH_RUNS to change the number of runs (default 3 imports, 5 exports).

use skillgap::config::Config;
use skillgap::export::{self, ExportFormat, Options, Scope};
use skillgap::import::{self, Kind};
use skillgap::store::{Missing, Store, people, skills};
use std::fmt::Write;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn show(label: &str, v: &[Duration]) {
    let ms: Vec<String> = v
        .iter()
        .map(|d| format!("{:.2}s", d.as_secs_f64()))
        .collect();
    println!(
        "{label:<44} median {:>7.2}s   runs: {}",
        median(v.to_vec()).as_secs_f64(),
        ms.join(" ")
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runs: usize = std::env::var("SKILLGAP_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let today = skillgap::model::parse_date("2026-11-22")?;
    let dir = tempfile::tempdir()?;
    let base = dir.path().join("base.db");
    let t = Instant::now();
    {
        let mut store = Store::open(&base, Missing::Create)?;
        skillgap::demo::generate(&mut store, 10_000, 1, today)?;
    }
    println!(
        "demo database of 10,000 people: {:.2}s",
        t.elapsed().as_secs_f64()
    );

    // A million assessment rows: every person with an email, skills in turn, distinct dates.
    let (emails, keys) = {
        let store = Store::open(&base, Missing::Refuse)?;
        let emails: Vec<String> = people::list_people(store.conn())?
            .into_iter()
            .filter_map(|p| p.email)
            .collect();
        let keys: Vec<String> = skills::list_skills(store.conn())?
            .into_iter()
            .map(|s| s.key)
            .collect();
        (emails, keys)
    };
    let mut csv = String::with_capacity(70 * 1_000_000);
    csv.push_str("person,skill,level,source,assessed_on,score,max_score,assessor,evidence\n");
    let sources = ["self", "manager", "verified"];
    for i in 0..1_000_000usize {
        let date = today - chrono::Days::new((i / 7 % 2000) as u64);
        let _ = writeln!(
            csv,
            "{},{},{},{},{date},{},100,,",
            emails[i % emails.len()],
            keys[(i / emails.len()) % keys.len()],
            i % 6,
            sources[i % 3],
            i % 101
        );
    }
    println!(
        "assessments CSV: 1,000,000 rows, {:.1} MB",
        csv.len() as f64 / 1e6
    );

    let mut import_times = Vec::new();
    let mut reimport_times = Vec::new();
    for run in 0..runs {
        let db = dir.path().join(format!("import-{run}.db"));
        std::fs::copy(&base, &db)?;
        let store = Store::open(&db, Missing::Refuse)?;
        let t = Instant::now();
        let r = import::run(
            store.conn(),
            Kind::Assessments,
            "bench.csv",
            csv.as_bytes(),
            false,
        )
        .map_err(|e| format!("{e:?}"))?;
        import_times.push(t.elapsed());
        assert_eq!(r.added("assessments"), 1_000_000, "{r}");
        if run == 0 {
            let t = Instant::now();
            let again = import::run(
                store.conn(),
                Kind::Assessments,
                "bench.csv",
                csv.as_bytes(),
                false,
            )
            .map_err(|e| format!("{e:?}"))?;
            reimport_times.push(t.elapsed());
            assert!(again.is_noop(), "{again}");
        }
        drop(store);
        let _ = std::fs::remove_file(&db);
    }
    show("import 1,000,000 assessments (new rows)", &import_times);
    show("re-import the same file (all unchanged)", &reimport_times);

    let store = Store::open(&base, Missing::Refuse)?;
    let config = Config::default();
    for format in [
        ExportFormat::Json,
        ExportFormat::Md,
        ExportFormat::Csv,
        ExportFormat::Html,
    ] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..runs.max(5) {
            let t = Instant::now();
            let out = export::export(
                store.conn(),
                &config,
                today,
                &Options {
                    scope: Scope::All,
                    format,
                    include_private: false,
                },
            )?;
            times.push(t.elapsed());
            size = out.len();
        }
        show(
            &format!(
                "export {} of 10,000 people ({:.1} MB)",
                export::extension(format),
                size as f64 / 1e6
            ),
            &times,
        );
    }
    Ok(())
}
