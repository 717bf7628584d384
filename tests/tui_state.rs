//! Drives the app with keys and actions, as a user would, and checks the view state.

#[path = "tui_common/mod.rs"]
mod common;

use common::{code, demo_app, demo_store, draw, keys, text, today};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use skillgap::config::Config;
use skillgap::keymap::Action;
use skillgap::model::Person;
use skillgap::store::people::insert_person;
use skillgap::tui::{App, Popup, Screen, Theme};

#[test]
fn number_keys_tab_and_shift_tab_switch_screens() {
    let (_dir, mut app) = demo_app();
    assert_eq!(app.view.screen, Screen::Team);
    keys(&mut app, "3");
    assert_eq!(app.view.screen, Screen::Matrix);
    app.handle_key(code(KeyCode::Tab));
    assert_eq!(app.view.screen, Screen::Skills);
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(app.view.screen, Screen::People);
    keys(&mut app, "6");
    app.handle_key(code(KeyCode::Tab));
    assert_eq!(app.view.screen, Screen::Perception);
    app.handle_key(code(KeyCode::Tab));
    assert_eq!(app.view.screen, Screen::Team);
}

#[test]
fn filter_narrows_people_as_you_type_and_esc_clears() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2/");
    assert_eq!(app.view.popup, Some(Popup::Filter));
    keys(&mut app, "ada");
    let rows = &app.view.people.rows;
    assert!(!rows.is_empty() && rows.len() < app.data.people.len());
    for &i in rows {
        assert!(app.data.people[i].search.contains("ada"));
    }
    // Keys that are actions elsewhere are text while filtering.
    keys(&mut app, " k");
    assert_eq!(app.view.people.filter, "ada k");
    assert!(app.view.people.rows.iter().all(|&i| {
        let r = &app.data.people[i];
        r.name.to_lowercase().contains("ada") && r.search.contains('k')
    }));
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.popup, None);
    assert!(text(&app, 80, 24).contains("filter: ada k"));
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.people.filter, "");
    assert_eq!(app.view.people.len(), app.data.active);
}

#[test]
fn filter_by_team_name_and_on_notes() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2/platform");
    app.handle_key(code(KeyCode::Enter));
    assert!(
        app.view
            .people
            .rows
            .iter()
            .all(|&i| app.data.people[i].team == "Platform")
    );
    keys(&mut app, "6/pick a course");
    app.handle_key(code(KeyCode::Enter));
    assert!(!app.view.notes.is_empty());
    assert!(app.view.notes.rows.iter().all(|&i| {
        app.data.notes[i]
            .body
            .to_lowercase()
            .contains("pick a course")
    }));
}

#[test]
fn sort_cycles_and_orders_by_readiness() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2s");
    assert_eq!(app.view.people.sort, 1);
    assert!(
        app.view
            .status
            .as_deref()
            .unwrap_or("")
            .contains("readiness")
    );
    let r: Vec<f64> = app
        .view
        .people
        .rows
        .iter()
        .filter_map(|&i| app.data.people[i].readiness)
        .collect();
    assert!(r.windows(2).all(|w| w[0] <= w[1]), "{r:?}");
    keys(&mut app, "s");
    let g: Vec<u8> = app
        .view
        .people
        .rows
        .iter()
        .map(|&i| app.data.people[i].largest_gap)
        .collect();
    assert!(g.windows(2).all(|w| w[0] >= w[1]));
    for _ in 0..10 {
        keys(&mut app, "s");
    }
    assert!(app.view.people.sort < app.sorts().len());
}

#[test]
fn enter_opens_a_person_and_esc_goes_back() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2jj");
    let id = app.data.people[app.view.people.current().expect("row")].id;
    app.handle_key(code(KeyCode::Enter));
    let person = app.view.person.as_ref().expect("person open");
    assert_eq!(person.detail.id, id);
    assert!(!person.detail.history.is_empty());
    let screen = text(&app, 120, 40);
    let name = &app.data.person_name(id);
    assert!(screen.contains(name.as_str()));
    assert!(screen.contains("y month"));
    assert!(screen.contains("Self Verif"));
    // Scrolling reaches the notes; it stops at the end.
    app.update(Action::Bottom);
    let bottom = text(&app, 120, 40);
    assert!(bottom.contains("One-on-one notes") || bottom.contains("- ["));
    app.handle_key(code(KeyCode::Esc));
    assert!(app.view.person.is_none());
    assert_eq!(app.view.screen, Screen::People);
}

#[test]
fn matrix_scrolls_both_ways_keeping_names_and_header() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "3");
    let first = text(&app, 80, 24);
    for _ in 0..21 {
        keys(&mut app, "l");
    }
    assert_eq!(app.view.matrix.col, 21);
    keys(&mut app, "l");
    assert_eq!(app.view.matrix.col, 21, "stops at the last skill");
    app.update(Action::PageDown);
    app.update(Action::Bottom);
    let last = text(&app, 80, 24);
    assert!(app.view.matrix.col_offset() > 0);
    assert_eq!(app.view.matrix.list.selected, app.data.active - 1);
    // The name column shows the last person; the header line is still there.
    let last_name = &app.data.people[app.view.matrix.list.current().expect("row")].name;
    assert!(last.contains(last_name.as_str()));
    let header = |s: &str| s.lines().nth(2).unwrap_or("").to_string();
    assert_ne!(
        header(&first),
        header(&last),
        "the header scrolled sideways"
    );
    assert!(header(&last).trim_start_matches('│').starts_with("   "));
    // Enter opens the selected person.
    app.handle_key(code(KeyCode::Enter));
    assert!(app.view.person.is_some());
}

#[test]
fn help_palette_and_unavailable_actions() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "?");
    assert!(matches!(app.view.popup, Some(Popup::Help { .. })));
    // The Team screen's keys come first; the rest is a scroll away.
    let first = text(&app, 80, 24);
    assert!(first.contains("On Team"), "{first}");
    assert!(!first.contains("Command palette"));
    keys(&mut app, &"j".repeat(60));
    assert!(text(&app, 80, 24).contains("Command palette"));
    keys(&mut app, "?");
    assert_eq!(app.view.popup, None);
    keys(&mut app, ":matrix");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.screen, Screen::Matrix);
    assert_eq!(app.view.popup, None);
    keys(&mut app, "a");
    assert!(matches!(app.view.popup, Some(Popup::Form(_))));
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.popup, None);
    keys(&mut app, "q");
    assert!(app.should_quit());
}

#[test]
fn user_key_overrides_drive_the_app_and_the_help() {
    let (_dir, store) = demo_store(42);
    let mut config = Config::default();
    config
        .keys
        .insert("screen_people".into(), vec!["p".into(), "f2".into()]);
    let mut app = App::load(store, &config, today(), Theme::plain()).expect("app");
    keys(&mut app, "2");
    assert_eq!(
        app.view.screen,
        Screen::Team,
        "the default key was replaced"
    );
    keys(&mut app, "p");
    assert_eq!(app.view.screen, Screen::People);
    let screen = text(&app, 100, 30);
    assert!(screen.contains("p/F2 People"), "{screen}");
    keys(&mut app, "?");
    assert!(text(&app, 100, 40).contains("p/F2"));
}

#[test]
fn team_picker_rolls_up_sub_teams() {
    let (_dir, mut app) = demo_app();
    let everyone = app.view.team.panel.summary.people;
    let pos = app
        .data
        .teams
        .iter()
        .position(|t| t.name == "Engineering")
        .expect("team");
    for _ in 0..pos {
        keys(&mut app, "j");
    }
    let eng = app.view.team.panel.summary.people;
    let platform = app
        .data
        .people
        .iter()
        .filter(|p| p.team == "Platform" || p.team == "Engineering")
        .count();
    assert_eq!(eng, platform);
    assert!(eng < everyone);
    // Enter shows that team's people (sub-teams included) on People and Matrix.
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.view.screen, Screen::People);
    assert_eq!(app.view.people.len(), eng);
    assert!(app.view.people.rows.iter().all(|&i| {
        let t = &app.data.people[i].team;
        t == "Engineering" || t == "Platform"
    }));
    let title = format!("People · Engineering ({eng} of {everyone})");
    assert!(text(&app, 80, 24).contains(&title), "{title}");
    keys(&mut app, "3");
    assert_eq!(app.view.matrix.list.len(), eng);
    assert!(text(&app, 80, 24).contains("Matrix · Engineering"));
    app.handle_key(code(KeyCode::Esc));
    assert!(app.view.scope.is_none());
    assert_eq!(app.view.matrix.list.len(), everyone);
    assert_eq!(app.view.people.len(), everyone);
}

#[test]
fn plain_theme_writes_no_colour_but_shows_selection_and_gaps() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "3");
    let terminal = draw(&app, 100, 30);
    let buf = terminal.backend().buffer();
    let mut reversed = 0;
    let mut underlined = 0;
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
        reversed += usize::from(cell.modifier.contains(Modifier::REVERSED));
        underlined += usize::from(cell.modifier.contains(Modifier::UNDERLINED));
    }
    assert!(reversed > 0 && underlined > 0);
    // The colour theme colours the gaps.
    app.theme = Theme::color();
    let terminal = draw(&app, 100, 30);
    assert!(
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.bg == Color::LightRed)
    );
    assert!(Theme::from_config(skillgap::config::ThemeStyle::Color, true).plain);
}

#[test]
fn wide_names_and_escapes_keep_the_layout() {
    let (_dir, store) = demo_store(42);
    for name in [
        "山田 太郎 🙂🙂 長い名前のテスト",
        "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J Name",
    ] {
        insert_person(
            store.conn(),
            &Person {
                id: 0,
                name: name.into(),
                email: None,
                team_id: None,
                role_id: None,
                joined_on: None,
                archived: false,
            },
        )
        .expect("insert");
    }
    let mut app = App::load(store, &Config::default(), today(), Theme::plain()).expect("app");
    for screen in ["2/山田", "3/山田"] {
        keys(&mut app, screen);
        app.handle_key(code(KeyCode::Enter));
        let screen = text(&app, 80, 24);
        assert!(screen.contains("山田"), "{screen}");
        for line in screen.lines() {
            assert_eq!(unicode_width::UnicodeWidthStr::width(line), 80, "{line}");
            assert!(!line.chars().any(char::is_control), "{line:?}");
        }
    }
    app.handle_key(code(KeyCode::Enter));
    assert!(text(&app, 80, 24).contains("山田"));
    keys(&mut app, "2");
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.view.people.filter, "");
    keys(&mut app, "/evil");
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(code(KeyCode::Enter));
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Evil"));
    assert!(!screen.contains('\u{1b}'));
    assert!(app.view.person.is_some());
}

#[test]
fn an_empty_database_shows_every_screen() {
    let dir = tempfile::tempdir().expect("dir");
    let store = skillgap::store::Store::open(
        &dir.path().join("empty.db"),
        skillgap::store::Missing::Create,
    )
    .expect("open");
    let mut app = App::load(store, &Config::default(), today(), Theme::color()).expect("app");
    for k in "123456".chars() {
        keys(&mut app, &k.to_string());
        for key in ["j", "l", "G", "s", "/x"] {
            keys(&mut app, key);
        }
        app.handle_key(code(KeyCode::Enter));
        app.handle_key(code(KeyCode::Enter));
        for (w, h) in [(80, 24), (60, 16), (200, 60)] {
            let screen = text(&app, w, h);
            assert!(screen.contains("skillgap"), "{screen}");
        }
        app.handle_key(code(KeyCode::Esc));
        app.handle_key(code(KeyCode::Esc));
    }
    keys(&mut app, "1");
    app.handle_key(code(KeyCode::Esc));
    let screen = text(&app, 120, 40);
    assert!(screen.contains("Everyone · 0 people"), "{screen}");
    // Nobody to offer training to is not "everyone was offered training".
    assert!(screen.contains("No active members"), "{screen}");
    assert!(!screen.contains("Everyone was offered"), "{screen}");
    // An empty People list says how to fill it.
    keys(&mut app, "2");
    let screen = text(&app, 120, 40);
    assert!(screen.contains("No people yet: a adds one"), "{screen}");
}

#[test]
fn reverse_sort_and_next_previous_match_without_hiding_rows() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, "2");
    let names = |app: &App| -> Vec<String> {
        app.view
            .people
            .rows
            .iter()
            .map(|&i| app.data.people[i].name.clone())
            .collect()
    };
    let before = names(&app);
    keys(&mut app, "S");
    let mut reversed = before.clone();
    reversed.reverse();
    assert_eq!(names(&app), reversed);
    assert!(text(&app, 100, 30).contains("reversed"));
    keys(&mut app, "S");
    assert_eq!(names(&app), before);
    // n with a filter: every row comes back and the cursor goes to the next match.
    keys(&mut app, "/ada");
    app.handle_key(code(KeyCode::Enter));
    let matching = app.view.people.len();
    assert!(matching >= 2 && matching < app.data.active);
    keys(&mut app, "n");
    assert_eq!(app.view.people.len(), app.data.active, "no row hidden");
    let first = app.view.people.selected;
    assert!(
        app.data.people[app.view.people.current().unwrap()]
            .search
            .contains("ada")
    );
    keys(&mut app, "n");
    let second = app.view.people.selected;
    assert_ne!(first, second);
    assert!(
        app.data.people[app.view.people.current().unwrap()]
            .search
            .contains("ada")
    );
    let screen = text(&app, 100, 30);
    assert!(
        screen.contains(&format!(" of {matching} for “ada”")),
        "{screen}"
    );
    keys(&mut app, "N");
    assert_eq!(app.view.people.selected, first);
}

#[test]
fn palette_ranks_prefixes_first_and_ctrl_u_clears_it() {
    let (_dir, mut app) = demo_app();
    keys(&mut app, ":rev");
    let hits = skillgap::tui::app::palette_matches("rev");
    let at = |a: Action| hits.iter().position(|&h| h == a).unwrap();
    assert!(at(Action::Review) < at(Action::Previous), "{hits:?}");
    assert!(at(Action::Review) < at(Action::Left), "{hits:?}");
    app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    match &app.view.popup {
        Some(Popup::Palette { input, .. }) => assert_eq!(input.text(), ""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn slow_work_first_says_it_is_working_then_runs_in_order() {
    let (_dir, mut app) = demo_app();
    app.defer_slow_work(true);
    keys(&mut app, "u");
    assert!(app.has_deferred());
    assert!(text(&app, 80, 24).contains("⏳ Undoing…"));
    assert!(app.run_deferred());
    assert_eq!(app.view.status.as_deref(), Some("Nothing to undo"));
    // A key pressed before the loop ran the work runs after it.
    keys(&mut app, "u2");
    assert!(!app.has_deferred());
    assert_eq!(app.view.screen, Screen::People);
}

/// A filter typed first, then the sort: the rows shown are the filtered ones, in the sort's
/// order (seen once on 100,000 people: 72% above 51% under "readiness (lowest first)").
#[test]
fn a_sort_orders_the_filtered_rows_too() {
    let (_dir, store) = demo_store(400);
    let mut app = App::load(store, &Config::default(), today(), Theme::plain()).expect("app");
    keys(&mut app, "2/a");
    app.handle_key(code(KeyCode::Enter));
    let filtered = app.view.people.rows.len();
    assert!(filtered > 20 && filtered < 400, "{filtered}");
    keys(&mut app, "s");
    assert_eq!(app.view.people.rows.len(), filtered);
    let shown: Vec<f64> = app
        .view
        .people
        .rows
        .iter()
        .filter_map(|&i| app.data.people[i].readiness)
        .collect();
    assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{shown:?}");
    // What the screen prints is the same order.
    let screen = text(&app, 160, 50);
    let percents: Vec<u32> = screen
        .lines()
        .skip(3)
        .filter_map(|l| {
            l.split_whitespace()
                .find(|w| w.ends_with('%'))
                .and_then(|w| w.trim_end_matches('%').parse().ok())
        })
        .collect();
    assert!(percents.len() > 10, "{screen}");
    assert!(
        percents.windows(2).all(|w| w[0] <= w[1]),
        "{percents:?}\n{screen}"
    );
}
