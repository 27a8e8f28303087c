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
    /// A practice round's verdict, as the round ends.
    Verdict,
    /// The score at the end of a practice run: its rounds listed, one selected.
    Score,
    /// A round's verdict opened again from the score, read-only.
    Review,
    /// The form that fills in a command's placeholders.
    Fill,
    /// Typing a line of text: the search box and the fields of the form.
    Typing,
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
    /// Ctrl with a key that is not a character (Ctrl-Left).
    CtrlCode(KeyCode),
    Alt(char),
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
use Key::{Alt, Char, Code, Ctrl, CtrlCode};

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
    // Practice only (see `practice_only`): the message to solve may be longer than its rows.
    Binding {
        ctx: Ctx::Question,
        keys: &[Code(KeyCode::PageDown), Code(KeyCode::PageUp)],
        action: M(Msg::PageDown),
        en: "scroll the error message to solve",
        ko: "풀어야 할 오류 메시지 스크롤",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Code(KeyCode::Tab), Code(KeyCode::Down), Char('j')],
        action: M(Msg::NextCommand),
        en: "next command, then the links, then the See also fixes",
        ko: "다음 명령, 그다음 링크, 함께 보기 항목",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Code(KeyCode::BackTab), Code(KeyCode::Up), Char('k')],
        action: M(Msg::PrevCommand),
        en: "previous command, link or See also fix",
        ko: "이전 명령, 링크 또는 함께 보기 항목",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Code(KeyCode::Enter)],
        action: M(Msg::Confirm),
        en: "open the selected See also fix (on a command or a link: copy it)",
        ko: "선택한 함께 보기 열기 (명령이나 링크면 복사)",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Char('c'), Char('y')],
        action: M(Msg::Copy),
        en: "copy the selected command, or the selected link's URL (OSC 52)",
        ko: "선택한 명령이나 링크 주소 복사 (OSC 52)",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Char('f')],
        action: M(Msg::Fill),
        en: "fill in the selected command's <placeholders> (kept for the others)",
        ko: "선택한 명령의 <자리 표시자> 채우기 (다른 명령에도 사용)",
    },
    Binding {
        ctx: Ctx::Leaf,
        keys: &[Char('p'), Char('o')],
        action: M(Msg::PrintOnQuit),
        en: "print the selected command or link's URL on quit",
        ko: "종료할 때 선택한 명령이나 링크 주소 출력",
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
        en: "back to the Nth answer of the trail (top line)",
        ko: "경로의 N번째 답으로",
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
        en: "search: paste an error or a code (or start typing it)",
        ko: "검색: 오류나 코드 붙여 넣기 (바로 입력해도 됨)",
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
        keys: &[Code(KeyCode::Up), Code(KeyCode::Down), Ctrl('p'), Ctrl('n')],
        action: M(Msg::Down),
        en: "move between results",
        ko: "결과 사이 이동",
    },
    Binding {
        ctx: Ctx::Search,
        keys: &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
        action: M(Msg::PageDown),
        en: "move a page of results",
        ko: "결과를 한 화면씩 이동",
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
        keys: &[Code(KeyCode::Tab)],
        action: M(Msg::AskSplit),
        en: "close call: ask the question that tells them apart",
        ko: "비슷한 결과: 처음 두 결과를 가르는 질문에 답하기",
    },
    // Pairs share a row: the first key of each pair goes back (left, to the start).
    Binding {
        ctx: Ctx::Typing,
        keys: &[Code(KeyCode::Left), Code(KeyCode::Right)],
        action: M(Msg::CursorRight),
        en: "move the cursor",
        ko: "커서 이동",
    },
    Binding {
        ctx: Ctx::Typing,
        keys: &[
            CtrlCode(KeyCode::Left),
            CtrlCode(KeyCode::Right),
            Alt('b'),
            Alt('f'),
        ],
        action: M(Msg::WordRight),
        en: "move the cursor a word",
        ko: "커서를 단어 단위로 이동",
    },
    Binding {
        ctx: Ctx::Typing,
        keys: &[
            Code(KeyCode::Home),
            Code(KeyCode::End),
            Ctrl('a'),
            Ctrl('e'),
        ],
        action: M(Msg::End),
        en: "cursor to the start / the end",
        ko: "커서를 맨 앞 / 맨 뒤로",
    },
    Binding {
        ctx: Ctx::Typing,
        keys: &[Code(KeyCode::Backspace)],
        action: M(Msg::Erase),
        en: "erase before the cursor",
        ko: "커서 앞 글자 지우기",
    },
    Binding {
        ctx: Ctx::Typing,
        keys: &[Code(KeyCode::Delete), Ctrl('d')],
        action: M(Msg::EraseNext),
        en: "erase under the cursor",
        ko: "커서 자리 글자 지우기",
    },
    Binding {
        ctx: Ctx::Typing,
        keys: &[Ctrl('w')],
        action: M(Msg::EraseWord),
        en: "erase the word before the cursor",
        ko: "커서 앞 단어 지우기",
    },
    Binding {
        ctx: Ctx::Typing,
        keys: &[Ctrl('u'), Ctrl('k')],
        action: M(Msg::EraseToEnd),
        en: "erase to the start / the end",
        ko: "맨 앞까지 / 맨 뒤까지 지우기",
    },
    Binding {
        ctx: Ctx::Search,
        keys: &[Code(KeyCode::Esc)],
        action: M(Msg::Escape),
        en: "close search",
        ko: "검색 닫기",
    },
    Binding {
        ctx: Ctx::Fill,
        keys: &[Code(KeyCode::Tab), Code(KeyCode::Down)],
        action: M(Msg::NextCommand),
        en: "next field",
        ko: "다음 칸",
    },
    Binding {
        ctx: Ctx::Fill,
        keys: &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        action: M(Msg::PrevCommand),
        en: "previous field",
        ko: "이전 칸",
    },
    Binding {
        ctx: Ctx::Fill,
        keys: &[Code(KeyCode::Enter)],
        action: M(Msg::Confirm),
        en: "keep the values",
        ko: "값 저장",
    },
    Binding {
        ctx: Ctx::Fill,
        keys: &[Code(KeyCode::Esc)],
        action: M(Msg::Escape),
        en: "cancel: keep the values as they were",
        ko: "취소: 값을 그대로 두기",
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
        keys: &[Code(KeyCode::Home), Char('g')],
        action: M(Msg::Home),
        en: "go to the top",
        ko: "맨 위로",
    },
    Binding {
        ctx: Ctx::Help,
        keys: &[Code(KeyCode::End), Char('G')],
        action: M(Msg::End),
        en: "go to the end",
        ko: "맨 아래로",
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
        en: "next round (after the last: the score)",
        ko: "다음 문제 (마지막 뒤: 점수)",
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
        keys: &[Char('L')],
        action: M(Msg::ToggleLang),
        en: "switch English / Korean",
        ko: "영어 / 한국어 전환",
    },
    Binding {
        ctx: Ctx::Verdict,
        keys: &[Char('?')],
        action: M(Msg::ToggleHelp),
        en: "show these keys",
        ko: "이 키 목록 보기",
    },
    Binding {
        ctx: Ctx::Verdict,
        keys: &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        action: M(Msg::Down),
        en: "scroll",
        ko: "스크롤",
    },
    Binding {
        ctx: Ctx::Verdict,
        keys: &[Code(KeyCode::PageDown), Code(KeyCode::PageUp)],
        action: M(Msg::PageDown),
        en: "scroll a page",
        ko: "한 화면씩 스크롤",
    },
    Binding {
        ctx: Ctx::Score,
        keys: &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        action: M(Msg::Down),
        en: "select a round",
        ko: "문제 고르기",
    },
    Binding {
        ctx: Ctx::Score,
        keys: &[Code(KeyCode::PageDown), Code(KeyCode::PageUp)],
        action: M(Msg::PageDown),
        en: "select a page of rounds further",
        ko: "한 화면만큼 떨어진 문제 고르기",
    },
    Binding {
        ctx: Ctx::Score,
        keys: &[Code(KeyCode::Home), Char('g')],
        action: M(Msg::Home),
        en: "select the first round",
        ko: "첫 문제 고르기",
    },
    Binding {
        ctx: Ctx::Score,
        keys: &[Code(KeyCode::End), Char('G')],
        action: M(Msg::End),
        en: "select the last round",
        ko: "마지막 문제 고르기",
    },
    Binding {
        ctx: Ctx::Score,
        keys: &[Code(KeyCode::Enter)],
        action: M(Msg::Confirm),
        en: "open the selected round's verdict again (no round played: quit)",
        ko: "고른 문제의 풀이 다시 보기 (푼 문제가 없으면 종료)",
    },
    Binding {
        ctx: Ctx::Score,
        keys: &[Char('r')],
        action: M(Msg::Restart),
        en: "retry the rounds not right (missed and close): a new run, scored afresh",
        ko: "틀린 문제(오답과 근접)만 다시 풀기: 새로 채점",
    },
    Binding {
        ctx: Ctx::Score,
        keys: &[Char('q'), Code(KeyCode::Esc)],
        action: M(Msg::Escape),
        en: "quit",
        ko: "종료",
    },
    Binding {
        ctx: Ctx::Score,
        keys: &[Char('L')],
        action: M(Msg::ToggleLang),
        en: "switch English / Korean",
        ko: "영어 / 한국어 전환",
    },
    Binding {
        ctx: Ctx::Score,
        keys: &[Char('?')],
        action: M(Msg::ToggleHelp),
        en: "show these keys",
        ko: "이 키 목록 보기",
    },
    Binding {
        ctx: Ctx::Review,
        keys: &[
            Code(KeyCode::Backspace),
            Code(KeyCode::Left),
            Char('h'),
            Code(KeyCode::Enter),
            Char('q'),
            Code(KeyCode::Esc),
        ],
        action: M(Msg::Back),
        en: "back to the score, the round still selected",
        ko: "점수로 돌아가기 (고른 문제 그대로)",
    },
    Binding {
        ctx: Ctx::Review,
        keys: &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        action: M(Msg::Down),
        en: "scroll",
        ko: "스크롤",
    },
    Binding {
        ctx: Ctx::Review,
        keys: &[Code(KeyCode::PageDown), Code(KeyCode::PageUp)],
        action: M(Msg::PageDown),
        en: "scroll a page",
        ko: "한 화면씩 스크롤",
    },
    Binding {
        ctx: Ctx::Review,
        keys: &[Char('L')],
        action: M(Msg::ToggleLang),
        en: "switch English / Korean",
        ko: "영어 / 한국어 전환",
    },
    Binding {
        ctx: Ctx::Review,
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
    Binding {
        ctx: Ctx::Always,
        keys: &[Ctrl('z')],
        action: M(Msg::Suspend),
        en: "suspend (fg to come back)",
        ko: "일시 중지 (fg로 돌아옴)",
    },
];

fn key_matches(key: &Key, event: &KeyEvent) -> Option<Option<usize>> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    match (key, event.code) {
        (Key::Ctrl(c), KeyCode::Char(x)) if ctrl && x.eq_ignore_ascii_case(c) => Some(None),
        (Key::CtrlCode(code), x) if ctrl && *code == x => Some(None),
        (_, _) if ctrl => None,
        (Key::AltDigits, KeyCode::Char(d @ '1'..='9')) if alt => {
            Some(Some(d as usize - '1' as usize))
        }
        (Key::Alt(c), KeyCode::Char(x)) if alt && *c == x => Some(None),
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
        || (ctx == Ctx::Typing && matches!(screen, Ctx::Search | Ctx::Fill))
}

/// The message for a key on a screen; typing in the search box gives `Type`.
pub fn to_msg(screen: Ctx, event: &KeyEvent) -> Option<Msg> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Terminals set to send ^H for Backspace: it is Backspace, not a key of its own.
    let backspace;
    let event = if event.code == KeyCode::Char('h') && event.modifiers == KeyModifiers::CONTROL {
        backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        &backspace
    } else {
        event
    };
    for b in BINDINGS.iter().filter(|b| applies(b.ctx, screen)) {
        for key in b.keys {
            if let Some(digit) = key_matches(key, event) {
                return Some(match (b.action, digit) {
                    (Action::ChooseDigit, Some(d)) => Msg::Choose(d),
                    (Action::JumpDigit, Some(d)) => Msg::JumpTo(d),
                    // Esc itself on a question or a fix (see `Msg::EscapeKey`).
                    (Action::Msg(Msg::Escape), _)
                        if *key == Code(KeyCode::Esc)
                            && matches!(screen, Ctx::Question | Ctx::Leaf) =>
                    {
                        Msg::EscapeKey
                    }
                    // Up and Down (and other pairs) share a row of the table; the key decides
                    // the direction.
                    (Action::Msg(m), _) => directed(m, key),
                    _ => continue,
                });
            }
        }
    }
    // Typing on a question or a fix (a letter no key above takes) starts a search with it.
    if let KeyCode::Char(c) = event.code
        && !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        && (matches!(screen, Ctx::Search | Ctx::Fill)
            || (matches!(screen, Ctx::Question | Ctx::Leaf) && c.is_alphabetic()))
    {
        return Some(Msg::Type(c));
    }
    None
}

/// A plain letter (no Ctrl or Alt).
fn plain_letter(event: &KeyEvent) -> Option<char> {
    match event.code {
        KeyCode::Char(c)
            if c.is_alphabetic()
                && !event
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// What a plain letter may be on a question or a fix, where a letter no key takes starts a
/// search: the first letter of a word typed slowly ("quota", "linux", "restore") is often a
/// key there (see `main`, which times the keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letter {
    /// No key: it starts a search with itself.
    Types,
    /// `j` or `k`: moves the selection at once (a move is undone if a word follows).
    Moves,
    /// Another key (`q`, `l`, `r`, `e`, `c`...): acts once no letter follows it at typing speed.
    Held,
}

/// The kind of `event` on `screen` when it is a plain letter on a question or a fix.
pub fn letter(screen: Ctx, event: &KeyEvent) -> Option<Letter> {
    if !matches!(screen, Ctx::Question | Ctx::Leaf) || event.kind == KeyEventKind::Release {
        return None;
    }
    let c = plain_letter(event)?;
    Some(match to_msg(screen, event) {
        Some(Msg::Type(_)) => Letter::Types,
        _ if matches!(c, 'j' | 'k') => Letter::Moves,
        _ => Letter::Held,
    })
}

/// Whether the letters `typed` (the first a key on `screen`, the others following it at typing
/// speed) are the start of a word: one of them is no key, and they are not one key repeated.
pub fn starts_word(screen: Ctx, typed: &[KeyEvent]) -> bool {
    let letters: Vec<char> = typed.iter().filter_map(plain_letter).collect();
    letters.len() == typed.len()
        && letters.len() >= 2
        && letters.iter().any(|&c| c != letters[0])
        && typed
            .iter()
            .any(|key| letter(screen, key) == Some(Letter::Types))
}

/// `msg` turned around when `key` is the backward key of a pair sharing a row (Up of Up/Down,
/// PgUp of PgDn/PgUp, Left of Left/Right, Home of Home/End, Ctrl-U of Ctrl-U/K).
fn directed(msg: Msg, key: &Key) -> Msg {
    let backward = matches!(
        key,
        Code(KeyCode::Up)
            | Code(KeyCode::PageUp)
            | Char('k')
            | Code(KeyCode::Left)
            | CtrlCode(KeyCode::Left)
            | Alt('b')
            | Code(KeyCode::Home)
            | Ctrl('a')
            | Ctrl('u')
            | Ctrl('p')
    );
    match msg {
        _ if !backward => msg,
        Msg::Down => Msg::Up,
        Msg::PageDown => Msg::PageUp,
        Msg::CursorRight => Msg::CursorLeft,
        Msg::WordRight => Msg::WordLeft,
        Msg::End => Msg::Home,
        Msg::EraseToEnd => Msg::EraseToStart,
        other => other,
    }
}

fn key_name(key: &Key) -> String {
    match key {
        Key::Char(' ') => "Space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::CtrlCode(code) => format!("Ctrl-{}", key_name(&Key::Code(*code))),
        Key::Alt(c) => format!("Alt-{c}"),
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

/// The keys of a row as the help lists them: a pair with the same modifier is written once
/// ("Ctrl-Left/Right", "Alt-b/f", "Ctrl-U/K").
fn key_names(keys: &[Key]) -> String {
    let mut out: Vec<String> = Vec::new();
    for name in keys.iter().map(key_name) {
        let merged = out.last_mut().is_some_and(|last| {
            for modifier in ["Ctrl-", "Alt-"] {
                if let (Some(_), Some(rest)) =
                    (last.strip_prefix(modifier), name.strip_prefix(modifier))
                    && !last.contains('/')
                    && !last.contains("..")
                {
                    last.push('/');
                    last.push_str(rest);
                    return true;
                }
            }
            false
        });
        if !merged {
            out.push(name);
        }
    }
    out.join(" ")
}

/// The help rows for a screen: keys and what they do, from the binding table.
pub fn help_rows(screen: Ctx, lang: Lang) -> Vec<(String, &'static str)> {
    help_rows_for(screen, lang, true)
}

/// Keys of a question screen that work in practice only: PgDn/PgUp scroll the message to solve.
fn practice_only(b: &Binding) -> bool {
    b.ctx == Ctx::Question && b.action == M(Msg::PageDown)
}

/// The help rows for a screen; without `search` (in practice, where it is off), the keys that
/// open search are left out; with it (not in practice), the keys for practice only.
pub fn help_rows_for(screen: Ctx, lang: Lang, search: bool) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| applies(b.ctx, screen))
        .filter(|b| search || b.action != M(Msg::OpenSearch))
        .filter(|b| !search || !practice_only(b))
        .map(|b| {
            (
                key_names(b.keys),
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
    fn a_letter_no_key_takes_starts_a_search() {
        for screen in [Ctx::Question, Ctx::Leaf] {
            assert_eq!(
                to_msg(screen, &key(KeyCode::Char('U'))),
                Some(Msg::Type('U'))
            );
            assert_eq!(
                to_msg(screen, &key(KeyCode::Char('백'))),
                Some(Msg::Type('백'))
            );
            // Bound letters keep their meaning; digits and punctuation start nothing.
            assert_eq!(to_msg(screen, &key(KeyCode::Char('q'))), Some(Msg::Escape));
            assert_eq!(to_msg(screen, &key(KeyCode::Char('-'))), None);
        }
        assert_eq!(to_msg(Ctx::Leaf, &key(KeyCode::Char('c'))), Some(Msg::Copy));
        assert_eq!(to_msg(Ctx::Verdict, &key(KeyCode::Char('U'))), None);
    }

    #[test]
    fn letters_that_are_keys_may_start_a_word() {
        let q = key(KeyCode::Char('q'));
        assert_eq!(letter(Ctx::Question, &q), Some(Letter::Held));
        assert_eq!(
            letter(Ctx::Question, &key(KeyCode::Char('j'))),
            Some(Letter::Moves)
        );
        assert_eq!(
            letter(Ctx::Question, &key(KeyCode::Char('u'))),
            Some(Letter::Types)
        );
        assert_eq!(
            letter(Ctx::Leaf, &key(KeyCode::Char('c'))),
            Some(Letter::Held)
        );
        // Not while typing, and not digits or keys with Ctrl.
        assert_eq!(letter(Ctx::Search, &q), None);
        assert_eq!(letter(Ctx::Question, &key(KeyCode::Char('1'))), None);
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(letter(Ctx::Question, &ctrl_q), None);

        let word =
            |w: &str| -> Vec<KeyEvent> { w.chars().map(|c| key(KeyCode::Char(c))).collect() };
        assert!(starts_word(Ctx::Question, &word("qu")));
        // "re" may still become "restore": both are keys, so no word yet.
        assert!(!starts_word(Ctx::Question, &word("re")));
        assert!(starts_word(Ctx::Question, &word("res")));
        assert!(!starts_word(Ctx::Question, &word("q")));
        assert!(!starts_word(Ctx::Leaf, &word("ccc")));
        assert!(!starts_word(Ctx::Question, &word("q1")));
        let mut enter = word("q");
        enter.push(key(KeyCode::Enter));
        assert!(!starts_word(Ctx::Question, &enter));
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
        // fzf's keys for the list, and pages of it.
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(to_msg(Ctx::Search, &ctrl('p')), Some(Msg::Up));
        assert_eq!(to_msg(Ctx::Search, &ctrl('n')), Some(Msg::Down));
        assert_eq!(
            to_msg(Ctx::Search, &key(KeyCode::PageUp)),
            Some(Msg::PageUp)
        );
        assert_eq!(
            to_msg(Ctx::Search, &key(KeyCode::PageDown)),
            Some(Msg::PageDown)
        );
        // Still the line's own keys in the form.
        assert_eq!(to_msg(Ctx::Search, &ctrl('k')), Some(Msg::EraseToEnd));
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
        // Backspace on a terminal that sends ^H.
        let ctrl_h = KeyEvent::new(KeyCode::Char('h'), KeyModifiers::CONTROL);
        assert_eq!(to_msg(Ctx::Search, &ctrl_h), Some(Msg::Erase));
        assert_eq!(to_msg(Ctx::Leaf, &ctrl_h), Some(Msg::Back));
        assert_eq!(to_msg(Ctx::Leaf, &ctrl_c), Some(Msg::Quit));
        // Ctrl-Z suspends from every screen, typing included.
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for ctx in [Ctx::Search, Ctx::Leaf, Ctx::Question, Ctx::Fill, Ctx::Help] {
            assert_eq!(to_msg(ctx, &ctrl_z), Some(Msg::Suspend), "{ctx:?}");
        }
    }

    #[test]
    fn quit_keys() {
        assert_eq!(
            to_msg(Ctx::Question, &key(KeyCode::Char('q'))),
            Some(Msg::Escape)
        );
        // Esc itself on a screen is told apart from `q` (a second Esc after closing a box
        // does not quit); in a box it closes it.
        assert_eq!(to_msg(Ctx::Leaf, &key(KeyCode::Esc)), Some(Msg::EscapeKey));
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
