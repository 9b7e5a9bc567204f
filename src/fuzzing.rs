//! Entry points for the fuzz targets in `fuzz/` (hidden from the docs; not a stable API).
//!
//! Each function takes one file's text, reads it the way `parkbook check` does, against a fixed
//! small site (the valid site of `tests/fixtures/base/`, copied here), runs validation and, when
//! the site is valid, compliance, and renders the Markdown the file's text reaches. None of it
//! may panic, whatever the text: problems come back as diagnostics.

use crate::compliance::ParkCompliance;
use crate::diagnostics::{Diagnostics, Pos};
use crate::load::yaml::{self, Node, YamlError};
use crate::load::{self, framework, parks, providers, site_config};
use crate::markdown::{self, RenderOptions, TermLinker};
use crate::model::{Framework, Park, Provider, Site, SiteConfig, Standard};

/// What one fuzzed file came to.
pub struct Outcome {
    /// Every diagnostic, sorted.
    pub diagnostics: Diagnostics,
    /// Each Markdown text of the fuzzed file, rendered as a page renders it.
    pub html: Vec<String>,
    /// Compliance of every park, when the site validated.
    pub compliance: Option<Vec<ParkCompliance>>,
}

pub const PARK_PATH: &str = "content/parks/fuzz-park.yaml";
pub const FRAMEWORK_PATH: &str = "content/framework.yaml";

const SITE: &str = "title: 测试目录\nlanguage: zh-CN\nsample_data: true\ntheme: default\n";

const FRAMEWORK: &str = "\
systems:
  - id: operation
    role: hub
    name: 综合运营服务
    clause: \"1.1\"
    serves: [operator, enterprise]
    requirements:
      - id: op-provider
        title: 由集成服务商提供
        clause: \"2.2\"
        rule: { integrated_provider: true }
      - id: op-brand
        title: 提炼品牌特征
        clause: \"1\"
        rule: { min_brand_features: 1 }
  - id: life
    role: pillar
    name: 生活配套服务
    serves: [talent]
    requirements:
      - id: life-services
        title: 提供生活配套服务
        clause: \"1.1\"
        rule: { min_services: 1, providers_legal_entities: true }
      - id: life-talent
        title: 服务入园人才
        rule: { audience_any: [talent], min_supporting_services: 1 }
";

const SCOPE: &str = "---\nnumber: \"1\"\ntitle: 范围\n---\n\n本文件规定了园区服务体系的要求。\n\n## 1.1 适用\n\n适用于各类园区。\n";

const TERMS: &str = "---\nnumber: \"2\"\ntitle: 术语和定义\nkind: terms\n---\n\n下列术语适用于本文件。\n\n## 2.1 产业园区 industrial park\n\n具备统一规划的经济技术集聚区域。\n\n注:亦称园区。\n\n## 2.2 园区集成服务商 integrated service provider\n\n负责园区开发与运营的开发公司。\n";

const PROVIDERS: &[(&str, &str)] = &[
    (
        "alpha-group",
        "name: 阿尔法开发集团有限公司\nkind: development-company\nwebsite: https://alpha.example.org/\nsummary: 阿尔法园区的**开发**主体。\n",
    ),
    (
        "beta-admin",
        "name: 贝塔园区管理委员会\nkind: government-agency\n",
    ),
];

const PARK: &str = "\
name: 阿尔法科技园
provider: alpha-group
level: national
type: high-tech-zone
region: 上海市
summary: 示例园区。
brand:
  features:
    - title: 全链条孵化
providers:
  - id: alpha-incubator
    name: 阿尔法孵化器有限公司
    kind: operating-company
    legal_entity: true
services:
  - id: one-stop
    system: operation
    name: 企业一站式服务
    audience: [enterprise]
    provider: integrated
  - id: talent-housing
    system: life
    name: 人才公寓
    audience: [talent]
    provider: alpha-incubator
    requirements: [life-talent]
";

/// Reads one park file's text as `content/parks/fuzz-park.yaml` of the fixed site.
pub fn park(text: &str) -> Outcome {
    let mut diags = Diagnostics::default();
    let park = read_park(text, "fuzz-park", PARK_PATH, &mut diags);
    let html = park.as_ref().map(park_markdown).unwrap_or_default();
    let framework = fixed_framework(&mut diags);
    finish(framework, park.into_iter().collect(), html, diags)
}

/// Reads `framework.yaml`'s text, with the fixed site's parks evaluated against it.
pub fn framework(text: &str) -> Outcome {
    let mut diags = Diagnostics::default();
    let framework = load::parse_yaml(text, FRAMEWORK_PATH, Pos::new(1, 1), &mut diags)
        .and_then(|node| framework::read(&node, &mut diags));
    let html = framework
        .as_ref()
        .map(|f| {
            let mut texts: Vec<&str> = Vec::new();
            for system in &f.systems {
                texts.extend(system.summary.as_deref());
                for requirement in &system.requirements {
                    texts.extend(requirement.description.as_deref());
                }
            }
            render_all(texts)
        })
        .unwrap_or_default();
    let park = read_park(
        PARK,
        "alpha-park",
        "content/parks/alpha-park.yaml",
        &mut diags,
    );
    finish(framework, park.into_iter().collect(), html, diags)
}

/// One text through `yaml::parse` (the fast path, falling back to saphyr-parser) and through
/// saphyr-parser alone. They must agree: the fast path either gives saphyr's very tree or gives up.
pub fn yaml_both(text: &str) -> (Result<Node, YamlError>, Result<Node, YamlError>) {
    (yaml::parse(text), yaml::parse_with_saphyr(text))
}

fn read_park(text: &str, id: &str, rel: &str, diags: &mut Diagnostics) -> Option<Park> {
    load::parse_yaml(text, rel, Pos::new(1, 1), diags).and_then(|n| parks::read(&n, id, rel, diags))
}

fn fixed_framework(diags: &mut Diagnostics) -> Option<Framework> {
    load::parse_yaml(FRAMEWORK, FRAMEWORK_PATH, Pos::new(1, 1), diags)
        .and_then(|node| framework::read(&node, diags))
}

fn fixed_config(diags: &mut Diagnostics) -> Option<SiteConfig> {
    load::parse_yaml(SITE, "content/site.yaml", Pos::new(1, 1), diags)
        .and_then(|node| site_config::read(&node, diags))
}

fn fixed_standard(diags: &mut Diagnostics) -> Standard {
    let parts = [
        ("content/standard/1-scope.md", SCOPE),
        ("content/standard/2-terms.md", TERMS),
    ]
    .iter()
    .filter_map(|(rel, text)| load::parse_part(rel, text, diags))
    .collect();
    Standard { parts }
}

fn fixed_providers(diags: &mut Diagnostics) -> Vec<Provider> {
    PROVIDERS
        .iter()
        .filter_map(|(id, text)| {
            let rel = format!("content/providers/{id}.yaml");
            load::parse_yaml(text, &rel, Pos::new(1, 1), diags)
                .and_then(|node| providers::read(&node, id, &rel, diags))
        })
        .collect()
}

/// Validates the fixed site around the fuzzed file, as `check` does, then computes compliance.
fn finish(
    framework: Option<Framework>,
    parks: Vec<Park>,
    html: Vec<String>,
    mut diags: Diagnostics,
) -> Outcome {
    let config = fixed_config(&mut diags);
    let standard = fixed_standard(&mut diags);
    let providers = fixed_providers(&mut diags);
    let mut compliance = None;
    if let (Some(config), Some(framework)) = (config, framework) {
        let site = Site {
            config,
            standard,
            framework,
            providers,
            parks,
            as_of: "2026-01-01".to_string(),
        };
        crate::validate::validate(&site, &mut diags);
        if !diags.has_errors() {
            compliance = Some(crate::evaluate_all(&site));
        }
    }
    diags.sort();
    Outcome {
        diagnostics: diags,
        html,
        compliance,
    }
}

/// The Markdown of a park, rendered as its page renders it (summary, brand features, service
/// descriptions, evidence).
fn park_markdown(park: &Park) -> Vec<String> {
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(park.summary.as_deref());
    texts.extend(
        park.features
            .iter()
            .filter_map(|f| f.description.as_deref()),
    );
    texts.extend(
        park.services
            .iter()
            .filter_map(|s| s.description.as_deref()),
    );
    for a in &park.assessments {
        for r in &a.results {
            texts.extend(r.statement.as_deref());
            texts.extend(r.evidence.as_deref());
        }
    }
    render_all(texts)
}

fn render_all(texts: Vec<&str>) -> Vec<String> {
    let terms = TermLinker::new([
        ("产业园区", "2.1"),
        ("园区集成服务商", "2.2"),
        ("园区", "9"),
    ]);
    let opts = RenderOptions {
        root: "../../",
        terms: &terms,
        skip_term: None,
        heading_shift: 2,
    };
    texts
        .into_iter()
        .map(|t| {
            // Summaries in lists and meta descriptions: text, escaped by the templates.
            std::hint::black_box(markdown::plain_text(t));
            markdown::render(t, &opts)
        })
        .collect()
}
