//! Broken and hostile inputs, run through the real binary.
//!
//! Every case copies the small valid site of `tests/fixtures/base/` into a fresh temporary
//! folder, breaks or adds one thing, runs `parkbook`, and asserts the exit code and each
//! diagnostic: `path:line:col: error: message` with its exact position, and its hint where there
//! is one. No run may panic. Cases of one shape (one change, then `check`) stand in tables, one a
//! section, each checked whole and failing with the name of every case that did not pass. The injection tests build a site full of hostile text and prove that
//! none of it is live in the built pages.

mod common;
use common::files as snapshot;
use common::html::tags;
use common::process::run_in;
use common::site::Site;

use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A throwaway copy of the base site.
fn base() -> Site {
    Site::new("base")
}

/// Names in the site root other than the fixture's `content/` (and `output/` when asked):
/// a failed build must leave no staging folder behind.
fn stray_entries(site: &Site, allowed: &[&str]) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "content" && !allowed.contains(&n.as_str()))
        .collect()
}

/// A valid park that names the base site's provider; lines 1 to 5.
const PARK: &str = "name: 测试园区
provider: alpha-group
level: district
type: other
region: 上海市
";

const PARK_FILE: &str = "content/parks/test-park.yaml";
const ALPHA: &str = "content/parks/alpha-park.yaml";
const FRAMEWORK: &str = "content/framework.yaml";
const SITE: &str = "content/site.yaml";
const SCOPE: &str = "content/standard/1-scope.md";
const TERMS: &str = "content/standard/2-terms.md";

fn with_park(extra: &str) -> Site {
    let site = base();
    site.write(PARK_FILE, &format!("{PARK}{extra}"));
    site
}

// ---------------------------------------------------------------------------------------------
// The base site itself
// ---------------------------------------------------------------------------------------------

#[test]
fn base_fixture_is_valid_and_builds() {
    let site = base();
    let run = site.check();
    run.code(0);
    assert!(
        run.stderr
            .contains("ok: 2 parks, 2 providers, 4 requirements checked"),
        "{}",
        run.stderr
    );
    with_park("").check().code(0);
    site.build().code(0);
    assert!(site.output().join("parks/alpha-park/index.html").is_file());
}

// ---------------------------------------------------------------------------------------------
// The cases: one change to the base site, then `parkbook check`
// ---------------------------------------------------------------------------------------------

/// What a case does to its copy of the base site.
enum Change {
    /// Writes a whole file.
    Write(&'static str, Vec<u8>),
    /// Adds bytes at the end of a file.
    Append(&'static str, Vec<u8>),
    /// Replaces the one occurrence of a text in a file.
    Edit(&'static str, String, String),
}

fn file(rel: &'static str, text: &str) -> Change {
    Change::Write(rel, text.as_bytes().to_vec())
}

fn bytes(rel: &'static str, bytes: &[u8]) -> Change {
    Change::Write(rel, bytes.to_vec())
}

/// The valid test park `PARK` with `extra` lines after it, as `PARK_FILE`.
fn park(extra: &str) -> Change {
    file(PARK_FILE, &format!("{PARK}{extra}"))
}

fn append(rel: &'static str, bytes: &[u8]) -> Change {
    Change::Append(rel, bytes.to_vec())
}

fn edit(rel: &'static str, from: &str, to: &str) -> Change {
    Change::Edit(rel, from.to_string(), to.to_string())
}

enum Hint {
    /// Not checked.
    Any,
    /// The error has no hint.
    None,
    /// The line after the error is a hint holding this.
    Holding(String),
}

/// One error a case expects.
struct Expected {
    /// `path:line:col`, or `path` for a whole-file error; `:line:col` or nothing at all is in
    /// the file the case changes.
    at: String,
    /// A part of the message.
    message: String,
    hint: Hint,
}

/// A broken input and every error `check` must report for it, each at its place. A case that
/// expects no error expects `check` to pass.
struct Case {
    name: String,
    change: Change,
    errors: Vec<Expected>,
}

fn case(name: impl Into<String>, change: Change) -> Case {
    Case {
        name: name.into(),
        change,
        errors: Vec::new(),
    }
}

impl Case {
    fn error(mut self, at: &str, message: &str) -> Case {
        self.errors.push(Expected {
            at: at.to_string(),
            message: message.to_string(),
            hint: Hint::Any,
        });
        self
    }

    /// The hint of the error added last.
    fn hint(mut self, hint: &str) -> Case {
        self.errors.last_mut().unwrap().hint = Hint::Holding(hint.to_string());
        self
    }

    fn no_hint(mut self) -> Case {
        self.errors.last_mut().unwrap().hint = Hint::None;
        self
    }

    /// The file the case changes.
    fn file(&self) -> &'static str {
        match &self.change {
            Change::Write(rel, _) | Change::Append(rel, _) | Change::Edit(rel, _, _) => rel,
        }
    }

    fn place(&self, at: &str) -> String {
        if at.is_empty() || at.starts_with(':') {
            format!("{}{at}", self.file())
        } else {
            at.to_string()
        }
    }

    /// Applies the change to a fresh copy of the base site and checks it; panics on a mismatch.
    fn check(&self) {
        let site = base();
        match &self.change {
            Change::Write(rel, bytes) => site.write_bytes(rel, bytes),
            Change::Append(rel, bytes) => {
                let mut all = std::fs::read(site.path(rel)).unwrap();
                all.extend_from_slice(bytes);
                site.write_bytes(rel, &all)
            }
            Change::Edit(rel, from, to) => site.edit(rel, from, to),
        };
        if self.errors.is_empty() {
            site.check().code(0);
            return;
        }
        let run = site.check_fails();
        run.error_count(self.errors.len());
        for expected in &self.errors {
            let found = run.error(&self.place(&expected.at), &expected.message);
            match &expected.hint {
                Hint::Any => {}
                Hint::None => {
                    found.no_hint();
                }
                Hint::Holding(hint) => {
                    found.hint(hint);
                }
            }
        }
    }
}

/// Checks every case, each on its own copy of the base site, and fails at the end naming every
/// case that did not pass, with why.
fn check_all(cases: Vec<Case>) {
    let mut names = BTreeSet::new();
    for case in &cases {
        assert!(
            names.insert(&case.name),
            "two cases are named {}",
            case.name
        );
    }
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let panic = std::panic::catch_unwind(AssertUnwindSafe(|| case.check())).err()?;
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Some(format!("--- {}:\n{why}", case.name))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// YAML syntax
// ---------------------------------------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn yaml_syntax_errors_are_reported_at_their_place() {
    // 9^6 values are reached at the first alias of line 6 (column 15).
    let mut alias_bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        alias_bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    // Indented mappings, one level a line: the 65th mapping starts on line 65.
    let indented: String = (0..200).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
    check_all(vec![
        // The list never closes: the reader notices at the end of the file (line 7).
        case("unclosed bracket at the end of the file", park("industries: [集成电路, 生物医药\n"))
            .error(":7:1", "a list `[` is not closed by `]`, or its items are not separated by `,` (parser: while parsing a flow sequence, expected ',' or ']')"),
        // `summary:` is read as part of the open list; its `:` (line 7, column 8) is where it breaks.
        case("unclosed bracket before the next key", park("industries: [集成电路, 生物医药\nsummary: 简介\n"))
            .error(":7:8", "YAML syntax: illegal placement of ':' indicator"),
        case("unclosed brace", park("brand: {slogan: 创新\n"))
            .error(":7:1", "a mapping in braces is not closed, or its entries are not separated by `,`"),
        // Reported at the opening quote.
        case("unclosed quote", park("summary: \"未闭合的引号\nupdated: 2026-01-01\n"))
            .error(":6:10", "a quotation mark is not closed"),
        // `  type: other` would continue the value of `level`: named as the line out of line.
        case("bad indentation", file(PARK_FILE, "name: 测试园区\nlevel: district\n  type: other\nregion: 上海市\n"))
            .error(":3:3", "this line is indented by 2 spaces; its sibling `level` on line 2 is indented by 0")
            .hint("align `type` with `level` (the same number of spaces)"),
        // A tab as the indentation of a mapping's entry.
        case("tab indenting an entry", park("brand:\n\tslogan: 创新\n"))
            .error(":7:1", "a tab in the indentation"),
        // A tab-indented line after a plain value: at the tab (line 8, column 3).
        case("tab after a plain value", park("brand:\n  slogan: 创新\n  \tfeatures: []\n"))
            .error(":8:3", "a tab in the indentation"),
        case("tab before a top-level key", file(PARK_FILE, "name: 测试园区\n\tlevel: district\n"))
            .error(":2:1", "a tab in the indentation"),
        case("duplicate key", park("summary: 第一\nname: 第二个名称\n"))
            .error(":7:1", "duplicate key `name` (first at line 1)"),
        case("duplicate key in a nested mapping", park("brand:\n  slogan: a\n  slogan: b\n"))
            .error(":8:3", "duplicate key `slogan` (first at line 7)"),
        case("two documents", park("---\nname: 另一个园区\n"))
            .error(":6:1", "only one YAML document is allowed per file"),
        // An explicit first `---` is fine; the second is not.
        case("two documents, the first opened by ---", file(PARK_FILE, &format!("---\n{PARK}---\n{PARK}")))
            .error(":7:1", "only one YAML document is allowed per file"),
        // A core-schema tag that asks for an object must not be read as plain text.
        case("tag asking for an object", file(PARK_FILE, &PARK.replace("name: 测试园区", "name: !!python/object:os.system 测试园区")))
            .error(":1:7", "YAML tags (`!name`) are not supported here"),
        case("custom tag on a scalar", park("summary: !custom 简介\n"))
            .error(":6:10", "YAML tags"),
        case("custom tag on a mapping", park("brand: !custom {slogan: a}\n"))
            .error(":6:8", "YAML tags"),
        case("binary tag", park("summary: !!binary 5rWL6K+V\n"))
            .error(":6:10", "YAML tags"),
        // `!!str` only restates what every value is: no error.
        case("!!str is allowed", park("summary: !!str 简介\n")),
        case("alias bomb", file(PARK_FILE, &alias_bomb))
            .error(":6:15", "the document expands to more than 200000 values (aliases included)"),
        case("flow lists nested 10,000 deep", file(PARK_FILE, &format!("name: {}\n", "[".repeat(10_000))))
            .error(":1:262", "nesting deeper than 64 levels"),
        case("flow mappings nested 10,000 deep", file(PARK_FILE, &"{".repeat(10_000)))
            .error(":1:256", "nesting deeper than 64 levels"),
        // Block lists nested on one line: `- - - … x`; the 65th starts at column 129.
        case("block lists nested on one line", file(PARK_FILE, &format!("{}x\n", "- ".repeat(10_000))))
            .error(":1:129", "nesting deeper than 64 levels"),
        case("mappings nested one level a line", file(PARK_FILE, &indented))
            .error(":65:129", "nesting deeper than 64 levels"),
    ]);
}

// ---------------------------------------------------------------------------------------------
// Files that are not YAML text at all
// ---------------------------------------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn files_that_are_no_yaml_text_are_reported() {
    let mut gbk = PARK.replace("上海市", "").into_bytes();
    gbk.extend_from_slice(b"district: ");
    gbk.extend_from_slice(&[0xC6, 0xD6, 0xB6, 0xAB]); // 浦东 in GBK
    gbk.push(b'\n');
    let oversized = format!("{PARK}summary: {}\n", "长".repeat(700_000)); // 2.1 MB of UTF-8
    let too_large = format!("file is {} bytes; the limit is 2097152 bytes", oversized.len());
    check_all(vec![
        case("empty file", file(PARK_FILE, ""))
            .error("", "file is empty"),
        case("blank file", file(PARK_FILE, "  \n\n\t\n"))
            .error("", "file is empty"),
        case("comments only", file(PARK_FILE, "# 园区\n\n# 待填写\n"))
            .error(":1:1", "file holds no YAML values (only comments or blank lines)"),
        case("GBK text", bytes(PARK_FILE, &gbk))
            .error(":6:11", "file is not valid UTF-8 text")
            .hint("save the file as UTF-8 (GBK and other encodings are not read)"),
        // The column counts characters: after `name: 测试` (8 characters, 12 bytes) comes column 9.
        case("GBK after Chinese text", bytes(PARK_FILE, b"name: \xe6\xb5\x8b\xe8\xaf\x95\xd5\xc5\n"))
            .error(":1:9", "file is not valid UTF-8 text"),
        // Not UTF-8 either; the first problem found is the byte 0xff at line 2, column 11.
        case("binary file", bytes(PARK_FILE, b"name: x\nlevel: \x00\x01\x02\xff\xfe"))
            .error(":2:11", "file is not valid UTF-8 text"),
        case("NUL byte", bytes(PARK_FILE, b"name: x\nlevel: \x00\x01\x02"))
            .error(":2:8", "file holds a NUL byte: is it a binary file?"),
        case("oversized file", file(PARK_FILE, &oversized))
            .error("", &too_large),
        case("file name that is no id", file("content/parks/Bad_Name.yaml", PARK))
            .error("", "the file name `Bad_Name` is not a valid id: only a-z, 0-9 and `-` are allowed")
            .hint("ids use lowercase letters a-z"),
        case("file name with a double hyphen", file("content/providers/a--b.yaml", "name: x\nkind: government-agency\n"))
            .error("", "hyphens go only between letters or digits"),
        case(".yml extension", file("content/parks/good-park.yml", PARK))
            .error("", "not a `.yaml` file, so it would be ignored")
            .hint("rename it to `good-park.yaml`"),
    ]);
}

#[test]
fn folders_among_park_files_are_named_and_skipped() {
    let site = base();
    site.write("content/parks/archive/old-park.yaml", PARK);
    // A folder named like a park file, and a link to a folder, are folders too.
    site.write("content/parks/drafts.yaml/draft-park.yaml", PARK);
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.path("content/parks/archive"),
        site.path("content/parks/linked.yaml"),
    )
    .unwrap();
    let run = site.check();
    run.code(0);
    let mut folders = vec!["archive", "drafts.yaml"];
    if cfg!(unix) {
        folders.push("linked.yaml");
    }
    for folder in folders {
        assert!(
            run.stderr.contains(&format!(
                "content/parks/{folder}: warning: ignored: a folder here holds nothing parkbook reads"
            )),
            "{folder}:\n{}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Keys, types and enumerations
// ---------------------------------------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn keys_types_and_enumerations_are_checked() {
    let mut cases = vec![
        case("unknown key, with a close match", park("sumary: 简介\n"))
            .error(":6:1", "unknown key `sumary` in a park")
            .hint("did you mean `summary`?"),
        case("unknown key, without a close match", park("colour: 红色\n"))
            .error(":6:1", "unknown key `colour` in a park")
            .hint("a park takes: name, name_en, provider, level, type, region, district, industries, summary, brand, providers, services, assessment, assessments, updated"),
        case("unknown key deep inside a service", edit(ALPHA, "    audience: [talent]\n", "    audiance: [talent]\n"))
            .error(":30:5", "unknown key `audiance` in a service")
            .hint("did you mean `audience`?")
            // The service (starting at line 27, column 5) now lacks the key it meant to give.
            .error(":27:5", "a service has no `audience`"),
        case("unknown key in the framework", edit(FRAMEWORK, "        title: 提炼品牌特征\n", "        titel: 提炼品牌特征\n"))
            .error(":13:9", "unknown key `titel` in a requirement")
            .hint("did you mean `title`?")
            .error(":12:9", "a requirement has no `title`"),
        case("unknown key in site.yaml", edit(SITE, "sample_data: true\n", "sampel_data: true\n"))
            .error(":5:1", "unknown key `sampel_data` in site.yaml")
            .hint("did you mean `sample_data`?"),
        case("services as a string", park("services: 企业服务\n"))
            .error(":6:11", "`services` must be a list, not a single value")
            .hint("write `services: [a, b]` or one `- item` per line"),
        case("services as a mapping", park("services:\n  id: x\n"))
            .error(":7:3", "`services` must be a list, not a mapping"),
        // Only this error: the provider is still known, so the service using it is not broken too.
        case("legal_entity quoted", edit(ALPHA, "legal_entity: true", "legal_entity: \"yes\""))
            .error(":19:19", "`legal_entity` must be `true` or `false`"),
        case("legal_entity yes", edit(ALPHA, "legal_entity: true", "legal_entity: yes"))
            .error(":19:19", "`legal_entity` must be `true` or `false`"),
        case("rule without any condition", edit(FRAMEWORK, "rule: { min_services: 1 }", "rule: {}"))
            .error(":24:15", "the rule has no condition")
            .hint("a rule takes: min_services, audience_any"),
        case("audience_any outside the list", edit(FRAMEWORK, "audience_any: [talent]", "audience_any: [talnt]"))
            .error(":27:32", "systems[1].requirements[1].rule.audience_any[0]: `audience_any` is `talnt`, which is not one of: operator, enterprise, industry, talent")
            .hint("did you mean `talent`?"),
        case("level outside the list", edit(ALPHA, "level: national", "level: nationl"))
            .error(":4:8", "`level` is `nationl`, which is not one of: national（国家级）, municipal（市级）, district（区级）")
            .hint("did you mean `national`?"),
        case("provider kind outside the list", edit(ALPHA, "kind: operating-company", "kind: company"))
            .error(":18:11", "providers[0].kind: `kind` is `company`, which is not one of: functional-institution（功能性服务机构）, operating-company（经营性公司）, government-agency（政府派出的管理机构和服务单位）, social-organization（社会服务性机构）, enterprise（服务类企业）"),
        // The system keeps its id, so the services in it are not reported as broken as well.
        case("system role outside the list", edit(FRAMEWORK, "role: pillar", "role: pilar"))
            .error(":17:11", "systems[1].role: `role` is `pilar`, which is not one of: hub（枢纽）, pillar（支柱）")
            .hint("did you mean `pillar`?"),
        // A missing key is reported at the start of the mapping that lacks it.
        case("missing name", file(PARK_FILE, &PARK.replace("name: 测试园区\n", "")))
            .error(":1:1", "a park has no `name`")
            .no_hint(),
        case("missing kind, after blank lines", file("content/providers/gamma.yaml", "\n\nname: 伽马集团\n"))
            .error(":3:1", "a provider has no `kind`"),
        case("empty value, impossible date and bad id", park("district: \"\"\nupdated: 2026-02-30\nservices:\n  - id: Bad_Service\n    system: life\n    name: 服务\n    audience: [talent]\n    provider: integrated\n"))
            .error(":6:11", "`district` is empty")
            .error(":7:10", "`updated` `2026-02-30` is not a date")
            .hint("write dates as YYYY-MM-DD")
            .error(":9:9", "`id` `Bad_Service` is not a valid id")
            .hint("ids use lowercase letters"),
        // Each Chinese character is 3 bytes but one column.
        case("columns count characters, not bytes", park("industries: [集成电路, 生物医药, \"\"]\n"))
            .error(":6:26", "`industries` is empty"),
        case("byte order mark and CRLF keep positions", file(PARK_FILE, &format!("\u{feff}{}", PARK.replace("level: district", "level: distric").replace('\n', "\r\n"))))
            .error(":3:8", "`level` is `distric`")
            .hint("did you mean `district`?"),
    ];
    // One error, at the value: the rule is not also called empty.
    for bad in ["-1", "\"three\"", "three", "1.5", "[1]"] {
        cases.push(
            case(format!("min_services: {bad}"), edit(FRAMEWORK, "min_services: 1 ", &format!("min_services: {bad} ")))
                .error(":24:31", "`min_services` must be a whole number (0 or more)"),
        );
    }
    check_all(cases);
}

/// Assessments as records (`assessments:`): every field with its position.
#[test]
#[rustfmt::skip]
fn assessments_are_checked_field_by_field() {
    // Lines 6 onward of the park file.
    let record = |body: &str| park(&format!("assessments:\n  - kind: self\n{body}"));
    check_all(vec![
        case("both forms", park("assessment:\n  kind: self\nassessments:\n  - kind: self\n"))
            .error(":9:3", "both `assessment` and `assessments` are given"),
        case("kind outside the list", park("assessments:\n  - kind: selfie\n"))
            .error(":7:11", "`kind` is `selfie`")
            .hint("did you mean `self`?"),
        case("third party without its organisation", park("assessments:\n  - kind: third-party\n    assessor:\n      name: 张三\n"))
            .error(":9:7", "assessments[0].assessor: a third-party assessment (`kind: third-party`) must name the organisation")
            .hint("organisation"),
        case("third party with a plain name is its organisation", park("assessments:\n  - kind: third-party\n    assessor: 某评价机构\n    end: 2026-01-02\n")),
        case("unknown key of the assessor", record("    assessor:\n      nmae: 张三\n"))
            .error(":9:7", "unknown key `nmae` in `assessor`")
            .hint("did you mean `name`?"),
        case("impossible date", record("    start: 2026-02-30\n"))
            .error(":8:12", "`start` `2026-02-30` is not a date"),
        case("end before start", record("    start: 2026-05-01\n    end: 2026-04-01\n"))
            .error(":9:10", "`end` (2026-04-01) comes before `start` (2026-05-01)"),
        case("valid_until before the end", record("    end: 2026-05-01\n    valid_until: 2025-05-01\n"))
            .error(":9:18", "assessments[0].valid_until: `valid_until` (2025-05-01) comes before `end` (2026-05-01)"),
        case("valid_until before the older date", record("    date: 2026-05-01\n    valid_until: 2025-05-01\n"))
            .error(":9:18", "`valid_until` (2025-05-01) comes before `date` (2026-05-01)"),
        case("date and end both", record("    date: 2026-05-01\n    end: 2026-05-02\n"))
            .error(":8:11", "both `date` and `end` are given"),
        case("edition empty", record("    edition: \"\"\n"))
            .error(":8:14", "`edition` is empty"),
        case("result of an unknown requirement", record("    results:\n      - requirement: op-brnd\n        status: met\n"))
            .error(":9:22", "assessments[0].results[0].requirement")
            .hint("op-brand"),
        case("statement empty", record("    results:\n      - requirement: op-brand\n        status: met\n        statement: \"\"\n"))
            .error(":11:20", "`statement` is empty"),
        case("evidence item without a title", record("    end: 2026-05-01\n    results:\n      - requirement: op-brand\n        status: met\n        evidence:\n          - link: https://x.example/\n"))
            .error(":13:13", "evidence item has no `title`"),
        case("evidence link that is no web address", record("    end: 2026-05-01\n    results:\n      - requirement: op-brand\n        status: met\n        evidence:\n          - title: 报告\n            link: 报告.pdf\n"))
            .error(":14:19", "assessments[0].results[0].evidence[0].link: the evidence link `报告.pdf` is not a web address")
            .hint("file: report.pdf"),
        case("evidence with link and file", record("    end: 2026-05-01\n    results:\n      - requirement: op-brand\n        status: met\n        evidence:\n          - title: 报告\n            link: https://x.example/\n            file: 报告.pdf\n"))
            .error(":15:19", "gives both `link` and `file`"),
        case("evidence expiring before it was collected", record("    end: 2026-05-01\n    results:\n      - requirement: op-brand\n        status: met\n        evidence:\n          - title: 报告\n            collected: 2026-04-01\n            expires: 2026-03-01\n"))
            .error(":15:22", "`expires` (2026-03-01) comes before `collected` (2026-04-01)"),
        case("unknown key of an evidence item", record("    end: 2026-05-01\n    results:\n      - requirement: op-brand\n        status: met\n        evidence:\n          - title: 报告\n            expiry: 2027-01-01\n"))
            .error(":14:13", "unknown key `expiry` in an evidence item")
            .hint("did you mean `expires`?"),
        case("a requirement assessed twice in one record", record("    results:\n      - requirement: op-brand\n        status: met\n      - requirement: op-brand\n        status: unmet\n"))
            .error(":11:22", "assessments[0].results[1].requirement: requirement `op-brand` is assessed twice (first at line 9)"),
    ]);
}

// ---------------------------------------------------------------------------------------------
// References between files
// ---------------------------------------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn references_between_files_must_resolve() {
    check_all(vec![
        case("park provider misspelt", edit(ALPHA, "provider: alpha-group", "provider: alpha-grup"))
            .error(":3:11", "provider `alpha-grup` is not defined: there is no providers/alpha-grup.yaml")
            .hint("did you mean `alpha-group`?"),
        case("park provider unknown", edit(ALPHA, "provider: alpha-group", "provider: zeta"))
            .error(":3:11", "provider `zeta` is not defined")
            .hint("known: alpha-group, beta-admin"),
        // The file exists: the park that names it is not told there is no such file.
        case("broken provider file, not its parks", file("content/providers/alpha-group.yaml", "name: [阿尔法\n"))
            .error(":2:1", "a list `[` is not closed by `]`"),
        case("service system", edit(ALPHA, "    system: life\n", "    system: lfe\n"))
            .error(":28:13", "system `lfe` is not in the framework")
            .hint("did you mean `life`?"),
        case("service provider not in the park's providers", edit(ALPHA, "    provider: alpha-incubator\n", "    provider: alpha-incubatr\n"))
            .error(":31:15", "service provider `alpha-incubatr` is not in this park's `providers` list")
            .hint("did you mean `alpha-incubator`?"),
        case("integrated provider without a park provider", edit(ALPHA, "provider: alpha-group\n", ""))
            .error(":24:15", "the service is provided by `integrated`, but the park names no integrated service provider")
            .hint("add `provider: <id>` at the top of the park file"),
        case("service requirement unknown", edit(ALPHA, "requirements: [life-talent]", "requirements: [life-talent, no-such-req]"))
            .error(":33:33", "requirement `no-such-req` is not in the framework")
            .hint("known: life-services, life-talent, op-brand, op-provider"),
        case("service requirement of another system", edit(ALPHA, "requirements: [life-talent]", "requirements: [op-brand]"))
            .error(":33:20", "requirement `op-brand` belongs to system `operation`, not to this service's system `life`"),
        case("assessed requirement unknown", edit(ALPHA, "requirement: op-brand", "requirement: op-brnd"))
            .error(":39:20", "requirement `op-brnd` is not in the framework")
            .hint("did you mean `op-brand`?"),
        case("requirement assessed twice", edit(ALPHA, "      evidence: 品牌手册列明一项服务特色。\n", "      evidence: 品牌手册列明一项服务特色。\n    - requirement: op-brand\n      status: partial\n"))
            .error(":42:20", "requirement `op-brand` is assessed twice (first at line 39)"),
        case("framework clause not in the standard", edit(FRAMEWORK, "clause: \"2.2\"", "clause: \"2.9\""))
            .error(":10:17", "clause `2.9` is not in the standard")
            .hint("the standard has clauses 1, 2, 1.1, 2.1, 2.2"),
        case("service id used twice", edit(ALPHA, "  - id: talent-housing", "  - id: one-stop"))
            .error(":27:9", "service id `one-stop` is used twice (first at line 21)"),
        case("requirement id used twice", edit(FRAMEWORK, "      - id: life-services", "      - id: op-provider"))
            .error(":21:13", "requirement id `op-provider` is used twice (first at line 8)"),
        // A system and a requirement share one namespace of ids.
        case("requirement named like a system", edit(FRAMEWORK, "      - id: life-services", "      - id: life"))
            .error(":21:13", "requirement id `life` is used twice (first at line 16)"),
        case("specialized provider id used twice", edit(ALPHA, "services:\n", "  - id: alpha-incubator\n    name: 另一家\n    kind: enterprise\n    legal_entity: false\nservices:\n"))
            .error(":20:9", "service provider id `alpha-incubator` is used twice (first at line 16)"),
    ]);
}

// ---------------------------------------------------------------------------------------------
// The standard's Markdown parts
// ---------------------------------------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn the_standards_parts_are_checked_at_file_positions() {
    check_all(vec![
        // Its clauses are unknown, but the framework's citations of them are not all reported
        // missing: only the part is.
        case("part without a title anywhere", file(SCOPE, "## 1.1 适用\n\n适用于各类园区。\n"))
            .error(":1:1", "this part has no title")
            .hint("start the file with its heading, such as `# 1 范围`"),
        case("front matter not closed", file(SCOPE, "---\nnumber: \"1\"\ntitle: 范围\n\n## 1.1 适用\n"))
            .error(":1:1", "the front matter is not closed")
            .hint("end it with a line holding only `---`"),
        case("unknown key in the front matter", edit(SCOPE, "title_en: Scope\n", "title_en: Scope\nsumary: 摘要\n"))
            .error(":5:1", "unknown key `sumary` in the front matter")
            .hint("the front matter takes: number, title, title_en, kind"),
        case("part kind outside the list", edit(TERMS, "kind: terms", "kind: term"))
            .error(":5:7", "`kind` is `term`, which is not one of: text, terms")
            .hint("did you mean `terms`?"),
        // The part is kept without its title, so the clauses cited from it still resolve.
        case("part title misspelt", edit(SCOPE, "title: 范围\n", "titel: 范围\n"))
            .error(":1:1", "this part has no title")
            .error(":3:1", "unknown key `titel` in the front matter")
            .hint("did you mean `title`?"),
        case("level-one heading inside a part", edit(SCOPE, "## 1.1 适用\n", "# 大标题\n\n## 1.1 适用\n"))
            .error(":9:1", "a `#` heading inside a part")
            .hint("write clauses as `## N title`"),
        case("clause numbered outside its part", append(SCOPE, "\n## 2.5 越界\n\n文字。\n".as_bytes()))
            .error(":13:1", "clause 2.5 is in part 1: its number must start with `1.`"),
        case("clause numbered twice", append(SCOPE, "\n## 1.1 再次\n\n文字。\n".as_bytes()))
            .error(":13:1", "clause 1.1 is numbered twice"),
        // A term entry without a definition is a warning of the structure lint (src/lint.rs).
        case("part heading contradicting the front matter", edit(SCOPE, "本文件规定", "# 3 范围\n\n本文件规定"))
            .error(":7:1", "the heading numbers this part `3`, but the front matter says `number: \"1\"` (line 2)"),
        // 适用 in GBK, on line 13.
        case("part in GBK", append(SCOPE, b"\n\xca\xca\xd3\xc3\n"))
            .error(":13:1", "file is not valid UTF-8 text"),
    ]);
}

// ---------------------------------------------------------------------------------------------
// Many errors in one run; JSON; the command line
// ---------------------------------------------------------------------------------------------

#[test]
fn all_errors_of_all_files_in_one_run() {
    let site = base();
    site.edit(ALPHA, "level: national", "level: nationl"); // 1
    site.edit(ALPHA, "    system: life\n", "    system: lfe\n"); // 2
    site.edit(
        "content/parks/beta-park.yaml",
        "region: 上海市\n",
        "region: 上海市\nregoin: x\n",
    ); // 3
    site.edit(
        "content/providers/beta-admin.yaml",
        "kind: government-agency",
        "kind: agency",
    ); // 4
    site.edit(FRAMEWORK, "clause: \"2.2\"", "clause: \"9.9\""); // 5
    site.edit(TERMS, "## 2.2 园区集成服务商", "## 2.1 园区集成服务商"); // 6
    site.write("content/parks/broken.yaml", "name: [\n"); // 7
    site.write("content/parks/Upper.yaml", PARK); // 8
    let run = site.check_fails();
    run.error_count(8);
    run.error(&format!("{ALPHA}:4:8"), "`level` is `nationl`");
    run.error(
        &format!("{ALPHA}:28:13"),
        "system `lfe` is not in the framework",
    );
    run.error(
        "content/parks/beta-park.yaml:6:1",
        "unknown key `regoin` in a park",
    )
    .hint("did you mean `region`?");
    run.error(
        "content/providers/beta-admin.yaml:2:7",
        "`kind` is `agency`",
    );
    run.error(
        &format!("{FRAMEWORK}:10:17"),
        "clause `9.9` is not in the standard",
    );
    run.error(
        &format!("{TERMS}:16:1"),
        "clause 2.1 is numbered twice (also at content/standard/2-terms.md:10)",
    );
    run.error("content/parks/broken.yaml:2:1", "a value is missing here");
    run.error("content/parks/Upper.yaml", "is not a valid id");
    // Sorted by file, then position.
    let paths: Vec<&str> = run
        .errors()
        .iter()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn json_report_has_paths_and_positions() {
    let site = base();
    site.edit(ALPHA, "level: national", "level: nationl");
    site.write("content/parks/Bad.yaml", PARK);
    let root = site.root().to_str().unwrap().to_string();
    let run = site.run(&["check", "--root", &root, "--format", "json"]);
    run.code(1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(report["ok"], false);
    assert_eq!(report["errors"], 2);
    let diags = report["diagnostics"].as_array().unwrap();
    let level = diags.iter().find(|d| d["path"] == ALPHA).unwrap();
    assert_eq!(level["line"], 4);
    assert_eq!(level["col"], 8);
    assert_eq!(level["severity"], "error");
    assert!(level["message"]
        .as_str()
        .unwrap()
        .contains("`level` is `nationl`"));
    assert_eq!(level["hint"], "did you mean `national`?");
    let name = diags
        .iter()
        .find(|d| d["path"] == "content/parks/Bad.yaml")
        .unwrap();
    assert!(
        name.get("line").is_none(),
        "a whole-file error has no position: {name}"
    );
    // A valid site gives `ok: true`.
    let valid = base();
    let run = valid.run(&[
        "check",
        "--root",
        valid.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    run.code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["errors"], 0);
}

#[test]
fn wrong_command_line_exits_2() {
    let site = base();
    let root = site.root().to_str().unwrap().to_string();
    for args in [
        vec![],
        vec!["bogus"],
        vec!["check", "--nope"],
        vec!["check", "--format", "xml"],
        vec!["check", "--root"],
        vec!["build", "extra-argument"],
        vec!["new"],
        vec!["new", "park"],
        vec!["new", "provider", "x"],
        vec!["check", "--root", &root, "--root", &root],
    ] {
        let run = site.run(&args);
        assert_eq!(
            run.code,
            Some(2),
            "parkbook {args:?} should exit 2:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("Usage") || run.stderr.contains("error"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn missing_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["check"]);
    run.code(1);
    run.only_error("content", "no content folder at")
        .hint("pass --root DIR");
}

#[test]
fn new_park_with_bad_id_exits_2_and_writes_nothing() {
    let site = base();
    let root = site.root().to_str().unwrap().to_string();
    for id in ["Bad_Id", "../evil", "a--b", "x-", "", "园区"] {
        let run = site.run(&["new", "park", id, "--root", &root]);
        run.code(2);
        assert!(
            run.stderr
                .contains(&format!("error: `{id}` is not a valid park id")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("hint: ids use lowercase letters"),
            "{}",
            run.stderr
        );
    }
    // An id that looks like an option is a command-line error as well.
    site.run(&["new", "park", "-x", "--root", &root]).code(2);
    let parks: Vec<_> = std::fs::read_dir(site.path("content/parks"))
        .unwrap()
        .collect();
    assert_eq!(parks.len(), 2, "no park file was written");
    assert!(
        !site.root().join("evil.yaml").exists() && !site.root().join("content/evil.yaml").exists()
    );
}

// ---------------------------------------------------------------------------------------------
// A failed build writes nothing
// ---------------------------------------------------------------------------------------------

#[test]
fn failed_build_writes_no_output_folder() {
    let site = base();
    site.edit(ALPHA, "level: national", "level: nationl");
    let run = site.build();
    run.code(1);
    run.only_error(&format!("{ALPHA}:4:8"), "`level` is `nationl`");
    assert!(
        run.stderr
            .contains("build failed: 1 error(s), 0 warning(s); nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!site.output().exists(), "a failed build created output/");
    assert!(
        stray_entries(&site, &[]).is_empty(),
        "left behind: {:?}",
        stray_entries(&site, &[])
    );
}

#[test]
fn failed_build_keeps_the_previous_output() {
    let site = base();
    site.build().code(0);
    let before = snapshot(&site.output());
    assert!(before.len() > 5);
    // Break the site in several ways, one after the other; the output never changes.
    let breakages: [(&str, &str); 4] = [
        (ALPHA, "name: [\n"),
        (
            "content/providers/alpha-group.yaml",
            "name: x\nkind: government-agency\nwebsite: javascript:alert(1)\n",
        ),
        (SCOPE, "no front matter\n"),
        ("content/parks/deep.yaml", &"[".repeat(10_000)),
    ];
    for (rel, text) in breakages {
        let original = std::fs::read(site.path(rel)).ok();
        site.write(rel, text);
        site.build().code(1);
        assert_eq!(
            snapshot(&site.output()),
            before,
            "output changed after breaking {rel}"
        );
        assert!(
            stray_entries(&site, &["output"]).is_empty(),
            "left behind: {:?}",
            stray_entries(&site, &["output"])
        );
        match original {
            Some(bytes) => site.write_bytes(rel, &bytes),
            None => site.remove(rel),
        };
    }
    site.build().code(0);
}

// ---------------------------------------------------------------------------------------------
// Hostile content: it must be an error or inert text, never live HTML
// ---------------------------------------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn web_addresses_must_be_web_addresses() {
    let mut cases = vec![
        case("base_url javascript:", edit(SITE, "theme: default\n", "theme: default\nbase_url: javascript:alert(1)//\n"))
            .error(":7:11", "`base_url` must be a web address starting with https:// or http://"),
    ];
    for (bad, col) in [
        ("javascript:alert(1)", 10),
        ("JAVASCRIPT:alert(1)", 10),
        ("\" javascript:alert(1)\"", 10),
        ("data:text/html,x", 10),
        ("//evil.example/", 10),
    ] {
        cases.push(
            case(format!("website {bad}"), edit("content/providers/alpha-group.yaml", "website: https://alpha.example.org/", &format!("website: {bad}")))
                .error(&format!(":5:{col}"), "is not a web address")
                .hint("starting with https://"),
        );
    }
    check_all(cases);
}

/// An attribute value as a browser would see the start of it: entities decoded, whitespace and
/// control characters dropped, lowercased.
fn url_as_seen(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            if let Some(end) = rest.find(';') {
                let entity = &rest[1..end];
                let decoded = match entity {
                    "colon" => Some(':'),
                    "amp" => Some('&'),
                    "tab" | "newline" => Some(' '),
                    e if e.starts_with("#x") || e.starts_with("#X") => {
                        u32::from_str_radix(&e[2..], 16)
                            .ok()
                            .and_then(char::from_u32)
                    }
                    e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
                    _ => None,
                };
                if let Some(d) = decoded {
                    out.push(d);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

/// Asserts that no page under `out` holds live script: no script-capable element, no event
/// handler attribute, no script or data URL in a link or source.
fn assert_inert(out: &Path) {
    let pages: Vec<_> = snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .collect();
    assert!(
        pages.len() >= 8,
        "expected the built pages, found {}",
        pages.len()
    );
    for (path, bytes) in pages {
        let html = String::from_utf8(bytes).unwrap();
        for (name, attrs) in tags(&html) {
            // The theme's own markup: external scripts from its static folder, JSON-LD data
            // blocks, forms that only navigate (GET), and details. Content can add none of these.
            let attr = |n: &str| attrs.iter().find(|(a, _)| a == n).map(|(_, v)| v.as_str());
            let theme_script = name == "script"
                && (attr("src").is_some_and(|s| s.contains("static/") && s.ends_with(".js"))
                    || attr("type") == Some("application/ld+json"));
            let theme_form = name == "form" && attr("method").unwrap_or("get") == "get";
            let forbidden = [
                "script", "iframe", "object", "embed", "style", "applet", "frame", "frameset",
                "base", "form", "marquee",
            ];
            assert!(
                theme_script || theme_form || !forbidden.contains(&name.as_str()),
                "{path}: live <{name}> element"
            );
            for (attr, value) in attrs {
                assert!(
                    !attr.starts_with("on"),
                    "{}: event handler `{attr}=\"{value}\"` on <{name}>",
                    path
                );
                assert!(
                    attr != "http-equiv" && attr != "srcdoc",
                    "{}: `{attr}` on <{name}>",
                    path
                );
                // The theme sizes bars with `style="width: 40%"`; nothing else may reach a style.
                if attr == "style" {
                    let plain = value.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || " :.%;-".contains(c)
                    });
                    assert!(plain, "{}: <{name} style=\"{value}\">", path);
                }
                if [
                    "href",
                    "src",
                    "action",
                    "formaction",
                    "xlink:href",
                    "srcset",
                    "data",
                    "poster",
                ]
                .contains(&attr.as_str())
                {
                    let seen = url_as_seen(&value);
                    for scheme in ["javascript:", "vbscript:", "data:"] {
                        assert!(
                            !seen.starts_with(scheme),
                            "{}: <{name} {attr}=\"{value}\">",
                            path
                        );
                    }
                }
            }
        }
    }
}

const HOSTILE_PARK: &str = r##"name: "<script>alert(1)</script>恶意园区"
name_en: "<img src=x onerror=alert(1)>"
provider: alpha-group
level: national
type: other
region: "<iframe src=//evil.example></iframe>"
district: "<object data=x></object>"
industries: ["<style>body{display:none}</style>", "{{ site.title }}"]
summary: |
  开头 <script>alert('summary')</script> 与 <img src=x onerror=alert(2)>

  [x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [t](	java&#x09;script:alert(1)) ![z](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

  <a href="javascript:alert(3)">raw link</a>

  # Heading {onclick=alert(1)}

  ## Other {#id .cls onmouseover=alert(1)}

  Template: {{ site.title }} and {% raw %}raw{% endraw %} and {# comment #}
brand:
  slogan: "<svg onload=alert(1)>"
  features:
    - title: "<script>feature()</script>"
      description: "特色 <iframe src=javascript:alert(1)></iframe> [f](  javascript:alert(1)) <style>x{}</style> <object data=x>"
providers:
  - id: evil-co
    name: "<object data=evil.swf>"
    kind: operating-company
    legal_entity: true
services:
  - id: evil-service
    system: life
    name: "<img src=x onerror=alert(5)>"
    audience: [talent]
    provider: evil-co
    description: |
      服务 <script>alert('service')</script> [x](javascript:alert(1)) <details open ontoggle=alert(1)>

      <a href="javascript:alert(6)" onclick="alert(7)">click</a> <embed src=x>
    requirements: [life-talent]
assessment:
  kind: self
  assessor: "{% include 'base.html' %}"
  results:
    - requirement: op-brand
      status: met
      evidence: "证据 <a href='javascript:alert(4)'>evidence</a> [e](jAvAsCrIpT:alert(1)) {{ park.name }} <script>x</script>"
"##;

#[test]
fn hostile_park_content_is_inert_in_the_built_pages() {
    let site = base();
    site.write("content/parks/evil.yaml", HOSTILE_PARK);
    let run = site.build();
    run.code(0);
    let out = site.output();
    assert_inert(&out);

    let page = std::fs::read_to_string(out.join("parks/evil/index.html")).unwrap();
    // The text is shown, escaped, wherever it was written.
    for shown in [
        "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;恶意园区",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&lt;svg onload=alert(1)&gt;",
        "&lt;iframe src=",
        "&lt;object data=",
        "&lt;style&gt;",
        "&lt;script&gt;feature()",
        "&lt;script&gt;alert(&#39;summary&#39;)",
        "&lt;script&gt;alert(&#39;service&#39;)",
        "&lt;a href=&quot;javascript:alert(3)&quot;&gt;raw link",
        "&lt;a href=&#39;javascript:alert(4)&#39;&gt;evidence",
        "Heading {onclick=alert(1)}",
        "证据",
    ] {
        let alt = shown
            .replace("&#x2F;", "/")
            .replace("&#39;", "'")
            .replace("&quot;", "\"");
        assert!(
            page.contains(shown) || page.contains(&alt),
            "`{shown}` should be shown as text on the park page"
        );
    }
    // Template syntax in content is text: it is not evaluated.
    assert!(
        page.contains("Template: {{ site.title }} and {% raw %}raw{% endraw %} and {# comment #}"),
        "template syntax was evaluated"
    );
    assert!(page.contains("{{ park.name }}"), "evidence");
    assert!(
        page.contains("{% include &#39;base.html&#39; %}"),
        "assessor"
    );
    assert_eq!(page.matches("<!DOCTYPE").count(), 1, "nothing was included");
    // Dangerous link targets became harmless ones; the links themselves remain as text links.
    assert!(
        page.contains(r##"<a href="#">x</a>"##),
        "javascript: link neutralised"
    );
    assert!(
        page.contains(r##"<a href="#">y</a>"##),
        "JAVASCRIPT: link neutralised"
    );
    assert!(!page.to_lowercase().contains("src=\"data:"), "data: image");

    // The other pages that show the park's name show it escaped too.
    for rel in [
        "parks/index.html",
        "providers/alpha-group/index.html",
        "framework/index.html",
    ] {
        let html = std::fs::read_to_string(out.join(rel)).unwrap();
        assert!(html.contains("恶意园区"), "{rel} lists the park");
        assert!(!html.contains("<script>alert(1)"), "{rel}: live script");
    }
}

#[test]
fn hostile_standard_and_provider_text_is_inert() {
    let site = base();
    site.edit(
        SCOPE,
        "适用于各类园区。\n",
        "适用于各类园区。<script>alert(1)</script>\n\n<iframe src=\"javascript:alert(2)\"></iframe>\n\n[链接](javascript:alert(3)) [站内](/parks/alpha-park/)\n\n## 1.2 <img src=x onerror=alert(4)> 标题 {onclick=alert(5)}\n\n<style>body{display:none}</style>\n",
    );
    site.edit(TERMS, "负责园区开发与运营的开发公司。\n", "负责园区开发与运营的开发公司。<object data=x></object> [x](vbscript:msgbox(1))\n\n注:<script>note()</script>\n");
    site.edit(
        "content/providers/alpha-group.yaml",
        "summary: 阿尔法园区的开发和运营主体。",
        "summary: \"<script>alert('provider')</script> [p](javascript:alert(1)) {{ site.title }}\"",
    );
    site.edit(
        "content/site.yaml",
        "title: 测试目录",
        "title: \"<script>alert('site')</script>目录\"",
    );
    let run = site.build();
    run.code(0);
    let out = site.output();
    assert_inert(&out);
    let standard = std::fs::read_to_string(out.join("standard/index.html")).unwrap();
    assert!(
        standard.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "clause text is escaped"
    );
    assert!(
        standard.contains("&lt;img src=x onerror=alert(4)&gt;"),
        "clause title is escaped"
    );
    assert!(
        standard.contains(r#"href="../parks/alpha-park/index.html""#),
        "site links become relative"
    );
    let terms = std::fs::read_to_string(out.join("terms/index.html")).unwrap();
    assert!(
        terms.contains("&lt;object data=x&gt;"),
        "term definition is escaped"
    );
    assert!(
        terms.contains("&lt;script&gt;note()"),
        "term note is escaped"
    );
    let provider = std::fs::read_to_string(out.join("providers/alpha-group/index.html")).unwrap();
    assert!(
        provider.contains("&lt;script&gt;alert(&#39;provider&#39;)")
            || provider.contains("&lt;script&gt;alert('provider')"),
        "provider summary is escaped"
    );
    assert!(
        provider.contains("{{ site.title }}"),
        "template syntax in a provider summary is text"
    );
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("&lt;script&gt;alert("),
        "site title is escaped"
    );
}
