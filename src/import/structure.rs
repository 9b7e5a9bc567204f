//! The document's structure read line by line: parts, clauses, term entries and paragraphs,
//! with every line that could not be placed named by its line number.
//!
//! A heading is taken only where a heading can stand: its number must follow the ones before
//! (the next chapter, a first subclause, the next sibling), or the paragraph before it must be
//! finished. A line of running text that happens to start with a number stays text.

use super::furniture::{counts, furniture, Furniture};
use super::headings::{annex_status, clause_heading, looks_like_title, part_heading};
use super::headings::{AnnexStatus, PartHeading, PartKey};
use super::terms::{fix_english, Words};
use super::text::{clean_line, ends_paragraph, join};
use crate::messages::Msg;
use crate::model::split_term_title;
use crate::msg;
use std::collections::HashSet;

#[derive(Debug, PartialEq, Eq)]
pub enum Block {
    Clause { number: String, title: String },
    Paragraph(String),
}

#[derive(Debug)]
pub struct Part {
    pub key: PartKey,
    pub title: String,
    pub annex: Option<AnnexStatus>,
    pub terms: bool,
    pub blocks: Vec<Block>,
}

impl Part {
    /// The number its clauses start with: `0` for the introduction, `3`, `A`.
    pub fn number(&self) -> Option<String> {
        match self.key {
            PartKey::Introduction => Some("0".into()),
            PartKey::Chapter(n) => Some(n.to_string()),
            PartKey::Annex(letter) => Some(letter.to_string()),
            _ => None,
        }
    }
}

/// A message about one line of the input.
#[derive(Debug)]
pub struct Said {
    pub line: usize,
    pub msg: Msg,
}

#[derive(Debug, Default)]
pub struct Structure {
    pub parts: Vec<Part>,
    /// The document's title (between the introduction and clause 1), with its line.
    pub title: Option<(usize, String)>,
    /// What could not be placed or fixed.
    pub unplaced: Vec<Said>,
    /// What was changed beyond whitespace: English words split apart.
    pub fixed: Vec<Said>,
}

struct Paragraph {
    first_line: usize,
    text: String,
    lines: usize,
    finished: bool,
}

#[derive(Default)]
struct Builder<'w> {
    out: Structure,
    words: Option<&'w Words>,
    open: Option<Paragraph>,
    seen_parts: Vec<PartKey>,
    seen_clauses: HashSet<String>,
    last_clause: Option<String>,
    /// Where the table of contents started, while it lasts.
    contents_from: Option<usize>,
    term_wants_name: Option<String>,
    annex_wants_title: bool,
}

/// A note, an example or a list item starts a paragraph of its own.
pub fn starts_paragraph(line: &str) -> bool {
    let labelled = |word: &str| {
        line.strip_prefix(word).is_some_and(|rest| {
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            rest.starts_with([':', '：'])
        })
    };
    let mut chars = line.chars();
    let first = chars.next();
    let second = chars.next();
    let item = match (first, second) {
        (Some(a), Some(')' | '）')) => a.is_ascii_lowercase() || a.is_ascii_digit(),
        (Some('—'), Some('—')) | (Some('•' | '·'), _) => true,
        _ => false,
    };
    labelled("注") || labelled("示例") || item
}

pub fn read(text: &str, words: &Words) -> Structure {
    let lines: Vec<String> = text.lines().map(clean_line).collect();
    let counts = counts(lines.iter().map(String::as_str));
    let mut b = Builder {
        words: Some(words),
        ..Builder::default()
    };
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        if line.is_empty() {
            continue;
        }
        match furniture(line, &counts) {
            Some(Furniture::PageNumber) => {
                b.unplaced(n, msg!("import-page-number", text = line));
                continue;
            }
            Some(Furniture::Header) => {
                b.unplaced(n, msg!("import-page-header", text = line));
                continue;
            }
            None => {}
        }
        if let Some(from) = b.contents_from {
            let next = lines[i + 1..].iter().find(|l| !l.is_empty());
            match part_heading(line) {
                Some(h) if h.key != PartKey::Contents && ends_contents(next) => {
                    b.unplaced(from, msg!("import-contents", from = from, to = n - 1));
                    b.contents_from = None;
                }
                _ => continue,
            }
        }
        if let Some(h) = part_heading(line) {
            if b.accepts_part(&h, n, line) {
                b.open_part(h, n);
                continue;
            }
        }
        if let Some((number, rest)) = clause_heading(line) {
            if b.accepts_clause(&number, n, line) {
                b.open_clause(number, rest, n);
                continue;
            }
        }
        b.text(n, line);
    }
    b.flush();
    if let Some(from) = b.contents_from {
        b.unplaced(from, msg!("import-contents", from = from, to = lines.len()));
    }
    if let Some(number) = b.term_wants_name.take() {
        b.unplaced(
            lines.len(),
            msg!("import-term-without-name", number = number),
        );
    }
    b.out
}

/// The contents end at a part's heading that text follows (in the contents, another heading
/// or a page number follows each).
fn ends_contents(next: Option<&String>) -> bool {
    next.is_some_and(|l| {
        part_heading(l).is_none()
            && clause_heading(l).is_none()
            && !l.contains("..")
            && !l.contains("……")
            && !l.ends_with(|c: char| c.is_ascii_digit())
    })
}

impl Builder<'_> {
    fn unplaced(&mut self, line: usize, msg: Msg) {
        self.out.unplaced.push(Said { line, msg });
    }

    fn part(&mut self) -> Option<&mut Part> {
        self.out.parts.last_mut()
    }

    fn paragraph_finished(&self) -> bool {
        self.open.as_ref().is_none_or(|p| p.finished)
    }

    fn flush(&mut self) {
        if let Some(p) = self.open.take() {
            if let Some(part) = self.part() {
                part.blocks.push(Block::Paragraph(p.text));
            }
        }
    }

    fn accepts_part(&mut self, h: &PartHeading, n: usize, line: &str) -> bool {
        if self.seen_parts.contains(&h.key) {
            self.unplaced(n, msg!("import-part-twice", text = line));
            return false;
        }
        let last_chapter = self.seen_parts.iter().rev().find_map(|k| match k {
            PartKey::Chapter(c) => Some(*c),
            _ => None,
        });
        let last_annex = self.seen_parts.iter().rev().find_map(|k| match k {
            PartKey::Annex(a) => Some(*a),
            _ => None,
        });
        let after_body = last_annex.is_some() || self.seen_parts.contains(&PartKey::Bibliography);
        let (in_order, sequential) = match h.key {
            PartKey::Contents => (self.seen_parts.is_empty(), true),
            PartKey::Foreword => (
                self.seen_parts.iter().all(|k| *k == PartKey::Contents),
                true,
            ),
            PartKey::Introduction => (last_chapter.is_none() && !after_body, true),
            PartKey::Chapter(c) => {
                let last = last_chapter.unwrap_or(0);
                (c > last && !after_body, c == last + 1)
            }
            PartKey::Annex(a) => {
                let ok = last_annex.is_none_or(|l| a > l);
                let next = last_annex.map_or('A', |l| (l as u8 + 1) as char);
                (
                    ok && !self.seen_parts.contains(&PartKey::Bibliography),
                    a == next,
                )
            }
            PartKey::Bibliography => (true, true),
        };
        if !in_order {
            return false;
        }
        if !sequential && !self.paragraph_finished() {
            self.unplaced(n, msg!("import-heading-unfinished", text = line));
            return false;
        }
        true
    }

    fn open_part(&mut self, h: PartHeading, n: usize) {
        // The document's title stands alone between the introduction and clause 1.
        if matches!(h.key, PartKey::Chapter(_)) && !self.seen_parts.iter().any(is_chapter) {
            if let Some(p) = &self.open {
                if p.lines == 1 && !p.finished && looks_like_title(&p.text) {
                    self.out.title = self.open.take().map(|p| (p.first_line, p.text));
                }
            }
        }
        self.flush();
        self.end_term(n);
        self.seen_parts.push(h.key.clone());
        self.last_clause = None;
        if h.key == PartKey::Contents {
            self.contents_from = Some(n);
            return;
        }
        let compact: String = h.title.chars().filter(|c| !c.is_whitespace()).collect();
        self.annex_wants_title = matches!(h.key, PartKey::Annex(_)) && h.title.is_empty();
        self.out.parts.push(Part {
            terms: matches!(h.key, PartKey::Chapter(_))
                && ["术语和定义", "术语"].contains(&&*compact),
            key: h.key,
            title: h.title,
            annex: h.annex,
            blocks: Vec::new(),
        });
    }

    fn accepts_clause(&mut self, number: &str, n: usize, line: &str) -> bool {
        let Some(part_number) = self.out.parts.last().and_then(Part::number) else {
            return false;
        };
        let inside = number.starts_with(&format!("{part_number}."));
        if !inside || self.seen_clauses.contains(number) {
            if self.paragraph_finished() && looks_like_title(line) {
                let message = msg!("import-clause-elsewhere", text = line, part = part_number);
                self.unplaced(n, message);
            }
            return false;
        }
        let last = self.last_clause.clone().unwrap_or(part_number);
        if !next_numbers(&last).contains(&number.to_string()) && !self.paragraph_finished() {
            self.unplaced(n, msg!("import-heading-unfinished", text = line));
            return false;
        }
        true
    }

    fn open_clause(&mut self, number: String, rest: String, n: usize) {
        self.flush();
        self.end_term(n);
        self.annex_wants_title = false;
        self.seen_clauses.insert(number.clone());
        self.last_clause = Some(number.clone());
        let terms = self.part().is_some_and(|p| p.terms);
        let (title, text) = if terms && rest.is_empty() {
            self.term_wants_name = Some(number.clone());
            (String::new(), None)
        } else if terms {
            (self.term_name(&number, &rest, n), None)
        } else if rest.is_empty() || looks_like_title(&rest) {
            (rest, None)
        } else {
            (String::new(), Some(rest))
        };
        if let Some(part) = self.part() {
            part.blocks.push(Block::Clause { number, title });
        }
        if let Some(text) = text {
            self.start_paragraph(n, text);
        }
    }

    /// A term entry's number without a name before the next heading.
    fn end_term(&mut self, n: usize) {
        if let Some(number) = self.term_wants_name.take() {
            self.unplaced(n, msg!("import-term-without-name", number = number));
        }
    }

    /// `产业园区 industrialpark` → `产业园区 industrial park`, saying what was split and what
    /// may still be run together.
    fn term_name(&mut self, number: &str, line: &str, n: usize) -> String {
        let (chinese, english) = split_term_title(line);
        let Some(english) = english else {
            return chinese;
        };
        let fixed = fix_english(&english, self.words.unwrap_or(&Words::default()));
        for (from, to) in fixed.split {
            let m = msg!(
                "import-english-split",
                number = number,
                from = from,
                to = to
            );
            self.out.fixed.push(Said { line: n, msg: m });
        }
        for word in fixed.doubtful {
            let m = msg!("import-english-run-together", number = number, word = word);
            self.unplaced(n, m);
        }
        format!("{chinese} {}", fixed.text)
    }

    fn start_paragraph(&mut self, n: usize, line: String) {
        self.flush();
        self.open = Some(Paragraph {
            first_line: n,
            finished: ends_paragraph(&line),
            text: line,
            lines: 1,
        });
    }

    fn text(&mut self, n: usize, line: &str) {
        if self.out.parts.is_empty() {
            self.unplaced(n, msg!("import-before-first-part", text = line));
            return;
        }
        if let Some(number) = self.term_wants_name.take() {
            let title = self.term_name(&number, line, n);
            if let Some(Block::Clause { title: t, .. }) =
                self.part().and_then(|p| p.blocks.last_mut())
            {
                *t = title;
            }
            return;
        }
        if self.annex_wants_title {
            let (status, rest) = annex_status(line);
            if status.is_some() && rest.trim().is_empty() {
                if let Some(part) = self.part() {
                    part.annex = status;
                }
                return;
            }
            self.annex_wants_title = false;
            if looks_like_title(line) {
                if let Some(part) = self.part() {
                    part.title = line.to_string();
                }
                return;
            }
        }
        match &mut self.open {
            Some(p) if !p.finished && !starts_paragraph(line) => {
                join(&mut p.text, line);
                p.lines += 1;
                p.finished = ends_paragraph(line);
            }
            _ => self.start_paragraph(n, line.to_string()),
        }
    }
}

fn is_chapter(key: &PartKey) -> bool {
    matches!(key, PartKey::Chapter(_))
}

/// The numbers that may follow `last`: its first subclause, or the next of it or of any of the
/// clauses it is in (`4.1.2` → `4.1.2.1`, `4.1.3`, `4.2`).
fn next_numbers(last: &str) -> Vec<String> {
    let mut next = vec![format!("{last}.1")];
    let segments: Vec<&str> = last.split('.').collect();
    for depth in 2..=segments.len() {
        let Ok(n) = segments[depth - 1].parse::<u32>() else {
            continue;
        };
        let mut number = segments[..depth - 1].join(".");
        number.push('.');
        number.push_str(&(n + 1).to_string());
        next.push(number);
    }
    next
}

#[cfg(test)]
#[path = "structure_tests.rs"]
mod tests;
