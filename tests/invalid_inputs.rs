//! Broken and hostile inputs, run through the real binary.
//!
//! Every test copies the small valid site of `tests/fixtures/base/` into a fresh temporary
//! folder, breaks or adds one thing, runs `parkbook`, and asserts the exit code and each
//! diagnostic: `path:line:col: error: message` with its exact position, and its hint where there
//! is one. No run may panic. The injection tests build a site full of hostile text and prove that
//! none of it is live in the built pages.

mod common;
use common::files as snapshot;
use common::html::tags;
use common::process::run_in;
use common::site::Site;

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
// YAML syntax
// ---------------------------------------------------------------------------------------------

#[test]
fn yaml_unclosed_bracket_at_end_of_file() {
    let run = with_park("industries: [集成电路, 生物医药\n").check_fails();
    // The list never closes: the reader notices at the end of the file (line 7).
    run.only_error(
        &format!("{PARK_FILE}:7:1"),
        "YAML syntax: while parsing a flow sequence, expected ',' or ']'",
    );
}

#[test]
fn yaml_unclosed_bracket_before_next_key() {
    let run = with_park("industries: [集成电路, 生物医药\nsummary: 简介\n").check_fails();
    // `summary:` is read as part of the open list; its `:` (line 7, column 8) is where it breaks.
    run.only_error(
        &format!("{PARK_FILE}:7:8"),
        "YAML syntax: illegal placement of ':' indicator",
    );
}

#[test]
fn yaml_unclosed_brace_and_quote() {
    let run = with_park("brand: {slogan: 创新\n").check_fails();
    run.only_error(
        &format!("{PARK_FILE}:7:1"),
        "YAML syntax: while parsing a flow mapping",
    );
    let run = with_park("summary: \"未闭合的引号\nupdated: 2026-01-01\n").check_fails();
    // Reported at the opening quote.
    run.only_error(&format!("{PARK_FILE}:6:10"), "YAML syntax:");
}

#[test]
fn yaml_bad_indentation() {
    let site = base();
    site.write(
        PARK_FILE,
        "name: 测试园区\nlevel: district\n  type: other\nregion: 上海市\n",
    );
    let run = site.check_fails();
    // `  type: other` continues the value of `level`; its `:` is at line 3, column 7.
    run.only_error(
        &format!("{PARK_FILE}:3:7"),
        "YAML syntax: mapping values are not allowed in this context",
    );
}

#[test]
fn yaml_tab_indentation_points_at_the_tab() {
    // A tab as the indentation of a mapping's entry.
    let run = with_park("brand:\n\tslogan: 创新\n").check_fails();
    run.only_error(
        &format!("{PARK_FILE}:7:1"),
        "YAML syntax: tabs disallowed within this context",
    );
    // A tab-indented line after a plain value: the scanner starts at the value (line 7), but the
    // position is the tab's (line 8, column 3).
    let run = with_park("brand:\n  slogan: 创新\n  \tfeatures: []\n").check_fails();
    run.only_error(
        &format!("{PARK_FILE}:8:3"),
        "YAML syntax: while scanning a plain scalar, found a tab",
    );
    // A tab at the start of a top-level key.
    let site = base();
    site.write(PARK_FILE, "name: 测试园区\n\tlevel: district\n");
    site.check_fails()
        .only_error(&format!("{PARK_FILE}:2:1"), "found a tab");
}

#[test]
fn yaml_duplicate_keys() {
    let run = with_park("summary: 第一\nname: 第二个名称\n").check_fails();
    run.only_error(
        &format!("{PARK_FILE}:7:1"),
        "duplicate key `name` (first at line 1)",
    );
    // Inside a nested mapping too.
    let run = with_park("brand:\n  slogan: a\n  slogan: b\n").check_fails();
    run.only_error(
        &format!("{PARK_FILE}:8:3"),
        "duplicate key `slogan` (first at line 7)",
    );
}

#[test]
fn yaml_two_documents() {
    let run = with_park("---\nname: 另一个园区\n").check_fails();
    run.only_error(
        &format!("{PARK_FILE}:6:1"),
        "only one YAML document is allowed per file",
    );
    // An explicit first `---` is fine; the second is not.
    let site = base();
    site.write(PARK_FILE, &format!("---\n{PARK}---\n{PARK}"));
    site.check_fails().only_error(
        &format!("{PARK_FILE}:7:1"),
        "only one YAML document is allowed per file",
    );
}

#[test]
fn yaml_tags_are_refused() {
    // A core-schema tag that asks for an object must not be read as plain text.
    let site = base();
    site.write(
        PARK_FILE,
        &PARK.replace("name: 测试园区", "name: !!python/object:os.system 测试园区"),
    );
    site.check_fails().only_error(
        &format!("{PARK_FILE}:1:7"),
        "YAML tags (`!name`) are not supported here",
    );
    let run = with_park("summary: !custom 简介\n").check_fails();
    run.only_error(&format!("{PARK_FILE}:6:10"), "YAML tags");
    let run = with_park("brand: !custom {slogan: a}\n").check_fails();
    run.only_error(&format!("{PARK_FILE}:6:8"), "YAML tags");
    let run = with_park("summary: !!binary 5rWL6K+V\n").check_fails();
    run.only_error(&format!("{PARK_FILE}:6:10"), "YAML tags");
    // `!!str` only restates what every value is.
    with_park("summary: !!str 简介\n").check().code(0);
}

#[test]
fn yaml_alias_bomb_is_stopped() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let site = base();
    site.write(PARK_FILE, &text);
    let run = site.check_fails();
    // 9^6 values are reached at the first alias of line 6 (column 15).
    run.only_error(
        &format!("{PARK_FILE}:6:15"),
        "the document expands to more than 200000 values (aliases included)",
    );
}

#[test]
fn yaml_deep_nesting_is_stopped_without_overflow() {
    let site = base();
    site.write(PARK_FILE, &format!("name: {}\n", "[".repeat(10_000)));
    site.check_fails().only_error(
        &format!("{PARK_FILE}:1:262"),
        "nesting deeper than 64 levels",
    );
    site.write(PARK_FILE, &"{".repeat(10_000));
    site.check_fails().only_error(
        &format!("{PARK_FILE}:1:256"),
        "nesting deeper than 64 levels",
    );
    // Block lists nested on one line: `- - - … x`; the 65th starts at column 129.
    site.write(PARK_FILE, &format!("{}x\n", "- ".repeat(10_000)));
    site.check_fails().only_error(
        &format!("{PARK_FILE}:1:129"),
        "nesting deeper than 64 levels",
    );
    // Indented mappings, one level a line: the 65th mapping starts on line 65.
    let text: String = (0..200)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
        .collect();
    site.write(PARK_FILE, &text);
    site.check_fails().only_error(
        &format!("{PARK_FILE}:65:129"),
        "nesting deeper than 64 levels",
    );
}

// ---------------------------------------------------------------------------------------------
// Files that are not YAML text at all
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_and_comment_only_files() {
    let site = base();
    site.write(PARK_FILE, "");
    site.check_fails().only_error(PARK_FILE, "file is empty");
    site.write(PARK_FILE, "  \n\n\t\n");
    site.check_fails().only_error(PARK_FILE, "file is empty");
    site.write(PARK_FILE, "# 园区\n\n# 待填写\n");
    site.check_fails().only_error(
        &format!("{PARK_FILE}:1:1"),
        "file holds no YAML values (only comments or blank lines)",
    );
}

#[test]
fn gbk_file_reports_first_bad_byte() {
    let site = base();
    let mut bytes = PARK.replace("上海市", "").into_bytes();
    bytes.extend_from_slice(b"district: ");
    bytes.extend_from_slice(&[0xC6, 0xD6, 0xB6, 0xAB]); // 浦东 in GBK
    bytes.push(b'\n');
    site.write_bytes(PARK_FILE, &bytes);
    let run = site.check_fails();
    run.only_error(&format!("{PARK_FILE}:6:11"), "file is not valid UTF-8 text")
        .hint("save the file as UTF-8 (GBK and other encodings are not read)");
    // The column counts characters: after `name: 张江` (8 characters, 12 bytes) comes column 9.
    site.write_bytes(PARK_FILE, b"name: \xe5\xbc\xa0\xe6\xb1\x9f\xd5\xc5\n");
    site.check_fails()
        .only_error(&format!("{PARK_FILE}:1:9"), "file is not valid UTF-8 text");
}

#[test]
fn binary_file_with_nul() {
    let site = base();
    site.write_bytes(PARK_FILE, b"name: x\nlevel: \x00\x01\x02\xff\xfe");
    // Not UTF-8 either; the first problem found is the byte 0xff at line 2, column 11.
    site.check_fails()
        .only_error(&format!("{PARK_FILE}:2:11"), "file is not valid UTF-8 text");
    site.write_bytes(PARK_FILE, b"name: x\nlevel: \x00\x01\x02");
    site.check_fails().only_error(
        &format!("{PARK_FILE}:2:8"),
        "file holds a NUL byte: is it a binary file?",
    );
}

#[test]
fn oversized_file_is_refused() {
    let site = base();
    let text = format!("{PARK}summary: {}\n", "长".repeat(700_000)); // 2.1 MB of UTF-8
    site.write(PARK_FILE, &text);
    let run = site.check_fails();
    run.only_error(
        PARK_FILE,
        &format!("file is {} bytes; the limit is 2097152 bytes", text.len()),
    );
}

#[test]
fn file_names_must_be_ids() {
    let site = base();
    site.write("content/parks/Bad_Name.yaml", PARK);
    site.check_fails()
        .only_error(
            "content/parks/Bad_Name.yaml",
            "the file name `Bad_Name` is not a valid id: only a-z, 0-9 and `-` are allowed",
        )
        .hint("ids use lowercase letters a-z");
    let site = base();
    site.write(
        "content/providers/a--b.yaml",
        "name: x\nkind: government-agency\n",
    );
    site.check_fails().only_error(
        "content/providers/a--b.yaml",
        "hyphens go only between letters or digits",
    );
}

#[test]
fn yml_extension_gets_a_rename_hint() {
    let site = base();
    site.write("content/parks/good-park.yml", PARK);
    site.check_fails()
        .only_error(
            "content/parks/good-park.yml",
            "not a `.yaml` file, so it would be ignored",
        )
        .hint("rename it to `good-park.yaml`");
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
fn unknown_key_with_did_you_mean() {
    let run = with_park("sumary: 简介\n").check_fails();
    run.only_error(
        &format!("{PARK_FILE}:6:1"),
        "unknown key `sumary` in a park",
    )
    .hint("did you mean `summary`?");
}

#[test]
fn unknown_key_without_a_close_match_lists_the_keys() {
    let run = with_park("colour: 红色\n").check_fails();
    run.only_error(&format!("{PARK_FILE}:6:1"), "unknown key `colour` in a park")
        .hint("a park takes: name, name_en, provider, level, type, region, district, industries, summary, brand, providers, services, assessment, updated");
}

#[test]
fn unknown_key_deep_inside_a_service() {
    let site = base();
    site.edit(
        ALPHA,
        "    audience: [talent]\n",
        "    audiance: [talent]\n",
    );
    let run = site.check_fails();
    run.error_count(2);
    run.error(
        &format!("{ALPHA}:30:5"),
        "unknown key `audiance` in a service",
    )
    .hint("did you mean `audience`?");
    // The service (starting at line 27, column 5) now lacks the key it meant to give.
    run.error(&format!("{ALPHA}:27:5"), "a service has no `audience`");
}

#[test]
fn unknown_key_in_framework_and_site() {
    let site = base();
    site.edit(
        FRAMEWORK,
        "        title: 提炼品牌特征\n",
        "        titel: 提炼品牌特征\n",
    );
    let run = site.check_fails();
    run.error_count(2);
    run.error(
        &format!("{FRAMEWORK}:13:9"),
        "unknown key `titel` in a requirement",
    )
    .hint("did you mean `title`?");
    run.error(&format!("{FRAMEWORK}:12:9"), "a requirement has no `title`");

    let site = base();
    site.edit(
        "content/site.yaml",
        "sample_data: true\n",
        "sampel_data: true\n",
    );
    site.check_fails()
        .only_error(
            "content/site.yaml:5:1",
            "unknown key `sampel_data` in site.yaml",
        )
        .hint("did you mean `sample_data`?");
}

#[test]
fn services_as_a_string() {
    let run = with_park("services: 企业服务\n").check_fails();
    run.only_error(
        &format!("{PARK_FILE}:6:11"),
        "`services` must be a list, not a single value",
    )
    .hint("write `services: [a, b]` or one `- item` per line");
    let run = with_park("services:\n  id: x\n").check_fails();
    run.only_error(
        &format!("{PARK_FILE}:7:3"),
        "`services` must be a list, not a mapping",
    );
}

#[test]
fn legal_entity_must_be_a_boolean() {
    let site = base();
    site.edit(ALPHA, "legal_entity: true", "legal_entity: \"yes\"");
    // Only this error: the provider is still known, so the service using it is not broken too.
    site.check_fails().only_error(
        &format!("{ALPHA}:19:19"),
        "`legal_entity` must be `true` or `false`",
    );
    site.edit(ALPHA, "legal_entity: \"yes\"", "legal_entity: yes");
    site.check_fails().only_error(
        &format!("{ALPHA}:19:19"),
        "`legal_entity` must be `true` or `false`",
    );
}

#[test]
fn min_services_must_be_a_whole_number() {
    for bad in ["-1", "\"three\"", "three", "1.5", "[1]"] {
        let site = base();
        site.edit(
            FRAMEWORK,
            "min_services: 1 ",
            &format!("min_services: {bad} "),
        );
        // One error, at the value: the rule is not also called empty.
        site.check_fails().only_error(
            &format!("{FRAMEWORK}:24:31"),
            "`min_services` must be a whole number (0 or more)",
        );
    }
}

#[test]
fn rule_without_any_condition() {
    let site = base();
    site.edit(FRAMEWORK, "rule: { min_services: 1 }", "rule: {}");
    site.check_fails()
        .only_error(&format!("{FRAMEWORK}:24:15"), "the rule has no condition")
        .hint("a rule takes: min_services, audience_any");
    let site = base();
    site.edit(FRAMEWORK, "audience_any: [talent]", "audience_any: [talnt]");
    site.check_fails()
        .only_error(&format!("{FRAMEWORK}:27:32"), "`audience_any` is `talnt`, which is not one of: operator, enterprise, industry, talent")
        .hint("did you mean `talent`?");
}

#[test]
fn enum_value_outside_the_list() {
    let site = base();
    site.edit(ALPHA, "level: national", "level: nationl");
    site.check_fails()
        .only_error(
            &format!("{ALPHA}:4:8"),
            "`level` is `nationl`, which is not one of: national, municipal, district",
        )
        .hint("did you mean `national`?");
    let site = base();
    site.edit(ALPHA, "kind: operating-company", "kind: company");
    site.check_fails().only_error(
        &format!("{ALPHA}:18:11"),
        "`kind` is `company`, which is not one of: functional-institution, operating-company, government-agency, social-organization, enterprise",
    );
    let site = base();
    site.edit(FRAMEWORK, "role: pillar", "role: pilar");
    // The system keeps its id, so the services in it are not reported as broken as well.
    site.check_fails()
        .only_error(
            &format!("{FRAMEWORK}:17:11"),
            "`role` is `pilar`, which is not one of: hub, pillar",
        )
        .hint("did you mean `pillar`?");
}

#[test]
fn missing_required_key() {
    let site = base();
    site.write(PARK_FILE, &PARK.replace("name: 测试园区\n", ""));
    // A missing key is reported at the start of the mapping that lacks it.
    site.check_fails()
        .only_error(&format!("{PARK_FILE}:1:1"), "a park has no `name`")
        .no_hint();
    let site = base();
    site.write("content/providers/gamma.yaml", "\n\nname: 伽马集团\n");
    site.check_fails().only_error(
        "content/providers/gamma.yaml:3:1",
        "a provider has no `kind`",
    );
}

#[test]
fn empty_values_and_bad_dates_and_ids() {
    let run = with_park("district: \"\"\nupdated: 2026-02-30\nservices:\n  - id: Bad_Service\n    system: life\n    name: 服务\n    audience: [talent]\n    provider: integrated\n").check_fails();
    run.error_count(3);
    run.error(&format!("{PARK_FILE}:6:11"), "`district` is empty");
    run.error(
        &format!("{PARK_FILE}:7:10"),
        "`updated` `2026-02-30` is not a date",
    )
    .hint("write dates as YYYY-MM-DD");
    run.error(
        &format!("{PARK_FILE}:9:9"),
        "`id` `Bad_Service` is not a valid id",
    )
    .hint("ids use lowercase letters");
}

#[test]
fn columns_count_characters_not_bytes() {
    // Each Chinese character is 3 bytes but one column.
    let run = with_park("industries: [集成电路, 生物医药, \"\"]\n").check_fails();
    run.only_error(&format!("{PARK_FILE}:6:26"), "`industries` is empty");
}

#[test]
fn byte_order_mark_and_crlf_keep_positions() {
    let site = base();
    let text = format!(
        "\u{feff}{}",
        PARK.replace("level: district", "level: distric")
            .replace('\n', "\r\n")
    );
    site.write(PARK_FILE, &text);
    site.check_fails()
        .only_error(&format!("{PARK_FILE}:3:8"), "`level` is `distric`")
        .hint("did you mean `district`?");
}

// ---------------------------------------------------------------------------------------------
// References between files
// ---------------------------------------------------------------------------------------------

#[test]
fn park_provider_must_exist() {
    let site = base();
    site.edit(ALPHA, "provider: alpha-group", "provider: alpha-grup");
    site.check_fails()
        .only_error(
            &format!("{ALPHA}:3:11"),
            "provider `alpha-grup` is not defined: there is no providers/alpha-grup.yaml",
        )
        .hint("did you mean `alpha-group`?");
    let site = base();
    site.edit(ALPHA, "provider: alpha-group", "provider: zeta");
    site.check_fails()
        .only_error(&format!("{ALPHA}:3:11"), "provider `zeta` is not defined")
        .hint("known: alpha-group, beta-admin");
}

#[test]
fn broken_provider_file_does_not_make_its_parks_fail_too() {
    let site = base();
    site.write("content/providers/alpha-group.yaml", "name: [阿尔法\n");
    // The file exists: the park that names it is not told there is no such file.
    site.check_fails()
        .only_error("content/providers/alpha-group.yaml:2:1", "YAML syntax:");
}

#[test]
fn service_system_must_exist() {
    let site = base();
    site.edit(ALPHA, "    system: life\n", "    system: lfe\n");
    site.check_fails()
        .only_error(
            &format!("{ALPHA}:28:13"),
            "system `lfe` is not in the framework",
        )
        .hint("did you mean `life`?");
}

#[test]
fn service_provider_must_be_in_the_park_providers() {
    let site = base();
    site.edit(
        ALPHA,
        "    provider: alpha-incubator\n",
        "    provider: alpha-incubatr\n",
    );
    site.check_fails()
        .only_error(
            &format!("{ALPHA}:31:15"),
            "service provider `alpha-incubatr` is not in this park's `providers` list",
        )
        .hint("did you mean `alpha-incubator`?");
}

#[test]
fn integrated_provider_needs_a_park_provider() {
    let site = base();
    site.edit(ALPHA, "provider: alpha-group\n", "");
    site.check_fails()
        .only_error(&format!("{ALPHA}:24:15"), "the service is provided by `integrated`, but the park names no integrated service provider")
        .hint("add `provider: <id>` at the top of the park file");
}

#[test]
fn service_requirement_must_exist() {
    let site = base();
    site.edit(
        ALPHA,
        "requirements: [life-talent]",
        "requirements: [life-talent, no-such-req]",
    );
    site.check_fails()
        .only_error(
            &format!("{ALPHA}:33:33"),
            "requirement `no-such-req` is not in the framework",
        )
        .hint("known: life-services, life-talent, op-brand, op-provider");
}

#[test]
fn service_requirement_of_another_system() {
    let site = base();
    site.edit(
        ALPHA,
        "requirements: [life-talent]",
        "requirements: [op-brand]",
    );
    site.check_fails().only_error(
        &format!("{ALPHA}:33:20"),
        "requirement `op-brand` belongs to system `operation`, not to this service's system `life`",
    );
}

#[test]
fn assessment_requirement_must_exist() {
    let site = base();
    site.edit(ALPHA, "requirement: op-brand", "requirement: op-brnd");
    site.check_fails()
        .only_error(
            &format!("{ALPHA}:39:20"),
            "requirement `op-brnd` is not in the framework",
        )
        .hint("did you mean `op-brand`?");
    let site = base();
    site.edit(
        ALPHA,
        "      evidence: 品牌手册列明一项服务特色。\n",
        "      evidence: 品牌手册列明一项服务特色。\n    - requirement: op-brand\n      status: partial\n",
    );
    site.check_fails().only_error(
        &format!("{ALPHA}:42:20"),
        "requirement `op-brand` is assessed twice (first at line 39)",
    );
}

#[test]
fn framework_clause_must_be_in_the_standard() {
    let site = base();
    site.edit(FRAMEWORK, "clause: \"2.2\"", "clause: \"2.9\"");
    site.check_fails()
        .only_error(
            &format!("{FRAMEWORK}:10:17"),
            "clause `2.9` is not in the standard",
        )
        .hint("the standard has clauses 1, 2, 1.1, 2.1, 2.2");
}

#[test]
fn duplicate_service_ids() {
    let site = base();
    site.edit(ALPHA, "  - id: talent-housing", "  - id: one-stop");
    site.check_fails().only_error(
        &format!("{ALPHA}:27:9"),
        "service id `one-stop` is used twice (first at line 21)",
    );
}

#[test]
fn duplicate_requirement_and_system_ids_in_framework() {
    let site = base();
    site.edit(
        FRAMEWORK,
        "      - id: life-services",
        "      - id: op-provider",
    );
    site.check_fails().only_error(
        &format!("{FRAMEWORK}:21:13"),
        "requirement id `op-provider` is used twice (first at line 8)",
    );
    let site = base();
    // A system and a requirement share one namespace of ids.
    site.edit(FRAMEWORK, "      - id: life-services", "      - id: life");
    site.check_fails().only_error(
        &format!("{FRAMEWORK}:21:13"),
        "requirement id `life` is used twice (first at line 16)",
    );
}

#[test]
fn duplicate_specialized_provider_ids() {
    let site = base();
    site.edit(
        ALPHA,
        "services:\n",
        "  - id: alpha-incubator\n    name: 另一家\n    kind: enterprise\n    legal_entity: false\nservices:\n",
    );
    site.check_fails().only_error(
        &format!("{ALPHA}:20:9"),
        "service provider id `alpha-incubator` is used twice (first at line 16)",
    );
}

// ---------------------------------------------------------------------------------------------
// The standard's Markdown parts
// ---------------------------------------------------------------------------------------------

const SCOPE: &str = "content/standard/1-scope.md";
const TERMS: &str = "content/standard/2-terms.md";

#[test]
fn part_without_front_matter() {
    let site = base();
    site.write(SCOPE, "## 1.1 适用\n\n适用于各类园区。\n");
    // Its clauses are unknown, but the framework's citations of them are not all reported
    // missing: only the part is.
    site.check_fails()
        .only_error(&format!("{SCOPE}:1:1"), "no front matter")
        .hint("start the file with `---`");
    site.write(SCOPE, "---\nnumber: \"1\"\ntitle: 范围\n\n## 1.1 适用\n");
    site.check_fails()
        .only_error(&format!("{SCOPE}:1:1"), "the front matter is not closed")
        .hint("end it with a line holding only `---`");
}

#[test]
fn front_matter_positions_are_file_positions() {
    let site = base();
    site.edit(
        SCOPE,
        "title_en: Scope\n",
        "title_en: Scope\nsumary: 摘要\n",
    );
    site.check_fails()
        .only_error(
            &format!("{SCOPE}:5:1"),
            "unknown key `sumary` in the front matter",
        )
        .hint("the front matter takes: number, title, title_en, kind");
    let site = base();
    site.edit(TERMS, "kind: terms", "kind: term");
    site.check_fails()
        .only_error(
            &format!("{TERMS}:5:7"),
            "`kind` is `term`, which is not one of: text, terms",
        )
        .hint("did you mean `terms`?");
    let site = base();
    site.edit(SCOPE, "title: 范围\n", "titel: 范围\n");
    // The part is kept without its title, so the clauses cited from it still resolve.
    let run = site.check_fails();
    run.error_count(2);
    run.error(&format!("{SCOPE}:2:1"), "the front matter has no `title`");
    run.error(
        &format!("{SCOPE}:3:1"),
        "unknown key `titel` in the front matter",
    )
    .hint("did you mean `title`?");
}

#[test]
fn level_one_heading_inside_a_part() {
    let site = base();
    site.edit(SCOPE, "## 1.1 适用\n", "# 大标题\n\n## 1.1 适用\n");
    site.check_fails()
        .only_error(&format!("{SCOPE}:9:1"), "a `#` heading inside a part")
        .hint("write clauses as `## N title`");
}

#[test]
fn clause_numbered_outside_its_part() {
    let site = base();
    site.write(
        SCOPE,
        &format!("{}\n## 2.5 越界\n\n文字。\n", site.read(SCOPE)),
    );
    site.check_fails().only_error(
        &format!("{SCOPE}:13:1"),
        "clause 2.5 is in part 1: its number must start with `1.`",
    );
}

#[test]
fn clause_numbered_twice() {
    let site = base();
    site.write(
        SCOPE,
        &format!("{}\n## 1.1 再次\n\n文字。\n", site.read(SCOPE)),
    );
    site.check_fails()
        .only_error(&format!("{SCOPE}:13:1"), "clause 1.1 is numbered twice");
}

#[test]
fn term_without_definition() {
    let site = base();
    site.edit(TERMS, "具备统一规划的经济技术集聚区域。\n\n", "");
    // Only a note is left under 2.1.
    site.check_fails()
        .only_error(&format!("{TERMS}:10:1"), "term 2.1 has no definition");
    let site = base();
    site.edit(TERMS, "负责园区开发与运营的开发公司。\n", "");
    site.check_fails()
        .only_error(&format!("{TERMS}:16:1"), "term 2.2 has no definition");
}

#[test]
fn non_utf8_standard_part() {
    let site = base();
    let mut bytes = site.read(SCOPE).into_bytes();
    bytes.extend_from_slice(b"\n\xca\xca\xd3\xc3\n"); // 适用 in GBK, on line 13
    site.write_bytes(SCOPE, &bytes);
    site.check_fails()
        .only_error(&format!("{SCOPE}:13:1"), "file is not valid UTF-8 text");
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
    site.edit(TERMS, "负责园区开发与运营的开发公司。\n", ""); // 6
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
    run.error(&format!("{TERMS}:16:1"), "term 2.2 has no definition");
    run.error("content/parks/broken.yaml:2:1", "YAML syntax:");
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

#[test]
fn new_park_fails_check_until_filled_in() {
    let site = base();
    let root = site.root().to_str().unwrap().to_string();
    site.run(&["new", "park", "good-id", "--root", &root])
        .code(0);
    let rel = "content/parks/good-id.yaml";
    let text = site.read(rel);
    assert!(
        text.contains("alpha-group, beta-admin"),
        "the template lists the site's providers:\n{text}"
    );
    assert!(
        text.contains("operation — 综合运营服务"),
        "the template lists the site's systems:\n{text}"
    );
    // Running it again refuses to overwrite.
    let again = site.run(&["new", "park", "good-id", "--root", &root]);
    assert_ne!(again.code, Some(0));
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(site.read(rel), text);

    // Every blank is an error, each at its own line.
    let run = site.check_fails();
    let line_of = |needle: &str| text.lines().position(|l| l.starts_with(needle)).unwrap() + 1;
    run.error(
        &format!("{rel}:{}:7", line_of("name: \"\"")),
        "`name` is empty",
    );
    run.error(
        &format!("{rel}:{}:9", line_of("region: \"\"")),
        "`region` is empty",
    );
    run.error(
        &format!("{rel}:{}:14", line_of("    - title: \"\"")),
        "`title` is empty",
    );
    // The feature's description is reported in the same run as its title.
    run.error(
        &format!("{rel}:{}:20", line_of("      description: \"\"")),
        "`description` is empty",
    );
    run.error_count(9);

    // Fill every blank outside the comments.
    let filled: String = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with('#') {
                l.to_string()
            } else {
                l.replace("\"\"", "已填写")
            }
        })
        .map(|l| l + "\n")
        .collect();
    assert!(
        filled
            .lines()
            .all(|l| l.trim_start().starts_with('#') || !l.contains("\"\"")),
        "{filled}"
    );
    assert_ne!(filled, text);
    site.write(rel, &filled);
    site.check().code(0);
    site.build().code(0);
    assert!(site.output().join("parks/good-id/index.html").is_file());
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
fn provider_website_must_be_a_web_address() {
    for (bad, col) in [
        ("javascript:alert(1)", 10),
        ("JAVASCRIPT:alert(1)", 10),
        ("\" javascript:alert(1)\"", 10),
        ("data:text/html,x", 10),
        ("//evil.example/", 10),
    ] {
        let site = base();
        site.edit(
            "content/providers/alpha-group.yaml",
            "website: https://alpha.example.org/",
            &format!("website: {bad}"),
        );
        let run = site.check_fails();
        run.only_error(
            &format!("content/providers/alpha-group.yaml:5:{col}"),
            "is not a web address",
        )
        .hint("starting with https://");
    }
    let site = base();
    site.edit(
        "content/site.yaml",
        "theme: default\n",
        "theme: default\nbase_url: javascript:alert(1)//\n",
    );
    site.check_fails().only_error(
        "content/site.yaml:7:11",
        "`base_url` must be a web address starting with https:// or http://",
    );
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
