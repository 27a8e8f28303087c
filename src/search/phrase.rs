//! Phrases as typed, for the topics a tree does not cover: "MARS" is the product, not the
//! month "Mar"; "file share" is those two words in a row, not "the file to the share".

use super::analyze::is_hangul;

/// The words of `text` as typed, in lower case: split at anything that is not a letter or a
/// digit, and where Hangul meets other letters ("MARS에이전트" is two words).
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut korean = false;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        if !word.is_empty() && is_hangul(c) != korean {
            words.push(std::mem::take(&mut word));
        }
        korean = is_hangul(c);
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn is_korean(word: &str) -> bool {
    word.chars().next().is_some_and(is_hangul)
}

/// Whether `words` has the words of `phrase` in a row. A Korean word of the phrase may have
/// a particle after it at the end of the phrase ("파일 공유를"), and a Korean phrase may be
/// written without its spaces ("파일공유").
pub fn contains(words: &[String], phrase: &[String]) -> bool {
    let Some((last, head)) = phrase.split_last() else {
        return false;
    };
    let in_a_row = words.windows(phrase.len()).any(|w| {
        w.iter().zip(head).all(|(a, b)| a == b)
            && w.last()
                .is_some_and(|a| a == last || (is_korean(last) && a.starts_with(last.as_str())))
    });
    in_a_row
        || (phrase.len() > 1
            && phrase.iter().all(|w| is_korean(w))
            && words.iter().any(|w| w.starts_with(&phrase.concat())))
}

/// Finds phrases in texts: which of them a text has ([`contains`]). A text is split into words
/// only when every word of a phrase is in it somewhere (one pass of an Aho-Corasick automaton
/// over the text): most texts name no other product.
pub struct Finder {
    phrases: Vec<Vec<String>>,
    /// The distinct words of the phrases, ASCII case ignored.
    words: aho_corasick::AhoCorasick,
    /// For each phrase, its words' patterns.
    needs: Vec<Vec<usize>>,
    patterns: usize,
}

impl Finder {
    /// `phrases`: each as [`words`] gives it (none empty).
    pub fn new(phrases: Vec<Vec<String>>) -> Finder {
        let mut patterns: Vec<&str> = Vec::new();
        let needs = phrases
            .iter()
            .map(|phrase| {
                phrase
                    .iter()
                    .map(|w| match patterns.iter().position(|p| p == w) {
                        Some(i) => i,
                        None => {
                            patterns.push(w);
                            patterns.len() - 1
                        }
                    })
                    .collect()
            })
            .collect();
        let count = patterns.len();
        let words = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&patterns)
            .unwrap_or_else(|_| aho_corasick::AhoCorasick::new(Vec::<&str>::new()).expect("empty"));
        Finder {
            phrases,
            words,
            needs,
            patterns: count,
        }
    }

    /// For each phrase (in the order given), whether `text` has it.
    pub fn found_in(&self, text: &str) -> Vec<bool> {
        let mut found = vec![false; self.phrases.len()];
        let mut seen = vec![false; self.patterns];
        for m in self.words.find_overlapping_iter(text) {
            seen[m.pattern().as_usize()] = true;
        }
        let maybe: Vec<usize> = (0..self.phrases.len())
            .filter(|&i| !self.needs[i].is_empty() && self.needs[i].iter().all(|&p| seen[p]))
            .collect();
        if maybe.is_empty() {
            return found;
        }
        let words = words(text);
        for i in maybe {
            found[i] = contains(&words, &self.phrases[i]);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, phrase: &str) -> bool {
        contains(&words(text), &words(phrase))
    }

    #[test]
    fn a_finder_checks_each_phrase() {
        let finder = Finder::new(vec![words("MARS"), words("file share"), words("파일 공유")]);
        assert_eq!(
            finder.found_in("Azure File Share backup"),
            [false, true, false]
        );
        assert_eq!(
            finder.found_in("Mar 12 snapshot, marshal"),
            [false, false, false]
        );
        assert_eq!(
            finder.found_in("MARS에이전트 파일공유를"),
            [true, false, true]
        );
        assert_eq!(finder.found_in(""), [false, false, false]);
        assert!(Finder::new(Vec::new()).found_in("MARS").is_empty());
    }

    #[test]
    fn words_are_as_typed() {
        assert_eq!(
            words("MARS에이전트, file-share"),
            ["mars", "에이전트", "file", "share"]
        );
        assert!(words(" -- ").is_empty());
    }

    #[test]
    fn phrases_are_words_in_a_row() {
        assert!(has("MARS agent backup failed", "MARS"));
        assert!(!has("Mar 12 10:01:02 vm1 waagent: snapshot failed", "MARS"));
        assert!(has("Azure file share backup", "file share"));
        assert!(!has("could not copy the file to the share", "file share"));
        assert!(!has("file sharing violation", "file share"));
        assert!(!has("share the file", "file share"));
        assert!(has("azureworkload backup", "AzureWorkload"));
    }

    #[test]
    fn korean_phrases_take_particles_and_lose_spaces() {
        assert!(has("파일 공유를 백업", "파일 공유"));
        assert!(has("파일공유 백업 실패", "파일 공유"));
        assert!(!has("파일 및 공유 폴더 복원 실패", "파일 공유"));
        assert!(!has("공유 파일", "파일 공유"));
        assert!(has("MARS에이전트 실패", "MARS"));
    }
}
