//! The catalogue: every message by its stable code, in Chinese and in English. `{name}` is an
//! argument; a test holds both languages to the same arguments, and every code used in `src/`
//! to an entry here.

use super::Lang;

/// `(code, 中文, English)`, grouped by where the messages are used.
const MESSAGES: &[(&str, &str, &str)] = &[
    // Words that messages put in.
    ("error", "错误", "error"),
    ("warning", "警告", "warning"),
    ("hint", "提示", "hint"),
    ("what-park", "园区文件", "a park"),
    // Reading values.
    (
        "unknown-key",
        "{what}中有未知的键 `{key}`",
        "unknown key `{key}` in {what}",
    ),
    (
        "one-of",
        "`{key}` 的值 `{value}` 不在可选值之中：{allowed}",
        "`{key}` is `{value}`, which is not one of: {allowed}",
    ),
    // parkbook diff.
    ("diff-title", "parkbook diff：本次提交的变化", "parkbook diff: what this submission changes"),
    ("diff-verdict-worse", "需要审核：{reasons}", "needs review: {reasons}"),
    ("diff-verdict-ok", "没有变差", "nothing got worse"),
    ("diff-verdict-unchanged", "读者看到的内容没有变化", "nothing a reader sees changed"),
    ("diff-count-fell", "{n} 项状态下降", "{n} status(es) fell"),
    ("diff-count-claims", "{n} 条新的无依据申报", "{n} new unsupported claim(s)"),
    ("diff-count-errors", "{n} 个新错误", "{n} new error(s)"),
    (
        "diff-summary",
        "园区：新增 {added}，删除 {removed}，变更 {changed}。状态：下降 {fell}，上升 {rose}。无依据申报：新增 {claims}，消除 {claims_resolved}。错误：新增 {errors}，解决 {errors_resolved}。警告：新增 {warnings}，解决 {warnings_resolved}。",
        "Parks: {added} added, {removed} removed, {changed} changed. Statuses: {fell} fell, {rose} rose. Unsupported claims: {claims} new, {claims_resolved} resolved. Errors: {errors} new, {errors_resolved} resolved. Warnings: {warnings} new, {warnings_resolved} resolved.",
    ),
    (
        "diff-usage",
        "请给出两个站点根目录 OLD NEW，或用 --rev REV 把 ROOT 与它的一个 git 版本比较",
        "give two site roots, OLD NEW, or --rev REV to compare ROOT with one of its git revisions",
    ),
    (
        "diff-no-root",
        "{root} 不是站点根目录：其中没有 content/ 文件夹",
        "{root} is not a site root: it has no content/ folder",
    ),
    ("diff-rev-bad", "`{rev}` 不是可读取的版本", "`{rev}` is not a revision parkbook reads"),
    ("diff-rev-git", "无法运行 git：{error}", "cannot run git: {error}"),
    ("diff-rev-git-failed", "git {command} 失败：{error}", "git {command} failed: {error}"),
    ("diff-rev-unknown", "读不到版本 `{rev}`：{error}", "cannot read revision `{rev}`: {error}"),
    ("diff-rev-no-content", "版本 `{rev}` 中没有 {path}", "revision `{rev}` has no {path}"),
    ("diff-rev-write", "无法写出 {path}：{error}", "cannot write {path}: {error}"),
    ("diff-added", "新增", "added"),
    ("diff-removed", "删除", "removed"),
    (
        "diff-not-compared",
        "园区文件或服务框架有错误，未比较状态",
        "the park's file or the framework has errors: statuses not compared",
    ),
    ("diff-named", "{name}（`{id}`）", "{name} (`{id}`)"),
    ("diff-of", "{item}：{field}", "{item}: {field}"),
    ("diff-and", "{first}、{rest}", "{first}, {rest}"),
    ("diff-as-written", "{text}", "{text}"),
    ("diff-absent", "—", "—"),
    ("diff-nothing", "无", "none"),
    ("diff-yes", "是", "yes"),
    ("diff-no", "否", "no"),
    ("diff-clause", "条款 {clause}", "clause {clause}"),
    ("diff-hint", "提示：{hint}", "hint: {hint}"),
    ("diff-line-change", "{what}：{old} → {new}", "{what}: {old} → {new}"),
    ("diff-line-note", "{line}（{note}）", "{line} ({note})"),
    ("diff-line-claim", "{claim}：{requirement}：{details}", "{claim}: {requirement}: {details}"),
    ("diff-fell", "下降", "fell"),
    ("diff-rose", "上升", "rose"),
    ("diff-status-met", "符合", "met"),
    ("diff-status-partial", "部分符合", "partially met"),
    ("diff-status-unmet", "不符合", "unmet"),
    ("diff-status-not-applicable", "不适用", "not applicable"),
    ("diff-audience-operator", "园区运营管理主体", "the park's operator"),
    ("diff-audience-enterprise", "入园企业", "enterprises"),
    ("diff-audience-industry", "产业", "industries"),
    ("diff-audience-talent", "入园人才", "talent"),
    ("diff-scope-overall", "总体", "overall"),
    ("diff-scope-system", "体系：{name}（`{id}`）", "system: {name} (`{id}`)"),
    ("diff-col-requirement", "要求", "requirement"),
    ("diff-col-clause", "条款", "clause"),
    ("diff-col-old-status", "原状态", "was"),
    ("diff-col-new-status", "新状态", "now"),
    ("diff-col-because", "依据", "why"),
    ("diff-col-claim", "申报的要求", "claimed requirement"),
    ("diff-col-details", "说明", "details"),
    ("diff-col-change", "变更", "change"),
    ("diff-col-old", "原", "was"),
    ("diff-col-new", "新", "now"),
    ("diff-col-severity", "级别", "severity"),
    ("diff-col-where", "位置", "where"),
    ("diff-col-message", "信息", "message"),
    ("diff-claim-new", "新的无依据申报", "new unsupported claim"),
    ("diff-claim-resolved", "已消除的无依据申报", "resolved unsupported claim"),
    (
        "diff-claim-details",
        "申报为{declared}，计算为{computed}",
        "declared {declared}, computed {computed}",
    ),
    ("diff-rule-none", "无规则", "no rule"),
    ("diff-rule-and", "{first}；{rest}", "{first}; {rest}"),
    ("diff-rule-min-services", "本体系至少 {n} 项服务", "at least {n} service(s) in this system"),
    (
        "diff-rule-audience-any",
        "本体系有服务面向：{audiences}（任一）",
        "a service of this system serves one of: {audiences}",
    ),
    (
        "diff-rule-integrated-provider",
        "由已登记的园区集成服务商运营",
        "run by an integrated service provider on record",
    ),
    ("diff-rule-min-brand-features", "至少 {n} 项服务特色和品牌特征", "at least {n} brand feature(s)"),
    (
        "diff-rule-min-supporting-services",
        "至少 {n} 项服务支撑本要求",
        "at least {n} service(s) supporting this requirement",
    ),
    (
        "diff-rule-providers-legal-entities",
        "所用专业服务商均具有法人资格",
        "every specialized provider in use is a legal entity",
    ),
    (
        "diff-because-rule-changed",
        "规则由「{old}」改为「{new}」",
        "the rule changed from “{old}” to “{new}”",
    ),
    (
        "diff-because-condition",
        "{rule}（{old_status} → {new_status}）：{old} → {new}",
        "{rule} ({old_status} → {new_status}): {old} → {new}",
    ),
    ("diff-because-condition-same", "{rule}（{status}）：{data}", "{rule} ({status}): {data}"),
    ("diff-because-declared", "园区申报：{old} → {new}", "the park's declaration: {old} → {new}"),
    (
        "diff-because-no-rule",
        "本要求无计算规则，状态取园区申报",
        "no rule computes this requirement: its status is the park's declaration",
    ),
    ("diff-because-evidence", "依据：{evidence}", "evidence: {evidence}"),
    ("diff-because-services", "本体系服务由 {old} 项变为 {new} 项", "services in this system: {old} → {new}"),
    (
        "diff-because-requirements",
        "状态变化的要求：{requirements}",
        "requirements whose status changed: {requirements}",
    ),
    ("diff-because-systems", "状态变化的体系：{systems}", "systems whose status changed: {systems}"),
    ("diff-not-declared", "未申报", "not declared"),
    ("diff-data-items", "{count} 项：{items}", "{count}: {items}"),
    ("diff-data-provider-unknown", "`{id}`（未登记）", "`{id}` (not on record)"),
    ("diff-data-no-specialized", "未使用专业服务商", "no specialized provider in use"),
    ("diff-data-legal-all", "均具有法人资格：{legal}", "all legal entities: {legal}"),
    ("diff-data-legal-none", "均无法人资格：{other}", "none a legal entity: {other}"),
    (
        "diff-data-legal-mixed",
        "具有法人资格：{legal}；无法人资格：{other}",
        "legal entities: {legal}; not legal entities: {other}",
    ),
    ("diff-field-name", "名称", "name"),
    ("diff-field-name-en", "英文名称", "English name"),
    ("diff-field-provider", "园区集成服务商", "integrated service provider"),
    ("diff-field-level", "级别", "level"),
    ("diff-field-type", "园区类型", "type"),
    ("diff-field-region", "地区", "region"),
    ("diff-field-district", "区县", "district"),
    ("diff-field-industries", "主导产业", "industries"),
    ("diff-field-summary", "简介", "summary"),
    ("diff-field-slogan", "品牌口号", "slogan"),
    ("diff-field-updated", "更新日期", "updated"),
    ("diff-field-kind", "类型", "kind"),
    ("diff-field-legal-entity", "法人资格", "legal entity"),
    ("diff-field-audience", "服务对象", "audience"),
    ("diff-field-service-provider", "服务商", "provider"),
    ("diff-field-description", "说明", "description"),
    ("diff-field-supports", "支撑的要求", "requirements supported"),
    ("diff-field-assessment-kind", "评价方式", "assessment kind"),
    ("diff-field-assessor", "评价方", "assessor"),
    ("diff-field-assessment-date", "评价日期", "assessment date"),
    ("diff-field-status", "状态", "status"),
    ("diff-field-evidence", "依据", "evidence"),
    ("diff-field-short-name", "简称", "short name"),
    ("diff-field-brand", "品牌", "brand"),
    ("diff-field-website", "网站", "website"),
    ("diff-field-title", "标题", "title"),
    ("diff-field-clause", "条款", "clause"),
    ("diff-field-rule", "规则", "rule"),
    ("diff-field-system", "体系", "system"),
    ("diff-feature", "服务特色「{title}」", "brand feature “{title}”"),
    ("diff-specialized", "专业服务商「{name}」（`{id}`）", "specialized provider “{name}” (`{id}`)"),
    ("diff-service", "服务「{name}」（`{id}`）", "service “{name}” (`{id}`)"),
    ("diff-integrated", "园区集成服务商", "the park's integrated provider"),
    ("diff-declaration", "申报「{title}」（`{id}`）", "declaration on “{title}” (`{id}`)"),
    (
        "diff-fw-system",
        "体系「{name}」（`{id}`）",
        "system “{name}” (`{id}`)",
    ),
    (
        "diff-fw-requirement",
        "要求「{title}」（`{id}`）",
        "requirement “{title}” (`{id}`)",
    ),
    ("diff-section-providers", "园区集成服务商", "Integrated service providers"),
    ("diff-provider-parks", "运营的园区：{parks}", "parks it runs: {parks}"),
    ("diff-section-framework", "服务框架", "Service framework"),
    ("diff-section-new-diagnostics", "新的错误和警告", "New errors and warnings"),
    ("diff-section-resolved-diagnostics", "已解决的错误和警告", "Resolved errors and warnings"),
];

pub fn template(code: &str, lang: Lang) -> Option<&'static str> {
    MESSAGES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(template: &str) -> BTreeSet<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn codes_are_unique_and_both_languages_take_the_same_arguments() {
        let mut seen = BTreeSet::new();
        for (code, zh, en) in MESSAGES {
            assert!(seen.insert(code), "`{code}` is in the catalogue twice");
            assert_eq!(placeholders(zh), placeholders(en), "`{code}`");
            assert!(!zh.is_empty() && !en.is_empty(), "`{code}`");
        }
    }

    /// Every `msg!("code"`, `Msg::new("code"` and `.word("name", "code"` in the sources names
    /// an entry.
    #[test]
    fn every_code_in_the_sources_is_in_the_catalogue() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            // Comments name codes as examples.
            let text: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let mut codes = Vec::new();
            for opener in ["msg!(\"", "Msg::new(\""] {
                codes.extend(
                    text.match_indices(opener)
                        .map(|(i, _)| &text[i + opener.len()..]),
                );
            }
            // The second string of `.word("name", "code")`.
            codes.extend(text.match_indices(".word(\"").filter_map(|(i, _)| {
                let rest = &text[i..];
                rest.splitn(4, '"').nth(3)
            }));
            for rest in codes {
                let code = rest.split('"').next().unwrap_or_default();
                let is_code =
                    !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
                if is_code && template(code, Lang::En).is_none() {
                    missing.push(format!("{}: {code}", entry.path().display()));
                }
            }
        }
        assert!(missing.is_empty(), "not in the catalogue: {missing:#?}");
    }
}
