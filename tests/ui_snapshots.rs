//! What the wizard draws, as text, at the design size (80x24) and the small size (40x12), in
//! English and Korean. Review changed snapshots for how they look (`cargo insta review`).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use std::sync::{Arc, OnceLock};
use triage::app::{self, App, Msg};
use triage::theme::{Theme, ThemeName};
use triage::tree::{self, Lang, Tree};
use triage::ui;

fn tree() -> Arc<Tree> {
    static TREE: OnceLock<Arc<Tree>> = OnceLock::new();
    Arc::clone(TREE.get_or_init(|| Arc::new(tree::embedded())))
}

fn app(lang: Lang) -> App {
    App::new(tree(), lang, app::index_searcher(Default::default()))
}

fn walk_to(app: &mut App, id: &str) {
    let path: Vec<usize> = app
        .tree
        .path_to(id)
        .unwrap()
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    for a in path {
        app::update(app, Msg::Choose(a));
    }
}

/// The screen as text, one line per row; wide characters take their two cells once.
fn draw(app: &mut App, w: u16, h: u16) -> String {
    app::update(app, Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(ThemeName::Default, false);
    terminal.draw(|f| ui::render(f, app, &theme)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        let mut row = String::new();
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            row.push_str(symbol);
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

macro_rules! screens {
    ($($name:ident: $lang:expr, $w:expr, $h:expr, $setup:expr;)*) => {$(
        #[test]
        fn $name() {
            let mut a = app($lang);
            let setup: fn(&mut App) = $setup;
            setup(&mut a);
            insta::assert_snapshot!(draw(&mut a, $w, $h));
        }
    )*};
}

fn leaf_19(a: &mut App) {
    walk_to(a, "backup-19");
}

fn search_vss(a: &mut App) {
    app::update(a, Msg::OpenSearch);
    for c in "vss writers".chars() {
        app::update(a, Msg::Type(c));
    }
}

screens! {
    question_en_80x24: Lang::En, 80, 24, |_| {};
    question_ko_80x24: Lang::Ko, 80, 24, |_| {};
    question_en_40x12: Lang::En, 40, 12, |_| {};
    question_ko_40x12: Lang::Ko, 40, 12, |_| {};
    deep_question_en_80x24: Lang::En, 80, 24, |a| { app::update(a, Msg::Choose(1)); app::update(a, Msg::Choose(0)); };
    leaf_en_80x24: Lang::En, 80, 24, leaf_19;
    leaf_ko_80x24: Lang::Ko, 80, 24, leaf_19;
    leaf_en_40x12: Lang::En, 40, 12, leaf_19;
    leaf_ko_40x12: Lang::Ko, 40, 12, leaf_19;
    leaf_command_selected_en_80x24: Lang::En, 80, 24, |a| { leaf_19(a); app::update(a, Msg::Resize(80, 24)); app::update(a, Msg::NextCommand); app::update(a, Msg::NextCommand); };
    help_en_80x24: Lang::En, 80, 24, |a| { app::update(a, Msg::ToggleHelp); };
    help_ko_40x12: Lang::Ko, 40, 12, |a| { app::update(a, Msg::ToggleHelp); };
    search_en_80x24: Lang::En, 80, 24, search_vss;
    search_ko_40x12: Lang::Ko, 40, 12, search_vss;
    search_nothing_en_80x24: Lang::En, 80, 24, |a| { app::update(a, Msg::OpenSearch); for c in "zzqx".chars() { app::update(a, Msg::Type(c)); } };
    too_small_39x11: Lang::En, 39, 11, |_| {};
}

#[test]
fn every_size_from_1x1_draws_without_panic() {
    let mut a = app(Lang::Ko);
    walk_to(&mut a, "backup-26");
    for w in [1u16, 2, 5, 20, 39, 40, 41, 79, 80, 81, 120, 300] {
        for h in [1u16, 2, 5, 11, 12, 13, 24, 100] {
            draw(&mut a, w, h);
        }
    }
}

#[test]
fn monochrome_selection_is_reverse_video() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let theme = Theme::new(ThemeName::Default, false);
    terminal.draw(|f| ui::render(f, &a, &theme)).unwrap();
    let buffer = terminal.backend().buffer();
    let row = (0..24)
        .find(|y| buffer[(3u16, *y)].symbol() == "1")
        .unwrap();
    assert!(buffer[(5u16, row)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buffer[(5u16, row)].fg, ratatui::style::Color::Reset);
}

#[test]
fn chrome_has_no_ambiguous_width_glyphs() {
    use unicode_width::UnicodeWidthStr;
    let mut a = app(Lang::En);
    walk_to(&mut a, "backup-19");
    for lang in [Lang::En, Lang::Ko] {
        let s = triage::i18n::strings(lang);
        for text in [
            s.question_hint,
            s.leaf_hint,
            s.search_hint,
            s.help_hint,
            s.none_fits,
            s.copy_label,
            s.too_small,
            s.why_we_ask,
        ] {
            assert_eq!(
                text.width(),
                text.width_cjk(),
                "{text:?} drifts in CJK terminals"
            );
        }
    }
}
