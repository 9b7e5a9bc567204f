//! A term entry's name line, `产业园区 industrialpark`: the Chinese term, then its English,
//! which an extraction may have run together. Words are split apart only by a general rule
//! (`industrialPark`) or by the words the user lists (`--words`): the importer knows no term.

use std::collections::HashSet;

/// Words that English terms are made of, as the user lists them (any case, any separator).
#[derive(Clone, Debug, Default)]
pub struct Words(HashSet<String>);

impl Words {
    pub fn parse(text: &str) -> Words {
        Words(
            text.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .flat_map(|l| l.split(|c: char| !c.is_ascii_alphabetic()))
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect(),
        )
    }

    fn has(&self, word: &str) -> bool {
        self.0.contains(&word.to_ascii_lowercase())
    }

    /// `industrialpark` → `industrial park` when it is made of listed words only (fewest
    /// words win, so `serviceprovider` is not `service pro vider`).
    fn segment(&self, token: &str) -> Option<String> {
        if self.0.is_empty() || !token.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let n = token.len();
        // best[i]: fewest words covering token[..i], and where the last word starts.
        let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0));
        for end in 1..=n {
            for start in 0..end {
                let Some((count, _)) = best[start] else {
                    continue;
                };
                if self.has(&token[start..end]) && best[end].is_none_or(|(c, _)| count + 1 < c) {
                    best[end] = Some((count + 1, start));
                }
            }
        }
        let (count, _) = best[n]?;
        if count < 2 {
            return None;
        }
        let mut cuts = Vec::new();
        let mut end = n;
        while end > 0 {
            let (_, start) = best[end]?;
            cuts.push(&token[start..end]);
            end = start;
        }
        cuts.reverse();
        Some(cuts.join(" "))
    }
}

/// `industrialPark` → `industrial Park`: a lower-case run of 3 or more letters followed by a
/// capitalised word (so `iPhone` and `McDonald` stay whole).
fn split_camel(token: &str) -> Option<String> {
    let chars: Vec<char> = token.chars().collect();
    let mut out = String::new();
    let mut lower_run = 0;
    let mut split = false;
    for (i, &c) in chars.iter().enumerate() {
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
        if c.is_ascii_uppercase() && lower_run >= 3 && next_lower {
            out.push(' ');
            split = true;
        }
        lower_run = if c.is_ascii_lowercase() {
            lower_run + 1
        } else {
            0
        };
        out.push(c);
    }
    split.then_some(out)
}

/// What became of the English of one term.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct English {
    pub text: String,
    /// Tokens split apart: (as written, as split).
    pub split: Vec<(String, String)>,
    /// Long single words that may have lost their spaces, left as written.
    pub doubtful: Vec<String>,
}

/// A word this long in an English term is more likely words run together than one word.
const DOUBTFUL_LETTERS: usize = 12;

pub fn fix_english(english: &str, words: &Words) -> English {
    let mut fixed = English::default();
    let mut tokens = Vec::new();
    for token in english.split_whitespace() {
        let known = words.has(token);
        match split_camel(token).or_else(|| (!known).then(|| words.segment(token)).flatten()) {
            Some(split) => {
                fixed.split.push((token.to_string(), split.clone()));
                tokens.push(split);
            }
            None => {
                let letters = token.bytes().filter(u8::is_ascii_alphabetic).count();
                if !known && letters >= DOUBTFUL_LETTERS {
                    fixed.doubtful.push(token.to_string());
                }
                tokens.push(token.to_string());
            }
        }
    }
    fixed.text = tokens.join(" ");
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_together_words_split_by_the_listed_words() {
        let words = Words::parse("# words\nindustrial park\nservice, provider\nintegrated\n");
        let f = fix_english("industrialpark", &words);
        assert_eq!(f.text, "industrial park");
        assert_eq!(
            f.split,
            [("industrialpark".into(), "industrial park".into())]
        );
        assert_eq!(
            fix_english("integratedserviceprovider", &words).text,
            "integrated service provider"
        );
        // Made of listed words only, or left as written.
        let f = fix_english("specializedserviceprovider", &words);
        assert_eq!(f.text, "specializedserviceprovider");
        assert_eq!(f.doubtful, ["specializedserviceprovider"]);
        assert_eq!(fix_english("park", &words).text, "park");
        assert!(fix_english("clients", &Words::default())
            .doubtful
            .is_empty());
    }

    #[test]
    fn fewest_words_win() {
        let words = Words::parse("service pro vider provider");
        assert_eq!(
            fix_english("serviceprovider", &words).text,
            "service provider"
        );
    }

    #[test]
    fn camel_case_splits_without_a_list() {
        let none = Words::default();
        assert_eq!(fix_english("industrialPark", &none).text, "industrial Park");
        assert_eq!(
            fix_english("iPhone McDonald", &none).text,
            "iPhone McDonald"
        );
        let f = fix_english("industrialpark", &none);
        assert_eq!((f.text.as_str(), f.doubtful.len()), ("industrialpark", 1));
    }
}
