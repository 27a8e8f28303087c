//! One line of text being typed, and the cursor in it: the search box and the fields of the
//! fill-in form edit their text with the same keys, as a shell prompt does. Pure.

/// A cursor move or an erase (the keys are in `keys`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    /// To the start of the word before the cursor (words are letters and digits).
    WordLeft,
    WordRight,
    Home,
    End,
    /// The character before the cursor.
    Erase,
    /// The character under the cursor.
    EraseNext,
    /// Back to the previous space (a shell's Ctrl-W).
    EraseWord,
    /// Back to the start of the word before the cursor: the last part of a name such as
    /// `vm-sql-02`, which has no spaces.
    ErasePart,
    EraseToStart,
    EraseToEnd,
    Clear,
}

/// A line and its cursor, counted in characters (0: before the first one).
pub struct Line<'a> {
    text: &'a mut String,
    cursor: &'a mut usize,
}

impl<'a> Line<'a> {
    /// The line `text` with the cursor at `*cursor` (moved to the end when past it).
    pub fn new(text: &'a mut String, cursor: &'a mut usize) -> Line<'a> {
        let len = text.chars().count();
        *cursor = (*cursor).min(len);
        Line { text, cursor }
    }

    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Byte position of character `index` (the end when past it).
    fn byte(&self, index: usize) -> usize {
        self.text
            .char_indices()
            .nth(index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts `text` (already checked) at the cursor and moves the cursor after it.
    pub fn insert(&mut self, text: &str) {
        let at = self.byte(*self.cursor);
        self.text.insert_str(at, text);
        *self.cursor += text.chars().count();
    }

    /// Removes the characters `[from, to)`; the cursor goes to `from`.
    fn remove(&mut self, from: usize, to: usize) {
        let (a, b) = (self.byte(from), self.byte(to));
        self.text.replace_range(a..b, "");
        *self.cursor = from;
    }

    /// Moves the cursor or erases as `edit` says.
    pub fn apply(&mut self, edit: Edit) {
        let chars: Vec<char> = self.text.chars().collect();
        let (cursor, len) = (*self.cursor, chars.len());
        match edit {
            Edit::Left => *self.cursor = cursor.saturating_sub(1),
            Edit::Right => *self.cursor = (cursor + 1).min(len),
            Edit::WordLeft => *self.cursor = word_left(&chars, cursor),
            Edit::WordRight => *self.cursor = word_right(&chars, cursor),
            Edit::Home => *self.cursor = 0,
            Edit::End => *self.cursor = len,
            Edit::Erase if cursor > 0 => self.remove(cursor - 1, cursor),
            Edit::EraseNext if cursor < len => self.remove(cursor, cursor + 1),
            Edit::Erase | Edit::EraseNext => {}
            Edit::EraseWord => self.remove(rubout_start(&chars, cursor), cursor),
            Edit::ErasePart => self.remove(word_left(&chars, cursor), cursor),
            Edit::EraseToStart => self.remove(0, cursor),
            Edit::EraseToEnd => self.remove(cursor, len),
            Edit::Clear => self.remove(0, len),
        }
    }
}

/// The start of the word before the cursor (words are letters and digits, Korean included).
fn word_left(chars: &[char], cursor: usize) -> usize {
    let mut i = cursor.min(chars.len());
    while i > 0 && !chars[i - 1].is_alphanumeric() {
        i -= 1;
    }
    while i > 0 && chars[i - 1].is_alphanumeric() {
        i -= 1;
    }
    i
}

/// The end of the word after the cursor.
fn word_right(chars: &[char], cursor: usize) -> usize {
    let mut i = cursor.min(chars.len());
    while i < chars.len() && !chars[i].is_alphanumeric() {
        i += 1;
    }
    while i < chars.len() && chars[i].is_alphanumeric() {
        i += 1;
    }
    i
}

/// The start of the space-separated word before the cursor (as in a shell).
fn rubout_start(chars: &[char], cursor: usize) -> usize {
    let mut i = cursor.min(chars.len());
    while i > 0 && chars[i - 1].is_whitespace() {
        i -= 1;
    }
    while i > 0 && !chars[i - 1].is_whitespace() {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` edited by `edits` from the cursor at `at`: the text and the cursor after.
    fn edited(text: &str, at: usize, edits: &[Edit]) -> (String, usize) {
        let (mut text, mut cursor) = (text.to_string(), at);
        let mut line = Line::new(&mut text, &mut cursor);
        for &e in edits {
            line.apply(e);
        }
        (text, cursor)
    }

    #[test]
    fn inserts_at_the_cursor_in_characters_not_bytes() {
        let (mut text, mut cursor) = ("스냅숏 실패".to_string(), 3);
        Line::new(&mut text, &mut cursor).insert("이");
        assert_eq!((text.as_str(), cursor), ("스냅숏이 실패", 4));
    }

    #[test]
    fn a_cursor_past_the_end_is_moved_to_it() {
        let (mut text, mut cursor) = ("ab".to_string(), 9);
        assert_eq!(Line::new(&mut text, &mut cursor).len(), 2);
        assert_eq!(cursor, 2);
    }

    #[test]
    fn moves_by_character_word_and_line() {
        assert_eq!(edited("vm-sql-02", 9, &[Edit::Left]).1, 8);
        assert_eq!(edited("vm-sql-02", 9, &[Edit::WordLeft]).1, 7);
        assert_eq!(
            edited("vm-sql-02", 9, &[Edit::WordLeft, Edit::WordLeft]).1,
            3
        );
        assert_eq!(edited("vm-sql-02", 0, &[Edit::WordRight]).1, 2);
        assert_eq!(edited("vm-sql-02", 4, &[Edit::Home]).1, 0);
        assert_eq!(edited("vm-sql-02", 4, &[Edit::End]).1, 9);
        // At the ends, moves stop.
        assert_eq!(edited("ab", 0, &[Edit::Left]).1, 0);
        assert_eq!(edited("ab", 2, &[Edit::Right]).1, 2);
    }

    #[test]
    fn erases_around_the_cursor() {
        assert_eq!(edited("abc", 1, &[Edit::Erase]), ("bc".into(), 0));
        assert_eq!(edited("abc", 1, &[Edit::EraseNext]), ("ac".into(), 1));
        assert_eq!(edited("abc", 0, &[Edit::Erase]), ("abc".into(), 0));
        assert_eq!(edited("abc", 3, &[Edit::EraseNext]), ("abc".into(), 3));
        assert_eq!(edited("abc", 1, &[Edit::EraseToStart]), ("bc".into(), 0));
        assert_eq!(edited("abc", 1, &[Edit::EraseToEnd]), ("a".into(), 1));
        assert_eq!(edited("abc", 1, &[Edit::Clear]), ("".into(), 0));
    }

    /// Ctrl-W goes back to a space in a search, to a `-` in a name.
    #[test]
    fn erases_a_word_or_the_last_part_of_a_name() {
        assert_eq!(
            edited("vss writer failed", 10, &[Edit::EraseWord]),
            ("vss  failed".into(), 4)
        );
        assert_eq!(edited("vm-sql-02", 9, &[Edit::EraseWord]), ("".into(), 0));
        assert_eq!(
            edited("vm-sql-02", 9, &[Edit::ErasePart]),
            ("vm-sql-".into(), 7)
        );
        assert_eq!(edited("vm-sql-", 7, &[Edit::ErasePart]), ("vm-".into(), 3));
    }
}
