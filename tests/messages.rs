//! Messages for the people who write and review park files: the same problem in Chinese and in
//! English, the language chosen by `--lang`, `PARKBOOK_LANG`, the site's `language`, then the
//! locale; JSON with stable codes and key paths; warnings that `--deny-warnings` makes fatal;
//! GitHub workflow annotations.

mod common;
use common::process::run_lang;
use common::site::Site;
use std::process::Command;

const ALPHA: &str = "content/parks/alpha-park.yaml";

fn with_alpha(from: &str, to: &str) -> Site {
    let site = Site::new("base");
    let text = site.read(ALPHA);
    assert!(text.contains(from), "{from}");
    site.write(ALPHA, &text.replacen(from, to, 1));
    site
}

/// `parkbook ARGS` in the site's root with the environment's language settings removed, then
/// `env` set.
fn run_env(site: &Site, env: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_parkbook"));
    command.args(args).current_dir(site.root());
    for key in ["PARKBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(key);
    }
    command.envs(env.iter().copied());
    let out = command.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_same_error_in_chinese_and_in_english() {
    let site = with_alpha("level: national", "level: 国家级");
    let zh = run_lang(site.root(), "zh", &["check"]);
    let en = run_lang(site.root(), "en", &["check"]);
    zh.code(1);
    en.code(1);
    zh.says("content/parks/alpha-park.yaml:4:8: 错误：`level` 的值 `国家级` 不在可选值之中：national（国家级）、municipal（市级）、district（区级）\n  提示：是否想写 `national`（国家级）？");
    en.says("content/parks/alpha-park.yaml:4:8: error: `level` is `国家级`, which is not one of: national（国家级）, municipal（市级）, district（区级）\n  hint: did you mean `national`（国家级）?");
    zh.says("检查未通过：1 个错误，");
    en.says("check failed: 1 error(s), ");
}

#[test]
fn the_language_follows_the_flag_then_the_environment_then_the_site_then_the_locale() {
    let site = with_alpha("level: national", "level: nationl");
    let said = |env: &[(&str, &str)], args: &[&str]| {
        let (_, stderr) = run_env(&site, env, args);
        if stderr.contains(": 错误：") {
            "zh"
        } else if stderr.contains(": error: ") {
            "en"
        } else {
            panic!("{stderr}")
        }
    };
    // The site says zh-CN.
    assert_eq!(said(&[], &["check"]), "zh");
    assert_eq!(said(&[("LANG", "en_US.UTF-8")], &["check"]), "zh");
    assert_eq!(said(&[("PARKBOOK_LANG", "en")], &["check"]), "en");
    assert_eq!(
        said(&[("PARKBOOK_LANG", "en")], &["check", "--lang", "zh"]),
        "zh"
    );
    assert_eq!(said(&[], &["--lang", "en", "check"]), "en");
    // A site in English, and one that names no language: then the locale decides.
    let site_yaml = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &site_yaml.replace("language: zh-CN", "language: en"),
    );
    assert_eq!(said(&[], &["check"]), "en");
    site.write(
        "content/site.yaml",
        &site_yaml.replace("language: zh-CN\n", ""),
    );
    assert_eq!(said(&[("LANG", "en_GB.UTF-8")], &["check"]), "en");
    assert_eq!(said(&[("LANG", "zh_CN.UTF-8")], &["check"]), "zh");
    let (code, stderr) = run_env(&site, &[], &["check", "--lang", "fr"]);
    assert_eq!(code, Some(2), "{stderr}");
}

#[test]
fn json_carries_the_code_the_key_path_and_the_position() {
    let site = with_alpha(
        "    provider: alpha-incubator\n",
        "    provider: alpha-incubatr\n",
    );
    for lang in ["zh", "en"] {
        let run = run_lang(site.root(), lang, &["check", "--format", "json"]);
        run.code(1);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let d = &report["diagnostics"][0];
        assert_eq!(d["path"], ALPHA);
        assert_eq!(d["line"], 31);
        assert_eq!(d["col"], 15);
        assert_eq!(d["key_path"], "services[1].provider");
        assert_eq!(d["severity"], "error");
        // The code is the same in both languages; the text is in the one asked for.
        let code = d["code"].as_str().unwrap();
        assert!(!code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        let message = d["message"].as_str().unwrap();
        assert!(message.contains("alpha-incubatr"), "{message}");
        assert_eq!(
            lang == "zh",
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{message}"
        );
    }
}

#[test]
fn json_names_where_the_value_and_its_key_are() {
    let site = with_alpha("    legal_entity: true\n", "    legal_entity: 是\n");
    let run = run_lang(site.root(), "zh", &["check", "--format", "json"]);
    run.code(1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "not-bool");
    assert_eq!(d["key_path"], "providers[0].legal_entity");
    assert_eq!((&d["line"], &d["col"]), (&19.into(), &19.into()));
    assert_eq!((&d["key_line"], &d["key_col"]), (&19.into(), &5.into()));
    assert_eq!(d["message"], "`legal_entity` 只能是 `true` 或 `false`");
    assert_eq!(d["hint_code"], "bool-means");
    assert_eq!(d["hint"], "YAML 中 `是` 应写作 `true`");
}

#[test]
fn a_full_width_colon_is_named_at_its_column() {
    let site = with_alpha("district: 浦东新区", "district： 浦东新区");
    let zh = run_lang(site.root(), "zh", &["check"]);
    zh.says("content/parks/alpha-park.yaml:7:9: 错误：`district` 后面是全角冒号 `：`，YAML 只认半角冒号 `:`\n  提示：切换到英文输入，写成 `district: `（半角冒号加一个空格）");
    let en = run_lang(site.root(), "en", &["check"]);
    en.says("content/parks/alpha-park.yaml:7:9: error: a full-width colon `：` after `district`: YAML needs the ASCII colon `:`");
    en.code(1);
}

/// The base site with a framework whose hub judges no service: its services support nothing.
fn with_a_service_that_supports_nothing() -> Site {
    let site = Site::new("base");
    let framework = site.read("content/framework.yaml");
    let from = "rule: { integrated_provider: true }";
    assert!(framework.contains(from));
    site.write(
        "content/framework.yaml",
        &framework.replace(from, "rule: { min_brand_features: 1 }"),
    );
    site
}

#[test]
fn warnings_fail_the_check_only_when_denied() {
    let site = with_a_service_that_supports_nothing();
    let run = run_lang(site.root(), "en", &["check"]);
    run.code(0);
    run.says("content/parks/alpha-park.yaml:21:9: warning: services[0]: the service “企业一站式服务” supports no requirement: it lists no `requirements`, and no rule of “综合运营服务” counts services");
    let denied = run_lang(site.root(), "en", &["check", "--deny-warnings"]);
    denied.code(1);
    denied
        .says("check failed (--deny-warnings counts warnings as errors): 0 error(s), 1 warning(s)");
    // The base site as it is has nothing to warn about.
    run_lang(
        Site::new("base").root(),
        "en",
        &["check", "--deny-warnings"],
    )
    .code(0);
}

#[test]
fn an_unsupported_claim_and_an_old_assessment_are_warnings() {
    // `op-brand` is declared met; without brand features the data says otherwise.
    let site = with_alpha(
        "  features:\n    - title: 全链条孵化\n      description: 从孵化到加速的全程服务。\n",
        "",
    );
    let site_yaml = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &format!("{site_yaml}assessment_max_age: 30\n"),
    );
    let run = run_lang(site.root(), "en", &["check", "--format", "json"]);
    run.code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["key_path"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        codes.contains(&("warn-unsupported-claim", "assessment.results[0].status")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("warn-assessment-old", "assessment.date")),
        "{codes:?}"
    );
    let zh = run_lang(site.root(), "zh", &["check"]);
    assert!(
        zh.stderr
            .contains("园区声明要求 `op-brand` 为“符合”，但按其数据计算的结果是 `unmet`（不符合）"),
        "{}",
        zh.stderr
    );
    run_lang(site.root(), "en", &["check", "--deny-warnings"]).code(1);
}

#[test]
fn github_annotations_point_at_the_lines() {
    let site = with_alpha("level: national", "level: nationl");
    let run = run_lang(site.root(), "en", &["check", "--format", "github"]);
    run.code(1);
    assert!(
        run.stdout.lines().any(|l| l
            == "::error file=content/parks/alpha-park.yaml,line=4,col=8,title=one-of::`level` is `nationl`, which is not one of: national（国家级）, municipal（市级）, district（区级）%0Adid you mean `national`?"),
        "{}",
        run.stdout
    );
    // Warnings are reported once the content has no error.
    let site = with_a_service_that_supports_nothing();
    let run = run_lang(site.root(), "en", &["check", "--format", "github"]);
    run.code(0);
    assert!(
        run.stdout.lines().any(|l| l.starts_with(
            "::warning file=content/parks/alpha-park.yaml,line=21,col=9,title=warn-service-supports-nothing::services[0]: "
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn evidence_without_the_date_of_its_assessment_is_a_warning() {
    let site = with_alpha("  date: 2026-05-20\n", "");
    let run = run_lang(site.root(), "en", &["check"]);
    run.code(0);
    run.says("content/parks/alpha-park.yaml:38:20: warning: assessment.results[0]: the assessment cites evidence but has no date\n  hint: add when it was completed, `end: YYYY-MM-DD` (`date` in a single `assessment`)");
}

#[test]
fn key_paths_count_the_items_as_written_even_past_a_broken_one() {
    // The first service has no `system` (an error of its own, so it is not kept); the second's
    // unknown provider is still `services[1]`.
    let site = with_alpha("    system: operation\n", "");
    let run = run_lang(site.root(), "en", &["check", "--format", "json"]);
    run.code(1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["key_path"].as_str())
        .collect();
    assert_eq!(paths, ["services[0]"], "{}", run.stdout);
    let site = with_alpha("    system: operation\n", "");
    let park = site.read(ALPHA);
    site.write(
        ALPHA,
        &park.replace(
            "    provider: alpha-incubator\n",
            "    provider: alpha-incubatr\n",
        ),
    );
    let run = run_lang(site.root(), "en", &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["key_path"].as_str())
        .collect();
    assert_eq!(
        paths,
        ["services[0]", "services[1].provider"],
        "{}",
        run.stdout
    );
}

#[test]
fn build_counts_the_review_warnings_that_check_lists() {
    let site = with_alpha(
        "  features:\n    - title: 全链条孵化\n      description: 从孵化到加速的全程服务。\n",
        "",
    );
    let out = site.dir().join("out");
    let run = run_lang(
        site.root(),
        "en",
        &["build", "--output", out.to_str().unwrap()],
    );
    run.code(0);
    assert!(!run.stderr.contains(": warning: "), "{}", run.stderr);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("1 review warning(s) ")
                && l.ends_with("`parkbook check` lists them")),
        "{}",
        run.stderr
    );
    let check = run_lang(site.root(), "en", &["check"]);
    assert_eq!(
        check.stderr.matches(": warning: ").count(),
        1,
        "{}",
        check.stderr
    );
}
