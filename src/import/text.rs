//! Text as a PDF's extraction leaves it, made into the text of a paragraph: whitespace tidied
//! without changing a character of the wording, broken lines joined, Markdown's own characters
//! escaped so that the text shows as written.

/// Punctuation of Chinese text: it carries its own spacing, so a space beside it is an
/// artefact of the extraction (`通过 “1+3”`), not of the wording.
fn is_cjk_punct(c: char) -> bool {
    "，。、；：？！“”‘’《》〈〉（）【】「」『』〔〕—…·".contains(c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff01}'..='\u{ff0f}').contains(&c)
        || ('\u{ff1a}'..='\u{ff20}').contains(&c)
}

/// What ends a sentence or a list item: a line ending in one ends its paragraph.
pub fn ends_paragraph(line: &str) -> bool {
    line.trim_end()
        .ends_with(['。', '；', '：', '！', '？', ';', ':', '!', '?'])
}

/// One line, trimmed, its whitespace runs made one space, and spaces beside Chinese
/// punctuation dropped; a standard's code and number (`GB/T1.1`) get the space GB/T 1.1 puts
/// between them.
pub fn clean_line(raw: &str) -> String {
    let words: Vec<&str> = raw
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = String::with_capacity(raw.len());
    for word in words {
        let before = out.chars().next_back();
        let after = word.chars().next();
        let keep = match (before, after) {
            (Some(b), Some(a)) => !is_cjk_punct(b) && !is_cjk_punct(a),
            _ => false,
        };
        if keep {
            out.push(' ');
        }
        out.push_str(word);
    }
    space_designations(&out)
}

/// `GB/T1.1—2020` → `GB/T 1.1—2020`, `T/ABC001` → `T/ABC 001`: a code with a `/` (or `GB`,
/// `ISO`, `IEC`) followed at once by its number.
fn space_designations(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 4);
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric() && bytes[i - 1] != b'/';
        if boundary && bytes[i].is_ascii_uppercase() {
            let end = i + bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_uppercase() || **b == b'/')
                .count();
            let code = &text[i..end];
            let is_code = (code.contains('/')
                && !code.starts_with('/')
                && !code.ends_with('/')
                && code.split('/').count() == 2)
                || ["GB", "ISO", "IEC"].contains(&code);
            if is_code && bytes.get(end).is_some_and(u8::is_ascii_digit) {
                out.push_str(&text[last..end]);
                out.push(' ');
                last = end;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Joins a line broken by the extraction to the text before it: Chinese runs on without a
/// space, Latin words take one (but a number is not cut into two).
pub fn join(text: &mut String, next: &str) {
    let before = text.chars().next_back();
    let mut rev = text.chars().rev();
    let last = rev.next();
    let second = rev.next();
    let first = next.chars().next();
    let latin_word = |c: char| c.is_ascii_alphanumeric();
    let space = match (last, first) {
        (Some(b), Some(a)) if latin_word(a) => {
            (latin_word(b) && !(b.is_ascii_digit() && a.is_ascii_digit()))
                || (",.;:!?)".contains(b) && second.is_some_and(latin_word))
        }
        _ => false,
    };
    if space && before.is_some() {
        text.push(' ');
    }
    text.push_str(next);
}

/// Escapes what Markdown would read as markup, so the paragraph shows as written.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let special = match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '~' => true,
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '#' | '>' | '-' | '+' | '=' | '|' if i == 0 => true,
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
        // `1. x` and `1) x` open an ordered list: the number would become the list's.
        if i + 1 < chars.len()
            && chars[..=i].iter().all(char::is_ascii_digit)
            && matches!(next, Some('.' | ')'))
            && chars.get(i + 2).is_none_or(|c| c.is_whitespace())
        {
            out.push('\\');
        }
    }
    // A heading's closing `#`s would be eaten as its closing sequence.
    if out.ends_with('#') && !out.ends_with("\\#") {
        out.insert(out.len() - 1, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(lines: &[&str]) -> String {
        let mut text = String::new();
        for l in lines {
            join(&mut text, &clean_line(l));
        }
        text
    }

    #[test]
    fn chinese_lines_join_without_a_space_latin_words_with_one() {
        assert_eq!(joined(&["…的规定", "起草。"]), "…的规定起草。");
        assert_eq!(joined(&["上", " 海市开发区"]), "上海市开发区");
        assert_eq!(joined(&["2021年4", "月,上海"]), "2021年4月,上海");
        assert_eq!(joined(&["the service", "provider"]), "the service provider");
        assert_eq!(joined(&["e.g.", "this"]), "e.g. this");
        assert_eq!(joined(&["共 20", "21 年"]), "共 2021 年");
        assert_eq!(joined(&["园区,", "the"]), "园区,the");
    }

    #[test]
    fn whitespace_beside_chinese_punctuation_goes_other_spaces_stay() {
        assert_eq!(clean_line("  需要通过 “1+3”的 "), "需要通过“1+3”的");
        assert_eq!(clean_line("导则 第1部分"), "导则 第1部分");
        assert_eq!(clean_line("导则\u{3000}\u{3000}第1部分"), "导则 第1部分");
        assert_eq!(clean_line("（ 集团 ）"), "（集团）");
        assert_eq!(clean_line(""), "");
    }

    #[test]
    fn standard_designations_get_their_space() {
        assert_eq!(
            clean_line("按照GB/T1.1—2020《导则》"),
            "按照GB/T 1.1—2020《导则》"
        );
        assert_eq!(clean_line("T/SHKFQ001—2022"), "T/SHKFQ 001—2022");
        assert_eq!(clean_line("GB50016"), "GB 50016");
        assert_eq!(clean_line("GB/T 1.1"), "GB/T 1.1");
        assert_eq!(clean_line("5G园区 A/B1"), "5G园区 A/B 1");
        assert_eq!(clean_line("PDF/A"), "PDF/A");
        assert_eq!(clean_line("X//1 /A1 a/B1"), "X//1 /A1 a/B1");
    }

    #[test]
    fn paragraph_ends() {
        assert!(ends_paragraph("起草。"));
        assert!(ends_paragraph("如下:"));
        assert!(ends_paragraph("a) 第一项；"));
        assert!(!ends_paragraph("管理咨询"));
        assert!(!ends_paragraph("“上海服务”"));
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape_markdown("a*b*_c_"), "a\\*b\\*\\_c\\_");
        assert_eq!(escape_markdown("# 不是标题"), "\\# 不是标题");
        assert_eq!(escape_markdown("1) 第一项"), "1\\) 第一项");
        assert_eq!(escape_markdown("2021. 年"), "2021\\. 年");
        assert_eq!(escape_markdown("1.1 节"), "1.1 节");
        assert_eq!(escape_markdown("- 项"), "\\- 项");
        assert_eq!(escape_markdown("[^1] &amp; <b>"), "\\[^1\\] \\&amp; \\<b>");
        assert_eq!(escape_markdown("编号 #"), "编号 \\#");
        assert_eq!(escape_markdown("1+3"), "1+3");
    }
}
