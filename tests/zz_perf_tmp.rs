#[path = "tui_common/mod.rs"]
mod common;
use common::keys;
use skillgap::store::{Missing, Store};
use skillgap::tui::App;
use std::time::Instant;

#[test]
#[ignore]
fn perf() {
    let store = Store::open(
        std::path::Path::new("/tmp/ptui-perf/big.db"),
        Missing::Refuse,
    )
    .unwrap();
    let t = Instant::now();
    let mut app = App::load(
        store,
        &skillgap::config::Config::default(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        skillgap::tui::Theme::plain(),
    )
    .unwrap();
    eprintln!("load {:?}", t.elapsed());
    for k in [
        "j", "j", "k", "g", "l", "j", "h", "7", "j", "s", "1", "w", "-", "+", "2", "3", "6", "5",
        "4",
    ] {
        let t = Instant::now();
        keys(&mut app, k);
        let t1 = t.elapsed();
        let t = Instant::now();
        let _ = common::text(&app, 120, 40);
        eprintln!("{k}: update {:?} draw {:?}", t1, t.elapsed());
        if k == "w" {
            app.handle_key(common::code(ratatui::crossterm::event::KeyCode::Esc));
        }
    }
    keys(&mut app, "2");
    app.handle_key(common::code(ratatui::crossterm::event::KeyCode::Enter));
    let t = Instant::now();
    keys(&mut app, "O");
    eprintln!("O {:?}", t.elapsed());
    let t = Instant::now();
    let _ = common::text(&app, 120, 40);
    eprintln!("draw 1:1 {:?}", t.elapsed());
}

#[test]
#[ignore]
fn parts() {
    let store = Store::open(
        std::path::Path::new("/tmp/ptui-perf/big.db"),
        Missing::Refuse,
    )
    .unwrap();
    let app = App::load(
        store,
        &skillgap::config::Config::default(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        skillgap::tui::Theme::plain(),
    )
    .unwrap();
    let d = &app.data;
    let a = &d.analysis;
    let org = &d.org;
    let h = d.history();
    let time = |name: &str, f: &dyn Fn()| {
        let t = Instant::now();
        f();
        eprintln!("{name}: {:?}", t.elapsed());
    };
    time("summary", &|| {
        a.team_summary(org, None);
    });
    time("funnel", &|| {
        a.funnel(org, None);
    });
    time("no_offer", &|| {
        a.without_recent_offer(org, None);
    });
    time("never", &|| {
        a.never_offered(org, None);
    });
    time("overdue", &|| {
        a.overdue(org, None);
    });
    time("trend", &|| {
        skillgap::tui::insight::trend(d, &h, None);
    });
    time("history()", &|| {
        let _ = d.history();
    });
    time("pairs self", &|| {
        a.pairs(org, None, skillgap::model::Source::SelfRated);
    });
    time("drift", &|| {
        skillgap::tui::insight::manager_drift(d, None);
    });
    time("perception panel", &|| {
        skillgap::tui::screens::perception::PerceptionPanel::new(d, None);
    });
    time("plan", &|| {
        skillgap::tui::insight::plan(d, None, 40.0);
    });
    time("names", &|| {
        for p in &org.people {
            let _ = d.person_name(p.id);
        }
    });
}
