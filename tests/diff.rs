//! `parkbook diff` on pairs of fixture sites: a copy of `tests/fixtures/base` before and after
//! one edit each (an added park, a removed service, a status that falls, a claim that becomes
//! unsupported, a renamed provider, a framework rule, a broken file), with the statuses, kinds,
//! codes and exit codes a reviewer would see, written out here; the Markdown's tables checked
//! cell by cell; `--rev` on a temporary git repository.

mod common;
use common::process::{git, run, run_in, Run};
use common::site::Site;
use serde_json::{json, Value};

const TALENT_HOUSING: &str = "  - id: talent-housing
    system: life
    name: 人才公寓
    audience: [talent]
    provider: alpha-incubator
    description: 面向园区员工的租赁型公寓。
    requirements: [life-talent]
";

const FEATURES: &str = "  features:
    - title: 全链条孵化
      description: 从孵化到加速的全程服务。
";

/// A claim of met for `op-brand`, which beta-park's data (no brand features) contradicts.
const BETA_CLAIM: &str = "assessment:
  kind: self
  results:
    - requirement: op-brand
      status: met
      evidence: 已制定品牌方案。
";

const GAMMA: &str = "name: 伽马园
provider: beta-admin
level: district
type: other
region: 上海市
services:
  - id: canteen
    system: life
    name: 食堂
    audience: [talent]
    provider: integrated
";

fn pair() -> (Site, Site) {
    (Site::new("base"), Site::new("base"))
}

fn root(site: &Site) -> &str {
    site.root().to_str().unwrap()
}

fn diff(old: &Site, new: &Site, args: &[&str]) -> Run {
    let mut all = vec!["diff", root(old), root(new)];
    all.extend(args);
    run(&all)
}

/// The JSON report in English and the exit code.
fn json_diff(old: &Site, new: &Site) -> (i32, Value) {
    let r = diff(old, new, &["--format", "json", "--lang", "en"]);
    let value: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{e}:\n{}\n{}", r.stdout, r.stderr));
    (r.code.unwrap(), value)
}

/// The summary's counts that are not zero.
fn counts(report: &Value) -> Value {
    let mut counts = report["summary"].as_object().unwrap().clone();
    counts.remove("text");
    counts.retain(|_, v| v != 0);
    Value::Object(counts)
}

/// (scope, id, old, new, kind) of each status change of a park.
fn statuses(park: &Value) -> Vec<(String, String, Value, Value, String)> {
    park["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let id = s
                .get("requirement")
                .or(s.get("system"))
                .and_then(Value::as_str)
                .unwrap_or("");
            (
                s["scope"].as_str().unwrap().to_string(),
                id.to_string(),
                s["old"].clone(),
                s["new"].clone(),
                s["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn st(
    scope: &str,
    id: &str,
    old: Value,
    new: Value,
    kind: &str,
) -> (String, String, Value, Value, String) {
    (scope.into(), id.into(), old, new, kind.into())
}

/// The statuses that fall when the base park loses its only life-support service: overall,
/// the system and both its requirements.
fn life_falls() -> Vec<(String, String, Value, Value, String)> {
    vec![
        st("overall", "", json!("met"), json!("partial"), "status-fell"),
        st(
            "system",
            "life",
            json!("met"),
            json!("unmet"),
            "status-fell",
        ),
        st(
            "requirement",
            "life-services",
            json!("met"),
            json!("unmet"),
            "status-fell",
        ),
        st(
            "requirement",
            "life-talent",
            json!("met"),
            json!("unmet"),
            "status-fell",
        ),
    ]
}

/// (kind, key, old, new) of each data change.
fn changes(list: &Value) -> Vec<(String, String, Value, Value)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["key"].as_str().unwrap().to_string(),
                c["old"].clone(),
                c["new"].clone(),
            )
        })
        .collect()
}

fn ch(kind: &str, key: &str, old: Value, new: Value) -> (String, String, Value, Value) {
    (kind.into(), key.into(), old, new)
}

fn because(status: &Value) -> Vec<&str> {
    status["because"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect()
}

#[test]
fn two_copies_of_a_site_differ_in_nothing() {
    let (old, new) = pair();
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 0);
    assert_eq!(counts(&report), json!({}));
    assert_eq!(report["worse"], false);
    assert_eq!(report["parks"], json!([]));
    let human = diff(&old, &new, &["--lang", "en"]);
    human.code(0);
    assert_eq!(
        human.stdout,
        "parkbook diff: nothing a reader sees changed\n"
    );
    let md = diff(&old, &new, &["--format", "markdown", "--lang", "zh"]);
    assert_eq!(
        md.stdout,
        "## parkbook diff：本次提交的变化\n\n**读者看到的内容没有变化**\n\n"
    );
}

#[test]
fn an_added_park_is_listed_with_its_statuses() {
    let (old, new) = pair();
    new.write("content/parks/gamma-park.yaml", GAMMA);
    let (code, report) = json_diff(&old, &new);
    assert_eq!(
        code, 0,
        "a new park with no unsupported claim worsens nothing"
    );
    assert_eq!(counts(&report), json!({"parks_added": 1}));
    let park = &report["parks"][0];
    assert_eq!(park["id"], "gamma-park");
    assert_eq!(park["name"], "伽马园");
    assert_eq!(park["presence"], "added");
    assert_eq!(
        statuses(park),
        [
            st(
                "overall",
                "",
                Value::Null,
                json!("partial"),
                "status-changed"
            ),
            st(
                "system",
                "operation",
                Value::Null,
                json!("partial"),
                "status-changed"
            ),
            st(
                "system",
                "life",
                Value::Null,
                json!("met"),
                "status-changed"
            ),
        ]
    );
    assert_eq!(park["changes"], json!([]));
}

#[test]
fn a_removed_park() {
    let (old, new) = pair();
    new.remove("content/parks/beta-park.yaml");
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 0);
    assert_eq!(counts(&report), json!({"parks_removed": 1}));
    let park = &report["parks"][0];
    assert_eq!(
        (park["id"].as_str(), park["presence"].as_str()),
        (Some("beta-park"), Some("removed"))
    );
    assert_eq!(
        statuses(park),
        [st(
            "overall",
            "",
            json!("partial"),
            Value::Null,
            "status-changed"
        )]
    );
}

#[test]
fn a_removed_service_makes_statuses_fall_and_says_which_services_counted() {
    let (old, new) = pair();
    new.edit("content/parks/alpha-park.yaml", TALENT_HOUSING, "");
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 1);
    assert_eq!(report["worse"], true);
    assert_eq!(
        counts(&report),
        json!({"parks_changed": 1, "statuses_fell": 4})
    );
    let park = &report["parks"][0];
    assert_eq!(park["id"], "alpha-park");
    assert_eq!(
        changes(&park["changes"]),
        [ch(
            "service-removed",
            "services.talent-housing",
            json!("生活配套服务"),
            Value::Null
        )]
    );
    assert_eq!(statuses(park), life_falls());
    let s = &park["statuses"];
    assert_eq!(
        because(&s[0]),
        ["systems whose status changed: 生活配套服务"]
    );
    assert_eq!(
        because(&s[1]),
        [
            "services in this system: 1 → 0",
            "requirements whose status changed: 提供生活配套服务, 服务入园人才"
        ]
    );
    assert_eq!(
        (s[2]["title"].as_str(), s[2]["clause"].as_str()),
        (Some("提供生活配套服务"), Some("1.1"))
    );
    assert_eq!(
        because(&s[2]),
        ["at least 1 service(s) in this system (met → unmet): 1: 人才公寓 → none"]
    );
    // The reasons are data too: the rule's code and the services that counted on each side.
    let reason = &s[2]["because"][0];
    assert_eq!(reason["code"], "diff-because-condition");
    assert_eq!(reason["args"]["rule"]["code"], "diff-rule-min-services");
    assert_eq!(reason["args"]["old"]["args"]["items"], json!(["人才公寓"]));
    assert_eq!(reason["args"]["new"]["code"], "diff-nothing");
    assert_eq!(
        because(&s[3]),
        ["a service of this system serves one of: talent (met → unmet): 1: 人才公寓 → none"]
    );

    let human = diff(&old, &new, &["--lang", "en"]);
    human.code(1);
    assert!(
        human
            .stdout
            .starts_with("parkbook diff: needs review: 4 status(es) fell\n"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains(
        "  提供生活配套服务 (`life-services`): met → unmet (clause 1.1) (fell)\n      at least 1 service(s) in this system (met → unmet): 1: 人才公寓 → none\n"
    ), "{}", human.stdout);
}

#[test]
fn a_status_falls_when_the_data_a_rule_needs_goes_and_the_claim_on_it_becomes_unsupported() {
    let (old, new) = pair();
    new.edit("content/parks/alpha-park.yaml", FEATURES, "");
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 1);
    assert_eq!(
        counts(&report),
        json!({"parks_changed": 1, "statuses_fell": 3, "claims_new": 1})
    );
    let park = &report["parks"][0];
    assert_eq!(
        statuses(park),
        [
            st("overall", "", json!("met"), json!("partial"), "status-fell"),
            st(
                "system",
                "operation",
                json!("met"),
                json!("partial"),
                "status-fell"
            ),
            st(
                "requirement",
                "op-brand",
                json!("met"),
                json!("unmet"),
                "status-fell"
            ),
        ]
    );
    assert_eq!(
        because(&park["statuses"][2]),
        ["at least 1 brand feature(s) (met → unmet): 1: 全链条孵化 → none"]
    );
    let claim = &park["claims"][0];
    assert_eq!(
        (
            &claim["kind"],
            &claim["requirement"],
            &claim["declared"],
            &claim["computed"]
        ),
        (
            &json!("claim-new"),
            &json!("op-brand"),
            &json!("met"),
            &json!("unmet")
        )
    );
    assert_eq!(claim["evidence"], "品牌手册列明一项服务特色。");
    assert_eq!(
        changes(&park["changes"]),
        [ch(
            "feature-removed",
            "brand.features.全链条孵化",
            json!("从孵化到加速的全程服务。"),
            Value::Null
        )]
    );
}

#[test]
fn a_claim_that_becomes_unsupported_needs_review_and_one_withdrawn_is_resolved() {
    let (old, new) = pair();
    let beta = new.read("content/parks/beta-park.yaml");
    new.write("content/parks/beta-park.yaml", &(beta + BETA_CLAIM));
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 1, "a new unsupported claim needs a reviewer");
    assert_eq!(
        counts(&report),
        json!({"parks_changed": 1, "claims_new": 1})
    );
    let park = &report["parks"][0];
    assert_eq!(park["id"], "beta-park");
    assert_eq!(
        park["statuses"],
        json!([]),
        "op-brand stays unmet: its rule decides"
    );
    assert_eq!(
        park["claims"],
        json!([{
            "kind": "claim-new",
            "requirement": "op-brand",
            "title": "提炼品牌特征",
            "clause": "1",
            "declared": "met",
            "computed": "unmet",
            "evidence": "已制定品牌方案。",
            "text": "new unsupported claim: declared met, computed unmet; evidence: 已制定品牌方案。",
        }])
    );
    assert_eq!(
        changes(&park["changes"]),
        [
            ch(
                "field-changed",
                "assessment.kind",
                Value::Null,
                json!("self")
            ),
            ch(
                "declaration-added",
                "assessment.results.op-brand",
                Value::Null,
                json!("met")
            ),
        ]
    );
    // The other way round, the claim is resolved and nothing got worse.
    let (code, report) = json_diff(&new, &old);
    assert_eq!(code, 0);
    assert_eq!(
        counts(&report),
        json!({"parks_changed": 1, "claims_resolved": 1})
    );
    assert_eq!(report["parks"][0]["claims"][0]["kind"], "claim-resolved");
}

#[test]
fn a_renamed_provider_is_listed_once_with_the_parks_it_runs() {
    let (old, new) = pair();
    new.edit(
        "content/providers/alpha-group.yaml",
        "name: 阿尔法开发集团有限公司",
        "name: 阿尔法控股集团有限公司",
    );
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 0);
    assert_eq!(counts(&report), json!({"providers_changed": 1}));
    assert_eq!(
        report["parks"],
        json!([]),
        "the parks' own data did not change"
    );
    let provider = &report["providers"][0];
    assert_eq!(provider["id"], "alpha-group");
    assert_eq!(provider["name"], "阿尔法控股集团有限公司");
    assert_eq!(provider["presence"], "changed");
    assert_eq!(provider["parks"], json!(["阿尔法科技园"]));
    assert_eq!(
        changes(&provider["changes"]),
        [ch(
            "field-changed",
            "name",
            json!("阿尔法开发集团有限公司"),
            json!("阿尔法控股集团有限公司")
        )]
    );
    let md = diff(&old, &new, &["--format", "markdown", "--lang", "zh"]).stdout;
    assert!(md.contains("#### 阿尔法控股集团有限公司（`alpha-group`）\n\n| 变更 | 原 | 新 |\n|---|---|---|\n| 名称 | 阿尔法开发集团有限公司 | 阿尔法控股集团有限公司 |\n\n运营的园区：阿尔法科技园\n"), "{md}");
}

#[test]
fn a_park_that_switches_provider_shows_both_names() {
    let (old, new) = pair();
    new.edit(
        "content/parks/alpha-park.yaml",
        "provider: alpha-group",
        "provider: beta-admin",
    );
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 0);
    assert_eq!(
        changes(&report["parks"][0]["changes"]),
        [ch(
            "field-changed",
            "provider",
            json!("阿尔法 (`alpha-group`)"),
            json!("贝塔园区管理委员会 (`beta-admin`)")
        )]
    );
}

#[test]
fn a_stricter_rule_in_the_framework_is_shown_and_explains_the_fall() {
    let (old, new) = pair();
    new.edit(
        "content/framework.yaml",
        "rule: { min_brand_features: 1 }",
        "rule: { min_brand_features: 2 }",
    );
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 1);
    assert_eq!(
        changes(&report["framework"]),
        [ch(
            "requirement-changed",
            "requirements.op-brand.rule",
            json!("at least 1 brand feature(s)"),
            json!("at least 2 brand feature(s)")
        )]
    );
    let alpha = &report["parks"][0];
    assert_eq!(alpha["id"], "alpha-park");
    let op_brand = alpha["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["requirement"] == "op-brand")
        .unwrap();
    assert_eq!(
        (&op_brand["old"], &op_brand["new"]),
        (&json!("met"), &json!("partial"))
    );
    assert_eq!(
        because(op_brand),
        [
            "the rule changed from “at least 1 brand feature(s)” to “at least 2 brand feature(s)”",
            // The new condition on the old data would have been partially met too: the rule
            // changed, not the data.
            "at least 2 brand feature(s) (partially met): 1: 全链条孵化"
        ]
    );
}

#[test]
fn a_new_error_needs_review_and_the_park_is_not_compared() {
    let (old, new) = pair();
    new.edit(
        "content/parks/beta-park.yaml",
        "level: municipal",
        "level: city",
    );
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 1);
    assert_eq!(
        counts(&report),
        json!({"parks_changed": 1, "errors_new": 1})
    );
    let new_errors = report["diagnostics"]["new"].as_array().unwrap();
    assert_eq!(new_errors.len(), 1);
    assert_eq!(new_errors[0]["severity"], "error");
    assert_eq!(new_errors[0]["path"], "content/parks/beta-park.yaml");
    assert_eq!(new_errors[0]["line"], 3);
    let park = &report["parks"][0];
    assert_eq!(
        (&park["id"], &park["compared"]),
        (&json!("beta-park"), &json!(false))
    );
    assert_eq!(
        changes(&park["changes"]),
        [ch(
            "field-changed",
            "level",
            json!("municipal"),
            Value::Null
        )]
    );
    let md = diff(&old, &new, &["--format", "markdown", "--lang", "en"]).stdout;
    let tables = tables(&md);
    assert_eq!(
        tables.last().unwrap(),
        &[
            vec!["severity", "where", "message"],
            vec![
                "error",
                "content/parks/beta-park.yaml\\:3\\:8",
                "\\`level\\` is \\`city\\`, which is not one of\\: national（国家级）, municipal（市级）, district（区级）"
            ]
        ]
    );
    assert!(md.contains("\n_the park's file or the framework has errors: statuses not compared_\n"));
    // Fixed again: the error is resolved, nothing got worse.
    let (code, report) = json_diff(&new, &old);
    assert_eq!(code, 0);
    assert_eq!(
        counts(&report),
        json!({"parks_changed": 1, "errors_resolved": 1})
    );
}

#[test]
fn an_error_that_only_moved_is_not_new() {
    let (old, new) = pair();
    old.edit(
        "content/parks/beta-park.yaml",
        "level: municipal",
        "level: city",
    );
    new.edit(
        "content/parks/beta-park.yaml",
        "level: municipal",
        "# a comment\nlevel: city",
    );
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(counts(&report), json!({}));
}

/// The cells of a Markdown table row: split at `|` that no backslash escapes.
fn cells(row: &str) -> Vec<String> {
    assert!(
        row.starts_with("| ") && row.ends_with('|'),
        "not a table row: {row}"
    );
    let inner = &row[1..row.len() - 1];
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            c => {
                escaped = c == '\\' && !escaped;
                cells.last_mut().unwrap().push(c);
            }
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// Every table of a Markdown text: a header, a separator of as many columns, then rows of as
/// many cells, and a blank line after. Returns the tables as rows of cells.
fn tables(md: &str) -> Vec<Vec<Vec<String>>> {
    let lines: Vec<&str> = md.lines().collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].starts_with('|') {
            i += 1;
            continue;
        }
        let header = cells(lines[i]);
        let separator = format!("|{}", "---|".repeat(header.len()));
        assert_eq!(
            lines.get(i + 1).copied(),
            Some(separator.as_str()),
            "after {}",
            lines[i]
        );
        let mut table = vec![header.clone()];
        i += 2;
        while i < lines.len() && lines[i].starts_with('|') {
            let row = cells(lines[i]);
            assert_eq!(
                row.len(),
                header.len(),
                "row {:?} under {:?}",
                lines[i],
                header
            );
            table.push(row);
            i += 1;
        }
        assert_eq!(
            lines.get(i).copied().unwrap_or(""),
            "",
            "a blank line after a table"
        );
        tables.push(table);
    }
    tables
}

#[test]
fn the_markdown_is_well_formed_tables_and_park_text_stays_text() {
    let (old, new) = pair();
    new.edit("content/parks/alpha-park.yaml", TALENT_HOUSING, "");
    new.edit(
        "content/parks/alpha-park.yaml",
        "name: 阿尔法科技园",
        "name: \"阿尔法 | <img src=x onerror=alert(1)> [点我](https://evil.example/) @octocat\"",
    );
    let beta = new.read("content/parks/beta-park.yaml");
    new.write(
        "content/parks/beta-park.yaml",
        &(beta + &BETA_CLAIM.replace("已制定品牌方案。", "\"`code` **粗体** |x| <script>\"")),
    );
    new.edit(
        "content/providers/alpha-group.yaml",
        "brand: 阿尔法",
        "brand: 阿尔法二期",
    );
    let r = diff(&old, &new, &["--format", "markdown", "--lang", "zh"]);
    r.code(1);
    let md = &r.stdout;
    assert!(md.starts_with("## parkbook diff：本次提交的变化\n\n**需要审核：4 项状态下降、1 条新的无依据申报**\n\n园区：新增 0，删除 0，变更 2。"), "{md}");
    let tables = tables(md);
    let headers: Vec<&Vec<String>> = tables.iter().map(|t| &t[0]).collect();
    assert_eq!(
        headers,
        [
            &vec!["要求", "条款", "原状态", "新状态", "依据"],
            &vec!["变更", "原", "新"],
            &vec!["申报的要求", "条款", "变更", "说明"],
            &vec!["变更", "原", "新"],
            &vec!["变更", "原", "新"],
        ]
    );
    let status_rows: Vec<Vec<&str>> = tables[0][1..]
        .iter()
        .map(|r| r[..4].iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        status_rows,
        [
            vec!["总体", "", "符合", "**部分符合 ↓**"],
            vec!["体系：生活配套服务（`life`）", "", "符合", "**不符合 ↓**"],
            vec![
                "提供生活配套服务（`life-services`）",
                "1.1",
                "符合",
                "**不符合 ↓**"
            ],
            vec!["服务入园人才（`life-talent`）", "", "符合", "**不符合 ↓**"],
        ]
    );
    assert_eq!(
        tables[0][3][4],
        "本体系至少 1 项服务（符合 → 不符合）：1 项：人才公寓 → 无"
    );
    // Park-written text is escaped: no tag, link, code span or cell of its own, no mention.
    let heading = md.lines().find(|l| l.starts_with("### 阿尔法")).unwrap();
    assert_eq!(
        heading,
        "### 阿尔法 \\| \\<img src=x onerror=alert(1)\\> \\[点我\\](https\\://evil.example/) @\u{2060}octocat（`alpha-park`）"
    );
    // Outside our own `<br>`, every `<`, `[`, `]` and backtick of park text has its backslash.
    let ours = md.replace("<br>", "").replace("（`", "").replace("`）", "");
    for c in ['<', '[', ']', '`'] {
        let bare = ours
            .match_indices(c)
            .filter(|(i, _)| !ours[..*i].ends_with('\\'))
            .count();
        assert_eq!(bare, 0, "`{c}` unescaped:\n{md}");
    }
    assert_eq!(
        tables[2][1][3],
        "申报为符合，计算为不符合；依据：\\`code\\` \\*\\*粗体\\*\\* \\|x\\| \\<script\\>"
    );
}

#[test]
fn the_english_markdown_has_the_same_tables() {
    let (old, new) = pair();
    new.edit("content/parks/alpha-park.yaml", TALENT_HOUSING, "");
    let md = diff(&old, &new, &["--format", "markdown", "--lang", "en"]).stdout;
    let tables = tables(&md);
    assert_eq!(tables[0][0], ["requirement", "clause", "was", "now", "why"]);
    assert_eq!(
        tables[0][3][..4],
        [
            "提供生活配套服务 (`life-services`)",
            "1.1",
            "met",
            "**unmet ↓**"
        ]
    );
    assert_eq!(
        tables[1][1],
        ["service “人才公寓” (`talent-housing`)", "生活配套服务", "—"]
    );
}

#[test]
fn bad_command_lines_and_unreadable_roots_exit_2() {
    let (old, new) = pair();
    let missing = old.dir().join("missing");
    for args in [
        vec!["diff", root(&old)],
        vec!["diff"],
        vec!["diff", root(&old), root(&new), "--rev", "HEAD"],
        vec!["diff", root(&old), root(&new), "--format", "pdf"],
        vec![
            "diff",
            root(&old),
            missing.to_str().unwrap(),
            "--lang",
            "en",
        ],
    ] {
        let r = run(&args);
        assert_eq!(r.code, Some(2), "{args:?}\n{}", r.stderr);
        assert_eq!(r.stdout, "", "{args:?}");
    }
    let r = run(&[
        "diff",
        root(&old),
        missing.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(
        r.stderr,
        format!(
            "error: {} is not a site root: it has no content/ folder\n",
            missing.display()
        )
    );
}

#[test]
fn rev_compares_the_work_tree_with_a_revision_of_a_root_inside_the_repository() {
    // The repository is the temporary folder; the site root is its subfolder `site/`.
    let site = Site::new("base");
    let repo = site.dir();
    git(repo, &["init", "-q"]);
    git(repo, &["add", "site"]);
    git(repo, &["commit", "-q", "-m", "base"]);
    site.edit("content/parks/alpha-park.yaml", TALENT_HOUSING, "");
    site.write("content/parks/gamma-park.yaml", GAMMA);
    let status_before = git(repo, &["status", "--porcelain"]);

    let r = run_in(
        site.root(),
        &["diff", "--rev", "HEAD", "--format", "json", "--lang", "en"],
    );
    r.code(1);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        counts(&report),
        json!({"parks_added": 1, "parks_changed": 1, "statuses_fell": 4})
    );
    let ids: Vec<&str> = report["parks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["alpha-park", "gamma-park"]);

    // From elsewhere with --root; the work tree and the index are as they were.
    let r = run_in(
        repo,
        &["diff", "--rev", "HEAD", "--root", "site", "--lang", "en"],
    );
    r.code(1);
    assert!(
        r.stdout
            .starts_with("parkbook diff: needs review: 4 status(es) fell\n"),
        "{}",
        r.stdout
    );
    assert_eq!(git(repo, &["status", "--porcelain"]), status_before);
    assert_eq!(git(repo, &["diff", "--cached", "--name-only"]), "");

    // Committed, the work tree equals HEAD.
    git(repo, &["add", "site"]);
    git(repo, &["commit", "-q", "-m", "edit"]);
    let r = run_in(site.root(), &["diff", "--rev", "HEAD", "--lang", "en"]);
    r.code(0);
    assert_eq!(r.stdout, "parkbook diff: nothing a reader sees changed\n");
    let r = run_in(
        site.root(),
        &[
            "diff", "--rev", "HEAD~1", "--format", "json", "--lang", "en",
        ],
    );
    r.code(1);

    // Revisions that do not exist, or are options in disguise, and roots outside a repository.
    for rev in ["no-such-branch", "--output=x", "HEAD~5"] {
        let r = run_in(
            site.root(),
            &["diff", &format!("--rev={rev}"), "--lang", "en"],
        );
        assert_eq!(r.code, Some(2), "{rev}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "), "{rev}: {}", r.stderr);
    }
    let outside = Site::new("base");
    let r = run_in(outside.root(), &["diff", "--rev", "HEAD", "--lang", "en"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
}

#[test]
fn no_escape_sequence_of_the_content_reaches_the_terminal_or_the_comment() {
    let (old, new) = pair();
    new.edit(
        "content/parks/alpha-park.yaml",
        "name: 阿尔法科技园",
        "name: \"阿尔法\\e[2J科技园\"",
    );
    for format in ["human", "markdown", "json"] {
        let r = diff(&old, &new, &["--format", format, "--lang", "en"]);
        r.code(0);
        assert!(r.stdout.contains("阿尔法"), "{format}: {}", r.stdout);
        assert!(!r.stdout.contains('\u{1b}'), "{format}: {:?}", r.stdout);
    }
}

#[test]
fn a_service_moved_to_another_system_and_one_changed() {
    let (old, new) = pair();
    new.edit(
        "content/parks/alpha-park.yaml",
        "    system: life\n    name: 人才公寓\n    audience: [talent]",
        "    system: operation\n    name: 人才公寓\n    audience: [talent, enterprise]",
    );
    // Its requirement belongs to its old system.
    new.edit(
        "content/parks/alpha-park.yaml",
        "    requirements: [life-talent]\n",
        "",
    );
    let (code, report) = json_diff(&old, &new);
    assert_eq!(code, 1);
    let park = &report["parks"][0];
    assert_eq!(
        changes(&park["changes"]),
        [
            ch(
                "service-moved",
                "services.talent-housing.system",
                json!("生活配套服务"),
                json!("综合运营服务")
            ),
            ch(
                "service-changed",
                "services.talent-housing.audience",
                json!(["talent"]),
                json!(["talent", "enterprise"])
            ),
            ch(
                "service-changed",
                "services.talent-housing.requirements",
                json!(["服务入园人才"]),
                Value::Null
            ),
        ]
    );
    let texts: Vec<(&str, &str, &str)> = park["changes"]
        .as_array()
        .unwrap()
        .iter()
        .take(2)
        .map(|c| {
            (
                c["text"].as_str().unwrap(),
                c["old_text"].as_str().unwrap(),
                c["new_text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            (
                "service “人才公寓” (`talent-housing`)",
                "生活配套服务",
                "综合运营服务"
            ),
            (
                "service “人才公寓” (`talent-housing`): audience",
                "talent",
                "talent, enterprise"
            ),
        ]
    );
    assert_eq!(statuses(park), life_falls());
}
