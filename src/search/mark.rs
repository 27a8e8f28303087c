//! The words of a text that a query matched (`Hit::marks`): the text analysed as the index
//! analyses a leaf's, and each token whose term the hit has marked where it stands, for a UI
//! to highlight as fzf does the characters it matched.

use super::analyze::{Kind, Stem, strip_korean, tokenize};
use std::borrow::Cow;
use std::ops::Range;

/// Byte ranges of the words (or parts of compounds) of `text` whose analysed term is one of
/// `terms`, in order, merged where they touch. Stop words have no term: never marked. A
/// Korean word is marked without its particle or ending (스냅숏이 → 스냅숏).
pub(super) fn marks(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    if terms.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let stem = Stem::default();
    let base = text.as_ptr() as usize;
    let mut marks: Vec<Range<usize>> = Vec::new();
    tokenize(text, &mut |t| {
        let term = match t.kind {
            Kind::Word | Kind::Part => stem.stem(t.text),
            Kind::Number | Kind::Hangul | Kind::HangulTail => Cow::Borrowed(t.text),
            // A gram across a space: each of the two words has grams of its own.
            Kind::HangulJoin => return,
        };
        if !terms.iter().any(|have| *have == term) {
            return;
        }
        // Surfaces are slices of `text`.
        let Some(start) = (t.surface.as_ptr() as usize).checked_sub(base) else {
            return;
        };
        let word = match t.kind {
            Kind::Hangul | Kind::HangulTail => strip_korean(t.surface, false),
            _ => t.surface,
        };
        let end = start + word.len();
        if end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end) {
            marks.push(start..end);
        }
    });
    marks.sort_unstable_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for r in marks {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Index;
    use crate::tree::{Lang, Tree};
    use std::sync::OnceLock;

    fn azure() -> &'static (Tree, Index) {
        static AZURE: OnceLock<(Tree, Index)> = OnceLock::new();
        AZURE.get_or_init(|| {
            let tree = crate::tree::embedded();
            let index = Index::build(&tree);
            (tree, index)
        })
    }

    /// The words of leaf `id`'s title in `lang` that `query` marks (the leaf must be found).
    fn marked(query: &str, lang: Lang, id: &str) -> Vec<String> {
        let (tree, index) = azure();
        let hits = index.search(query, lang, 100).hits;
        let hit = hits
            .iter()
            .find(|h| h.id == id)
            .unwrap_or_else(|| panic!("{query:?} does not find {id}: {hits:?}"));
        let title = tree.leaf(id).unwrap().title.get(lang);
        hit.marks(title)
            .into_iter()
            .map(|r| title[r].to_string())
            .collect()
    }

    fn terms(list: &[&str]) -> Vec<String> {
        list.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn stemmed_words_mark_their_other_forms_and_parts_of_compounds() {
        // "Snapshot fails with a COM+ error"
        assert_eq!(
            marked("snapshots failing", Lang::En, "backup-24"),
            ["Snapshot", "fails"]
        );
        // "VMSnapshot extension failed (managed disks)": the part of the compound alone.
        assert_eq!(
            marked("snapshots failing", Lang::En, "backup-05"),
            ["Snapshot", "failed"]
        );
    }

    #[test]
    fn a_misspelt_word_marks_its_correction() {
        // "VM agent is not installed on the VM"
        assert_eq!(
            marked("vm agnet not instaled", Lang::En, "backup-18"),
            ["VM", "agent", "installed", "VM"]
        );
    }

    #[test]
    fn stop_words_are_never_marked() {
        // "is", "not", "on" and "the" are in the query and the title: no term of either.
        assert_eq!(
            marked("the agent is not on the vm", Lang::En, "backup-18"),
            ["VM", "agent", "VM"]
        );
        let title = "Backup has no access to the Key Vault";
        let all = terms(&["the", "no", "to", "has", "backup", "vault"]);
        assert_eq!(
            marks(title, &all),
            [0..6, 32..37],
            "only the words that are terms"
        );
    }

    #[test]
    fn korean_words_are_marked_without_their_particles() {
        // "COM+ 오류로 스냅숏 실패": 스냅샷 is another spelling of 스냅숏.
        assert_eq!(
            marked("스냅샷 실패", Lang::Ko, "backup-24"),
            ["스냅숏", "실패"]
        );
        // "VM에 VM 에이전트가 설치되어 있지 않음"
        assert_eq!(
            marked("에이전트가 설치 안 됨", Lang::Ko, "backup-18"),
            ["에이전트", "설치"]
        );
    }

    #[test]
    fn touching_marks_merge_and_nothing_is_marked_without_terms() {
        let title = "UserErrorFsFreezeFailed: freeze";
        let code = terms(&["fs", "freez"]);
        assert_eq!(marks(title, &code), [9..17, 25..31]);
        assert_eq!(marks(title, &[]), Vec::<Range<usize>>::new());
        assert_eq!(marks("", &code), Vec::<Range<usize>>::new());
    }
}
