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
use crate::fxhash::{Fx, FxMap};
use crate::model::Park;
use crate::views::Ctx;
use crate::views::Selection;
use crate::vocab;
use pulldown_cmark::{Event, Options, Parser, TagEnd};
use rayon::prelude::*;
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
            crate::escape::json_string_into(out, field);
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
        hasher: Fx::default(),
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
    hasher: Fx,
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

/// The one-to-one character folding of `search.js`: ASCII and full-width forms to lowercase
/// ASCII, the ideographic space to a space, other letters to their single lowercase letter.
pub fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\0'..='\u{7F}' => c,
        _ if is_cjk(c) => c,
        '\u{FF01}'..='\u{FF5E}' => fold(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
        '\u{3000}' => ' ',
        _ if c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf16() == c.len_utf16() => l,
                _ => c,
            }
        }
        _ => c,
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// A token as the indexer sees it: a CJK pair (or a run's last character, paired with `\0`)
/// packed in a number, or a prefix of a Latin word.
pub enum Token<'a> {
    Cjk(u64),
    Word(&'a str),
}

fn pack(a: char, b: char) -> u64 {
    (u64::from(a) << 21) | u64::from(b)
}

fn unpack(key: u64) -> String {
    let a = char::from_u32((key >> 21) as u32).unwrap_or('\u{FFFD}');
    match (key & 0x1F_FFFF) as u32 {
        0 => a.to_string(),
        b => [a, char::from_u32(b).unwrap_or('\u{FFFD}')]
            .iter()
            .collect(),
    }
}

/// Calls `emit` with every token of `text` (folded), repeats included: each pair of adjacent
/// CJK characters and the last character of each CJK run; the 2- to 12-character prefixes of
/// each word (letters and digits, with `.` between digits).
pub fn scan(text: &str, mut emit: impl FnMut(Token)) {
    let mut word = String::new();
    let mut word_len = 0;
    let mut last = '\0';
    let mut cjk: Option<char> = None;
    let mut chars = text.chars().map(fold).peekable();
    while let Some(c) = chars.next() {
        if is_cjk(c) {
            word_len = 0;
            if let Some(p) = cjk {
                emit(Token::Cjk(pack(p, c)));
            }
            cjk = Some(c);
            continue;
        }
        if let Some(p) = cjk.take() {
            emit(Token::Cjk(pack(p, '\0')));
        }
        let number_dot = c == '.'
            && word_len > 0
            && last.is_ascii_digit()
            && chars.peek().is_some_and(|n| n.is_ascii_digit());
        if is_word(c) || number_dot {
            if word_len == 0 {
                word.clear();
            }
            word_len += 1;
            last = c;
            if word_len <= MAX_PREFIX {
                word.push(c);
                if word_len >= 2 {
                    emit(Token::Word(&word));
                }
            }
        } else {
            word_len = 0;
        }
    }
    if let Some(p) = cjk {
        emit(Token::Cjk(pack(p, '\0')));
    }
}

/// A 32-bit mix of a code point; the same in `search.js`.
fn mix(x: u32) -> u32 {
    let mut h = x.wrapping_mul(0x9E37_79B1);
    h ^= h >> 15;
    h = h.wrapping_mul(0x85EB_CA77);
    h ^ (h >> 13)
}

/// The postings shard of a token: a hash of its first character, so that all the tokens that
/// start with a character are in one shard (a one-character query reads one shard) — except for
/// the characters of `split`, too common for that, whose tokens are placed by a hash of the whole
/// token. The same in `search.js`.
pub fn shard_of(token: &str, split: &str, shards: u32) -> u32 {
    let mut h = 0;
    for (i, c) in token.chars().enumerate() {
        h = mix(h ^ c as u32);
        if i == 0 && !split.contains(c) {
            break;
        }
    }
    h % shards
}

/// Digits of the postings encoding: 5 bits each, most significant first; `+32` on all but a
/// number's last digit. JSON-safe, so a list is one short string.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

pub fn encode(numbers: impl IntoIterator<Item = u32>, out: &mut String) {
    let mut groups = [0u8; 7];
    for n in numbers {
        let mut n = n;
        let mut len = 0;
        loop {
            groups[len] = (n & 31) as u8;
            len += 1;
            n >>= 5;
            if n == 0 {
                break;
            }
        }
        for i in (0..len).rev() {
            let more = if i > 0 { 32 } else { 0 };
            out.push(DIGITS[usize::from(groups[i] + more)] as char);
        }
    }
}

/// A kind's documents are tokenized in this many waves per thread.
const WAVES: usize = 8;

/// A token's postings as written: deltas, encoded, and the last value.
#[derive(Default)]
struct Encoded {
    last: u32,
    text: String,
}

impl Encoded {
    fn extend(&mut self, values: &[u32]) {
        let last = &mut self.last;
        encode(
            values.iter().map(|&v| v - std::mem::replace(last, v)),
            &mut self.text,
        );
    }
}

/// The index as documents are added: postings, encoded as they will be written (`id << 1 |
/// in_title` in id order), and the document shards, written as soon as each is full.
struct Index<'s> {
    out: Shards<'s>,
    cjk: FxMap<u64, Encoded>,
    words: FxMap<Box<str>, Encoded>,
    /// The first id of each kind, then of each document shard.
    kind_starts: Vec<usize>,
    doc_starts: Vec<usize>,
    current: Vec<u8>,
    count: usize,
}

impl<'s> Index<'s> {
    fn new(out: Shards<'s>) -> Self {
        Index {
            out,
            cjk: FxMap::default(),
            words: FxMap::default(),
            kind_starts: Vec::new(),
            doc_starts: Vec::new(),
            current: Vec::new(),
            count: 0,
        }
    }

    /// Adds the documents of `kind`, which come after all documents added so far. They are
    /// tokenized in waves; each wave in parallel chunks, each chunk into its own map (a token
    /// seen again in the same document only updates its flag), then the chunks' lists are
    /// appended to the index's in order, so only one wave's lists are in memory at once.
    fn add(&mut self, kind: u8, docs: Vec<Doc>) {
        debug_assert_eq!(self.kind_starts.len(), usize::from(kind));
        self.kind_starts.push(self.count);
        let threads = rayon::current_num_threads().max(1);
        let chunk = docs.len().div_ceil(threads * WAVES).max(1);
        type Maps = (FxMap<u64, Vec<u32>>, FxMap<Box<str>, Vec<u32>>);
        fn add(list: &mut Vec<u32>, value: u32) {
            match list.last_mut() {
                Some(last) if *last >> 1 == value >> 1 => *last |= value,
                _ => list.push(value),
            }
        }
        for wave in docs.chunks(chunk * threads) {
            let base = self.count;
            // Each chunk also writes its documents' rows, with where each ends.
            type Rows = (Vec<u8>, Vec<usize>);
            let chunks: Vec<(Maps, Rows)> = wave
                .par_chunks(chunk)
                .enumerate()
                .map(|(c, part)| {
                    let (mut cjk, mut words) = Maps::default();
                    let mut rows: Rows = (Vec::new(), Vec::with_capacity(part.len()));
                    for (i, d) in part.iter().enumerate() {
                        d.write_row(&mut rows.0);
                        rows.1.push(rows.0.len());
                        let id = (base + c * chunk + i) as u32;
                        for (field, in_title) in d.searched() {
                            let value = (id << 1) | u32::from(in_title);
                            scan(field, |t| match t {
                                Token::Cjk(key) => add(
                                    cjk.entry(key).or_insert_with(|| Vec::with_capacity(4)),
                                    value,
                                ),
                                Token::Word(w) => match words.get_mut(w) {
                                    Some(list) => add(list, value),
                                    None => {
                                        words.insert(w.into(), vec![value]);
                                    }
                                },
                            });
                        }
                    }
                    ((cjk, words), rows)
                })
                .collect();
            for ((cjk, words), (bytes, ends)) in chunks {
                for (key, list) in cjk {
                    self.cjk.entry(key).or_default().extend(&list);
                }
                for (token, list) in words {
                    self.words.entry(token).or_default().extend(&list);
                }
                let mut start = 0;
                for end in ends {
                    self.add_row(&bytes[start..end]);
                    start = end;
                }
            }
        }
    }

    /// Adds a document's row to the current document shard, written once it is full.
    fn add_row(&mut self, row: &[u8]) {
        let id = self.count;
        self.count += 1;
        if self.current.is_empty() {
            self.doc_starts.push(id);
            let n = self.doc_starts.len() - 1;
            self.current.extend_from_slice(
                format!("window.__parkbookSearch.add(\"d-{n:03}\",[{id},[").as_bytes(),
            );
        } else {
            self.current.push(b',');
        }
        self.current.extend_from_slice(row);
        if self.current.len() >= DOC_SHARD_BYTES {
            self.close_doc_shard();
        }
    }

    fn close_doc_shard(&mut self) {
        self.current.extend_from_slice(b"]]);\n");
        let n = self.doc_starts.len() - 1;
        self.out.put(
            format!("{DIR}d-{n:03}.js"),
            std::mem::take(&mut self.current),
        );
    }

    /// Writes the last document shard, the postings shards and `meta.js`.
    fn finish(mut self) -> Vec<Diagnostic> {
        if !self.current.is_empty() {
            self.close_doc_shard();
        }
        let count = self.count;
        let mut kind_starts = std::mem::take(&mut self.kind_starts);
        kind_starts.push(count);
        let mut doc_starts = std::mem::take(&mut self.doc_starts);
        doc_starts.push(count);
        let mut postings = std::mem::take(&mut self.words);
        postings.extend(
            std::mem::take(&mut self.cjk)
                .into_iter()
                .map(|(key, list)| (unpack(key).into(), list)),
        );
        write_postings(postings, kind_starts, doc_starts, &mut self.out);
        self.out.errors
    }
}

fn write_postings(
    postings: FxMap<Box<str>, Encoded>,
    kind_starts: Vec<usize>,
    doc_starts: Vec<usize>,
    out: &mut Shards,
) {
    // `"token":"deltas"`, in token order. Entries are written straight into their shards.
    let mut entries: Vec<(Box<str>, Encoded)> = postings.into_iter().collect();
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // `"token":"deltas"` takes this many bytes.
    let entry_len = |token: &str, list: &Encoded| {
        let mut quoted = Vec::with_capacity(token.len() + 2);
        crate::escape::json_string_into(&mut quoted, token);
        quoted.len() + 3 + list.text.len()
    };

    // Bytes by first character (every token has one), and in all.
    let mut by_char: HashMap<char, usize> = HashMap::new();
    for (token, list) in &entries {
        if let Some(c) = token.chars().next() {
            *by_char.entry(c).or_default() += entry_len(token, list) + 1;
        }
    }
    let total: usize = by_char.values().sum();
    let shards = total
        .div_ceil(POSTINGS_SHARD_BYTES)
        .max(1)
        .next_power_of_two() as u32;
    let mut split: Vec<char> = by_char
        .into_iter()
        .filter(|&(_, bytes)| bytes > SPLIT_BYTES)
        .map(|(c, _)| c)
        .collect();
    split.sort_unstable();
    let split: String = split.into_iter().collect();

    let mut shard_text: Vec<Vec<u8>> = (0..shards)
        .map(|s| format!("window.__parkbookSearch.add(\"p-{s:02}\",{{").into_bytes())
        .collect();
    for (token, list) in entries {
        let text = &mut shard_text[shard_of(&token, &split, shards) as usize];
        if text.last() != Some(&b'{') {
            text.push(b',');
        }
        crate::escape::json_string_into(text, &token);
        text.extend_from_slice(b":\"");
        text.extend_from_slice(list.text.as_bytes());
        text.push(b'"');
    }
    for (s, mut text) in shard_text.into_iter().enumerate() {
        text.extend_from_slice(b"});\n");
        out.put(format!("{DIR}p-{s:02}.js"), text);
    }

    // The version changes whenever any shard does; search.js adds it to shard URLs, so that a
    // browser never mixes shards of two builds.
    let hash = std::hash::Hasher::finish(&out.hasher);
    let meta = serde_json::json!({
        "v": format!("{hash:016x}"),
        "kinds": KINDS,
        "kindStarts": kind_starts,
        "postings": shards,
        "split": split,
        "docs": doc_starts,
    });
    out.put(
        format!("{DIR}meta.js"),
        format!("window.__parkbookSearch.add(\"meta\",{meta});\n").into_bytes(),
    );
}

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
