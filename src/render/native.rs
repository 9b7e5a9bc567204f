//! The built-in theme's templates of the pages that grow with the catalogue, `park.html`,
//! `parks.html`, `compare.html` and `provider.html` (with the parts of `base.html` and
//! `macros.html` they use), written out in Rust.
//!
//! At 10,000 parks these are all but 16 of 13,566 pages, and Tera spent most of the build on
//! them: every `a.b.c` lookup walks a JSON pointer, and every page's views are first serialized
//! into a JSON tree. This module writes the same bytes straight from the views.
//!
//! A page is rendered here only while the site leaves its template, `base.html` and
//! `macros.html` as built in (`Native::for_templates`); a theme that overrides any of them gets
//! Tera, so themes stay Tera templates. The two paths are held byte-identical by
//! `tests/native_theme.rs`, which renders whole sites both ways: a change to one of these
//! templates must be made here too, or that test fails.

use super::theme::escape_into;
use super::views::*;
use crate::markdown::Html;

/// Which pages this module may render for a theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Native {
    pub park: bool,
    pub parks: bool,
    pub compare: bool,
    pub provider: bool,
}

impl Native {
    /// Tera for every page.
    pub const OFF: Native = Native {
        park: false,
        parks: false,
        compare: false,
        provider: false,
    };

    /// Native rendering for every page it knows.
    pub const ALL: Native = Native {
        park: true,
        parks: true,
        compare: true,
        provider: true,
    };

    /// `effective` holds the theme's templates by name after a site's overrides; `builtin` looks
    /// up the built-in text of a template.
    pub fn for_templates(
        effective: &[(String, String)],
        builtin: fn(&str) -> &'static str,
    ) -> Native {
        let unchanged = |name: &str| {
            effective
                .iter()
                .find(|(n, _)| n == name)
                .is_some_and(|(_, text)| text == builtin(name))
        };
        let shared = unchanged("base.html") && unchanged("macros.html");
        Native {
            park: shared && unchanged("park.html"),
            parks: shared && unchanged("parks.html"),
            compare: shared && unchanged("compare.html"),
            provider: shared && unchanged("provider.html"),
        }
    }
}

/// Everything `park.html` sees besides `site` and `page`.
pub struct ParkPage<'a> {
    pub park: ParkView<'a>,
    pub chart_html: String,
    pub json_ld_html: String,
    pub integrated_provider: Option<ProviderView<'a>>,
}

/// Everything `compare.html` sees besides `site` and `page`.
pub struct ComparePage<'a> {
    pub listing: ListingView<'a>,
    pub columns: Vec<CompareColumn>,
    pub matrix: Vec<CompareRow>,
}

/// Everything `provider.html` sees besides `site` and `page`.
pub struct ProviderPage<'a> {
    pub provider: ProviderView<'a>,
    pub json_ld_html: String,
    pub parks: Vec<ParkRow<'a>>,
    pub pagination: PaginationView,
}

/// A page's HTML as it is written.
struct Out(String);

impl Out {
    /// Template text, as it is.
    fn raw(&mut self, text: &str) -> &mut Self {
        self.0.push_str(text);
        self
    }

    fn html(&mut self, html: &Html) -> &mut Self {
        html.write_into(&mut self.0);
        self
    }

    /// A value, escaped as Tera's autoescape does.
    fn text(&mut self, value: &str) -> &mut Self {
        escape_into(&mut self.0, value);
        self
    }

    fn num(&mut self, n: usize) -> &mut Self {
        self.0.push_str(itoa::Buffer::new().format(n));
        self
    }
}

/// Tera's truth for an optional string: absent and empty are both false.
fn given<S: AsRef<str>>(value: &Option<S>) -> Option<&str> {
    value.as_ref().map(AsRef::as_ref).filter(|s| !s.is_empty())
}

/// The same for rendered Markdown.
fn given_html<'h, 'a>(value: &'h Option<Html<'a>>) -> Option<&'h Html<'a>> {
    value.as_ref().filter(|h| !h.is_empty())
}

fn status(o: &mut Out, s: &StatusView) {
    o.raw("<span class=\"status status-")
        .text(s.code)
        .raw("\">")
        .text(s.label)
        .raw("</span>");
}

/// `base.html` around a page's `head` and `main` blocks.
fn base(
    o: &mut Out,
    site: &SiteView,
    page: &PageView,
    head: impl FnOnce(&mut Out),
    main: impl FnOnce(&mut Out),
) {
    let root = page.root.as_str();
    let section = page.section;
    o.raw("<!DOCTYPE html>\n<html lang=\"")
        .text(&site.language)
        .raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light\">\n<title>");
    if section == "home" {
        o.text(&site.title);
    } else {
        o.text(&page.title).raw(" · ").text(&site.title);
    }
    o.raw("</title>\n");
    if let Some(d) = given(&page.description) {
        o.raw("<meta name=\"description\" content=\"")
            .text(d)
            .raw("\">");
    }
    o.raw("\n");
    if let Some(canonical) = given(&page.canonical) {
        o.raw("<link rel=\"canonical\" href=\"")
            .text(canonical)
            .raw("\">\n<meta property=\"og:title\" content=\"")
            .text(&page.title)
            .raw("\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:url\" content=\"")
            .text(canonical)
            .raw("\">\n<meta property=\"og:site_name\" content=\"")
            .text(&site.title)
            .raw("\">\n<meta property=\"og:locale\" content=\"")
            .text(&site.language.replace('-', "_"))
            .raw("\">\n");
        if let Some(d) = given(&page.description) {
            o.raw("<meta property=\"og:description\" content=\"")
                .text(d)
                .raw("\">\n");
        }
    }
    o.raw("\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"")
        .text(root)
        .raw("feed.xml\" title=\"")
        .text(&site.title)
        .raw(" · 园区更新\">\n<link rel=\"stylesheet\" href=\"")
        .text(root)
        .raw("static/style.css\">\n<link rel=\"icon\" href=\"")
        .text(root)
        .raw("static/favicon.svg\" type=\"image/svg+xml\">\n");
    head(o);
    o.raw("\n</head>\n<body class=\"page-")
        .text(section)
        .raw("\">\n<a class=\"skip-link\" href=\"#main\">跳到正文 <span lang=\"en\">Skip to content</span></a>\n");
    if site.sample_data {
        o.raw("\n<div class=\"sample-banner\" role=\"note\"><strong>示例数据</strong> <span lang=\"en\">Illustrative data</span>：本站园区的服务清单与评价结果为演示用途，不代表园区的真实情况。</div>\n");
    }
    o.raw("\n<header class=\"site-header\">\n  <div class=\"wrap header-inner\">\n    <a class=\"site-title\" href=\"")
        .text(root)
        .raw("index.html\"");
    if section == "home" {
        o.raw(" aria-current=\"page\"");
    }
    o.raw(">\n      <img class=\"site-mark\" src=\"")
        .text(root)
        .raw("static/favicon.svg\" alt=\"\" width=\"36\" height=\"36\">\n      <span class=\"site-title-text\">\n        <span class=\"site-title-zh\">")
        .text(&site.title)
        .raw("</span>\n        ");
    if let Some(en) = given(&site.title_en) {
        o.raw("<span class=\"site-title-en\" lang=\"en\">")
            .text(en)
            .raw("</span>");
    }
    o.raw("\n      </span>\n    </a>\n    <nav class=\"site-nav\" aria-label=\"主导航\">\n      <ul>\n");
    for (target, label, en) in [
        ("standard", "标准", "Standard"),
        ("terms", "术语", "Terms"),
        ("framework", "服务体系", "Framework"),
        ("parks", "园区目录", "Parks"),
        ("compare", "对比", "Compare"),
        ("providers", "集成服务商", "Providers"),
    ] {
        o.raw("        <li><a href=\"")
            .text(root)
            .raw(target)
            .raw("/index.html\"");
        if section == target {
            o.raw(" aria-current=\"page\"");
        }
        o.raw(">")
            .raw(label)
            .raw("<span lang=\"en\">")
            .raw(en)
            .raw("</span></a></li>\n");
    }
    o.raw("      </ul>\n    </nav>\n    ");
    if section != "search" {
        o.raw("<form class=\"site-search\" role=\"search\" action=\"")
            .text(root)
            .raw("search/index.html\">\n      <label for=\"site-search-q\">搜索 <span lang=\"en\">Search</span></label>\n      <input id=\"site-search-q\" type=\"search\" name=\"q\" placeholder=\"园区、服务、条款\">\n      <button type=\"submit\">搜索</button>\n    </form>");
    }
    o.raw("\n  </div>\n</header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
    main(o);
    o.raw("\n</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap footer-inner\">\n    <p class=\"footer-org\">");
    let publisher = given(&site.publisher);
    let standard_title = given(&site.standard_title);
    if let Some(p) = publisher {
        o.raw("<strong>").text(p).raw("</strong> 发布");
    }
    if publisher.is_some() && standard_title.is_some() {
        o.raw(" · ");
    }
    if let Some(t) = standard_title {
        o.raw("依据《").text(t).raw("》");
    }
    o.raw("</p>\n    <p><a href=\"")
        .text(root)
        .raw("data/catalogue.json\">目录数据 <span lang=\"en\">catalogue.json</span></a>");
    if site.sample_data {
        o.raw(" · 示例数据，仅供演示");
    }
    o.raw("</p>\n  </div>\n</footer>\n</body>\n</html>\n");
}

/// `park.html`.
pub fn park(site: &SiteView, page: &PageView, data: &ParkPage) -> String {
    // Room for nearly every park's page, so the buffer is rarely copied as it grows.
    let mut o = Out(String::with_capacity(128 * 1024));
    base(
        &mut o,
        site,
        page,
        |o| {
            if !data.json_ld_html.is_empty() {
                o.raw("<script type=\"application/ld+json\">")
                    .raw(&data.json_ld_html)
                    .raw("</script>");
            }
        },
        |o| park_main(o, site, page, data),
    );
    o.0
}

fn park_main(o: &mut Out, site: &SiteView, page: &PageView, data: &ParkPage) {
    let park = &data.park;
    let p = &park.row;
    let t = &park.tally;
    let root = page.root.as_str();
    o.raw("\n\n\n<header class=\"park-header\">\n  <p class=\"print-only report-kind\">")
        .text(&site.title)
        .raw(" · 园区服务体系评价报告");
    if let Some(st) = given(&site.standard_title) {
        o.raw(" · 依据《").text(st).raw("》");
    }
    o.raw("</p>\n  <p class=\"crumbs\"><a href=\"")
        .text(root)
        .raw("parks/index.html\">园区目录</a> <span aria-hidden=\"true\">/</span> ")
        .text(p.level.label)
        .raw(" · ")
        .text(p.park_type.label)
        .raw("</p>\n  <h1>")
        .text(p.name);
    if let Some(en) = given(&p.name_en) {
        o.raw(" <span class=\"en-title\" lang=\"en\">")
            .text(en)
            .raw("</span>");
    }
    o.raw("</h1>\n  ");
    if let Some(slogan) = given(&park.slogan) {
        o.raw("<p class=\"slogan\">").text(slogan).raw("</p>");
    }
    o.raw("\n  <dl class=\"facts\">\n    <div class=\"fact-status\"><dt>总体状态</dt><dd>");
    status(o, &p.overall);
    o.raw("</dd></div>\n    <div><dt>集成服务商</dt><dd>");
    match &p.provider {
        Some(link) => {
            o.raw("<a href=\"")
                .text(&link.href)
                .raw("\">")
                .text(&link.text)
                .raw("</a>");
        }
        None => {
            o.raw("未登记");
        }
    }
    o.raw("</dd></div>\n    <div><dt>级别 · 类型</dt><dd>")
        .text(p.level.label)
        .raw(" · ")
        .text(p.park_type.label)
        .raw("</dd></div>\n    <div><dt>所在地</dt><dd>")
        .text(p.region);
    if let Some(d) = given(&p.district) {
        o.raw(" ").text(d);
    }
    o.raw("</dd></div>\n    ");
    if !p.industries.is_empty() {
        o.raw("<div class=\"fact-wide\"><dt>主导产业</dt><dd>");
        for i in p.industries {
            o.raw("<span class=\"tag\">").text(i).raw("</span>");
        }
        o.raw("</dd></div>");
    }
    o.raw("\n    <div><dt>评价</dt><dd>");
    match &park.assessment {
        Some(a) => {
            o.text(a.kind.label);
            if let Some(date) = given(&a.date) {
                o.raw("，<time datetime=\"")
                    .text(date)
                    .raw("\">")
                    .text(date)
                    .raw("</time>");
            }
        }
        None => {
            o.raw("未提交");
        }
    }
    o.raw("</dd></div>\n    ");
    if let Some(updated) = given(&park.updated) {
        o.raw("<div><dt>更新日期</dt><dd><time datetime=\"")
            .text(updated)
            .raw("\">")
            .text(updated)
            .raw("</time></dd></div>");
    }
    o.raw("\n  </dl>\n</header>\n\n");
    if let Some(summary) = given_html(&park.summary_html) {
        o.raw("<section class=\"park-summary\" aria-label=\"园区简介\">")
            .html(summary)
            .raw("</section>");
    }
    o.raw("\n\n<section aria-labelledby=\"h-standing\" class=\"standing-section\">\n  <h2 id=\"h-standing\">服务体系状态 <span class=\"en-title\" lang=\"en\">Standing in the framework</span></h2>\n  ");
    framework_figure(
        o,
        &p.systems,
        root,
        "图 1　本园区在各服务体系上的状态，由其数据依据服务体系框架计算得出。",
    );
    o.raw("\n  ")
        .raw(&data.chart_html)
        .raw("\n</section>\n\n<section aria-labelledby=\"h-compliance\" class=\"compliance\">\n  <h2 id=\"h-compliance\">符合性 <span class=\"en-title\" lang=\"en\">Compliance</span></h2>\n  <ul class=\"tally\" aria-label=\"要求计数\">\n    <li class=\"tally-total\"><strong>")
        .num(t.requirements)
        .raw("</strong> 项要求</li>\n    <li class=\"tally-met\"><strong>")
        .num(t.met)
        .raw("</strong> 项符合</li>\n    <li class=\"tally-partial\"><strong>")
        .num(t.partial)
        .raw("</strong> 项部分符合</li>\n    <li class=\"tally-unmet\"><strong>")
        .num(t.unmet)
        .raw("</strong> 项不符合</li>\n    ");
    if t.not_applicable > 0 {
        o.raw("<li class=\"tally-not-applicable\"><strong>")
            .num(t.not_applicable)
            .raw("</strong> 项不适用</li>");
    }
    o.raw("\n  </ul>\n  <p>\n    ");
    match &park.assessment {
        Some(a) => {
            o.raw("园区评价：").text(a.kind.label);
            if let Some(assessor) = given(&a.assessor) {
                o.raw("，评价方 ").text(assessor);
            }
            if let Some(date) = given(&a.date) {
                o.raw("，").text(date);
            }
            o.raw("。");
        }
        None => {
            o.raw("园区未提交评价结果。");
        }
    }
    o.raw("\n    “计算”由园区数据依据框架规则得出；“声明”为园区的评价结果。有计算规则时以计算结果为准。\n  </p>\n  ");
    if park.unsupported_claims > 0 {
        o.raw("\n  <p class=\"alert\" role=\"note\"><strong>")
            .num(park.unsupported_claims)
            .raw(" 项声明存疑：</strong>园区声明为“符合”，但其数据不支持。</p>\n  ");
    }
    o.raw("\n  ");
    for s in &park.systems {
        compliance_table(o, s, root);
    }
    o.raw("\n</section>\n\n<section aria-labelledby=\"h-brand\">\n  <h2 id=\"h-brand\">服务特色和品牌特征 <span class=\"en-title\" lang=\"en\">Brand features</span></h2>\n  ");
    if !park.features.is_empty() {
        o.raw("\n  <ul class=\"features\">\n  ");
        for f in &park.features {
            o.raw("<li><h3>").text(f.title).raw("</h3>");
            if let Some(d) = given_html(&f.description_html) {
                o.html(d);
            }
            o.raw("</li>");
        }
        o.raw("\n  </ul>\n  ");
    } else {
        o.raw("<p class=\"empty\">园区尚未列出服务特色和品牌特征。</p>");
    }
    o.raw("\n</section>\n\n<section aria-labelledby=\"h-services\">\n  <h2 id=\"h-services\">服务清单 <span class=\"en-title\" lang=\"en\">Services by system</span></h2>\n  ");
    for s in &park.systems {
        services(o, s);
    }
    o.raw("\n</section>\n\n<section aria-labelledby=\"h-providers\">\n  <h2 id=\"h-providers\">服务提供方 <span class=\"en-title\" lang=\"en\">Service providers</span></h2>\n  ");
    if let Some(ip) = &data.integrated_provider {
        o.raw("\n  <p>园区集成服务商：<a href=\"")
            .text(&ip.href)
            .raw("\">")
            .text(&ip.name)
            .raw("</a>（")
            .text(ip.kind.label)
            .raw("）</p>\n  ");
    }
    o.raw("\n  ");
    if !park.providers.is_empty() {
        o.raw("\n  <div class=\"table-scroll\" role=\"region\" aria-label=\"园区专业服务商\" tabindex=\"0\">\n  <table class=\"provider-table stack-table\">\n    <caption><span class=\"caption-text\">园区专业服务商</span></caption>\n    <thead><tr><th scope=\"col\">名称</th><th scope=\"col\">类别</th><th scope=\"col\">法人资质</th><th scope=\"col\" class=\"num\">服务数</th></tr></thead>\n    <tbody>\n    ");
        for sp in &park.providers {
            o.raw("\n      <tr id=\"")
                .text(&sp.anchor)
                .raw("\"><th scope=\"row\" class=\"cell-title\">")
                .text(sp.name)
                .raw("</th><td data-label=\"类别\">")
                .text(sp.kind.label)
                .raw("</td><td data-label=\"法人资质\">")
                .raw(if sp.legal_entity {
                    "是"
                } else {
                    "<strong class=\"warn\">否</strong>"
                })
                .raw("</td><td data-label=\"服务数\" class=\"num\">")
                .num(sp.services)
                .raw("</td></tr>\n    ");
        }
        o.raw("\n    </tbody>\n  </table>\n  </div>\n  ");
    } else {
        o.raw("<p class=\"empty\">未登记园区专业服务商。</p>");
    }
    o.raw("\n</section>\n\n<p class=\"print-only report-foot\">");
    if let Some(p) = given(&site.publisher) {
        o.text(p).raw(" · ");
    }
    o.text(&site.title);
    if let Some(updated) = given(&park.updated) {
        o.raw(" · 数据更新于 ").text(updated);
    }
    if let Some(canonical) = given(&page.canonical) {
        o.raw(" · ").text(canonical);
    }
    if site.sample_data {
        o.raw(" · 示例数据，仅供演示");
    }
    o.raw("</p>\n");
}

fn compliance_table(o: &mut Out, s: &ParkSystemView, root: &str) {
    o.raw("\n  <div class=\"table-scroll\" role=\"region\" aria-label=\"")
        .text(s.name)
        .raw(" 符合性\" tabindex=\"0\">\n  <table class=\"compliance-table stack-table\">\n    <caption><span class=\"caption-text\">")
        .text(s.name)
        .raw("</span> ");
    status(o, &s.status);
    o.raw("</caption>\n    <colgroup><col class=\"c-req\"><col class=\"c-clause\"><col class=\"c-st\"><col class=\"c-st\"><col class=\"c-res\"><col class=\"c-ev\"></colgroup>\n    <thead><tr><th scope=\"col\">要求</th><th scope=\"col\">条款</th><th scope=\"col\">计算</th><th scope=\"col\">声明</th><th scope=\"col\">结果</th><th scope=\"col\">证据</th></tr></thead>\n    <tbody>\n    ");
    for r in &s.requirements {
        o.raw("\n      <tr id=\"req-").text(r.id).raw("\"");
        if r.unsupported_claim {
            o.raw(" class=\"unsupported\"");
        }
        o.raw(">\n        <th scope=\"row\" class=\"cell-title\"><a href=\"")
            .text(root)
            .raw("framework/index.html#req-")
            .text(r.id)
            .raw("\">")
            .text(r.title)
            .raw("</a><code class=\"req-id\">")
            .text(r.id)
            .raw("</code></th>\n        <td data-label=\"条款\">");
        match &r.clause {
            Some(c) => {
                o.raw("<a href=\"").text(&c.href).raw("\"");
                if let Some(title) = given(&c.title) {
                    o.raw(" title=\"").text(title).raw("\"");
                }
                o.raw(">").text(c.number).raw("</a>");
            }
            None => {
                o.raw("—");
            }
        }
        o.raw("</td>\n        <td data-label=\"计算\">");
        match &r.computed {
            Some(x) => status(o, x),
            None => {
                o.raw("<span class=\"muted\">无规则</span>");
            }
        }
        o.raw("</td>\n        <td data-label=\"声明\">");
        match &r.declared {
            Some(x) => status(o, x),
            None => {
                o.raw("<span class=\"muted\">未声明</span>");
            }
        }
        o.raw("</td>\n        <td data-label=\"结果\" class=\"cell-result\">");
        status(o, &r.status);
        if r.unsupported_claim {
            o.raw(" <span class=\"flag\">声明存疑</span>");
        }
        o.raw("</td>\n        <td data-label=\"证据\" class=\"evidence\">");
        match given_html(&r.evidence_html) {
            Some(e) => o.html(e),
            None => o.raw("—"),
        };
        o.raw("</td>\n      </tr>\n    ");
    }
    o.raw("\n    </tbody>\n  </table>\n  </div>\n  ");
}

fn services(o: &mut Out, s: &ParkSystemView) {
    let n = s.services.len();
    o.raw("\n  <section class=\"park-system\" aria-labelledby=\"services-")
        .text(s.id)
        .raw("\">\n    <h3 id=\"services-")
        .text(s.id)
        .raw("\"><span>")
        .text(s.name)
        .raw("</span> ");
    status(o, &s.status);
    o.raw(" <span class=\"count\">")
        .num(n)
        .raw(" 项服务</span></h3>\n    ");
    if n > 0 {
        o.raw("\n    <ul class=\"services\">\n    ");
        for svc in &s.services {
            o.raw("\n      <li id=\"")
                .text(&svc.anchor)
                .raw("\">\n        <h4>")
                .text(svc.name)
                .raw(
                    "</h4>\n        <dl class=\"svc-meta\">\n          <div><dt>服务对象</dt><dd>",
                );
            if svc.audience.is_empty() {
                o.raw("—");
            }
            for (k, a) in svc.audience.iter().enumerate() {
                o.text(a.label);
                if k + 1 < svc.audience.len() {
                    o.raw("、");
                }
            }
            o.raw("</dd></div>\n          <div><dt>提供方</dt><dd>");
            match given(&svc.provider_anchor) {
                Some(anchor) => {
                    o.raw("<a href=\"#")
                        .text(anchor)
                        .raw("\">")
                        .text(svc.provider)
                        .raw("</a>");
                }
                None => {
                    o.text(svc.provider).raw("（集成服务商）");
                }
            }
            o.raw("</dd></div>\n        </dl>\n        ");
            if let Some(d) = given_html(&svc.description_html) {
                o.html(d);
            }
            o.raw("\n      </li>\n    ");
        }
        o.raw("\n    </ul>\n    ");
    } else {
        o.raw("<p class=\"empty\">本体系下尚无服务。</p>");
    }
    o.raw("\n  </section>\n  ");
}

fn role_label(o: &mut Out, role: &str) {
    o.raw(if role == "hub" {
        "枢纽<span lang=\"en\"> hub</span>"
    } else {
        "支柱<span lang=\"en\"> pillar</span>"
    });
}

/// `macros::framework_figure` for a park: each system has a status, so the park count is unused.
fn framework_figure(o: &mut Out, systems: &[SystemSummary], root: &str, caption: &str) {
    let n_hubs = systems.iter().filter(|s| s.role == "hub").count();
    let n_pillars = systems.len() - n_hubs;
    o.raw("\n\n\n<figure class=\"fw-figure\">\n  <div class=\"fw-diagram\">\n    ");
    if n_hubs > 0 {
        o.raw("\n    <div class=\"fw-tier fw-tier-hub");
        if n_pillars > 0 {
            o.raw(" fw-joined");
        }
        o.raw("\">\n      <p class=\"fw-tier-label\"><span class=\"fw-tier-no\">")
            .num(n_hubs)
            .raw("</span><span class=\"fw-tier-name\">");
        role_label(o, "hub");
        o.raw("</span></p>\n      <ul class=\"fw-boxes fw-hubs\">\n      ");
        for s in systems.iter().filter(|s| s.role == "hub") {
            fw_box(o, s, root);
        }
        o.raw("\n      </ul>\n    </div>\n    ");
    }
    o.raw("\n    ");
    if n_pillars > 0 {
        o.raw("\n    <div class=\"fw-tier fw-tier-pillar");
        if n_hubs > 0 {
            o.raw(" fw-joined");
        }
        o.raw("\">\n      <p class=\"fw-tier-label\"><span class=\"fw-tier-no\">")
            .num(n_pillars)
            .raw("</span><span class=\"fw-tier-name\">");
        role_label(o, "pillar");
        o.raw("</span></p>\n      <ul class=\"fw-boxes fw-pillars\">\n      ");
        for s in systems.iter().filter(|s| s.role != "hub") {
            fw_box(o, s, root);
        }
        o.raw("\n      </ul>\n    </div>\n    ");
    }
    o.raw("\n  </div>\n  <figcaption>")
        .text(caption)
        .raw("</figcaption>\n</figure>\n");
}

fn fw_box(o: &mut Out, s: &SystemSummary, root: &str) {
    o.raw("\n      <li><a class=\"fw-box fw-").text(s.role);
    if let Some(st) = &s.status {
        o.raw(" has-status fw-status-").text(st.code);
    }
    o.raw("\" href=\"")
        .text(root)
        .raw("framework/index.html#system-")
        .text(s.id)
        .raw("\">\n        <span class=\"fw-name\">")
        .text(s.name)
        .raw("</span>\n        ");
    if let Some(en) = given(&s.name_en) {
        o.raw("<span class=\"fw-en\" lang=\"en\">")
            .text(en)
            .raw("</span>");
    }
    o.raw("\n        ");
    if let Some(st) = &s.status {
        o.raw("<span class=\"fw-state\">");
        status(o, st);
        o.raw("</span>");
    }
    o.raw("\n      </a></li>\n");
}

/// `parks.html`.
pub fn parks(site: &SiteView, page: &PageView, l: &ListingView) -> String {
    let mut o = Out(String::with_capacity(64 * 1024));
    let root = page.root.as_str();
    base(
        &mut o,
        site,
        page,
        |o| {
            if !l.facets.is_empty() {
                o.raw("<script src=\"")
                    .text(root)
                    .raw("static/catalogue.js\" defer></script>");
            }
        },
        |o| parks_main(o, root, l),
    );
    o.0
}

fn parks_main(o: &mut Out, root: &str, l: &ListingView) {
    let facet_label = given(&l.facet_label);
    o.raw("\n\n");
    if let Some(label) = facet_label {
        o.raw("<p class=\"eyebrow\"><a href=\"")
            .text(root)
            .raw("parks/index.html\">园区目录</a> / ")
            .text(label)
            .raw("</p>");
    }
    o.raw("\n<h1>").text(&l.heading);
    if facet_label.is_none() {
        o.raw(" <span class=\"en-title\" lang=\"en\">Park catalogue</span>");
    }
    o.raw("</h1>\n<p class=\"intro\">共 ")
        .num(l.total)
        .raw(" 个园区");
    if l.pagination.pages > 1 {
        o.raw("，本页为第 ")
            .num(l.first)
            .raw("–")
            .num(l.last)
            .raw(" 个");
    }
    o.raw("。各体系的状态由园区提交的数据依据<a href=\"")
        .text(root)
        .raw("framework/index.html\">服务体系框架</a>计算得出；“声明存疑”表示园区自评为符合、但其数据不支持该结论。");
    if facet_label.is_some() {
        o.raw(" <a href=\"")
            .text(root)
            .raw("parks/index.html#h-facets\">按其他条件浏览</a>");
    }
    o.raw("</p>\n");
    if !l.facets.is_empty() {
        o.raw("\n<section class=\"facets\" aria-labelledby=\"h-facets\" data-root=\"")
            .text(root)
            .raw("\">\n  <h2 id=\"h-facets\">按条件浏览 <span class=\"en-title\" lang=\"en\">Browse by</span></h2>\n  <div class=\"facet-groups\">\n  ");
        for f in &l.facets {
            o.raw("\n    <div class=\"facet\" data-facet=\"")
                .text(&f.key)
                .raw("\">\n      <h3>")
                .text(&f.label)
                .raw("</h3>\n      <ul>");
            for v in &f.values {
                o.raw("<li><a href=\"")
                    .text(&v.href)
                    .raw("\" data-value=\"")
                    .text(&v.slug)
                    .raw("\">")
                    .text(&v.label)
                    .raw("</a> <span class=\"count\">")
                    .num(v.count)
                    .raw("</span></li>");
            }
            if let Some(all) = given(&f.all_href) {
                o.raw("<li><a href=\"")
                    .text(all)
                    .raw("\">全部 ")
                    .num(f.total)
                    .raw(" 项 →</a></li>");
            }
            o.raw("</ul>\n    </div>\n  ");
        }
        o.raw("\n  </div>\n</section>\n<div id=\"filter-results\" aria-live=\"polite\"></div>\n");
    }
    o.raw("\n<div id=\"park-list\">\n");
    if !l.names.is_empty() {
        o.raw("<ol class=\"park-names\" start=\"")
            .num(l.first)
            .raw("\">");
        for p in &l.names {
            o.raw("<li><a href=\"")
                .text(&p.href)
                .raw("\">")
                .text(&p.text)
                .raw("</a></li>");
        }
        o.raw("</ol>\n");
    } else {
        park_table(o, &l.rows, true, &l.heading);
    }
    o.raw("\n");
    pagination(o, &l.pagination, "园区目录分页");
    o.raw("\n</div>\n");
}

/// `macros::park_table`.
fn park_table(o: &mut Out, parks: &[ParkRow], show_provider: bool, label: &str) {
    o.raw("\n<div class=\"table-scroll\" role=\"region\" aria-label=\"")
        .text(label)
        .raw("\" tabindex=\"0\">\n<table class=\"park-table stack-table\">\n  <thead>\n    <tr>\n      <th scope=\"col\">园区</th>\n      ");
    if show_provider {
        o.raw("<th scope=\"col\">集成服务商</th>");
    }
    o.raw(
        "\n      <th scope=\"col\">级别 · 类型</th>\n      <th scope=\"col\">所在地</th>\n      ",
    );
    if let Some(first) = parks.first() {
        for s in &first.systems {
            o.raw("<th scope=\"col\" class=\"col-status\">")
                .text(s.name)
                .raw("</th>");
        }
    }
    o.raw("\n      <th scope=\"col\" class=\"col-status col-overall\">总体</th>\n    </tr>\n  </thead>\n  <tbody>\n  ");
    for p in parks {
        o.raw("\n    <tr>\n      <th scope=\"row\" class=\"cell-title\"><a href=\"")
            .text(&p.href)
            .raw("\">")
            .text(p.name)
            .raw("</a>");
        if let Some(en) = given(&p.name_en) {
            o.raw("<span class=\"en\" lang=\"en\">")
                .text(en)
                .raw("</span>");
        }
        o.raw("</th>\n      ");
        if show_provider {
            o.raw("<td data-label=\"集成服务商\">");
            match &p.provider {
                Some(link) => {
                    o.raw("<a href=\"")
                        .text(&link.href)
                        .raw("\">")
                        .text(&link.text)
                        .raw("</a>");
                }
                None => {
                    o.raw("—");
                }
            }
            o.raw("</td>");
        }
        o.raw("\n      <td class=\"col-kind\" data-label=\"级别 · 类型\">")
            .text(p.level.label)
            .raw(" · ")
            .text(p.park_type.label)
            .raw("</td>\n      <td class=\"col-place\" data-label=\"所在地\">")
            .text(p.region);
        if let Some(d) = given(&p.district) {
            o.raw(" ").text(d);
        }
        o.raw("</td>\n      ");
        for s in &p.systems {
            o.raw("<td class=\"col-status\" data-label=\"")
                .text(s.name)
                .raw("\">");
            // A park's row always carries its status on each system.
            if let Some(st) = &s.status {
                status(o, st);
            }
            o.raw("</td>");
        }
        o.raw("\n      <td class=\"col-status col-overall\" data-label=\"总体\">");
        status(o, &p.overall);
        if p.unsupported_claims > 0 {
            o.raw(" <span class=\"flag\">")
                .num(p.unsupported_claims)
                .raw(" 项声明存疑</span>");
        }
        o.raw("</td>\n    </tr>\n  ");
    }
    o.raw("\n  </tbody>\n</table>\n</div>\n");
}

/// `macros::pagination`.
fn pagination(o: &mut Out, p: &PaginationView, label: &str) {
    if p.pages <= 1 {
        return;
    }
    o.raw("\n<nav class=\"pagination\" aria-label=\"")
        .text(label)
        .raw("\">\n  <ul>\n    ");
    if let Some(prev) = given(&p.prev) {
        o.raw("<li><a href=\"")
            .text(prev)
            .raw("\" rel=\"prev\">‹ 上一页</a></li>");
    }
    o.raw("\n    ");
    for l in &p.links {
        match l {
            Some(l) => {
                o.raw("<li>");
                if l.current {
                    o.raw("<span aria-current=\"page\">")
                        .num(l.number)
                        .raw("</span>");
                } else {
                    o.raw("<a href=\"")
                        .text(&l.href)
                        .raw("\">")
                        .num(l.number)
                        .raw("</a>");
                }
                o.raw("</li>");
            }
            None => {
                o.raw("<li class=\"gap\" aria-hidden=\"true\">…</li>");
            }
        }
    }
    o.raw("\n    ");
    if let Some(next) = given(&p.next) {
        o.raw("<li><a href=\"")
            .text(next)
            .raw("\" rel=\"next\">下一页 ›</a></li>");
    }
    o.raw("\n  </ul>\n</nav>\n");
}

/// `compare.html`.
pub fn compare(site: &SiteView, page: &PageView, data: &ComparePage) -> String {
    let mut o = Out(String::with_capacity(128 * 1024));
    let root = page.root.as_str();
    base(
        &mut o,
        site,
        page,
        |o| {
            o.raw("<script src=\"")
                .text(root)
                .raw("static/catalogue.js\" defer></script>");
        },
        |o| compare_main(o, root, data),
    );
    o.0
}

fn compare_main(o: &mut Out, root: &str, data: &ComparePage) {
    let l = &data.listing;
    o.raw("\n\n<h1>园区对比 <span class=\"en-title\" lang=\"en\">Compare parks</span></h1>\n<p class=\"intro\">下表列出每个园区在每项要求上的状态（颜色与文字），共 ")
        .num(l.total)
        .raw(" 个园区");
    if l.pagination.pages > 1 {
        o.raw("，本页为第 ")
            .num(l.first)
            .raw("–")
            .num(l.last)
            .raw(" 个");
    }
    o.raw("。勾选两到四个园区可并排对比。</p>\n<div id=\"side-by-side\" aria-live=\"polite\"></div>\n<form class=\"compare-form\" action=\"")
        .text(root)
        .raw("compare/index.html\" method=\"get\">\n<div class=\"table-scroll matrix-scroll\" role=\"region\" aria-label=\"园区 × 要求 对比矩阵\" tabindex=\"0\">\n<table class=\"matrix\" id=\"matrix\">\n  <caption class=\"visually-hidden\">园区 × 要求 对比矩阵</caption>\n  <thead>\n    <tr>\n      <th scope=\"col\" class=\"sticky-col\">园区</th>\n      <th scope=\"col\" data-sort=\"met\"><abbr title=\"符合的要求数\">符合数</abbr></th>\n      ");
    for c in &data.columns {
        o.raw("<th scope=\"col\" class=\"req-col\" data-sort=\"")
            .text(&c.id)
            .raw("\"><a href=\"")
            .text(&c.href)
            .raw("\" title=\"")
            .text(&c.system)
            .raw("：")
            .text(&c.title)
            .raw("\">")
            .text(&c.id)
            .raw("</a></th>");
    }
    o.raw("\n    </tr>\n  </thead>\n  <tbody>\n  ");
    for r in &data.matrix {
        o.raw("\n    <tr data-park=\"")
            .text(&r.id)
            .raw("\">\n      <th scope=\"row\" class=\"sticky-col\"><label><input type=\"checkbox\" name=\"parks\" value=\"")
            .text(&r.id)
            .raw("\"> <a href=\"")
            .text(&r.href)
            .raw("\">")
            .text(&r.name)
            .raw("</a></label></th>\n      <td data-value=\"")
            .num(r.met)
            .raw("\">")
            .num(r.met)
            .raw("</td>\n      ");
        for cell in &r.cells {
            o.raw("<td class=\"c ")
                .text(cell.code)
                .raw("\">")
                .text(cell.label)
                .raw("</td>");
        }
        o.raw("\n    </tr>\n  ");
    }
    o.raw("\n  </tbody>\n</table>\n</div>\n<p><button type=\"submit\" class=\"button\">并排对比所选园区</button></p>\n</form>\n");
    pagination(o, &l.pagination, "对比矩阵分页");
    o.raw("\n<section aria-labelledby=\"h-legend\">\n  <h2 id=\"h-legend\">要求一览</h2>\n  <dl class=\"legend\">");
    for c in &data.columns {
        o.raw("<div><dt><a href=\"")
            .text(&c.href)
            .raw("\">")
            .text(&c.id)
            .raw("</a></dt><dd>")
            .text(&c.system)
            .raw("：")
            .text(&c.title)
            .raw("</dd></div>");
    }
    o.raw("</dl>\n</section>\n");
}

/// `provider.html`.
pub fn provider(site: &SiteView, page: &PageView, data: &ProviderPage) -> String {
    let mut o = Out(String::with_capacity(64 * 1024));
    let root = page.root.as_str();
    base(
        &mut o,
        site,
        page,
        |o| {
            if !data.json_ld_html.is_empty() {
                o.raw("<script type=\"application/ld+json\">")
                    .raw(&data.json_ld_html)
                    .raw("</script>");
            }
        },
        |o| provider_main(o, root, data),
    );
    o.0
}

fn provider_main(o: &mut Out, root: &str, data: &ProviderPage) {
    let p = &data.provider;
    o.raw("\n<header class=\"park-header\">\n  <p class=\"crumbs\"><a href=\"")
        .text(root)
        .raw("providers/index.html\">园区集成服务商</a> <span aria-hidden=\"true\">/</span> ")
        .text(p.kind.label)
        .raw("</p>\n  <h1>")
        .text(&p.name)
        .raw("</h1>\n  <dl class=\"facts\">\n    ");
    if let Some(brand) = given(&p.brand) {
        o.raw("<div><dt>品牌</dt><dd>")
            .text(brand)
            .raw("</dd></div>");
    }
    o.raw("\n    ");
    if let Some(short) = given(&p.short_name) {
        o.raw("<div><dt>简称</dt><dd>")
            .text(short)
            .raw("</dd></div>");
    }
    o.raw("\n    <div><dt>类别</dt><dd>")
        .text(p.kind.label)
        .raw("</dd></div>\n    <div><dt>运营园区</dt><dd>")
        .num(p.park_count)
        .raw(" 个</dd></div>\n    ");
    if let Some(website) = given(&p.website) {
        o.raw("<div class=\"fact-wide\"><dt>网站</dt><dd><a href=\"")
            .text(website)
            .raw("\" rel=\"external noopener\">")
            .text(website)
            .raw("</a></dd></div>");
    }
    o.raw("\n  </dl>\n</header>\n");
    if let Some(summary) = given(&p.summary_html) {
        o.raw("<section class=\"park-summary\" aria-label=\"简介\">")
            .raw(summary)
            .raw("</section>");
    }
    o.raw("\n<section aria-labelledby=\"h-parks\">\n  <h2 id=\"h-parks\">运营的园区 <span class=\"en-title\" lang=\"en\">Parks</span></h2>\n  ");
    if !data.parks.is_empty() {
        park_table(o, &data.parks, false, "运营的园区");
        pagination(o, &data.pagination, "运营的园区分页");
    } else {
        o.raw("<p class=\"empty\">目录中尚无该服务商运营的园区。</p>");
    }
    o.raw("\n</section>\n");
}
