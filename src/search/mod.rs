//! The search index. parkbook writes it itself: no server, no dependency, no extra build step.
//!
//! **Documents**, in this order of kinds: parks, services, specialized providers, integrated
//! service providers (brands), the standard's parts and clauses, the glossary's terms. Each is
//! `[kind, title, title_en, subtitle, url, text]`, `url` relative to the site root and `text`
//! plain (Markdown stripped). A park's text holds the names of its services, so a park is found
//! by what it offers; a service's and a specialized provider's subtitle is its park's name. Ids
//! go by kind, then length (shorter first), then the site's order: the first candidates of a kind
//! are its best by the "shorter first" rule, and they sit together in the first document shards.
//!
//! **Tokens**, from the text folded one character to one (ASCII and full-width letters to
//! lowercase; the same in `search.js`): every pair of adjacent CJK characters, plus the last
//! character of each CJK run, so that every CJK character starts a token; and the 2- to
//! 12-character prefixes of words of letters and digits. Each posting says whether the token is in
//! the title (or English title), which ranks title matches before any document is loaded.
//!
//! **Files**, all in [`DIR`], all scripts that register themselves with
//! `window.__parkbookSearch.add(name, data)`, because `<script>` loads from `file://`, where
//! `fetch` does not:
//! - `meta.js`: a version, the kinds and the first id of each, the number of postings shards,
//!   the characters split over shards, the first id of each document shard;
//! - `p-NN.js`: postings, `{"token": "deltas of (id << 1 | in_title), 5 bits a digit"}`, in the
//!   shard of a hash of the token's first character, so that a one-character query reads one
//!   shard; the tokens of the few characters too common for that (`split`) go by a hash of the
//!   whole token;
//! - `d-NNN.js`: `[first id, [documents]]`, consecutive ids, closed after [`DOC_SHARD_BYTES`].
//!
//! A query's words must all appear in a document (as substrings, folded); `search.js` reads only
//! the postings shards of the query's tokens, intersects them, and loads the document shards of
//! the candidates it shows, which it verifies and ranks. The index is written whole for every
//! selection: at 1,000 generated parks that takes about 0.3 s.

use crate::diagnostics::Diagnostic;
use crate::files::{OutputFile, Sink};
use crate::model::Park;
use crate::views::Ctx;
use crate::views::Selection;
use crate::vocab;
use pulldown_cmark::{Event, Options, Parser, TagEnd};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as FxMap, FxHasher};
use std::collections::HashMap;

/// The folder of the index. It holds nothing else: the index is written whole for every
/// selection, and an incremental rebuild can drop the folder's old files before adding these.
pub const DIR: &str = "search/shards/";

/// Kinds of document, in id order; `search.js` has their labels in the same order.
pub const KINDS: [&str; 6] = ["park", "service", "sp", "brand", "clause", "term"];
const PARK: u8 = 0;
const SERVICE: u8 = 1;
const SP: u8 = 2;
const BRAND: u8 = 3;
const CLAUSE: u8 = 4;
const TERM: u8 = 5;

/// A document shard is closed once it holds this many bytes.
pub const DOC_SHARD_BYTES: usize = 16 * 1024;
/// Postings shards are a power of two, chosen so that they average at most this many bytes.
pub const POSTINGS_SHARD_BYTES: usize = 24 * 1024;
/// A character whose tokens take more than this many bytes has them spread over the shards.
pub const SPLIT_BYTES: usize = 16 * 1024;
/// Most characters of text kept for a park or a brand (names and titles are always whole).
pub const MAX_PARK_TEXT: usize = 240;
/// Most characters of text kept for a service (a specialized provider is found by its name).
pub const MAX_ENTRY_TEXT: usize = 48;
/// Latin words are indexed by their prefixes of 2 to this many characters.
pub const MAX_PREFIX: usize = 12;

/// A document: its fields, one after another in one allocation. A big site's documents are made
/// in the site's order and then sorted by length, so that whatever indexing reads of a document
/// sits in one place, not scattered over the model (reading the model in sorted order took a
/// fifth of the index's time at 10,000 parks).
struct Doc {
    kind: u8,
    /// Title, English title, subtitle, url and text.
    fields: Box<str>,
    /// Where each field but the last ends in `fields`.
    ends: [u32; 4],
}

impl Doc {
    fn new(kind: u8, title: &str, title_en: &str, sub: &str, url: &[&str], text: &str) -> Doc {
        let url_len: usize = url.iter().map(|part| part.len()).sum();
        let mut fields =
            String::with_capacity(title.len() + title_en.len() + sub.len() + url_len + text.len());
        let mut ends = [0; 4];
        for (end, parts) in ends
            .iter_mut()
            .zip([&[title][..], &[title_en], &[sub], url])
        {
            for part in parts {
                fields.push_str(part);
            }
            *end = fields.len() as u32;
        }
        fields.push_str(text);
        Doc {
            kind,
            fields: fields.into_boxed_str(),
            ends,
        }
    }

    fn own(kind: u8, title: &str, title_en: &str, sub: &str, url: String, text: &str) -> Doc {
        Doc::new(kind, title, title_en, sub, &[&url], text)
    }

    /// Title, English title, subtitle, url and text.
    fn parts(&self) -> [&str; 5] {
        let [a, b, c, d] = self.ends.map(|end| end as usize);
        let f = &*self.fields;
        [&f[..a], &f[a..b], &f[b..c], &f[c..d], &f[d..]]
    }

    /// What a query is matched against, each with whether it is a title.
    fn searched(&self) -> [(&str, bool); 4] {
        let [title, title_en, sub, _, text] = self.parts();
        [(title, true), (title_en, true), (sub, false), (text, false)]
    }

    /// Length in characters of what a query is matched against, one field per line.
    fn len(&self) -> usize {
        self.searched()
            .iter()
            .map(|(field, _)| field.chars().count() + 1)
            .sum()
    }

    /// `[kind,"title","title_en","sub","url","text"]`, as the document shards hold it.
    fn write_row(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        out.extend_from_slice(itoa::Buffer::new().format(self.kind).as_bytes());
        for field in self.parts() {
            out.push(b',');
            json_string(out, field);
        }
        out.push(b']');
    }
}

/// Writes the whole index, whatever the selection, each shard to the sink as soon as it is made.
/// Documents are made one kind at a time, so that only one kind's are in memory at once.
pub fn write(ctx: &Ctx, _selection: &Selection, sink: &dyn Sink) -> Vec<Diagnostic> {
    let mut timer = crate::timings::Timer::start();
    let mut index = Index::new(Shards {
        sink,
        hasher: FxHasher::default(),
        errors: Vec::new(),
    });
    for kind in 0..KINDS.len() as u8 {
        let mut docs = documents(ctx, kind);
        // Shorter first; the sort is stable, so ties keep the site's order.
        docs.sort_by_cached_key(Doc::len);
        timer.mark(&format!("search: {}s", KINDS[usize::from(kind)]));
        index.add(kind, docs);
        timer.mark("search: indexed");
    }
    let errors = index.finish();
    timer.mark("search files");
    errors
}

/// Where the index's files go: the sink, and a hash of everything written for `meta.js`.
struct Shards<'a> {
    sink: &'a dyn Sink,
    hasher: FxHasher,
    errors: Vec<Diagnostic>,
}

impl Shards<'_> {
    fn put(&mut self, path: String, bytes: Vec<u8>) {
        std::hash::Hasher::write(&mut self.hasher, path.as_bytes());
        std::hash::Hasher::write(&mut self.hasher, &bytes);
        let file = OutputFile { path, bytes };
        if let Err(e) = self.sink.put(file) {
            self.errors.push(e);
        }
    }
}

/// The documents of one kind, in the site's order.
fn documents(ctx: &Ctx, kind: u8) -> Vec<Doc> {
    let site = ctx.site;
    match kind {
        PARK => site
            .parks
            .par_iter()
            .map(|park| park_doc(ctx, park))
            .collect(),
        SERVICE => site
            .parks
            .par_iter()
            .flat_map_iter(|park| {
                park.services.iter().map(move |svc| {
                    let text = svc
                        .description
                        .as_deref()
                        .map(|d| plain(cut(d, MAX_ENTRY_TEXT)))
                        .unwrap_or_default();
                    let url = ["parks/", &park.id, "/index.html#service-", &svc.id.value];
                    let text = bounded(&text, MAX_ENTRY_TEXT);
                    Doc::new(SERVICE, &svc.name, "", &park.name, &url, text)
                })
            })
            .collect(),
        SP => site
            .parks
            .par_iter()
            .flat_map_iter(|park| {
                park.providers.iter().map(move |sp| {
                    let url = ["parks/", &park.id, "/index.html#provider-", &sp.id.value];
                    Doc::new(SP, &sp.name, "", &park.name, &url, "")
                })
            })
            .collect(),
        BRAND => site
            .providers
            .iter()
            .map(|p| {
                let mut sub = Vec::new();
                for name in [&p.brand, &p.short_name].into_iter().flatten() {
                    if !sub.contains(name) && name != &p.name {
                        sub.push(name.clone());
                    }
                }
                sub.push(vocab::label(vocab::INTEGRATED_PROVIDER_KINDS, &p.kind).to_string());
                Doc::own(
                    BRAND,
                    &p.name,
                    "",
                    &join(sub),
                    format!("providers/{}/index.html", p.id),
                    &p.summary
                        .as_deref()
                        .map(|s| bounded(&plain(cut(s, MAX_PARK_TEXT)), MAX_PARK_TEXT).to_string())
                        .unwrap_or_default(),
                )
            })
            .collect(),
        CLAUSE => {
            let mut docs = Vec::new();
            for part in &site.standard.parts {
                let number = part.number.clone().filter(|n| n != "0");
                docs.push(Doc::own(
                    CLAUSE,
                    &part.title,
                    part.title_en.as_deref().unwrap_or_default(),
                    &number.unwrap_or_default(),
                    format!("standard/index.html#{}", part.anchor()),
                    &plain(&part.intro),
                ));
                for (i, c) in part.clauses.iter().enumerate() {
                    let (title, title_en, text) = match &c.term {
                        Some(t) => (t.term.clone(), t.term_en.clone(), term_text(t)),
                        None => (c.title.clone(), None, plain(&c.body).into_owned()),
                    };
                    docs.push(Doc::own(
                        CLAUSE,
                        &title,
                        &title_en.unwrap_or_default(),
                        &join(vec![
                            c.number.clone().unwrap_or_default(),
                            part.title.clone(),
                        ]),
                        format!("standard/index.html#{}", c.anchor(i)),
                        &text,
                    ));
                }
            }
            docs
        }
        _ => site
            .standard
            .terms()
            .map(|t| {
                Doc::own(
                    TERM,
                    &t.term,
                    t.term_en.as_deref().unwrap_or_default(),
                    &t.number,
                    format!("terms/index.html#term-{}", t.number),
                    &term_text(t),
                )
            })
            .collect(),
    }
}

fn park_doc(ctx: &Ctx, park: &Park) -> Doc {
    let brand = park.provider.as_ref().and_then(|p| ctx.provider(p));
    let place = match &park.district {
        Some(d) => format!("{}{}", park.region, d),
        None => park.region.clone(),
    };
    let mut sub = vec![
        vocab::label(vocab::LEVELS, &park.level).to_string(),
        vocab::label(vocab::PARK_TYPES, &park.park_type).to_string(),
        place,
    ];
    if let Some(b) = brand {
        sub.push(b.display_name().to_string());
    }
    // What the park offers comes first, its descriptive text after, all bounded.
    let mut text = Vec::new();
    text.extend(park.slogan.clone());
    if !park.industries.is_empty() {
        text.push(park.industries.join("、"));
    }
    let services: Vec<&str> = park.services.iter().map(|s| s.name.as_str()).collect();
    text.push(services.join("、"));
    text.extend(park.features.iter().map(|f| f.title.clone()));
    text.extend(
        park.summary
            .as_deref()
            .map(|s| plain(cut(s, MAX_PARK_TEXT)).into_owned()),
    );
    text.extend(park.features.iter().filter_map(|f| {
        f.description
            .as_deref()
            .map(|d| plain(cut(d, MAX_PARK_TEXT)).into_owned())
    }));
    Doc::own(
        PARK,
        &park.name,
        park.name_en.as_deref().unwrap_or_default(),
        &join(sub),
        format!("parks/{}/index.html", park.id),
        bounded(&join_with(text, " "), MAX_PARK_TEXT),
    )
}

/// The text of a park-written document (a service's description, a park's summary) is cut to
/// its first sentences up to a bound: names and openings are what readers search for, and the
/// index then grows with the number of parks, not with the length of what they write.
fn bounded(text: &str, max_chars: usize) -> &str {
    let Some(cut) = char_start(text, max_chars) else {
        return text;
    };
    let head = &text[..cut];
    // End at the last sentence or clause break past the middle, if there is one.
    let end = head
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            i >= cut / 2 && matches!(c, '。' | '；' | '！' | '？' | '.' | ';' | '!' | '?')
        })
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(cut);
    text[..end].trim_end()
}

/// The start of a Markdown text that is long enough to give `max_chars` of plain text (markup
/// takes some), so that a long description is not parsed whole to keep its first sentence.
fn cut(markdown: &str, max_chars: usize) -> &str {
    match char_start(markdown, max_chars * 2) {
        // Cut at a line end, so that no inline markup is split.
        Some(i) => markdown[..i]
            .rfind('\n')
            .map_or(&markdown[..i], |nl| &markdown[..nl]),
        None => markdown,
    }
}

/// Where the character numbered `n` (from 0) starts, if the text has that many: what
/// `char_indices().nth(n)` tells, counted sixteen bytes at a time (every description of a big
/// site goes through here).
fn char_start(text: &str, n: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.len() <= n {
        return None;
    }
    // A character starts at every byte that is not a continuation byte (0b10xxxxxx).
    let starts = |b: u8| (b as i8) >= -0x40;
    let mut seen = 0;
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64, and each load reads 16 bytes at `i`, `i + 16 <= len`.
        unsafe {
            let continuation = _mm_set1_epi8(-0x41); // bytes above it (signed) start characters
            while i + 16 <= bytes.len() {
                let v = _mm_loadu_si128(bytes.as_ptr().add(i).cast::<__m128i>());
                let mask = _mm_movemask_epi8(_mm_cmpgt_epi8(v, continuation)) as u32;
                let count = mask.count_ones() as usize;
                if seen + count > n {
                    break;
                }
                seen += count;
                i += 16;
            }
        }
    }
    for (j, &b) in bytes[i..].iter().enumerate() {
        if starts(b) {
            if seen == n {
                return Some(i + j);
            }
            seen += 1;
        }
    }
    None
}

fn term_text(t: &crate::model::Term) -> String {
    let mut text = vec![plain(&t.definition).into_owned()];
    text.extend(t.notes.iter().map(|n| plain(n).into_owned()));
    join_with(text, " ")
}

/// Non-empty parts of a subtitle, joined by " · ".
fn join(parts: Vec<String>) -> String {
    join_with(parts, " · ")
}

fn join_with(parts: Vec<String>, separator: &str) -> String {
    parts
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

/// Markdown as plain text: blocks, list items and table cells end with a space, so that no
/// token spans two of them.
fn plain(markdown: &str) -> std::borrow::Cow<'_, str> {
    if let Some(text) = crate::markdown::plain_paragraph(markdown) {
        return text.into();
    }
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock,
            ) if !out.is_empty() && !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string().into()
}

mod index;
mod tokens;

/// Appends `text` as a JSON string, quotes included.
fn json_string(out: &mut Vec<u8>, text: &str) {
    sonic_rs::to_writer(out, text).expect("a string serializes into memory");
}

use index::*;
pub use tokens::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan(text, |t| match t {
            Token::Cjk(key) => out.push(unpack(key)),
            Token::Word(w) => out.push(w.to_string()),
        });
        out
    }

    #[test]
    fn cjk_bigrams_and_the_last_character() {
        assert_eq!(all("孵化器"), ["孵化", "化器", "器"]);
        assert_eq!(all("园"), ["园"]);
        assert_eq!(all("集成，服务"), ["集成", "成", "服务", "务"]);
    }

    #[test]
    fn latin_prefixes_folded() {
        assert_eq!(all("Zhang"), ["zh", "zha", "zhan", "zhang"]);
        assert_eq!(all("ＡＢ"), ["ab"]);
        assert_eq!(all("a 3.2 x"), ["3.", "3.2"]);
        assert_eq!(all("5G园区").len(), 3);
        assert_eq!(all("internationalisation").last().unwrap(), "internationa");
    }

    fn decode(text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut n = 0u32;
        for b in text.bytes() {
            let d = DIGITS.iter().position(|&x| x == b).unwrap_or(0) as u32;
            n = (n << 5) | (d & 31);
            if d < 32 {
                out.push(n);
                n = 0;
            }
        }
        out
    }

    #[test]
    fn postings_round_trip() {
        let numbers = [0, 1, 31, 32, 33, 1023, 1024, 80_000, u32::MAX];
        let mut text = String::new();
        encode(numbers, &mut text);
        assert_eq!(decode(&text), numbers);
    }

    #[test]
    fn folding_is_one_to_one() {
        for c in ['A', 'Ａ', 'İ', '孵', 'é', 'Σ', '\u{3000}'] {
            assert_eq!(fold(c).len_utf16(), c.len_utf16(), "{c}");
        }
    }

    #[test]
    fn park_written_text_is_bounded_at_a_sentence() {
        assert_eq!(bounded("短文本。", 10), "短文本。");
        // The last sentence end in the second half of the bound.
        assert_eq!(
            bounded("一二三四。六七八九十。十二", 12),
            "一二三四。六七八九十。"
        );
        // None there: cut at the bound.
        assert_eq!(bounded("一。三四五六七八九十", 6), "一。三四五六");
        let long = "孵化".repeat(500);
        assert_eq!(bounded(&plain(cut(&long, 48)), 48).chars().count(), 48);
        assert!(cut("第一行\n第二行", 2).ends_with("第一行"));
    }

    #[test]
    fn char_start_is_char_indices_nth() {
        let texts = [
            "",
            "a",
            "园区",
            "园区服务 park 服务体系建设规范，园区专业服务。abc🌏def园区园区园区园区园区园区园区园区",
            "0123456789abcdefghijklmnopqrstuvwxyz0123456789",
            "🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏🌏",
        ];
        for text in texts {
            for n in 0..=text.chars().count() + 2 {
                assert_eq!(
                    char_start(text, n),
                    text.char_indices().nth(n).map(|(i, _)| i),
                    "{text:?} {n}"
                );
            }
        }
    }

    #[test]
    fn plain_text_separates_cells_and_items() {
        assert_eq!(plain("| a | b |\n|---|---|\n| 孵化 | 器 |"), "a b 孵化 器");
        assert_eq!(plain("- 一\n- 二"), "一 二");
    }
}
