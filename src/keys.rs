//! Keys to messages, in one table: the same table drives key handling and the help screen.

use crate::app::Msg;
use crate::tree::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Question,
    Leaf,
    Search,
    Help,
    /// A practice round's verdict, or the final score.
    Verdict,
    /// Question and leaf screens (not while typing a search).
    Screens,
    /// Everywhere, even while typing.
    Always,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
    /// Any digit 1-9 (its value is the message's parameter).
    Digits,
    /// Alt with a digit 1-9.
    AltDigits,
}

/// What a binding does; digit bindings fill in the digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Msg(Msg),
    ChooseDigit,
    JumpDigit,
}

pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    pub action: Action,
    pub en: &'static str,
    pub ko: &'static str,
}

use Action::Msg as M;
use Key::{Char, Code, Ctrl};

pub static BINDINGS: &[Binding] = &[
    Binding {
        ctx: Ctx::Question,
        keys: &[Key::Digits],
        action: Action::ChooseDigit,
        en: "choose that answer",
        ko: "그 답 고르기",
    },
    Binding {
        ctx: Ctx::Question,
        keys: &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        action: M(Msg::Down),
        en: "move between answers",
        ko: "답 사이 이동",
    },
    Binding {
        ctx: Ctx::Question,
        keys: &[Code(KeyCode::Enter), Code(KeyCode::Right), Char('l')],
        action: M(Msg::Confirm),
        en: "choose the highlighted answer",
        ko: "강조된 답 고르기",
    },
    Binding {
        ctx: Ctx::Question,
        keys: &[Char('0')],
        action: M(Msg::OpenSearch),
        en: "none of these fits: search",
        ko: "해당 없음: 검색",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Code(KeyCode::Tab), Code(KeyCode::Down), Char('j')],
        action: M(Msg::NextCommand),
        en: "next command",
        ko: "다음 명령",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Code(KeyCode::BackTab), Code(KeyCode::Up), Char('k')],
        action: M(Msg::PrevCommand),
        en: "previous command",
        ko: "이전 명령",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Char('c'), Char('y')],
        action: M(Msg::Copy),
        en: "copy the selected command (OSC 52)",
        ko: "선택한 명령 복사 (OSC 52)",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Char('p'), Char('o')],
        action: M(Msg::PrintOnQuit),
        en: "print the selected command on quit",
        ko: "종료할 때 선택한 명령 출력",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Code(KeyCode::PageDown), Char(' ')],
        action: M(Msg::PageDown),
        en: "scroll down a page",
        ko: "한 화면 아래로",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Code(KeyCode::PageUp)],
        action: M(Msg::PageUp),
        en: "scroll up a page",
        ko: "한 화면 위로",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Code(KeyCode::Home), Char('g')],
        action: M(Msg::Home),
        en: "go to the top",
        ko: "맨 위로",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Code(KeyCode::End), Char('G')],
        action: M(Msg::End),
        en: "go to the end",
        ko: "맨 아래로",
    },
    Binding {
        ctx: Ctx::Screens,
        keys: &[Code(KeyCode::Backspace), Code(KeyCode::Left), Char('h')],
        action: M(Msg::Back),
        en: "back one step",
        ko: "한 단계 뒤로",
    },
    Binding {
        ctx: Ctx::Screens,
        keys: &[Key::AltDigits],
        action: Action::JumpDigit,
        en: "back to step N of the trail",
        ko: "경로의 N번째 단계로",
    },
    Binding {
        ctx: Ctx::Screens,
        keys: &[Char('r')],
        action: M(Msg::Restart),
        en: "restart from the first question",
        ko: "첫 질문부터 다시",
    },
    Binding {
        ctx: Ctx::Screens,
        keys: &[Char('/')],
        action: M(Msg::OpenSearch),
        en: "search: paste an error or a code",
        ko: "검색: 오류나 코드 붙여 넣기",
    },
    Binding {
        ctx: Ctx::Screens,
        keys: &[Char('e')],
        action: M(Msg::WriteTranscript),
        en: "write a Markdown transcript",
        ko: "Markdown 기록 저장",
    },
    Binding {
        ctx: Ctx::Screens,
        keys: &[Char('L')],
        action: M(Msg::ToggleLang),
        en: "switch English / Korean",
        ko: "영어 / 한국어 전환",
    },
    Binding {
        ctx: Ctx::Screens,
        keys: &[Char('?')],
        action: M(Msg::ToggleHelp),
        en: "show these keys",
        ko: "이 키 목록 보기",
    },
    Binding {
        ctx: Ctx::Screens,
        keys: &[Char('q'), Code(KeyCode::Esc)],
        action: M(Msg::Escape),
        en: "quit",
        ko: "종료",
    },
    Binding {
        ctx: Ctx::Search,
        keys: &[Code(KeyCode::Up), Code(KeyCode::Down)],
        action: M(Msg::Down),
        en: "move between results",
        ko: "결과 사이 이동",
    },
    Binding {
        ctx: Ctx::Search,
        keys: &[Code(KeyCode::Enter)],
        action: M(Msg::Confirm),
        en: "open the result",
        ko: "결과 열기",
    },
    Binding {
        ctx: Ctx::Search,
        keys: &[Code(KeyCode::Backspace)],
        action: M(Msg::Erase),
        en: "erase a character",
        ko: "한 글자 지우기",
    },
    Binding {
        ctx: Ctx::Search,
        keys: &[Ctrl('w')],
        action: M(Msg::EraseWord),
        en: "erase the last word",
        ko: "마지막 단어 지우기",
    },
    Binding {
        ctx: Ctx::Search,
        keys: &[Ctrl('u')],
        action: M(Msg::ClearQuery),
        en: "clear the query",
        ko: "검색어 지우기",
    },
    Binding {
        ctx: Ctx::Search,
        keys: &[Code(KeyCode::Esc)],
        action: M(Msg::Escape),
        en: "close search",
        ko: "검색 닫기",
    },
    Binding {
        ctx: Ctx::Help,
        keys: &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        action: M(Msg::Down),
        en: "scroll",
        ko: "스크롤",
    },
    Binding {
        ctx: Ctx::Help,
        keys: &[Code(KeyCode::PageDown), Char(' ')],
        action: M(Msg::PageDown),
        en: "scroll down a page",
        ko: "한 화면 아래로",
    },
    Binding {
        ctx: Ctx::Help,
        keys: &[Code(KeyCode::PageUp)],
        action: M(Msg::PageUp),
        en: "scroll up a page",
        ko: "한 화면 위로",
    },
    Binding {
        ctx: Ctx::Help,
        keys: &[Code(KeyCode::Esc), Char('?'), Char('q')],
        action: M(Msg::Escape),
        en: "close this help",
        ko: "도움말 닫기",
    },
    Binding {
        ctx: Ctx::Verdict,
        keys: &[Code(KeyCode::Enter), Char(' '), Char('n')],
        action: M(Msg::Confirm),
        en: "next round (after the last: quit)",
        ko: "다음 문제 (마지막 뒤: 종료)",
    },
    Binding {
        ctx: Ctx::Verdict,
        keys: &[Char('q'), Code(KeyCode::Esc)],
        action: M(Msg::Escape),
        en: "end the run: show the score",
        ko: "연습 끝내기: 점수 보기",
    },
    Binding {
        ctx: Ctx::Verdict,
        keys: &[Char('?')],
        action: M(Msg::ToggleHelp),
        en: "show these keys",
        ko: "이 키 목록 보기",
    },
    Binding {
        ctx: Ctx::Always,
        keys: &[Ctrl('c')],
        action: M(Msg::Quit),
        en: "quit at once",
        ko: "즉시 종료",
    },
];

fn key_matches(key: &Key, event: &KeyEvent) -> Option<Option<usize>> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    match (key, event.code) {
        (Key::Ctrl(c), KeyCode::Char(x)) if ctrl && x.eq_ignore_ascii_case(c) => Some(None),
        (_, _) if ctrl => None,
        (Key::AltDigits, KeyCode::Char(d @ '1'..='9')) if alt => {
            Some(Some(d as usize - '1' as usize))
        }
        (_, _) if alt => None,
        (Key::Digits, KeyCode::Char(d @ '1'..='9')) => Some(Some(d as usize - '1' as usize)),
        (Key::Char(c), KeyCode::Char(x)) if *c == x => Some(None),
        (Key::Code(code), x) if *code == x => Some(None),
        _ => None,
    }
}

fn applies(ctx: Ctx, screen: Ctx) -> bool {
    ctx == screen
        || ctx == Ctx::Always
        || (ctx == Ctx::Screens && matches!(screen, Ctx::Question | Ctx::Leaf))
}

/// The message for a key on a screen; typing in the search box gives `Type`.
pub fn to_msg(screen: Ctx, event: &KeyEvent) -> Option<Msg> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    for b in BINDINGS.iter().filter(|b| applies(b.ctx, screen)) {
        for key in b.keys {
            if let Some(digit) = key_matches(key, event) {
                return Some(match (b.action, digit) {
                    (Action::ChooseDigit, Some(d)) => Msg::Choose(d),
                    (Action::JumpDigit, Some(d)) => Msg::JumpTo(d),
                    // Up and Down share a row of the table; the key decides the direction.
                    (Action::Msg(Msg::Down), _) if is_up(key) => Msg::Up,
                    (Action::Msg(m), _) => m,
                    _ => continue,
                });
            }
        }
    }
    if screen == Ctx::Search
        && let KeyCode::Char(c) = event.code
        && !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return Some(Msg::Type(c));
    }
    None
}

fn is_up(key: &Key) -> bool {
    matches!(key, Key::Code(KeyCode::Up) | Key::Char('k'))
}

fn key_name(key: &Key) -> String {
    match key {
        Key::Char(' ') => "Space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::Digits => "1-9".into(),
        Key::AltDigits => "Alt-1..9".into(),
        Key::Code(code) => match code {
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        },
    }
}

/// The help rows for a screen: keys and what they do, from the binding table.
pub fn help_rows(screen: Ctx, lang: Lang) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| applies(b.ctx, screen))
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(key_name).collect();
            (
                keys.join(" "),
                match lang {
                    Lang::En => b.en,
                    Lang::Ko => b.ko,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn digits_choose_and_alt_digits_jump() {
        assert_eq!(
            to_msg(Ctx::Question, &key(KeyCode::Char('3'))),
            Some(Msg::Choose(2))
        );
        let alt = KeyEvent::new(KeyCode::Char('2'), KeyModifiers::ALT);
        assert_eq!(to_msg(Ctx::Question, &alt), Some(Msg::JumpTo(1)));
        assert_eq!(to_msg(Ctx::Leaf, &alt), Some(Msg::JumpTo(1)));
        assert_eq!(to_msg(Ctx::Leaf, &key(KeyCode::Char('3'))), None);
    }

    #[test]
    fn up_and_down_keep_their_direction() {
        assert_eq!(to_msg(Ctx::Question, &key(KeyCode::Up)), Some(Msg::Up));
        assert_eq!(
            to_msg(Ctx::Question, &key(KeyCode::Char('j'))),
            Some(Msg::Down)
        );
        assert_eq!(to_msg(Ctx::Search, &key(KeyCode::Up)), Some(Msg::Up));
        assert_eq!(to_msg(Ctx::Leaf, &key(KeyCode::Up)), Some(Msg::PrevCommand));
    }

    #[test]
    fn typing_in_search_never_triggers_screen_keys() {
        for c in ['q', 'r', 'c', '/', '?', 'L', '1', 'h'] {
            assert_eq!(
                to_msg(Ctx::Search, &key(KeyCode::Char(c))),
                Some(Msg::Type(c))
            );
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(to_msg(Ctx::Search, &ctrl_c), Some(Msg::Quit));
        assert_eq!(to_msg(Ctx::Leaf, &ctrl_c), Some(Msg::Quit));
    }

    #[test]
    fn quit_keys() {
        assert_eq!(
            to_msg(Ctx::Question, &key(KeyCode::Char('q'))),
            Some(Msg::Escape)
        );
        assert_eq!(to_msg(Ctx::Leaf, &key(KeyCode::Esc)), Some(Msg::Escape));
        assert_eq!(to_msg(Ctx::Search, &key(KeyCode::Esc)), Some(Msg::Escape));
    }

    #[test]
    fn help_is_generated_from_the_table_in_both_languages() {
        let en = help_rows(Ctx::Leaf, Lang::En);
        assert!(en.iter().any(|(k, d)| k == "c y" && d.contains("copy")));
        let ko = help_rows(Ctx::Leaf, Lang::Ko);
        assert_eq!(en.len(), ko.len());
        assert!(ko.iter().any(|(_, d)| d.contains("복사")));
    }
}
