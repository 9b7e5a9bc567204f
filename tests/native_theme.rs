//! The built-in theme's park and catalogue pages are rendered by Rust code (`render::native`)
//! while a site leaves their templates as built in. These tests hold that code to the Tera
//! templates: whole sites are rendered both ways and every file must be byte-identical.

mod common;

use parkbook::render::{self, Collect, Native, Selection};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Renders a site with the native pages and with Tera only, and compares every file.
fn assert_same_both_ways(root: &Path, base_url: Option<&str>) -> Vec<render::OutputFile> {
    let (checked, mut theme, _) = parkbook::prepare(root, base_url.map(str::to_string))
        .unwrap_or_else(|d| panic!("{}: {:?}", root.display(), &d.0[..d.0.len().min(3)]));
    assert_eq!(
        theme.native,
        Native::ALL,
        "the built-in theme is rendered natively"
    );
    let render = |theme: &render::theme::Theme| {
        let sink = Collect::default();
        render::render_pages(
            &checked.site,
            &checked.compliance,
            theme,
            &Selection::All,
            &sink,
        )
        .unwrap_or_else(|d| panic!("{d:?}"));
        sink.into_files()
    };
    let native = render(&theme);
    theme.native = Native::OFF;
    let tera = render(&theme);
    assert_eq!(native.len(), tera.len());
    let mut compared = [0usize; 2];
    for (n, t) in native.iter().zip(&tera) {
        assert_eq!(n.path, t.path);
        if n.bytes != t.bytes {
            let path = &n.path;
            let (n, t) = (
                String::from_utf8_lossy(&n.bytes),
                String::from_utf8_lossy(&t.bytes),
            );
            let at = n
                .bytes()
                .zip(t.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(n.len().min(t.len()));
            let from = at.saturating_sub(300);
            let window = |s: &str| {
                let mut a = from;
                while !s.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (at + 300).min(s.len());
                while !s.is_char_boundary(b) {
                    b += 1;
                }
                s[a..b].to_string()
            };
            panic!(
                "{path}: native and Tera differ at byte {at}\n--- native:\n{}\n--- tera:\n{}",
                window(&n),
                window(&t)
            );
        }
        if n.path.starts_with("parks/") && n.path.ends_with("/index.html") {
            compared[usize::from(
                n.bytes
                    .windows(12)
                    .any(|w| w == b"park-header\"".as_slice()),
            )] += 1;
        }
    }
    assert!(
        compared[0] > 0 && compared[1] > 0,
        "both kinds of page were compared: {compared:?}"
    );
    native
}

fn pages_with(files: &[render::OutputFile], marker: &str) -> usize {
    files
        .iter()
        .filter(|f| String::from_utf8_lossy(&f.bytes).contains(marker))
        .count()
}

#[test]
fn the_shipped_catalogue_renders_the_same_both_ways() {
    assert_same_both_ways(&repo(), None);
    assert_same_both_ways(&repo(), Some("https://parks.example.org/sub/"));
}

#[test]
fn the_fixtures_render_the_same_both_ways() {
    for name in ["base", "alt-framework"] {
        assert_same_both_ways(&repo().join("tests/fixtures").join(name), None);
    }
}

/// A catalogue with every optional field present, absent and empty, and text that HTML must
/// escape, in many combinations.
#[test]
fn varied_parks_render_the_same_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::copy_dir(&repo().join("tests/fixtures/base"), root);
    // A requirement without a rule, so that declared statuses (not applicable, say) stand.
    let framework = root.join("content/framework.yaml");
    let text = std::fs::read_to_string(&framework).unwrap().replace(
        "        rule: { min_brand_features: 1 }\n",
        "        rule: { min_brand_features: 1 }\n      - id: op-declared\n        title: 声明 & 要求\n",
    );
    assert!(text.contains("op-declared"));
    std::fs::write(&framework, text).unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut pick = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let tricky = ["<b>粗</b>", "A & B", "\"引号\"", "it's", "普通", "a>b<c"];
    for i in 0..400 {
        let mut y = String::new();
        let t = tricky[pick(6) as usize];
        writeln!(y, "name: '园区{i} {}'", t.replace('\'', "''")).unwrap();
        if pick(2) == 0 {
            writeln!(y, "name_en: 'Park {i} {}'", t.replace('\'', "''")).unwrap();
        }
        let has_provider = pick(4) > 0;
        if has_provider {
            let provider = ["alpha-group", "beta-admin"][pick(2) as usize];
            writeln!(y, "provider: {provider}").unwrap();
        }
        let level = ["national", "municipal", "district"][pick(3) as usize];
        let kind = ["high-tech-zone", "industrial-base", "other", "bonded-zone"][pick(4) as usize];
        writeln!(
            y,
            "level: {level}\ntype: {kind}\nregion: '{}'",
            ["上海市", "江苏省", "A&B 市"][pick(3) as usize]
        )
        .unwrap();
        if pick(2) == 0 {
            writeln!(y, "district: 浦东新区").unwrap();
        }
        match pick(3) {
            0 => writeln!(y, "industries: [集成电路, '<i>AI</i>']").unwrap(),
            1 => writeln!(y, "industries: []").unwrap(),
            _ => {}
        }
        match pick(4) {
            0 => writeln!(y, "summary: |\n  # 概况\n\n  **园区** <script>x</script> 有 [链接](https://example.com/)。").unwrap(),
            1 => writeln!(y, "summary: 一行简介 & 更多").unwrap(),
            _ => {}
        }
        if pick(3) > 0 {
            writeln!(y, "brand:").unwrap();
            if pick(2) == 0 {
                writeln!(y, "  slogan: '口号 {}'", t.replace('\'', "''")).unwrap();
            }
            if pick(3) > 0 {
                writeln!(y, "  features:").unwrap();
                for f in 0..pick(3) + 1 {
                    writeln!(
                        y,
                        "    - title: 特色{f} {}",
                        ["甲", "<乙>"][pick(2) as usize]
                    )
                    .unwrap();
                    if pick(2) == 0 {
                        writeln!(y, "      description: 说明 *强调* {f}").unwrap();
                    }
                }
            }
        }
        let with_sp = pick(2) == 0;
        if with_sp {
            writeln!(y, "providers:").unwrap();
            writeln!(
                y,
                "  - id: sp-a\n    name: '专业 & 服务商'\n    kind: operating-company\n    legal_entity: {}",
                pick(2) == 0
            )
            .unwrap();
            writeln!(y, "  - id: sp-b\n    name: 机构乙\n    kind: functional-institution\n    legal_entity: true").unwrap();
        }
        let services = if has_provider || with_sp { pick(5) } else { 0 };
        if services > 0 {
            writeln!(y, "services:").unwrap();
        }
        for s in 0..services {
            let system = ["operation", "life"][pick(2) as usize];
            writeln!(
                y,
                "  - id: svc-{s}\n    system: {system}\n    name: 服务{s} {}",
                ["一", "<二>"][pick(2) as usize]
            )
            .unwrap();
            let audience =
                ["[operator]", "[talent]", "[enterprise, operator, talent]"][pick(3) as usize];
            writeln!(y, "    audience: {audience}").unwrap();
            let provider = if with_sp && (!has_provider || pick(2) == 0) {
                ["sp-a", "sp-b"][pick(2) as usize]
            } else {
                "integrated"
            };
            writeln!(y, "    provider: {provider}").unwrap();
            match pick(3) {
                0 => writeln!(y, "    description: 描述 `代码` 与 <em>强调</em>").unwrap(),
                1 => writeln!(y, "    description: |\n      - 一\n      - 二").unwrap(),
                _ => {}
            }
        }
        if pick(3) > 0 {
            let kind = ["self", "authority", "third-party"][pick(3) as usize];
            writeln!(y, "assessment:\n  kind: {kind}").unwrap();
            if pick(2) == 0 {
                writeln!(y, "  assessor: '评价 \"机构\"'").unwrap();
            }
            if pick(2) == 0 {
                writeln!(y, "  date: 2026-05-20").unwrap();
            }
            writeln!(y, "  results:").unwrap();
            for req in [
                "op-provider",
                "op-brand",
                "op-declared",
                "life-services",
                "life-talent",
            ] {
                if pick(2) == 0 {
                    let status = ["met", "partial", "unmet", "not-applicable"][pick(4) as usize];
                    writeln!(y, "    - requirement: {req}\n      status: {status}").unwrap();
                    if pick(2) == 0 {
                        writeln!(
                            y,
                            "      evidence: 证据 [见](https://example.com/?a=1&b=2) {req}"
                        )
                        .unwrap();
                    }
                }
            }
        }
        if pick(2) == 0 {
            writeln!(y, "updated: 2026-0{}-1{}", pick(9) + 1, pick(9)).unwrap();
        }
        std::fs::write(root.join(format!("content/parks/v{i:03}.yaml")), y).unwrap();
    }
    // A provider that runs no park, and one whose text needs escaping.
    std::fs::write(
        root.join("content/providers/idle.yaml"),
        "name: '空闲 & <公司>'\nkind: government-agency\nwebsite: 'https://idle.example.org/?a=1&b=2'\n",
    )
    .unwrap();
    let files = assert_same_both_ways(root, None);
    // Every branch of the catalogue's template was taken.
    for marker in [
        "class=\"park-names\"",
        "class=\"park-table",
        "rel=\"prev\"",
        "rel=\"next\"",
        "class=\"gap\"",
        "class=\"facet-groups\"",
        "class=\"eyebrow\"",
        "class=\"tally-not-applicable\"",
        "class=\"alert\"",
        "class=\"unsupported\"",
        "class=\"warn\"",
        "class=\"slogan\"",
        "class=\"en-title\" lang=\"en\">Park",
        "<p class=\"empty\">本体系下尚无服务。</p>",
        "<p class=\"empty\">园区尚未列出服务特色和品牌特征。</p>",
        "<p class=\"empty\">未登记园区专业服务商。</p>",
        "未登记</dd>",
        "园区未提交评价结果。",
        "class=\"matrix\"",
        "class=\"legend\"",
        "<dt>品牌</dt>",
        "<dt>简称</dt>",
        "rel=\"external noopener\"",
        "目录中尚无该服务商运营的园区。",
        "运营的园区分页",
        "对比矩阵分页",
    ] {
        assert!(pages_with(&files, marker) > 0, "no page shows {marker}");
    }

    // The same catalogue with the site's own optional fields changed.
    let site = root.join("content/site.yaml");
    std::fs::write(
        &site,
        "title: '测试 & 目录'\nlanguage: zh-CN\nsample_data: false\ndescription: '说明 <b>'\nbase_url: https://example.org/x/\n",
    )
    .unwrap();
    assert_same_both_ways(root, None);
}

#[test]
fn a_theme_that_overrides_a_template_gets_tera_for_the_pages_that_use_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::copy_dir(&repo().join("tests/fixtures/base"), root);
    let templates = root.join("themes/house/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let site = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, text.replace("theme: default", "theme: house")).unwrap();
    let builtin = repo().join("themes/default/templates");
    let native = || parkbook::prepare(root, None).unwrap().1.native;

    // A copy of a built-in template, byte for byte, changes nothing.
    std::fs::copy(builtin.join("park.html"), templates.join("park.html")).unwrap();
    assert_eq!(native(), Native::ALL);

    let park = std::fs::read_to_string(builtin.join("park.html"))
        .unwrap()
        .replace("<h1>", "<h1 data-house>");
    std::fs::write(templates.join("park.html"), park).unwrap();
    assert_eq!(
        native(),
        Native {
            park: false,
            ..Native::ALL
        }
    );
    let out = dir.path().join("out");
    parkbook::build(&parkbook::BuildOptions {
        root,
        output: &out,
        base_url: None,
    })
    .unwrap();
    let page = std::fs::read_to_string(out.join("parks/alpha-park/index.html")).unwrap();
    assert!(
        page.contains("<h1 data-house>"),
        "the theme's park.html is used"
    );

    // base.html and macros.html are behind both pages.
    for shared in ["base.html", "macros.html"] {
        std::fs::remove_file(templates.join("park.html")).unwrap_or(());
        let text = std::fs::read_to_string(builtin.join(shared)).unwrap() + "\n";
        std::fs::write(templates.join(shared), text).unwrap();
        assert_eq!(native(), Native::OFF, "{shared}");
        std::fs::remove_file(templates.join(shared)).unwrap();
    }
}
