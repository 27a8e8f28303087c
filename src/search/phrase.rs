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

/// For each of `phrases`, whether `text` has it ([`contains`]). The text is split into words
/// only when the first word of a phrase is in it at all: most texts name no other product.
pub fn found_in(text: &str, phrases: &[&[String]]) -> Vec<bool> {
    let mut found = vec![false; phrases.len()];
    let lower = text.to_lowercase();
    let maybe: Vec<usize> = (0..phrases.len())
        .filter(|&i| {
            phrases[i]
                .first()
                .is_some_and(|w| lower.contains(w.as_str()))
        })
        .collect();
    if maybe.is_empty() {
        return found;
    }
    let words = words(text);
    for i in maybe {
        found[i] = contains(&words, phrases[i]);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, phrase: &str) -> bool {
        contains(&words(text), &words(phrase))
    }

    #[test]
    fn found_in_checks_each_phrase() {
        let mars = words("MARS");
        let share = words("file share");
        let phrases: Vec<&[String]> = vec![&mars, &share];
        assert_eq!(found_in("Azure File Share backup", &phrases), [false, true]);
        assert_eq!(found_in("Mar 12 snapshot", &phrases), [false, false]);
        assert_eq!(found_in("", &phrases), [false, false]);
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
