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
    screen(app, w, h).0
}

/// The screen, and where the terminal cursor is when it is shown.
fn screen(app: &mut App, w: u16, h: u16) -> (String, Option<(u16, u16)>) {
    app::update(app, Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(ThemeName::Default, false);
    terminal.draw(|f| ui::render(f, app, &theme)).unwrap();
    let backend = terminal.backend();
    let cursor = backend
        .cursor_visible()
        .then(|| (backend.cursor_position().x, backend.cursor_position().y));
    let buffer = backend.buffer();
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
    (out, cursor)
}

/// The screen with a line under the cursor's row pointing at its cell ("^" at column x: in a
/// monospace font it sits under the cursor, Korean included).
fn draw_with_cursor(app: &mut App, w: u16, h: u16) -> String {
    let (text, cursor) = screen(app, w, h);
    let (x, y) = cursor.expect("the search box shows the cursor");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.insert(
        usize::from(y) + 1,
        format!("{}^ cursor", " ".repeat(x.into())),
    );
    lines.join("\n") + "\n"
}

macro_rules! screens {
    ($($name:ident: $lang:expr, $w:expr, $h:expr, $setup:expr;)*) => {$(
        #[test]
        fn $name() {
            let mut a = app($lang);
            // The size first, as in the wizard (a resize later keeps a selection in view).
            app::update(&mut a, Msg::Resize($w, $h));
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

/// A search for a MARS agent failure: a topic the guide does not cover.
fn search_mars(a: &mut App) {
    app::update(a, Msg::OpenSearch);
    for c in "MARS agent backup failed".chars() {
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
    search_not_covered_en_80x24: Lang::En, 80, 24, search_mars;
    search_not_covered_ko_40x12: Lang::Ko, 40, 12, search_mars;
    too_small_39x11: Lang::En, 39, 11, |_| {};
    search_close_call_en_80x24: Lang::En, 80, 24, search_shared_code;
    search_close_call_ko_40x12: Lang::Ko, 40, 12, search_shared_code;
    split_question_en_80x24: Lang::En, 80, 24, |a| { search_shared_code(a); app::update(a, Msg::AskSplit); };
    fill_form_en_80x24: Lang::En, 80, 24, fill_vault_command;
    fill_form_ko_40x12: Lang::Ko, 40, 12, fill_vault_command;
}

/// backup-01 from a pasted resource id, the form of its vault command open, a value typed.
fn fill_vault_command(a: &mut App) {
    open_search_with(
        a,
        "backup-01 /subscriptions/x/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-web-01",
    );
    app::update(a, Msg::Confirm);
    while !a
        .selected_command()
        .is_some_and(|c| c.contains("Get-AzRecoveryServicesVault"))
    {
        app::update(a, Msg::NextCommand);
    }
    app::update(a, Msg::Fill);
    for c in "rg-backup".chars() {
        app::update(a, Msg::Type(c));
    }
    app::update(a, Msg::NextCommand);
}

/// A code two fixes list: a close call.
fn search_shared_code(a: &mut App) {
    open_search_with(a, "ExtensionInstallationFailedMDTC");
}

fn open_search_with(a: &mut App, text: &str) {
    app::update(a, Msg::OpenSearch);
    app::paste(a, text);
}

#[test]
fn search_cursor_mid_query_ko_40x12() {
    let mut a = app(Lang::Ko);
    app::update(&mut a, Msg::Resize(40, 12));
    open_search_with(&mut a, "vss 기록기 오류 상태");
    // Back two words, then one character: the cursor sits inside the Korean word "오류".
    for m in [Msg::WordLeft, Msg::WordLeft, Msg::CursorRight] {
        app::update(&mut a, m);
    }
    insta::assert_snapshot!(draw_with_cursor(&mut a, 40, 12));
}

#[test]
fn search_cursor_mid_query_en_80x24() {
    let mut a = app(Lang::En);
    open_search_with(&mut a, "vss writers bad state");
    for m in [Msg::WordLeft, Msg::WordLeft, Msg::CursorLeft] {
        app::update(&mut a, m);
    }
    insta::assert_snapshot!(draw_with_cursor(&mut a, 80, 24));
}

/// A log line longer than the box: the box shows the part around the cursor.
#[test]
fn search_long_query_scrolled_en_40x12() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(40, 12));
    open_search_with(
        &mut a,
        "2024-05-01T10:22:03Z job 7f3a backup failed: UserErrorGuestAgentStatusUnavailable VM agent unreachable",
    );
    for _ in 0..6 {
        app::update(&mut a, Msg::WordLeft);
    }
    insta::assert_snapshot!(draw_with_cursor(&mut a, 40, 12));
}

#[test]
fn leaf_see_also_selected_en_80x24() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    leaf_19(&mut a);
    // Shift-Tab from the first command wraps to the last item: the last See also entry.
    app::update(&mut a, Msg::PrevCommand);
    insta::assert_snapshot!(draw(&mut a, 80, 24));
}

/// Tab until the first link is selected.
fn select_first_link(a: &mut App) {
    while a.link.is_none() {
        app::update(a, Msg::NextCommand);
    }
}

#[test]
fn leaf_link_selected_en_80x24() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    leaf_19(&mut a);
    select_first_link(&mut a);
    insta::assert_snapshot!(draw(&mut a, 80, 24));
}

#[test]
fn leaf_link_selected_ko_40x12() {
    let mut a = app(Lang::Ko);
    app::update(&mut a, Msg::Resize(40, 12));
    leaf_19(&mut a);
    select_first_link(&mut a);
    insta::assert_snapshot!(draw(&mut a, 40, 12));
}

#[test]
fn every_size_from_1x1_draws_without_panic() {
    let mut a = app(Lang::Ko);
    walk_to(&mut a, "backup-26");
    let mut form = app(Lang::Ko);
    fill_vault_command(&mut form);
    for w in [1u16, 2, 5, 20, 39, 40, 41, 79, 80, 81, 120, 300] {
        for h in [1u16, 2, 5, 11, 12, 13, 24, 100] {
            draw(&mut a, w, h);
            draw(&mut form, w, h);
        }
    }
}

/// In a terminal too short for the whole form, the field being typed into stays in view.
#[test]
fn the_fill_form_keeps_its_field_in_view_when_short() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(40, 12));
    fill_vault_command(&mut a);
    for h in [12u16, 13, 16] {
        let screen = draw(&mut a, 40, h);
        assert!(screen.contains("> <VaultName>"), "{h}: {screen}");
    }
}

/// The terminal cursor follows the cursor of the form's field (Left moves it, typing goes in
/// there).
#[test]
fn the_fill_form_draws_the_cursor_where_it_is_in_the_field() {
    let mut a = app(Lang::En);
    fill_vault_command(&mut a);
    for c in "vault-1".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    let (_, end) = screen(&mut a, 80, 24);
    let (x, y) = end.expect("the cursor is shown");
    app::update(&mut a, Msg::CursorLeft);
    app::update(&mut a, Msg::CursorLeft);
    let (text, moved) = screen(&mut a, 80, 24);
    assert_eq!(moved, Some((x - 2, y)), "{text}");
    let row = text.lines().nth(y.into()).unwrap();
    let value_end = row.trim_end().chars().count() as u16;
    assert_eq!(
        value_end, x,
        "at the end, the cursor is after the value: {row}"
    );
}

/// A long command with four blanks in a 40x12 terminal: the title gives way, and the command
/// shows the part where the field being typed into goes, with every field below it.
#[test]
fn a_short_form_shows_the_part_of_the_command_being_filled() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(40, 12));
    open_search_with(&mut a, "network-whitelist-ips");
    app::update(&mut a, Msg::Confirm);
    while !a
        .selected_command()
        .is_some_and(|c| c.contains("AllowAzureDatacenterOutbound"))
    {
        app::update(&mut a, Msg::NextCommand);
    }
    app::update(&mut a, Msg::Fill);
    let first = draw(&mut a, 40, 12);
    assert!(first.contains("--resource-group"), "{first}");
    for _ in 0..3 {
        app::update(&mut a, Msg::NextCommand);
    }
    let last = draw(&mut a, 40, 12);
    assert!(last.contains("<AzureIPRange>"), "{last}");
    assert!(!last.contains("--resource-group"), "{last}");
    for name in [
        "<nsg-resource-group>",
        "<nsg-name>",
        "<priority>",
        "> <AzureIPRange>",
    ] {
        assert!(last.contains(name), "{name}: {last}");
    }
    // Typing there keeps it in view.
    for c in "13.64.0.0/11".chars() {
        app::update(&mut a, Msg::Type(c));
    }
    let typed = draw(&mut a, 40, 12);
    assert!(
        typed.lines().any(|l| l.trim() == "13.64.0.0/11"),
        "the command shows the value: {typed}"
    );
    // With room, the title is back.
    let tall = draw(&mut a, 40, 30);
    assert!(tall.contains("Fill in the command"), "{tall}");
}

/// A trail that fits the top line is shown whole; only a longer one has its answers cut.
#[test]
fn the_trail_is_cut_only_when_it_does_not_fit() {
    let mut a = app(Lang::En);
    open_search_with(&mut a, "backup-03");
    app::update(&mut a, Msg::Confirm);
    let wide = draw(&mut a, 120, 40);
    let crumbs = wide.lines().nth(1).unwrap();
    assert!(
        crumbs.contains("A backup failed (scheduled or on demand) > VM agent or an extension"),
        "{crumbs}"
    );
    let narrow = draw(&mut a, 80, 24);
    let crumbs = narrow.lines().nth(1).unwrap();
    assert!(crumbs.contains(".."), "{crumbs}");
    assert!(
        crumbs.contains("VM agent is unable to communicate"),
        "{crumbs}"
    );
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

/// The screen drawn with `theme`, as text with each run of cells drawn bold and underlined
/// (the words of a result's title the query matched) in `[` `]`; and the buffer.
fn marked_screen(a: &mut App, w: u16, h: u16, theme: &Theme) -> (String, ratatui::buffer::Buffer) {
    app::update(a, Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::render(f, a, theme)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let marked = Modifier::BOLD | Modifier::UNDERLINED;
    let mut out = String::new();
    for y in 0..h {
        let (mut row, mut open, mut skip) = (String::new(), false, 0);
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buffer[(x, y)];
            let on = cell.modifier.contains(marked);
            if on != open {
                row.push(if on { '[' } else { ']' });
                open = on;
            }
            row.push_str(cell.symbol());
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        }
        if open {
            row.push(']');
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    (out, buffer)
}

/// The words of each result's title that the query matched are bold and underlined (in `[` `]`
/// here), as fzf marks what it matched: stemmed ("snapshots failing": Snapshot, fails, the
/// part of VMSnapshot), misspelt, in Korean without particles; stop words never.
#[test]
fn search_marks_the_words_the_query_matched_en_80x24() {
    let mut a = app(Lang::En);
    open_search_with(&mut a, "snapshots failing");
    let mono = Theme::new(ThemeName::Default, false);
    insta::assert_snapshot!(marked_screen(&mut a, 80, 24, &mono).0);
}

#[test]
fn search_marks_the_words_the_query_matched_ko_40x12() {
    let mut a = app(Lang::Ko);
    open_search_with(&mut a, "스냅샷 실패");
    let mono = Theme::new(ThemeName::Default, false);
    insta::assert_snapshot!(marked_screen(&mut a, 40, 12, &mono).0);
}

/// A matched word's cells: bold and underlined in every theme (monochrome shows it), yellow
/// too in the default one; on the selected row over its reverse video (or its colours); the
/// words around it as their row.
#[test]
fn a_matched_word_is_bold_and_underlined_over_its_rows_style() {
    use ratatui::style::Color;
    let mut a = app(Lang::En);
    open_search_with(&mut a, "vm agnet is not installed");
    let themes = [
        ("monochrome", Theme::new(ThemeName::Default, false)),
        ("default", Theme::new(ThemeName::Default, true)),
        ("high contrast", Theme::new(ThemeName::HighContrast, true)),
    ];
    for (name, theme) in themes {
        let (text, buffer) = marked_screen(&mut a, 80, 24, &theme);
        let rows: Vec<&str> = text.lines().collect();
        // The cell of the first letter of `word` (in brackets when marked) in row `row`.
        let cell = |row: usize, word: &str| {
            let at = rows[row].find(word).unwrap();
            let x =
                rows[row][..at].replace(['[', ']'], "").len() + usize::from(word.starts_with('['));
            buffer[(x as u16, row as u16)].clone()
        };
        let bold_underlined = Modifier::BOLD | Modifier::UNDERLINED;
        // The selected result: "VM agent is not installed on the VM".
        let first = rows
            .iter()
            .position(|r| r.contains("> backup-18"))
            .unwrap_or_else(|| panic!("{name}: {text}"));
        assert_eq!(
            rows[first], " > backup-18  [VM] [agent] is not [installed] on the [VM]",
            "{name}"
        );
        let (agent, not) = (cell(first, "[agent]"), cell(first, "not "));
        assert!(
            agent.modifier.contains(bold_underlined),
            "{name}: {agent:?}"
        );
        assert!(
            !not.modifier.contains(Modifier::UNDERLINED),
            "{name}: {not:?}"
        );
        match name {
            "monochrome" => {
                assert!(agent.modifier.contains(Modifier::REVERSED), "{agent:?}");
                assert_eq!(agent.fg, Color::Reset, "no colour: {agent:?}");
            }
            "default" => {
                assert!(agent.modifier.contains(Modifier::REVERSED), "{agent:?}");
                assert_eq!(agent.fg, Color::Yellow, "{agent:?}");
            }
            _ => assert_eq!(
                (agent.fg, agent.bg),
                (not.fg, not.bg),
                "the selection's colours"
            ),
        }
        // A result not selected: its matched words stand out of plain text.
        let other = (first + 1..rows.len())
            .find(|&r| rows[r].starts_with("   ") && rows[r].contains("[agent]"))
            .unwrap_or_else(|| panic!("{name}: {text}"));
        let agent = cell(other, "[agent]");
        assert!(
            agent.modifier.contains(bold_underlined),
            "{name}: {agent:?}"
        );
        assert!(
            !agent.modifier.contains(Modifier::REVERSED),
            "{name}: {agent:?}"
        );
        let colour = if name == "default" {
            Color::Yellow
        } else {
            Color::Reset
        };
        assert_eq!(agent.fg, colour, "{name}: {agent:?}");
    }
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
            s.practice_question_hint,
        ] {
            assert_eq!(
                text.width(),
                text.width_cjk(),
                "{text:?} drifts in CJK terminals"
            );
        }
    }
}

/// The page to read instead of a topic the guide does not cover is a hyperlink in the search
/// box, its pieces exactly where they are drawn; with no room for it (40x12), no link.
#[test]
fn the_page_to_read_instead_is_a_hyperlink_in_the_search_box() {
    use ratatui::layout::Rect;
    for (w, h) in [(80u16, 24u16), (50, 20)] {
        let mut a = app(Lang::En);
        app::update(&mut a, Msg::Resize(w, h));
        search_mars(&mut a);
        let area = Rect::new(0, 0, w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let theme = Theme::new(ThemeName::Default, false);
        terminal.draw(|f| ui::render(f, &a, &theme)).unwrap();
        let links = ui::hyperlinks(&a, area);
        let buffer = terminal.backend().buffer();
        let url = "https://learn.microsoft.com/azure/backup/backup-azure-mars-troubleshoot";
        assert!(!links.is_empty(), "{w}x{h}");
        for l in &links {
            let drawn: String = (l.x..l.x + l.text.len() as u16)
                .map(|x| buffer[(x, l.y)].symbol())
                .collect();
            assert_eq!(drawn, l.text, "{w}x{h}");
            assert_eq!(l.url, url);
        }
        assert_eq!(
            links.iter().map(|l| l.text.as_str()).collect::<String>(),
            url
        );
    }
    let mut a = app(Lang::Ko);
    app::update(&mut a, Msg::Resize(40, 12));
    search_mars(&mut a);
    assert!(ui::hyperlinks(&a, Rect::new(0, 0, 40, 12)).is_empty());
}

/// The hyperlinks `main` writes over the URLs (OSC 8) sit exactly on the URL pieces drawn, and
/// only where a URL is on screen.
#[test]
fn hyperlinks_sit_on_the_url_pieces_as_drawn() {
    use ratatui::layout::Rect;
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    leaf_19(&mut a);
    let area = Rect::new(0, 0, 80, 24);
    assert!(
        ui::hyperlinks(&a, area).is_empty(),
        "the links are below the screen at first"
    );
    select_first_link(&mut a);
    let url = a.tree.leaf("backup-19").unwrap().links[0].url.clone();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let theme = Theme::new(ThemeName::Default, false);
    terminal.draw(|f| ui::render(f, &a, &theme)).unwrap();
    let links = ui::hyperlinks(&a, area);
    assert_eq!(links.len(), 3, "{links:?}");
    let buffer = terminal.backend().buffer();
    for h in &links {
        let drawn: String = (h.x..h.x + h.text.len() as u16)
            .map(|x| buffer[(x, h.y)].symbol())
            .collect();
        assert_eq!(drawn, h.text);
        assert_eq!(
            (h.url.as_str(), h.id.as_str(), h.selected),
            (url.as_str(), "triage-1", true)
        );
    }
    assert_eq!(
        links.iter().map(|h| h.text.as_str()).collect::<String>(),
        url
    );
    // Another selection changes the cells' style: the hyperlinks say so.
    app::update(&mut a, Msg::NextCommand);
    assert!(ui::hyperlinks(&a, area).iter().all(|h| !h.selected));
    // Under an overlay, or too small, none.
    app::update(&mut a, Msg::ToggleHelp);
    assert!(ui::hyperlinks(&a, area).is_empty());
    app::update(&mut a, Msg::Escape);
    assert!(ui::hyperlinks(&a, Rect::new(0, 0, 39, 11)).is_empty());
    // The escape sequence carries only printable ASCII.
    assert_eq!(
        ui::hyperlink_start("https://a.example/x", "triage-1").as_deref(),
        Some("\x1b]8;id=triage-1;https://a.example/x\x1b\\")
    );
    assert_eq!(
        ui::hyperlink_start("https://a.example/\x1b]52;c;x\x07", "triage-1"),
        None
    );
    assert_eq!(ui::hyperlink_start("https://a.example/é", "triage-1"), None);
}

/// Practice at the small size: the message to solve is pinned (cut with ".." when long), the
/// question and the whole of "Why we ask" stay in view above the first answer, and nothing
/// offers search (it is off in practice).
fn practice_40x12(lang: Lang) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut a = app(lang);
    app::update(&mut a, Msg::Resize(40, 12));
    // The first seed whose first message is long in Korean (cut at 40 columns).
    let seed = (0..)
        .find(|seed| {
            let p = triage::practice::Practice::new(&a.tree, 1, *seed);
            triage::practice::prompt(&a.tree, &p.targets[0], Lang::Ko).width() > 38 * 4
        })
        .unwrap();
    a.start_practice(3, seed);
    draw(&mut a, 40, 12)
}

#[test]
fn practice_en_40x12() {
    insta::assert_snapshot!(practice_40x12(Lang::En));
}

#[test]
fn practice_ko_40x12() {
    insta::assert_snapshot!(practice_40x12(Lang::Ko));
}

/// The text of row `y` of a drawn screen.
fn row(screen: &str, y: usize) -> String {
    screen.lines().nth(y).unwrap_or_default().to_string()
}

#[test]
fn practice_shows_no_search_in_the_footer_the_answers_or_the_help() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(80, 24));
    a.start_practice(3, 11);
    let screen = draw(&mut a, 80, 24);
    let s = &triage::i18n::EN;
    assert!(!screen.contains(s.none_fits), "{screen}");
    let answers = a.tree.question(&a.tree.start).unwrap().answers.len();
    assert_eq!(
        row(&screen, 23).trim(),
        s.practice_question_hint
            .replace("1-9", &format!("1-{answers}"))
    );
    app::update(&mut a, Msg::ToggleHelp);
    let help = draw(&mut a, 80, 60);
    assert!(!help.to_lowercase().contains("search"), "{help}");
    assert!(help.contains("Alt-1..9"), "{help}");
}

/// The wizard's question lists "0 None of these fits: search" under its answers: the footer's
/// digits cover that 0 too ("0-8 answer"), in both languages and at both sizes.
#[test]
fn the_question_footer_covers_the_0_answer() {
    for lang in [Lang::En, Lang::Ko] {
        let s = triage::i18n::strings(lang);
        for (w, h) in [(80, 24), (40, 12)] {
            let mut a = app(lang);
            let screen = draw(&mut a, w, h);
            let answers = a.tree.question(&a.tree.start).unwrap().answers.len();
            if h == 24 {
                assert!(screen.contains(&format!("0 {}", s.none_fits)), "{screen}");
            }
            let footer = row(&screen, usize::from(h) - 1);
            assert!(
                footer.trim_start().starts_with(&format!("0-{answers} ")),
                "{lang:?} {w}x{h}: {footer}"
            );
        }
    }
}

/// A trainee deep in a round at 40 columns still sees which round it is: the answers give way.
#[test]
fn the_practice_round_stays_in_the_breadcrumb_when_the_answers_do_not_fit() {
    for lang in [Lang::En, Lang::Ko] {
        let mut a = app(lang);
        app::update(&mut a, Msg::Resize(40, 12));
        a.start_practice(5, 3);
        for _ in 0..3 {
            if a.tree.question(&a.current).is_some() {
                app::update(&mut a, Msg::Choose(0));
            }
        }
        assert!(a.trail.len() >= 2, "answers given");
        let banner = triage::i18n::strings(lang).practice_banner;
        let crumb = row(&draw(&mut a, 40, 12), 1);
        assert!(
            crumb.starts_with(&format!(" {banner} 1/5 | ")),
            "{lang:?}: {crumb}"
        );
    }
}

/// After the last round Enter shows the score, and the hint says so; before it, the next round.
#[test]
fn the_last_verdict_offers_the_score_not_a_next_round() {
    let s = &triage::i18n::EN;
    for (rounds, hint) in [(2, s.practice_next), (1, s.practice_to_score)] {
        let mut a = app(Lang::En);
        app::update(&mut a, Msg::Resize(80, 24));
        a.start_practice(rounds, 5);
        let target = a.practice.as_ref().unwrap().targets[0].clone();
        let answers: Vec<usize> = a
            .tree
            .path_to(&target)
            .unwrap()
            .into_iter()
            .map(|(_, answer)| answer)
            .collect();
        for answer in answers {
            app::update(&mut a, Msg::Choose(answer));
        }
        assert!(a.practice_verdict());
        assert_eq!(row(&draw(&mut a, 80, 24), 23).trim(), hint);
    }
}

/// The breadcrumb lists the answers without numbers (a number there read as the answer's own);
/// Alt-N still goes back to the Nth answer, and the help says so.
#[test]
fn breadcrumb_has_no_numbers_and_alt_n_still_jumps() {
    let mut a = app(Lang::En);
    app::update(&mut a, Msg::Resize(100, 30));
    app::update(&mut a, Msg::Choose(1));
    let first = a.tree.question(&a.tree.start).unwrap().answers[1]
        .label
        .en
        .clone();
    assert_eq!(row(&draw(&mut a, 100, 30), 1), format!(" Start > {first}"));
    app::update(&mut a, Msg::Choose(0));
    let crumb = row(&draw(&mut a, 100, 30), 1);
    assert!(!crumb.chars().any(|c| c.is_ascii_digit()), "{crumb}");
    app::update(&mut a, Msg::JumpTo(0));
    assert_eq!((a.current.clone(), a.selected), (a.tree.start.clone(), 1));
    let rows = triage::keys::help_rows(triage::keys::Ctx::Question, Lang::En);
    assert!(
        rows.iter()
            .any(|(k, d)| k == "Alt-1..9" && d.contains("Nth answer of the trail")),
        "{rows:?}"
    );
}

/// backup-25 opened from search, `umount /dev/sdb1` selected (Tab three times), at `w`x`h`.
fn umount_selected(lang: Lang, w: u16, h: u16) -> App {
    let mut a = app(lang);
    app::update(&mut a, Msg::Resize(w, h));
    open_search_with(&mut a, "UserErrorFsFreezeFailed");
    app::update(&mut a, Msg::Confirm);
    assert_eq!(a.current, "backup-25");
    while a.selected_command() != Some("umount /dev/sdb1") {
        app::update(&mut a, Msg::NextCommand);
    }
    a
}

/// What the clipboard says inside tmux with `set-clipboard` off (as `Copier::copy` puts it).
fn tmux_said(lang: Lang) -> String {
    let s = triage::i18n::strings(lang);
    format!("{}\n{}", s.copied_tmux, s.tmux_hint)
}

/// The user test: inside tmux the status line cut the command ("umoun..") and links ("https..")
/// for the tmux hint. What was copied comes first; the hint only when it fits whole.
#[test]
fn the_copy_status_shows_what_was_copied_before_the_tmux_hint() {
    for lang in [Lang::En, Lang::Ko] {
        let s = triage::i18n::strings(lang);
        for (w, h) in [(80, 24), (40, 12)] {
            let mut a = umount_selected(lang, w, h);
            let Some(app::Effect::Copy(text)) = app::update(&mut a, Msg::Copy) else {
                panic!("umount is copied")
            };
            a.status = Some(app::copied_status(&tmux_said(lang), &text));
            let status = row(&draw(&mut a, w, h), usize::from(h) - 1);
            let full = format!(" {}: umount /dev/sdb1", s.copied_tmux);
            if triage::text::width(&full) <= usize::from(w) {
                assert!(status.starts_with(&full), "{lang:?} {w}x{h}: {status}");
            } else {
                let start = format!(" {}: umount", s.copied_tmux);
                assert!(status.starts_with(&start), "{lang:?} {w}x{h}: {status}");
            }
            // The hint whole, or not at all.
            let hint = format!("({})", s.tmux_hint);
            assert!(
                status.ends_with(&hint) || !status.contains('('),
                "{lang:?} {w}x{h}: {status}"
            );
            if w == 80 {
                assert!(
                    status.ends_with(&hint),
                    "{lang:?} room for the hint: {status}"
                );
            }
            // Outside tmux, or with set-clipboard on: no hint.
            a.status = Some(app::copied_status(s.copied, &text));
            let status = row(&draw(&mut a, w, h), usize::from(h) - 1);
            assert_eq!(status, format!(" {}: umount /dev/sdb1", s.copied));
        }
    }
}

#[test]
fn a_copied_link_shows_its_start_inside_tmux() {
    for lang in [Lang::En, Lang::Ko] {
        for (w, h) in [(80, 24), (40, 12)] {
            let mut a = app(lang);
            app::update(&mut a, Msg::Resize(w, h));
            leaf_19(&mut a);
            select_first_link(&mut a);
            let Some(app::Effect::Copy(url)) = app::update(&mut a, Msg::Copy) else {
                panic!("the link is copied")
            };
            a.status = Some(app::copied_status(&tmux_said(lang), &url));
            let status = row(&draw(&mut a, w, h), usize::from(h) - 1);
            let s = triage::i18n::strings(lang);
            let shown = format!(" {}: https://", s.copied_tmux);
            assert!(status.starts_with(&shown), "{lang:?} {w}x{h}: {status}");
        }
    }
}

/// A transcript path too long for the status line keeps its end, the file name.
#[test]
fn the_transcript_status_keeps_the_end_of_the_path() {
    let path = "/home/someone-with-a-long-name/.local/share/triage/transcripts/triage-20261129T201729Z-1.md";
    for lang in [Lang::En, Lang::Ko] {
        let s = triage::i18n::strings(lang);
        for (w, h) in [(80, 24), (60, 20), (40, 12)] {
            let mut a = umount_selected(lang, w, h);
            a.status = Some(format!("{} {path}", s.transcript_written));
            let status = row(&draw(&mut a, w, h), usize::from(h) - 1);
            assert!(
                status.starts_with(&format!(" {} ...", s.transcript_written)),
                "{lang:?} {w}x{h}: {status}"
            );
            assert!(status.ends_with("-1.md"), "{lang:?} {w}x{h}: {status}");
            assert!(triage::text::width(&status) <= usize::from(w));
        }
    }
    // Where it fits, whole names only after the mark.
    let shown = ui::fit_status(
        &format!("{} {path}", triage::i18n::EN.transcript_written),
        Lang::En,
        79,
    );
    assert_eq!(
        shown,
        "Transcript written to .../share/triage/transcripts/triage-20261129T201729Z-1.md"
    );
    // Narrower than the file name: its end.
    assert_eq!(
        ui::fit_status(
            &format!("{} {path}", triage::i18n::EN.transcript_written),
            Lang::En,
            39,
        ),
        "Transcript written to ...9T201729Z-1.md"
    );
    let short = format!("{} /tmp/triage-1.md", triage::i18n::EN.transcript_written);
    assert_eq!(ui::fit_status(&short, Lang::En, 79), short);
}

/// The hint after a copy (tmux may keep it from the clipboard) matters more than the end of
/// the command copied, which is on screen anyway: the command is cut to make room for it.
#[test]
fn a_copy_hint_is_kept_and_the_command_cut_for_it() {
    let s = &triage::i18n::EN;
    let status = app::copied_status(
        &format!("{}\n{}", s.copied_tmux, s.tmux_hint),
        "vssadmin list writers",
    );
    assert_eq!(
        ui::fit_status(&status, Lang::En, 79),
        "Sent to tmux: vssadmin list writers (needs tmux set-clipboard on)"
    );
    let at_59 = ui::fit_status(&status, Lang::En, 59);
    assert_eq!(
        at_59,
        "Sent to tmux: vssadmin list.. (needs tmux set-clipboard on)"
    );
    // Too narrow for both: what was copied.
    assert_eq!(
        ui::fit_status(&status, Lang::En, 39),
        "Sent to tmux: vssadmin list writers"
    );
}

/// The message to solve of practice round 1 at 40x12: the rows it gets on screen, from the
/// third row on (below the title bar and the breadcrumb).
fn message_rows(screen: &str, rows: usize) -> Vec<String> {
    (2..2 + rows)
        .map(|y| {
            let r = row(screen, y);
            // The margin's "^" says there is more above.
            let r = r.trim_end().trim_end_matches('^').trim_end();
            r.strip_prefix(' ').unwrap_or(r).to_string()
        })
        .collect()
}

/// At 40x12 every message of the tree can be read whole, in both languages: PgDn shows the
/// lines below the cut ("..") until the last one; the footer names PgUp/PgDn when there is
/// more than fits, and only then.
#[test]
fn every_practice_message_can_be_read_whole_at_40x12() {
    let theme = Theme::new(ThemeName::Default, false);
    let targets = triage::practice::pick_targets(&tree(), 200, 1);
    let mut scrolled = 0;
    for lang in [Lang::En, Lang::Ko] {
        let s = triage::i18n::strings(lang);
        for target in &targets {
            let mut a = app(lang);
            app::update(&mut a, Msg::Resize(40, 12));
            a.start_practice(1, 0);
            a.practice.as_mut().unwrap().targets[0] = target.clone();
            let size = triage::view::body_size((40, 12));
            let m = a.practice_message(size, &theme).unwrap();
            let want: Vec<String> = m
                .doc
                .lines
                .iter()
                .map(|l| {
                    let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                    t.trim_end().to_string()
                })
                .collect();
            let mut seen: Vec<Option<String>> = vec![None; want.len()];
            loop {
                let m = a.practice_message(size, &theme).unwrap();
                let screen = draw(&mut a, 40, 12);
                let more = m.scroll + m.rows < want.len();
                for (i, text) in message_rows(&screen, m.rows).into_iter().enumerate() {
                    if more && i + 1 == m.rows {
                        assert!(text.ends_with(".."), "{lang:?} {target}:\n{screen}");
                        continue;
                    }
                    seen[m.scroll + i] = Some(text);
                }
                let footer = row(&screen, 11);
                assert_eq!(
                    footer.contains("PgUp/PgDn"),
                    m.cut(),
                    "{lang:?} {target}:\n{screen}"
                );
                assert!(
                    footer.trim_end().ends_with(
                        s.practice_question_hint_scroll_short
                            .rsplit_once(' ')
                            .unwrap()
                            .1
                    ),
                    "the footer is not cut: {footer}"
                );
                if !more {
                    break;
                }
                app::update(&mut a, Msg::PageDown);
                scrolled += 1;
            }
            let seen: Vec<String> = seen.into_iter().map(Option::unwrap_or_default).collect();
            assert_eq!(seen, want, "{lang:?} {target}");
        }
    }
    assert!(
        scrolled > 0,
        "some messages are longer than their rows at 40x12"
    );
}

/// The longest Korean message of the practice snapshots, scrolled to its end with PgDn: "^"
/// says there is more above, the question, "Why we ask" and the first answer keep their rows.
#[test]
fn practice_message_scrolled_ko_40x12() {
    let mut a = app(Lang::Ko);
    app::update(&mut a, Msg::Resize(40, 12));
    a.start_practice(2, 3);
    for _ in 0..5 {
        app::update(&mut a, Msg::PageDown);
    }
    insta::assert_snapshot!(draw(&mut a, 40, 12));
}

/// Practice ended with q in round 3 of 3: the score says so, the breadcrumb holds no round and no
/// answers, the first round (missed) is selected, the footer names the score's keys.
fn practice_ended_early(lang: Lang, w: u16, h: u16) -> String {
    let mut a = app(lang);
    practice_ended_early_app(&mut a, w, h);
    draw(&mut a, w, h)
}

fn practice_ended_early_app(a: &mut App, w: u16, h: u16) {
    app::update(a, Msg::Resize(w, h));
    a.start_practice(3, 7);
    // Round 1 missed (another fix reached), round 2 right.
    for right in [false, true] {
        let target = a.practice.as_ref().unwrap().target().unwrap().to_string();
        let reach = if right || target == "backup-19" {
            target
        } else {
            "backup-19".to_string()
        };
        walk_to(a, &reach);
        assert_eq!(
            a.practice.as_ref().unwrap().result().unwrap().correct,
            right
        );
        app::update(a, Msg::Confirm);
    }
    app::update(a, Msg::Choose(0));
    app::update(a, Msg::Escape);
}

/// The score of [`practice_ended_early`] with its second round selected (">" and reverse video).
fn practice_score_selected(lang: Lang, w: u16, h: u16) -> App {
    let mut a = app(lang);
    practice_ended_early_app(&mut a, w, h);
    app::update(&mut a, Msg::Down);
    a
}

#[test]
fn practice_score_selected_en_80x24() {
    let mut a = practice_score_selected(Lang::En, 80, 24);
    insta::assert_snapshot!(draw(&mut a, 80, 24));
}

#[test]
fn practice_score_selected_ko_40x12() {
    let mut a = practice_score_selected(Lang::Ko, 40, 12);
    insta::assert_snapshot!(draw(&mut a, 40, 12));
}

/// Enter on the score's first round (missed): its verdict again, read-only; the breadcrumb says
/// which round, the footer how to go back.
fn practice_review(lang: Lang, w: u16, h: u16) -> App {
    let mut a = app(lang);
    practice_ended_early_app(&mut a, w, h);
    app::update(&mut a, Msg::Confirm);
    assert_eq!(ui::context(&a), triage::keys::Ctx::Review);
    a
}

#[test]
fn practice_review_en_80x24() {
    let mut a = practice_review(Lang::En, 80, 24);
    insta::assert_snapshot!(draw(&mut a, 80, 24));
}

#[test]
fn practice_review_ko_40x12() {
    let mut a = practice_review(Lang::Ko, 40, 12);
    insta::assert_snapshot!(draw(&mut a, 40, 12));
}

/// Without colour (NO_COLOR, a monochrome terminal) the selected round is marked by ">" and
/// drawn in reverse video; the others are neither.
#[test]
fn monochrome_selected_round_is_marked_and_reverse_video() {
    let mut a = practice_score_selected(Lang::En, 80, 24);
    let mono = Theme::new(ThemeName::Default, false);
    let (text, buffer) = marked_screen(&mut a, 80, 24, &mono);
    let rows: Vec<&str> = text.lines().collect();
    let selected = rows.iter().position(|r| r.starts_with(" > 2. ")).unwrap();
    let other = rows.iter().position(|r| r.starts_with("   1. ")).unwrap();
    let id = rows[selected].find("backup-16").unwrap() as u16;
    let reversed = |y: usize| buffer[(id, y as u16)].modifier.contains(Modifier::REVERSED);
    assert!(reversed(selected), "{text}");
    assert!(!reversed(other), "{text}");
}

/// The score and a round's verdict opened from it draw at every size, the keys acting at each.
#[test]
fn the_score_and_a_reopened_verdict_draw_at_every_size() {
    for lang in [Lang::En, Lang::Ko] {
        for w in [1u16, 2, 5, 20, 39, 40, 41, 79, 80, 81, 120, 300] {
            for h in [1u16, 2, 5, 11, 12, 13, 24, 100] {
                let mut a = practice_score_selected(lang, 80, 24);
                draw(&mut a, w, h);
                for msg in [
                    Msg::End,
                    Msg::PageDown,
                    Msg::Confirm,
                    Msg::Down,
                    Msg::PageDown,
                ] {
                    app::update(&mut a, msg);
                    draw(&mut a, w, h);
                }
                app::update(&mut a, Msg::Back);
                draw(&mut a, w, h);
            }
        }
    }
}

#[test]
fn practice_ended_early_en_80x24() {
    insta::assert_snapshot!(practice_ended_early(Lang::En, 80, 24));
}

#[test]
fn practice_ended_early_ko_40x12() {
    insta::assert_snapshot!(practice_ended_early(Lang::Ko, 40, 12));
}

/// The body rows of a drawn `w`-column screen as one text, the scroll marks in the right margin
/// left out and the spaces of the wrapping squeezed out (so it reads whatever the width).
fn body_text(screen: &str, w: u16) -> String {
    let rows: Vec<&str> = screen.lines().collect();
    let mut out = String::new();
    for r in &rows[2..rows.len() - 1] {
        let r = if triage::text::width(r) == usize::from(w) {
            &r[..r.len() - 1]
        } else {
            r
        };
        out.push_str(r);
    }
    squeezed(&out)
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The user test (`practice --seed 1` at 40x12): "Why we ask" under a practice question was cut
/// to its end ("agent problems have different causes ^"), its start never in view, and at the
/// next question only its last line showed. Now, arriving at any question of the tree in
/// practice, in both languages, at 40x12 and 80x24, the question, the whole of "Why we ask"
/// (its label first) and the first answer (its first line at least) are on screen, in that
/// order.
#[test]
fn why_we_ask_shows_whole_under_every_practice_question() {
    let tree = tree();
    let mut checked = 0;
    for lang in [Lang::En, Lang::Ko] {
        let s = triage::i18n::strings(lang);
        for (w, h) in [(40, 12), (80, 24)] {
            for (id, q) in tree.questions() {
                let Some(why) = &q.why else {
                    continue;
                };
                let mut a = app(lang);
                app::update(&mut a, Msg::Resize(w, h));
                a.start_practice(3, 1);
                for (_, answer) in tree.path_to(id).unwrap_or_default() {
                    app::update(&mut a, Msg::Choose(answer));
                }
                assert_eq!(a.current, id);
                let screen = draw(&mut a, w, h);
                let text = body_text(&screen, w);
                let at = |part: &str| {
                    text.find(&squeezed(part))
                        .unwrap_or_else(|| panic!("{lang:?} {w}x{h} {id}: no {part:?}\n{screen}"))
                };
                let question = at(q.text.get(lang));
                let why = at(&format!("{}: {}", s.why_we_ask, why.get(lang)));
                // (Its first line at least: at 40x12 a long one may go on below.)
                let label = q.answers[0].label.get(lang);
                let first = at(&format!("> 1 {}", label.split(' ').next().unwrap()));
                assert!(
                    question < why && why < first,
                    "{lang:?} {w}x{h} {id}:\n{screen}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "{checked}");
}

/// A tree whose first question's "Why we ask" is longer than the rows a 40x12 screen has for it.
fn long_why_app() -> App {
    let why = "The first words of a long why. ".to_string()
        + &"Every word of it matters to the trainee. ".repeat(5)
        + "The last words of the why.";
    let src = format!(
        r#"Tree(id: "t", title: (en: "T", ko: "T"), start: "start", nodes: {{
        "start": Question(text: (en: "Which one?", ko: "어느 것?"),
            why: (en: "{why}", ko: "{why}"),
            answers: [
                (label: (en: "a", ko: "a"), next: "one"),
                (label: (en: "b", ko: "b"), next: "two"),
            ]),
        "one": Leaf(title: (en: "One", ko: "One"), errors: [(en: "The disk is full", ko: "디스크 가득 참")],
            cause: (en: "C.", ko: "C."), steps: [(en: "S.", ko: "S.")]),
        "two": Leaf(title: (en: "Two", ko: "Two"), errors: [(en: "The disk is gone", ko: "디스크 없음")],
            cause: (en: "C.", ko: "C."), steps: [(en: "S.", ko: "S.")]),
    }})"#
    );
    let tree = tree::load_str("t.ron", &src).expect("a valid tree");
    let mut a = App::new(
        Arc::new(tree),
        Lang::En,
        app::index_searcher(Default::default()),
    );
    app::update(&mut a, Msg::Resize(40, 12));
    a.start_practice(1, 1);
    a
}

/// A "Why we ask" too long for its rows at 40x12 shows from its start on arriving (the
/// question stays above it); Down scrolls on to the first answer before it moves the
/// highlight, Up on the first answer scrolls back to the start before it wraps around: every
/// line of it is read.
#[test]
fn a_long_why_we_ask_shows_from_its_start_and_scrolls_with_the_arrows() {
    let mut a = long_why_app();
    let screen = draw(&mut a, 40, 12);
    let text = body_text(&screen, 40);
    assert!(text.contains(&squeezed("Which one?")), "{screen}");
    assert!(
        text.contains(&squeezed("Why we ask: The first words")),
        "{screen}"
    );
    assert!(
        !text.contains(&squeezed("> 1 a")),
        "not in view yet:\n{screen}"
    );
    // Down reads on, the highlight staying on the first answer until it is in view.
    let mut seen = text.clone();
    let mut downs = 0;
    while !body_text(&draw(&mut a, 40, 12), 40).contains(&squeezed("> 1 a")) {
        app::update(&mut a, Msg::Down);
        assert_eq!(a.selected, 0);
        seen.push_str(&body_text(&draw(&mut a, 40, 12), 40));
        downs += 1;
        assert!(downs < 20, "the first answer comes into view");
    }
    assert!(
        seen.contains(&squeezed("The last words of the why.")),
        "{seen}"
    );
    app::update(&mut a, Msg::Down);
    assert_eq!(a.selected, 1);
    app::update(&mut a, Msg::Up);
    assert_eq!(a.selected, 0);
    // Up on the first answer: back to the start of the why, then around to the last answer.
    for _ in 0..downs {
        app::update(&mut a, Msg::Up);
        assert_eq!(a.selected, 0);
    }
    let screen = draw(&mut a, 40, 12);
    assert!(
        body_text(&screen, 40).contains(&squeezed("Why we ask: The first words")),
        "{screen}"
    );
    app::update(&mut a, Msg::Up);
    assert_eq!(a.selected, 1, "wraps around at the top");
    // A digit answers whatever is in view.
    app::update(&mut a, Msg::Choose(0));
    assert!(a.practice_verdict());
}

/// The user test: at 40x12 the score's lines that wrap went on at the left edge ("1. 오답
/// restore-10  선택한 서브넷이" / "없음"): they go on under the fix's id.
#[test]
fn the_score_lines_that_wrap_go_on_under_the_fix_id() {
    for lang in [Lang::Ko, Lang::En] {
        let screen = practice_ended_early(lang, 40, 12);
        let rows: Vec<&str> = screen.lines().collect();
        let first = rows.iter().position(|r| r.contains("restore-10")).unwrap();
        let column = rows[first].find("restore-10").unwrap();
        let next = rows[first + 1];
        assert!(!next.contains(" 2. "), "{lang:?}: it wraps\n{screen}");
        let indent = next.len() - next.trim_start().len();
        assert_eq!(
            triage::text::width(&rows[first][..column]),
            indent,
            "{lang:?}:\n{screen}"
        );
    }
}

/// The user test: in Korean at 80x24 the verdict's scroll mark touched the text ("스냅숏이
/// 성공하기^"). Every "^" or "v" in the right margin of a verdict, the score or the message to
/// solve has a blank column before it, in both languages and sizes.
#[test]
fn scroll_marks_in_practice_have_a_blank_before_them() {
    let mut marks = 0;
    for lang in [Lang::Ko, Lang::En] {
        for (w, h) in [(80u16, 24u16), (40, 12)] {
            for seed in 0..12 {
                let mut a = app(lang);
                app::update(&mut a, Msg::Resize(w, h));
                a.start_practice(2, seed);
                let mut screens = vec![draw(&mut a, w, h)];
                for _ in 0..3 {
                    app::update(&mut a, Msg::PageDown);
                    screens.push(draw(&mut a, w, h));
                }
                // A wrong first answer: the verdict, scrolled a line at a time.
                let target = a.practice.as_ref().unwrap().target().unwrap().to_string();
                let q = a.tree.question(&a.current).unwrap();
                let away = (0..q.answers.len())
                    .find(|i| {
                        !tree::validate::reachable_from(&a.tree, &q.answers[*i].next)
                            .contains(target.as_str())
                    })
                    .unwrap();
                app::update(&mut a, Msg::Choose(away));
                while !a.practice_verdict() {
                    app::update(&mut a, Msg::Choose(0));
                }
                for _ in 0..12 {
                    screens.push(draw(&mut a, w, h));
                    app::update(&mut a, Msg::Down);
                }
                for screen in &screens {
                    let rows: Vec<&str> = screen.lines().collect();
                    for r in &rows[2..rows.len() - 1] {
                        if triage::text::width(r) == usize::from(w)
                            && (r.ends_with('^') || r.ends_with('v'))
                        {
                            marks += 1;
                            let before = r[..r.len() - 1].chars().last();
                            assert_eq!(before, Some(' '), "{lang:?} {w}x{h}:\n{screen}");
                        }
                    }
                }
            }
        }
    }
    assert!(marks > 0);
}
