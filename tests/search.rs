//! The search index of a small catalogue (`tests/fixtures/catalogue`: five parks, three
//! providers, the two-part standard of the base fixture), queried from disk with the query
//! algorithm of
//! `themes/default/static/search.js`, reimplemented below so that `cargo test` always runs it;
//! when `node` is installed, search.js itself answers the same queries and must agree.
//!
//! `PARKBOOK_SEARCH_SITE=DIR cargo test --release --test search -- --ignored --nocapture` reports
//! the index of a site already built into DIR: sizes, shards and the bytes that queries load.

mod common;
use common::process::{build, built_once};
use common::{fixture, repo};

use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The catalogue fixture, built once per test binary run.
fn catalogue() -> PathBuf {
    built_once(&fixture("catalogue"), &[])
}

fn park(id: &str) -> String {
    format!("parks/{id}/index.html")
}

// ---- the index on disk ----

struct Index {
    dir: PathBuf,
    meta: Value,
    kinds: Vec<String>,
    kind_starts: Vec<u32>,
    doc_starts: Vec<u32>,
    postings: u32,
    split: String,
    cache: RefCell<HashMap<String, Value>>,
    /// Bytes of the files loaded so far (meta.js included), and of postings shards alone.
    loaded: Cell<usize>,
    loaded_postings: Cell<usize>,
}

/// The data of an index file: `window.__parkbookSearch.add("name",DATA);`.
fn script_data(path: &Path, name: &str) -> (Value, usize) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let prefix = format!("window.__parkbookSearch.add(\"{name}\",");
    let json = text
        .strip_prefix(&prefix)
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{} is not a registration script", path.display()));
    (serde_json::from_str(json).unwrap(), text.len())
}

impl Index {
    fn open(site: &Path) -> Index {
        let dir = site.join("search/shards");
        let (meta, bytes) = script_data(&dir.join("meta.js"), "meta");
        let nums = |key: &str| -> Vec<u32> {
            meta[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as u32)
                .collect()
        };
        Index {
            kinds: meta["kinds"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap().to_string())
                .collect(),
            kind_starts: nums("kindStarts"),
            doc_starts: nums("docs"),
            postings: meta["postings"].as_u64().unwrap() as u32,
            split: meta["split"].as_str().unwrap().to_string(),
            meta,
            dir,
            cache: RefCell::default(),
            loaded: Cell::new(bytes),
            loaded_postings: Cell::new(0),
        }
    }

    fn load(&self, name: &str) -> Value {
        if let Some(v) = self.cache.borrow().get(name) {
            return v.clone();
        }
        let (value, bytes) = script_data(&self.dir.join(format!("{name}.js")), name);
        self.loaded.set(self.loaded.get() + bytes);
        if name.starts_with("p-") {
            self.loaded_postings.set(self.loaded_postings.get() + bytes);
        }
        self.cache.borrow_mut().insert(name.into(), value.clone());
        value
    }

    fn doc_shard(&self, id: u32) -> usize {
        self.doc_starts.partition_point(|&s| s <= id) - 1
    }

    fn doc(&self, id: u32) -> Doc {
        let shard = self.load(&format!("d-{:03}", self.doc_shard(id)));
        let start = shard[0].as_u64().unwrap() as u32;
        let row = &shard[1][(id - start) as usize];
        let s = |i: usize| row[i].as_str().unwrap().to_string();
        Doc {
            id,
            kind: self.kinds[row[0].as_u64().unwrap() as usize].clone(),
            title: s(1),
            en: s(2),
            sub: s(3),
            url: s(4),
            text: s(5),
        }
    }
}

#[derive(Clone, Debug)]
struct Doc {
    id: u32,
    kind: String,
    title: String,
    en: String,
    sub: String,
    url: String,
    text: String,
}

// ---- text, as search.js ----

const MAX_PREFIX: usize = 12;

fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{FF01}'..='\u{FF5E}' => fold(char::from_u32(c as u32 - 0xFEE0).unwrap()),
        '\u{3000}' => ' ',
        _ if c.is_uppercase() => {
            let lower: Vec<char> = c.to_lowercase().collect();
            if lower.len() == 1 && lower[0].len_utf16() == c.len_utf16() {
                lower[0]
            } else {
                c
            }
        }
        _ => c,
    }
}

fn fold_text(s: &str) -> String {
    s.chars().map(fold).collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Runs of CJK characters and of word characters (with `.` between digits).
fn runs(chars: &[char]) -> Vec<(bool, Vec<char>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        if is_cjk(chars[i]) {
            while j < chars.len() && is_cjk(chars[j]) {
                j += 1;
            }
            out.push((true, chars[i..j].to_vec()));
        } else if is_word(chars[i]) {
            while j < chars.len()
                && (is_word(chars[j])
                    || (chars[j] == '.'
                        && j > i
                        && chars[j - 1].is_ascii_digit()
                        && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit())))
            {
                j += 1;
            }
            out.push((false, chars[i..j].to_vec()));
        } else {
            j = i + 1;
        }
        i = j;
    }
    out
}

#[derive(Debug)]
struct Plan {
    terms: Vec<String>,
    tokens: Vec<String>,
    singles: Vec<char>,
    exact: bool,
}

fn plan(query: &str) -> Plan {
    let folded = fold_text(query);
    let mut terms: Vec<String> = Vec::new();
    for t in folded.split(|c: char| c.is_whitespace()) {
        if !t.is_empty() && !terms.iter().any(|x| x == t) {
            terms.push(t.to_string());
        }
    }
    let (mut tokens, mut singles, mut exact) = (Vec::<String>::new(), Vec::new(), true);
    for term in &terms {
        let chars: Vec<char> = term.chars().collect();
        let rs = runs(&chars);
        if rs.len() != 1 || rs[0].1.len() != chars.len() {
            exact = false;
        }
        for (cjk, r) in rs {
            let n = r.len();
            let mut add = |t: String| {
                if !tokens.contains(&t) {
                    tokens.push(t);
                }
            };
            if cjk && n == 1 {
                if !singles.contains(&r[0]) {
                    singles.push(r[0]);
                }
            } else if cjk {
                exact &= n <= 2;
                let mut ks: Vec<usize> = (0..n - 1).collect();
                if ks.len() > 6 {
                    let m = ks.len();
                    ks = (0..6).map(|i| i * (m - 1) / 5).collect();
                }
                for k in ks {
                    add(r[k..k + 2].iter().collect());
                }
            } else if n >= 2 {
                exact &= n <= MAX_PREFIX;
                add(r.iter().take(MAX_PREFIX).collect());
            } else {
                exact = false;
            }
        }
    }
    Plan {
        terms,
        tokens,
        singles,
        exact,
    }
}

fn mix(x: u32) -> u32 {
    let mut h = x.wrapping_mul(0x9E37_79B1);
    h ^= h >> 15;
    h = h.wrapping_mul(0x85EB_CA77);
    h ^ (h >> 13)
}

fn shard_of(token: &str, split: &str, shards: u32) -> u32 {
    let mut h = 0;
    for (i, c) in token.chars().enumerate() {
        h = mix(h ^ c as u32);
        if i == 0 && !split.contains(c) {
            break;
        }
    }
    h % shards
}

const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A postings string → sorted values `id << 1 | in_title`.
fn decode(text: &str) -> Vec<u32> {
    let (mut out, mut n, mut prev) = (Vec::new(), 0u32, 0u32);
    for c in text.chars() {
        let d = DIGITS.find(c).expect("postings digit") as u32;
        n = n * 32 + (d & 31);
        if d < 32 {
            prev += n;
            out.push(prev);
            n = 0;
        }
    }
    out
}

fn union(lists: Vec<Vec<u32>>) -> Vec<u32> {
    let mut best: BTreeMap<u32, u32> = BTreeMap::new();
    for v in lists.into_iter().flatten() {
        *best.entry(v >> 1).or_default() |= v & 1;
    }
    best.into_iter().map(|(id, f)| id * 2 + f).collect()
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut out, mut i, mut j) = (Vec::new(), 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i] >> 1, b[j] >> 1);
        if x < y {
            i += 1;
        } else if x > y {
            j += 1;
        } else {
            out.push(x * 2 + (a[i] & b[j] & 1));
            i += 1;
            j += 1;
        }
    }
    out
}

// ---- the query, as search.js ----

#[derive(Debug)]
struct Hit {
    doc: Doc,
    rank: u8,
}

#[derive(Debug)]
struct Group {
    kind: String,
    order: usize,
    cands: Vec<u32>,
    next: usize,
    shown: Vec<Hit>,
    failed: usize,
    total: usize,
    approx: bool,
    more: bool,
}

#[derive(Debug, Default)]
struct Outcome {
    too_short: bool,
    too_common: Option<char>,
    groups: Vec<Group>,
}

impl Outcome {
    fn urls(&self, kind: &str) -> Vec<&str> {
        self.groups
            .iter()
            .filter(|g| g.kind == kind)
            .flat_map(|g| g.shown.iter().map(|h| h.doc.url.as_str()))
            .collect()
    }

    fn first(&self) -> Option<&Doc> {
        self.groups
            .first()
            .and_then(|g| g.shown.first())
            .map(|h| &h.doc)
    }
}

const FIRST: usize = 10;

fn rank(d: &Doc, p: &Plan) -> Option<u8> {
    let all = fold_text(&format!("{}\n{}\n{}\n{}", d.title, d.en, d.sub, d.text));
    if !p.terms.iter().all(|t| all.contains(t.as_str())) {
        return None;
    }
    let (title, en) = (fold_text(&d.title), fold_text(&d.en));
    let q = p.terms.join(" ");
    if title == q || en == q {
        return Some(0);
    }
    let head = format!("{title}\n{en}");
    Some(if p.terms.iter().all(|t| head.contains(t.as_str())) {
        1
    } else {
        2
    })
}

fn fill(index: &Index, p: &Plan, groups: &mut [Group], want: usize) {
    loop {
        let mut any = false;
        for g in groups.iter_mut() {
            let need = want.saturating_sub(g.shown.len());
            if need == 0 || g.next >= g.cands.len() {
                continue;
            }
            any = true;
            let end = (g.next + need).min(g.cands.len());
            let mut added: Vec<Hit> = Vec::new();
            for &id in &g.cands[g.next..end] {
                let doc = index.doc(id);
                match rank(&doc, p) {
                    Some(rank) => added.push(Hit { doc, rank }),
                    None => g.failed += 1,
                }
            }
            g.next = end;
            added.sort_by_key(|h| (h.rank, h.doc.id));
            g.shown.extend(added);
        }
        if !any {
            return;
        }
    }
}

fn search(index: &Index, query: &str) -> Outcome {
    let mut p = plan(query);
    let singles: Vec<char> = p
        .singles
        .iter()
        .copied()
        .filter(|c| !index.split.contains(*c))
        .collect();
    let mut outcome = Outcome::default();
    if p.tokens.is_empty() && p.singles.is_empty() {
        outcome.too_short = !p.terms.is_empty();
        return outcome;
    }
    if p.tokens.is_empty() && singles.is_empty() {
        outcome.too_common = Some(p.singles[0]);
        return outcome;
    }
    if singles.len() < p.singles.len() {
        p.exact = false;
    }
    let shard = |t: &str| {
        index.load(&format!(
            "p-{:02}",
            shard_of(t, &index.split, index.postings)
        ))
    };
    let mut lists: Vec<Vec<u32>> = p
        .tokens
        .iter()
        .map(|t| shard(t)[t.as_str()].as_str().map_or(Vec::new(), decode))
        .collect();
    for &c in &singles {
        let shard = shard(&c.to_string());
        let parts = shard
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| k.starts_with(c))
            .map(|(_, v)| decode(v.as_str().unwrap()))
            .collect();
        lists.push(union(parts));
    }
    lists.sort_by_key(Vec::len);
    let mut cands = lists[0].clone();
    for l in &lists[1..] {
        cands = intersect(&cands, l);
    }
    let mut groups: Vec<Group> = Vec::new();
    for (k, kind) in index.kinds.iter().enumerate() {
        let (lo, hi) = (index.kind_starts[k], index.kind_starts[k + 1]);
        let mut mine: Vec<u32> = cands
            .iter()
            .copied()
            .filter(|v| (lo..hi).contains(&(v >> 1)))
            .collect();
        mine.sort_by_key(|v| (std::cmp::Reverse(v & 1), *v));
        if !mine.is_empty() {
            groups.push(Group {
                kind: kind.clone(),
                order: k,
                cands: mine.iter().map(|v| v >> 1).collect(),
                next: 0,
                shown: Vec::new(),
                failed: 0,
                total: 0,
                approx: false,
                more: false,
            });
        }
    }
    fill(index, &p, &mut groups, FIRST);
    groups.retain(|g| !g.shown.is_empty());
    for g in &mut groups {
        g.total = g.cands.len() - g.failed;
        g.more = g.next < g.cands.len();
        g.approx = !p.exact && g.more;
    }
    groups.sort_by_key(|g| (g.shown.iter().map(|h| h.rank).min(), g.order));
    outcome.groups = groups;
    outcome
}

// ---- the tests ----

#[test]
fn incubation_finds_the_parks_whose_services_mention_it() {
    let index = Index::open(&catalogue());
    let result = search(&index, "孵化");
    // Services named 创业孵化 (Delta) and 跨境电商孵化 (Zeta): their parks are found. The Theta
    // park's one service mentions 孵化 in its description only, which a park's document does
    // not hold.
    let found: BTreeSet<String> = result.urls("park").iter().map(|s| s.to_string()).collect();
    for id in ["delta-park", "zeta-bonded"] {
        assert!(
            found.contains(&park(id)),
            "{id} offers 孵化: found {found:?}"
        );
    }
    assert!(!found.contains(&park("theta-zone")), "{found:?}");
    let found: BTreeSet<&str> = result.urls("service").into_iter().collect();
    assert_eq!(
        found,
        BTreeSet::from([
            "parks/delta-park/index.html#service-startup-incubation",
            "parks/theta-zone/index.html#service-tech-transfer",
            "parks/zeta-bonded/index.html#service-e-commerce-incubation",
        ]),
        "the services that mention 孵化"
    );
}

#[test]
fn integrated_service_provider_finds_clause_and_term() {
    let index = Index::open(&catalogue());
    let result = search(&index, "集成服务商");
    let clauses = result.urls("clause");
    assert_eq!(
        clauses.first(),
        Some(&"standard/index.html#clause-2.2"),
        "{clauses:?}"
    );
    // Clause 1.1 mentions it too, further down.
    assert!(
        clauses.contains(&"standard/index.html#clause-1.1"),
        "{clauses:?}"
    );
    assert_eq!(result.urls("term"), ["terms/index.html#term-2.2"]);
    // The standard is where this phrase is defined: its groups come first.
    assert_eq!(result.groups[0].kind, "clause");
}

#[test]
fn each_park_is_found_first_by_its_name() {
    let index = Index::open(&catalogue());
    for (name, id) in [
        ("德尔塔科学城", "delta-park"),
        ("Delta Science City", "delta-park"),
        ("艾普西隆产业基地", "epsilon-base"),
        ("Epsilon Industrial Base", "epsilon-base"),
        ("伊塔园区", "eta-park"),
        ("西塔高新区", "theta-zone"),
        ("Theta High-tech Zone", "theta-zone"),
        ("泽塔保税区", "zeta-bonded"),
        ("Zeta Bonded Zone", "zeta-bonded"),
    ] {
        let result = search(&index, name);
        let first = result.first().map(|d| d.url.clone());
        assert_eq!(first, Some(park(id)), "query {name}");
    }
}

#[test]
fn english_words_and_prefixes() {
    let index = Index::open(&catalogue());
    for (query, url) in [
        ("Delta", "parks/delta-park/index.html"),
        ("delt", "parks/delta-park/index.html"),
        ("DELTA science", "parks/delta-park/index.html"),
        ("industrial park", "terms/index.html#term-2.1"),
        ("integrated service", "terms/index.html#term-2.2"),
    ] {
        let result = search(&index, query);
        let urls: Vec<&str> = result
            .groups
            .iter()
            .flat_map(|g| g.shown.iter())
            .map(|h| h.doc.url.as_str())
            .collect();
        assert!(urls.contains(&url), "{query}: {urls:?}");
    }
}

#[test]
fn chinese_single_characters_mixed_and_nonsense() {
    let index = Index::open(&catalogue());
    // One character: every document that holds it.
    let result = search(&index, "泽");
    assert!(result
        .urls("park")
        .contains(&"parks/zeta-bonded/index.html"));
    // Full-width letters and spaces fold like their ASCII forms.
    let result = search(&index, "ＤＥＬＴＡ");
    assert_eq!(
        result.first().map(|d| d.url.as_str()),
        Some("parks/delta-park/index.html")
    );
    // Several words: all must appear.
    let both = search(&index, "孵化 德尔塔");
    assert!(!both.groups.is_empty());
    for g in &both.groups {
        for h in &g.shown {
            let all = format!("{}{}{}{}", h.doc.title, h.doc.en, h.doc.sub, h.doc.text);
            assert!(all.contains("孵化") && all.contains("德尔塔"), "{h:?}");
        }
    }
    for nonsense in ["xyzzy", "量子纠缠", "孵化 xyzzy", "化孵"] {
        assert!(search(&index, nonsense).groups.is_empty(), "{nonsense}");
    }
    assert!(search(&index, "a").too_short);
    assert!(search(&index, "  ").groups.is_empty());
}

/// Every document of the index links to a page of the site and an id on it.
#[test]
fn every_result_links_to_its_exact_place() {
    let site = catalogue();
    let index = Index::open(&site);
    let total = *index.doc_starts.last().unwrap();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut pages: HashMap<String, String> = HashMap::new();
    for id in 0..total {
        let doc = index.doc(id);
        *kinds.entry(doc.kind.clone()).or_default() += 1;
        let (path, fragment) = doc.url.split_once('#').unwrap_or((&doc.url, ""));
        let html = pages.entry(path.to_string()).or_insert_with(|| {
            std::fs::read_to_string(site.join(path))
                .unwrap_or_else(|e| panic!("{}: {path}: {e}", doc.url))
        });
        if !fragment.is_empty() {
            assert!(
                html.contains(&format!("id=\"{fragment}\"")),
                "{} has no id {fragment}",
                path
            );
        }
        assert!(!doc.title.is_empty(), "{doc:?}");
    }
    // The fixture's 5 parks with 3 + 2 + 1 + 1 + 2 services, its one specialized provider (at
    // the Delta park), its 3 providers, 2 terms and the clauses 1, 1.1, 2, 2.1 and 2.2.
    assert_eq!(kinds["park"], 5);
    assert_eq!(kinds["service"], 9);
    assert_eq!(kinds["sp"], 1);
    assert_eq!(kinds["brand"], 3);
    assert_eq!(kinds["term"], 2);
    assert!(kinds["clause"] > 2, "{kinds:?}");
}

#[test]
fn shards_are_bounded_and_only_search_loads_a_script() {
    let site = catalogue();
    let index = Index::open(&site);
    let mut files = 0;
    for entry in std::fs::read_dir(site.join("search/shards")).unwrap() {
        let path = entry.unwrap().path();
        let len = std::fs::metadata(&path).unwrap().len();
        files += 1;
        // Postings shards average at most 24 KB; document shards close after 16 KB.
        assert!(len < 64 * 1024, "{} is {len} bytes", path.display());
    }
    // meta.js, the postings shards, the document shards, and nothing else.
    assert_eq!(
        files,
        1 + index.postings as usize + index.doc_starts.len() - 1
    );
    // The index is loaded by the search page only, and by nothing else.
    let search_page = std::fs::read_to_string(site.join("search/index.html")).unwrap();
    assert!(search_page.contains("static/search.js"));
    assert!(search_page.contains("aria-live=\"polite\""));
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!home.contains("search.js"));
    assert!(home.contains("action=\"search/index.html\""));
    // search.js never writes HTML from data.
    let js = std::fs::read_to_string(repo().join("themes/default/static/search.js")).unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(sink), "search.js uses {sink}");
    }
    assert!(index.meta["v"].as_str().is_some_and(|v| v.len() == 16));
}

#[test]
fn the_index_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    build(&fixture("catalogue"), &dir.path().join("again"));
    let a = catalogue().join("search/shards");
    let b = dir.path().join("again/search/shards");
    let names = |d: &Path| -> BTreeSet<String> {
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names(&a), names(&b));
    for name in names(&a) {
        assert!(
            std::fs::read(a.join(&name)).unwrap() == std::fs::read(b.join(&name)).unwrap(),
            "{name} differs between two builds"
        );
    }
}

const QUERIES: &[&str] = &[
    "孵化",
    "集成服务商",
    "德尔塔科学城",
    "Delta",
    "delt science",
    "泽",
    "孵化 德尔塔",
    "人才公寓",
    "2.2",
    "xyzzy",
    "a",
    "ＤＥＬＴ",
];

/// Runs search.js's own engine in node (when installed) over the catalogue's index.
const HARNESS: &str = r#"
const fs = require("fs"), vm = require("vm"), path = require("path"), url = require("url");
const [js, dir, queries] = process.argv.slice(2);
globalThis.window = globalThis;
window.__parkbookSearch = {
  base: url.pathToFileURL(path.resolve(dir)).href + "/",
  loadScript: (u) => new Promise((resolve, reject) => {
    try {
      const p = url.fileURLToPath(u.split("?")[0]);
      vm.runInThisContext(fs.readFileSync(p, "utf8"), { filename: p });
      resolve();
    } catch (e) { reject(e); }
  }),
};
vm.runInThisContext(fs.readFileSync(js, "utf8"), { filename: js });
(async () => {
  const out = [];
  for (const q of JSON.parse(queries)) {
    const r = await window.__parkbookSearch.engine.search(q);
    out.push({ tooShort: !!r.tooShort, tooCommon: r.tooCommon || null,
      groups: r.groups.map(g => ({ kind: g.kind, total: g.total, approx: g.approx,
        urls: g.shown.map(d => d.url) })) });
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
"#;

#[test]
fn search_js_agrees_with_this_reimplementation() {
    if Command::new("node").arg("--version").output().is_err() {
        println!("node is not installed: search.js itself was not run (skipped)");
        return;
    }
    let site = catalogue();
    let dir = tempfile::tempdir().unwrap();
    let harness = dir.path().join("harness.js");
    std::fs::write(&harness, HARNESS).unwrap();
    let out = Command::new("node")
        .arg(&harness)
        .arg(repo().join("themes/default/static/search.js"))
        .arg(site.join("search/shards"))
        .arg(serde_json::to_string(QUERIES).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "node: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: Value = serde_json::from_slice(&out.stdout).unwrap();
    let index = Index::open(&site);
    for (q, js) in QUERIES.iter().zip(js.as_array().unwrap()) {
        let ours = search(&index, q);
        let ours = serde_json::json!({
            "tooShort": ours.too_short,
            "tooCommon": ours.too_common.map(String::from),
            "groups": ours.groups.iter().map(|g| serde_json::json!({
                "kind": g.kind, "total": g.total, "approx": g.approx,
                "urls": g.shown.iter().map(|h| h.doc.url.clone()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        assert_eq!(&ours, js, "query {q}: Rust and search.js disagree");
    }
}

/// Sizes and the bytes queries load, for a site built beforehand (e.g. 1,000 generated parks).
#[test]
#[ignore]
fn report_index_of_a_built_site() {
    let Ok(dir) = std::env::var("PARKBOOK_SEARCH_SITE") else {
        println!("set PARKBOOK_SEARCH_SITE to a built site");
        return;
    };
    let site = PathBuf::from(dir);
    let mut sizes: Vec<(String, u64)> = std::fs::read_dir(site.join("search/shards"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .filter(|(n, _)| n.ends_with(".js"))
        .collect();
    sizes.sort();
    let sum = |p: &str| {
        sizes
            .iter()
            .filter(|(n, _)| n.starts_with(p))
            .map(|s| s.1)
            .sum::<u64>()
    };
    let max = |p: &str| {
        sizes
            .iter()
            .filter(|(n, _)| n.starts_with(p))
            .map(|s| s.1)
            .max()
            .unwrap_or(0)
    };
    let count = |p: &str| sizes.iter().filter(|(n, _)| n.starts_with(p)).count();
    println!(
        "index: {} files, {} bytes; postings {} shards, {} bytes, largest {}; documents {} shards, {} bytes, largest {}; meta {}",
        sizes.len(),
        sum(""),
        count("p-"),
        sum("p-"),
        max("p-"),
        count("d-"),
        sum("d-"),
        max("d-"),
        sum("meta")
    );
    assert!(max("p-") < 200 * 1024 && max("d-") < 200 * 1024);
    let first_park = Index::open(&site).doc(0);
    let queries: Vec<String> = [
        "孵化",
        "人才公寓",
        "集成服务商",
        "知识产权服务",
        "园区",
        "创业投资 浦东",
        "餐饮",
        "science",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([first_park.title.clone()])
    .collect();
    for q in &queries {
        let index = Index::open(&site);
        let t = std::time::Instant::now();
        let result = search(&index, q);
        let groups: Vec<String> = result
            .groups
            .iter()
            .map(|g| format!("{} {}{}", g.kind, if g.approx { "~" } else { "" }, g.total))
            .collect();
        println!(
            "{q}: loads {} bytes ({} of postings) in {} files; {:?} ({} ms here)",
            index.loaded.get(),
            index.loaded_postings.get(),
            index.cache.borrow().len() + 1,
            groups,
            t.elapsed().as_millis()
        );
    }
}
