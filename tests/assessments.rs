//! Assessments as records: a park with three assessments of different kinds over three years,
//! one expired and one citing expired evidence, built for a fixed day; the statuses, the
//! expired markings and the timeline's data table are asserted against values worked out by
//! hand below.

mod common;
use common::html::visible_text;
use common::site::Site;
use std::path::Path;
use std::process::Command;

/// 2026-06-30, in seconds since 1970 (20,634 days): the day the site is built for.
const AS_OF_EPOCH: &str = "1782777600";

/// A requirement without a rule, so that the declared status decides it.
const EVALUATION: &str = "      - id: life-evaluation
        title: 开展服务评价
";

const PARK: &str = "name: 伽马园区
provider: alpha-group
level: district
type: other
region: 上海市
assessments:
  - kind: self
    assessor: 伽马园区运营部
    end: 2024-06-30
    valid_until: 2025-06-30
    results:
      - requirement: op-brand
        status: unmet
      - requirement: life-evaluation
        status: unmet
  - kind: authority
    assessor: 某区商务委员会
    start: 2025-05-01
    end: 2025-05-20
    valid_until: 2027-05-19
    results:
      - requirement: life-evaluation
        status: met
        statement: 服务台账完整。
        evidence:
          - title: 年度服务台账
            file: 台账.xlsx
            collected: 2025-05-01
            expires: 2026-05-01
      - requirement: life-talent
        status: met
  - kind: third-party
    assessor:
      name: 李四
      organisation: 某评价机构
    start: 2026-04-01
    end: 2026-04-20
    valid_until: 2027-04-19
    edition: \"2024\"
    results:
      - requirement: op-brand
        status: met
      - requirement: life-evaluation
        status: partial
        evidence:
          - title: 评价报告
            link: https://example.org/report
            collected: 2026-04-20
            expires: 2027-04-20
";

fn parkbook(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_parkbook"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("SOURCE_DATE_EPOCH", AS_OF_EPOCH)
        .env("PARKBOOK_LANG", "en")
        .output()
        .unwrap()
}

fn site() -> Site {
    let site = Site::new("base");
    let framework = site.read("content/framework.yaml");
    site.write(
        "content/framework.yaml",
        &format!("{framework}{EVALUATION}"),
    );
    site.write("content/parks/gamma-park.yaml", PARK);
    site
}

fn built(site: &Site) -> std::path::PathBuf {
    let out = site.root().join("out");
    let run = parkbook(site.root(), &["build", "--output", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// The visible text of each row of the first table whose opening tag holds `class`.
fn rows(html: &str, class: &str) -> Vec<String> {
    let start = html.find(&format!("<table class=\"{class}")).expect(class);
    let end = start + html[start..].find("</table>").unwrap();
    html[start..end]
        .split("<tr")
        .skip(1)
        .map(|row| visible_text(&format!("<tr{row}")))
        .collect()
}

#[test]
fn statuses_expiry_and_the_timeline_follow_the_records() {
    let site = site();
    let out = built(&site);
    let page = std::fs::read_to_string(out.join("parks/gamma-park/index.html")).unwrap();

    // The timeline's data table: newest first; each system's standing by that assessment's own
    // results (none of operation's requirements in the authority's), and its validity.
    assert_eq!(
        rows(&page, "timeline-data"),
        [
            "评价综合运营服务生活配套服务有效性",
            "2026-04-20第三方评价符合部分符合有效至2027-04-19",
            "2025-05-20主管部门评价未评价符合有效至2027-05-19",
            "2024-06-30自我评价不符合不符合已过期",
        ]
    );
    // The timeline: three years, one mark per assessment and system it assessed (5), the expired
    // self-assessment's two drawn hollow.
    let svg_start = page.find("<svg class=\"timeline-chart\"").unwrap();
    let svg = &page[svg_start..svg_start + page[svg_start..].find("</svg>").unwrap()];
    for year in ["2024", "2025", "2026"] {
        assert!(svg.contains(&format!(">{year}</text>")), "{year}");
    }
    assert_eq!(svg.matches("class=\"tl-mark").count(), 5);
    assert_eq!(svg.matches("tl-expired").count(), 2);

    // The compliance table shows one column per kind that still holds (the self-assessment has
    // expired), the third party's marked as the one that declares; its status decides the
    // requirement without a rule.
    let compliance = rows(&page, "compliance-table stack-table");
    let life = rows(
        &page[page.find("生活配套服务 符合性").unwrap()..],
        "compliance-table",
    );
    assert!(
        compliance[0].contains("计算主管部门评价2025-05-20第三方评价2026-04-20据此声明结果"),
        "{}",
        compliance[0]
    );
    let evaluation = life.iter().find(|r| r.starts_with("开展服务评价")).unwrap();
    assert!(
        evaluation.starts_with("开展服务评价life-evaluation—无规则符合部分符合部分符合"),
        "{evaluation}"
    );
    // The declared evidence is the third party's, current; the authority's expired evidence is
    // marked in its record.
    assert!(
        evaluation.contains("评价报告收集于2026-04-20，有效至2027-04-20"),
        "{evaluation}"
    );
    assert!(!evaluation.contains("已过期"), "{evaluation}");
    let records = &page[page.find("id=\"h-assessments\"").unwrap()..];
    let authority = &records[records.find("id=\"assessment-2\"").unwrap()..];
    let authority = &authority[..authority
        .find("</li>\n  \n    <li")
        .unwrap_or(authority.len())];
    assert!(visible_text(authority)
        .contains("年度服务台账（文件：台账.xlsx）收集于2025-05-01，有效至2026-05-01证据已过期"));
    // The expired assessment is shown as expired, never as current.
    let own = &records[records.find("id=\"assessment-3\"").unwrap()..];
    assert!(own.starts_with("id=\"assessment-3\" class=\"assessment is-expired\""));
    assert!(visible_text(&own[..own.find("</h3>").unwrap()]).contains("已过期"));
    assert!(
        visible_text(&page).contains("据以声明的评价：第三方评价，评价方某评价机构，2026-04-20。")
    );

    // Open data: every record, with what has expired on the site's day.
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("parks/gamma-park/index.json")).unwrap(),
    )
    .unwrap();
    let list = data["assessments"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    let compliance = &data["compliance"];
    assert_eq!(compliance["as_of"], "2026-06-30");
    assert_eq!(compliance["declaring_assessment"], 2);
    assert_eq!(compliance["expired_assessments"], serde_json::json!([0]));
    assert_eq!(list[2]["assessor"]["organisation"], "某评价机构");
    assert_eq!(list[2]["edition"], "2024");
    assert_eq!(
        list[1]["results"][0]["evidence"][0]["expires"],
        "2026-05-01"
    );
    assert_eq!(
        data["compliance"]["requirements"]["life-evaluation"]["declared"],
        "partial"
    );
}

/// The parks listed on a facet value's page, by their links' text.
fn listed(out: &Path, facet: &str) -> Vec<String> {
    let page = std::fs::read_to_string(out.join(format!("parks/{facet}/index.html"))).unwrap();
    page.split("class=\"cell-title\"><a href=")
        .skip(1)
        .map(|row| {
            let text = &row[row.find('>').unwrap() + 1..];
            text[..text.find('<').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn the_catalogue_has_facets_by_kind_of_current_assessment_and_by_recency() {
    let site = site();
    let out = built(&site);
    // Gamma's self-assessment has expired; alpha's (the older form, no `valid_until`) holds.
    assert_eq!(listed(&out, "assessment/third-party"), ["伽马园区"]);
    assert_eq!(listed(&out, "assessment/authority"), ["伽马园区"]);
    assert_eq!(listed(&out, "assessment/self"), ["阿尔法科技园"]);
    assert_eq!(listed(&out, "assessment/none"), ["贝塔产业基地"]);
    // Latest assessments on 2026-04-20 (gamma) and 2026-05-20 (alpha); beta has none.
    assert_eq!(listed(&out, "assessed/1y"), ["阿尔法科技园", "伽马园区"]);
    assert_eq!(listed(&out, "assessed/3y"), ["阿尔法科技园", "伽马园区"]);
    assert_eq!(listed(&out, "assessed/never"), ["贝塔产业基地"]);
    // On 2027-05-01 gamma's (2026-04-20) is more than a year old, alpha's (2026-05-20) is not.
    let later = Command::new(env!("CARGO_BIN_EXE_parkbook"))
        .args(["build", "--output"])
        .arg(site.root().join("later"))
        .arg("--root")
        .arg(site.root())
        .env("SOURCE_DATE_EPOCH", (20_939 * 86_400).to_string())
        .output()
        .unwrap();
    assert!(later.status.success());
    assert_eq!(
        listed(&site.root().join("later"), "assessed/1y"),
        ["阿尔法科技园"]
    );
    assert_eq!(
        listed(&site.root().join("later"), "assessed/2y"),
        ["阿尔法科技园", "伽马园区"]
    );
}

#[test]
fn once_every_assessment_has_expired_nothing_is_declared_and_check_says_so() {
    let site = site();
    // The day after the last one held.
    let park = PARK
        .replace("valid_until: 2027-05-19", "valid_until: 2026-01-01")
        .replace("valid_until: 2027-04-19", "valid_until: 2026-06-29");
    site.write("content/parks/gamma-park.yaml", &park);
    let out = built(&site);
    let page = std::fs::read_to_string(out.join("parks/gamma-park/index.html")).unwrap();
    let text = visible_text(&page);
    assert!(text.contains("园区的评价均已过期，不计入声明"), "{text}");
    let life = rows(
        &page[page.find("生活配套服务 符合性").unwrap()..],
        "compliance-table",
    );
    let evaluation = life.iter().find(|r| r.starts_with("开展服务评价")).unwrap();
    assert!(evaluation.contains("未声明不符合"), "{evaluation}");
    let run = parkbook(site.root(), &["check"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("content/parks/gamma-park.yaml:32:5: warning: assessments[2].valid_until: every assessment of the park has expired (the latest held until 2026-06-29)"),
        "{stderr}"
    );
}
