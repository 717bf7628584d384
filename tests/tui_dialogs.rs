//! The export dialog (`x`) and the import dialog (command palette), driven by keys.

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, demo_store, keys, text, today};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skillgap::config::{Config, ExportFormat};
use skillgap::keymap::Action;
use skillgap::model::Note;
use skillgap::store::{Missing, Store, records};
use skillgap::tui::popups::export::ExportField;
use skillgap::tui::popups::import::ImportStage;
use skillgap::tui::{App, Popup, Screen, Theme};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const SENTINEL: &str = "PRIVATE-SENTINEL-7731";

/// The demo app with a private note on its first person, exporting into `dir`.
fn app_exporting_to(dir: &Path) -> (tempfile::TempDir, App, String) {
    let (tmp, store) = demo_store(42);
    let org = skillgap::store::load_org(store.conn()).expect("org");
    let person = org.people.iter().find(|p| !p.archived).expect("a person");
    let name = person.name.clone();
    records::insert_note(
        store.conn(),
        &Note {
            id: 0,
            person_id: person.id,
            date: today(),
            body: format!("Private talk.\n- [ ] {SENTINEL}"),
            private: true,
            skill_ids: Vec::new(),
            author: String::new(),
        },
    )
    .expect("note");
    let mut config = Config::default();
    config.export.directory = Some(dir.to_path_buf());
    let app = App::load(store, &config, today(), Theme::plain()).expect("app");
    (tmp, app, name)
}

fn export_dialog(app: &App) -> &skillgap::tui::popups::export::ExportDialog {
    match &app.view.popup {
        Some(Popup::Export(d)) => d,
        other => panic!("no export dialog: {other:?}"),
    }
}

fn import_dialog(app: &App) -> &skillgap::tui::popups::import::ImportDialog {
    match &app.view.popup {
        Some(Popup::Import(d)) => d,
        other => panic!("no import dialog: {other:?}"),
    }
}

fn status(app: &App) -> String {
    app.view.status.clone().unwrap_or_default()
}

#[test]
fn export_defaults_follow_config_and_screen() {
    let out = tempfile::tempdir().expect("dir");
    let (_tmp, mut app, _) = app_exporting_to(out.path());
    // Team screen, "Everyone" selected.
    keys(&mut app, "x");
    let d = export_dialog(&app);
    assert_eq!(d.format, ExportFormat::Md);
    assert!(!d.include_private);
    assert_eq!(d.scopes.len(), 1);
    assert_eq!(d.scopes[0].label, "everyone");
    assert!(
        d.path.ends_with("skillgap-everyone-2026-11-22.md"),
        "{}",
        d.path
    );
    assert!(d.path.starts_with(&out.path().display().to_string()));
    assert!(text(&app, 80, 24).contains("private notes left out"));
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);

    // A team selected on Team: that team first, everyone second; the name follows.
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    keys(&mut app, "x");
    let d = export_dialog(&app);
    assert!(d.scopes[0].label.starts_with("team "), "{:?}", d.scopes);
    assert_eq!(d.scopes.last().map(|c| c.label.as_str()), Some("everyone"));
    assert!(d.path.contains("skillgap-team-"), "{}", d.path);
    // h/l on the format field cycles formats, and the suggested name follows.
    keys(&mut app, "l");
    assert_eq!(export_dialog(&app).format, ExportFormat::Csv);
    keys(&mut app, "hh");
    assert_eq!(export_dialog(&app).format, ExportFormat::Html);
    assert!(export_dialog(&app).path.ends_with(".html"));
    // Tab to the scope; l switches to everyone.
    app.handle_key(code(KeyCode::Tab));
    assert_eq!(export_dialog(&app).field, ExportField::Scope);
    keys(&mut app, "l");
    assert!(export_dialog(&app).path.contains("skillgap-everyone-"));
    app.handle_key(code(KeyCode::Esc));

    // A person's view: that person, their team, everyone.
    app.update(Action::ScreenPeople);
    app.handle_key(code(KeyCode::Enter));
    assert!(app.view.person.is_some());
    keys(&mut app, "x");
    let d = export_dialog(&app);
    assert!(d.scopes[0].label.starts_with("person "), "{:?}", d.scopes);
    assert!(d.path.contains("skillgap-person-"), "{}", d.path);
}

#[test]
fn config_can_turn_private_on_by_default() {
    let (_tmp, store) = demo_store(12);
    let mut config = Config::default();
    config.export.include_private = true;
    config.export.format = ExportFormat::Json;
    let mut app = App::load(store, &config, today(), Theme::plain()).expect("app");
    app.update(Action::Export);
    let d = export_dialog(&app);
    assert!(d.include_private);
    assert_eq!(d.format, ExportFormat::Json);
    assert!(text(&app, 80, 24).contains("private notes will be included"));
}

fn written(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn export_writes_a_private_file_and_never_overwrites_silently() {
    let out = tempfile::tempdir().expect("dir");
    let (_tmp, mut app, name) = app_exporting_to(out.path());
    keys(&mut app, "x");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.popup, None, "{}", text(&app, 80, 24));
    let path = out.path().join("skillgap-everyone-2026-11-22.md");
    assert!(
        status(&app).contains(&path.display().to_string()),
        "{}",
        status(&app)
    );
    assert!(!app.should_quit());
    let mode = std::fs::metadata(&path).expect("file").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let md = std::fs::read_to_string(&path).expect("read");
    assert!(md.contains(&name), "the export names {name}");
    assert!(
        !md.contains(SENTINEL),
        "private notes are left out by default"
    );

    // Again: the file exists, so the dialog asks; n keeps it as it was.
    std::fs::write(&path, "keep me").expect("write");
    keys(&mut app, "x");
    app.handle_key(code(KeyCode::Enter));
    assert!(export_dialog(&app).confirm_overwrite);
    assert!(text(&app, 80, 24).contains("Replace it?"));
    keys(&mut app, "n");
    assert!(!export_dialog(&app).confirm_overwrite);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me");
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me");

    // With private notes on (Tab twice, then l), and y to replace.
    keys(&mut app, "x");
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "l");
    assert!(export_dialog(&app).include_private);
    assert!(text(&app, 80, 24).contains("private notes will be included"));
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(export_dialog(&app).confirm_overwrite);
    keys(&mut app, "y");
    assert_eq!(app.view.popup, None);
    let md = std::fs::read_to_string(&path).expect("read");
    assert!(md.contains(SENTINEL), "private notes included when asked");
    assert_eq!(
        written(out.path()),
        vec![path.clone()],
        "no temporary file left"
    );
}

#[test]
fn export_to_a_missing_directory_says_so_and_writes_nothing() {
    let out = tempfile::tempdir().expect("dir");
    let (_tmp, mut app, _) = app_exporting_to(&out.path().join("nope"));
    keys(&mut app, "x");
    // Type in the path field: the suggested name gets an extra suffix.
    app.handle_key(code(KeyCode::BackTab));
    assert_eq!(export_dialog(&app).field, ExportField::Path);
    keys(&mut app, "x.md");
    assert!(export_dialog(&app).path.ends_with(".mdx.md"));
    app.handle_key(code(KeyCode::Enter));
    let d = export_dialog(&app);
    assert!(
        d.error.as_deref().unwrap_or("").contains("nothing written"),
        "{:?}",
        d.error
    );
    assert!(text(&app, 80, 24).contains("nothing written"));
    assert!(written(out.path()).is_empty());
    // Ctrl-U clears the path; an empty path is refused.
    app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    assert_eq!(export_dialog(&app).path, "");
    app.handle_key(code(KeyCode::Enter));
    assert!(export_dialog(&app).error.is_some());
}

fn empty_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("empty.db"), Missing::Create).expect("open");
    let app = App::load(store, &Config::default(), today(), Theme::plain()).expect("app");
    (dir, app)
}

fn open_import_from_palette(app: &mut App) {
    keys(app, ":import");
    app.handle_key(code(KeyCode::Enter));
    assert!(matches!(app.view.popup, Some(Popup::Import(_))));
}

fn people_csv() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/people.csv")
        .display()
        .to_string()
}

#[test]
fn import_previews_then_writes_only_when_confirmed() {
    let (_dir, mut app) = empty_app();
    assert!(app.data.people.is_empty());
    open_import_from_palette(&mut app);
    keys(&mut app, &people_csv());
    app.handle_key(code(KeyCode::Enter));
    let d = import_dialog(&app);
    assert!(d.can_confirm(), "{:?}", d.stage);
    let screen = text(&app, 80, 24);
    assert!(screen.contains("would add 5 people"), "{screen}");
    // Nothing written yet: a reload still finds nobody.
    app.reload().expect("reload");
    assert!(app.data.people.is_empty());
    // Esc cancels: still nobody.
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);
    app.reload().expect("reload");
    assert!(app.data.people.is_empty());

    // Preview again and confirm with Enter.
    open_import_from_palette(&mut app);
    keys(&mut app, &people_csv());
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.popup, None);
    assert!(status(&app).contains("added 5 people"), "{}", status(&app));
    assert_eq!(app.data.people.len(), 5);
    app.update(Action::ScreenPeople);
    assert_eq!(app.view.screen, Screen::People);
    let screen = text(&app, 80, 24);
    for name in ["Ana Lima", "Ben Okafor", "Erin Walsh"] {
        assert!(screen.contains(name), "{name} on People:\n{screen}");
    }

    // The same file again: nothing new. A `y` typed in the path field is part of the path
    // and drops the preview rather than importing; Enter confirms, and changes nothing.
    open_import_from_palette(&mut app);
    keys(&mut app, &people_csv());
    app.handle_key(code(KeyCode::Enter));
    assert!(text(&app, 80, 24).contains("nothing new"));
    keys(&mut app, "y");
    assert!(
        !import_dialog(&app).can_confirm(),
        "y was typed, not taken as yes"
    );
    assert!(import_dialog(&app).path.ends_with("csvy"));
    app.handle_key(code(KeyCode::Backspace));
    app.handle_key(code(KeyCode::Enter));
    assert!(import_dialog(&app).can_confirm());
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.popup, None);
    assert_eq!(app.data.people.len(), 5);
}

#[test]
fn a_bad_file_shows_its_problems_and_cannot_be_confirmed() {
    let (dir, mut app) = empty_app();
    let bad = dir.path().join("bad.csv");
    let mut csv = String::from("name,email,joined_on\n");
    for i in 0..30 {
        csv.push_str(&format!("P{i},p{i}@example.com,not-a-date\n"));
    }
    std::fs::write(&bad, csv).expect("write");
    open_import_from_palette(&mut app);
    keys(&mut app, &bad.display().to_string());
    app.handle_key(code(KeyCode::Enter));
    let d = import_dialog(&app);
    assert!(!d.can_confirm());
    let ImportStage::Problems { summary, lines } = &d.stage else {
        panic!("{:?}", d.stage)
    };
    assert!(summary.contains("30 problems"), "{summary}");
    assert_eq!(lines.len(), 30);
    let screen = text(&app, 80, 24);
    assert!(screen.contains("line 2: joined_on"), "{screen}");
    // Scrolls with the arrows.
    app.handle_key(code(KeyCode::Down));
    assert_eq!(import_dialog(&app).scroll, 1);
    assert!(!text(&app, 80, 24).contains("line 2: joined_on"));
    // Enter and y do not import: Enter previews again, y is typed into the path.
    app.handle_key(code(KeyCode::Enter));
    keys(&mut app, "y");
    assert!(!import_dialog(&app).can_confirm());
    app.handle_key(code(KeyCode::Esc));
    app.reload().expect("reload");
    assert!(app.data.people.is_empty());

    // A missing file says so.
    open_import_from_palette(&mut app);
    keys(&mut app, "/nonexistent/file.csv");
    app.handle_key(code(KeyCode::Enter));
    assert!(text(&app, 80, 24).contains("cannot read"));
    assert!(!import_dialog(&app).can_confirm());
}

#[test]
fn import_kind_cycles_and_x_is_no_longer_unavailable() {
    let (_dir, mut app) = empty_app();
    open_import_from_palette(&mut app);
    app.handle_key(code(KeyCode::Tab));
    keys(&mut app, "l");
    assert_eq!(
        import_dialog(&app).kind,
        skillgap::import::Kind::Assessments
    );
    keys(&mut app, "h");
    keys(&mut app, "h");
    assert_eq!(import_dialog(&app).kind, skillgap::import::Kind::Framework);
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "?");
    // Import is near the end of the help: scrolled to the bottom.
    keys(&mut app, &"j".repeat(60));
    let help = text(&app, 100, 40);
    assert!(!help.contains("Export (not yet)"), "{help}");
    assert!(help.contains("Import a file"), "{help}");
}

#[test]
fn after_an_import_the_same_team_and_person_stay_selected() {
    let (_tmp, store) = demo_store(42);
    let mut app = App::load(store, &Config::default(), today(), Theme::plain()).expect("app");
    let selected_team = |app: &App| {
        let i = app.view.team.list.current().expect("a team");
        app.data.teams[i].name.clone()
    };
    for _ in 0..3 {
        app.update(Action::Down);
    }
    assert_eq!(selected_team(&app), "Engineering");
    app.update(Action::ScreenPeople);
    app.update(Action::Bottom);
    let i = app.view.people.current().expect("a person");
    let last = app.data.people[i].name.clone();
    // The file adds the teams Data and Operations, and Ana Lima before everyone.
    open_import_from_palette(&mut app);
    keys(&mut app, &people_csv());
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(code(KeyCode::Enter));
    assert!(status(&app).contains("added 5 people"), "{}", status(&app));
    assert_eq!(selected_team(&app), "Engineering");
    let i = app.view.people.current().expect("a person");
    assert_eq!(app.data.people[i].name, last);
    app.update(Action::ScreenTeam);
    assert!(text(&app, 80, 24).contains("Engineering · "));
}

/// The app's export holds what `skillgap export` writes, the trend included: the app's
/// trend levels, brought up to date after its own edits, give the figures a fresh read does.
#[test]
fn the_apps_json_export_is_the_commands() {
    let out = tempfile::tempdir().expect("dir");
    let (_tmp, store) = demo_store(42);
    let db = store.path().to_path_buf();
    let mut config = Config::default();
    config.export.directory = Some(out.path().to_path_buf());
    config.export.format = skillgap::export::ExportFormat::Json;
    let mut app = App::load(store, &config, today(), Theme::plain()).expect("app");
    // An edit here first: a review sweep saves a level for the first person.
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Enter));
    keys(&mut app, "r3");
    assert!(status(&app).contains("Saved"), "{}", status(&app));
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(code(KeyCode::Esc));
    keys(&mut app, "1x");
    app.handle_key(code(KeyCode::Enter));
    let written = written(out.path());
    assert_eq!(written.len(), 1, "{}", status(&app));
    let ours = std::fs::read_to_string(&written[0]).expect("read");
    let fresh = Store::open(&db, Missing::Refuse).expect("open");
    let theirs = skillgap::export::export(
        fresh.conn(),
        &config,
        today(),
        &skillgap::export::Options {
            scope: skillgap::export::Scope::All,
            format: skillgap::export::ExportFormat::Json,
            include_private: false,
        },
    )
    .expect("export");
    let strip = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.contains("generated_at"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(ours.contains("\"trend\""));
    assert_eq!(strip(&ours), strip(&theirs));
}
