//! The postings index: tokens to documents, built in waves and written in shards.

use super::*;

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
pub(super) struct Index<'s> {
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
    pub(super) fn new(out: Shards<'s>) -> Self {
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
    pub(super) fn add(&mut self, kind: u8, docs: Vec<Doc>) {
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
    pub(super) fn add_row(&mut self, row: &[u8]) {
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

    pub(super) fn close_doc_shard(&mut self) {
        self.current.extend_from_slice(b"]]);\n");
        let n = self.doc_starts.len() - 1;
        self.out.put(
            format!("{DIR}d-{n:03}.js"),
            std::mem::take(&mut self.current),
        );
    }

    /// Writes the last document shard, the postings shards and `meta.js`.
    pub(super) fn finish(mut self) -> Vec<Diagnostic> {
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
        json_string(&mut quoted, token);
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
        json_string(text, &token);
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
