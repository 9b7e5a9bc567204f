//! JSON Schema (draft 2020-12) of park and provider files, for editors: a YAML language server
//! given it completes keys, shows what each means and flags mistakes while typing.
//!
//! Generated from what the readers use: the key lists of `load::keys` (a key that the reader does
//! not list is not in the schema, and every key it lists must be described here: a test checks
//! it) and the enumerations of `vocab`. Generated for a site, the schema also holds that site's
//! framework system ids, requirement ids (per system) and provider ids as enumerations, so it
//! catches broken references too; generated without one, it describes the file format for any
//! site. What only the whole site can tell (duplicate ids, a service naming a provider the park
//! does not list) is left to `parkbook check`.
//!
//! Like the readers, the schema takes an explicit `null` (`key:` with nothing after it) for an
//! optional key as the key's absence.

use crate::load::keys;
use crate::model::{Site, INTEGRATED};
use crate::vocab::{self, Vocabulary};
use serde_json::{json, Map, Value};

pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Ids: lowercase letters, digits and single hyphens, at most 64 characters.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// `YYYY-MM-DD`, a real calendar date (leap years included), as the readers accept it.
pub const DATE_PATTERN: &str = concat!(
    "^(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])",
    "|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)",
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
);

/// The schema of `content/parks/<id>.yaml`; with `site`, its framework and providers too.
pub fn park(site: Option<&Site>) -> Value {
    let refs = Refs::of(site);
    let mut schema = object(keys::PARK, &["name", "level", "type", "region"], |key| {
        park_property(key, &refs)
    });
    let root = schema.as_object_mut().expect("an object");
    root.insert("$schema".into(), DIALECT.into());
    root.insert(
        "title".into(),
        format!(
            "{}园区文件 park file (content/parks/<id>.yaml)",
            refs.site_label
        )
        .into(),
    );
    root.insert(
        "description".into(),
        "一个园区的服务体系：基本信息、服务特色和品牌特征、园区专业服务商、服务与评价。文件名即园区 id。 \
         One park's service system: facts, brand features, specialized service providers, \
         services and assessment. The file name is the park's id."
            .into(),
    );
    schema
}

/// The schema of `content/providers/<id>.yaml`.
pub fn provider() -> Value {
    let mut schema = object(keys::PROVIDER, &["name", "kind"], provider_property);
    let root = schema.as_object_mut().expect("an object");
    root.insert("$schema".into(), DIALECT.into());
    root.insert(
        "title".into(),
        "园区集成服务商文件 provider file (content/providers/<id>.yaml)".into(),
    );
    root.insert(
        "description".into(),
        "园区集成服务商（品牌）：政府派出机构或具有法人资质的开发公司。文件名即服务商 id，园区以 `provider` 引用。 \
         An integrated service provider (a brand): a government agency or a development company. \
         The file name is its id, which parks name in `provider`."
            .into(),
    );
    schema
}

/// A schema as published and printed: pretty JSON and a final newline.
pub fn to_bytes(schema: &Value) -> Vec<u8> {
    let mut bytes = sonic_rs::to_vec_pretty(schema).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The ids a site's files may refer to; empty when generated for no site.
struct Refs {
    site_label: String,
    systems: Vec<(String, Vec<String>)>,
    providers: Vec<String>,
}

impl Refs {
    fn of(site: Option<&Site>) -> Refs {
        let Some(site) = site else {
            return Refs {
                site_label: String::new(),
                systems: Vec::new(),
                providers: Vec::new(),
            };
        };
        Refs {
            site_label: format!("「{}」", site.config.title),
            systems: site
                .framework
                .systems
                .iter()
                .map(|s| {
                    let reqs = s.requirements.iter().map(|r| r.id.value.clone()).collect();
                    (s.id.value.clone(), reqs)
                })
                .collect(),
            providers: site.providers.iter().map(|p| p.id.clone()).collect(),
        }
    }

    fn requirements(&self) -> Vec<&str> {
        self.systems
            .iter()
            .flat_map(|(_, reqs)| reqs.iter().map(String::as_str))
            .collect()
    }
}

/// An object that takes exactly `keys`, `required` among them. Optional keys also take `null`.
fn object(keys: &[&str], required: &[&str], property: impl Fn(&str) -> Option<Value>) -> Value {
    let mut properties = Map::new();
    for key in keys {
        let schema = property(key).unwrap_or_else(|| json!({}));
        let schema = if required.contains(key) {
            schema
        } else {
            nullable(schema)
        };
        properties.insert(key.to_string(), schema);
    }
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

/// The same schema, also taking `null`.
fn nullable(mut schema: Value) -> Value {
    let Some(map) = schema.as_object_mut() else {
        return schema;
    };
    if let Some(Value::String(t)) = map.get("type").cloned() {
        map.insert("type".into(), json!([t, "null"]));
    }
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        values.push(Value::Null);
    }
    if let Some(Value::Array(choices)) = map.get_mut("anyOf") {
        choices.push(json!({ "type": "null" }));
    }
    schema
}

fn describe(mut schema: Value, zh: &str, en: &str) -> Value {
    if let Some(map) = schema.as_object_mut() {
        map.insert("description".into(), format!("{zh} {en}").into());
    }
    schema
}

/// Non-blank text.
fn text(zh: &str, en: &str) -> Value {
    describe(json!({ "type": "string", "pattern": "\\S" }), zh, en)
}

fn markdown(zh: &str, en: &str) -> Value {
    text(&format!("{zh}（Markdown）"), &format!("{en} (Markdown)"))
}

fn id(zh: &str, en: &str) -> Value {
    describe(
        json!({ "type": "string", "pattern": ID_PATTERN, "maxLength": 64 }),
        &format!("{zh}（小写字母、数字和单个连字符，至多 64 个字符）"),
        &format!("{en} (lowercase letters, digits and single hyphens; at most 64 characters)"),
    )
}

/// A reference to one of `known` when generated for a site; else any id.
fn reference(known: &[&str], zh: &str, en: &str) -> Value {
    let mut schema = id(zh, en);
    if !known.is_empty() {
        schema["enum"] = json!(known);
    }
    schema
}

fn date(zh: &str, en: &str) -> Value {
    describe(
        json!({ "type": "string", "pattern": DATE_PATTERN, "format": "date" }),
        &format!("{zh}（YYYY-MM-DD）"),
        &format!("{en} (YYYY-MM-DD, e.g. 2026-06-30)"),
    )
}

fn one_of(vocabulary: Vocabulary, zh: &str, en: &str) -> Value {
    let values: Vec<String> = vocabulary
        .iter()
        .map(|(id, label)| format!("{id}（{label}）"))
        .collect();
    describe(
        json!({ "type": "string", "enum": vocab::ids(vocabulary) }),
        &format!("{zh}：{}。", values.join("、")),
        en,
    )
}

fn list(items: Value, zh: &str, en: &str) -> Value {
    describe(json!({ "type": "array", "items": items }), zh, en)
}

fn park_property(key: &str, refs: &Refs) -> Option<Value> {
    Some(match key {
        "name" => text("园区名称（中文全称）。", "The park's name, in Chinese."),
        "name_en" => text("园区英文名称。", "The park's English name."),
        "provider" => {
            let known: Vec<&str> = refs.providers.iter().map(String::as_str).collect();
            reference(
                &known,
                "运营本园区的园区集成服务商（providers/ 下的文件名 id，见标准 3.2）。",
                "The integrated service provider that runs the park: an id under providers/ (clause 3.2).",
            )
        }
        "level" => one_of(vocab::LEVELS, "园区级别", "The park's level (clause 1)."),
        "type" => one_of(vocab::PARK_TYPES, "园区类型", "The kind of park (clause 1)."),
        "region" => text("所在省市，如“上海市”。", "Province or city, e.g. 上海市."),
        "district" => text("所在区县，如“浦东新区”。", "District, e.g. 浦东新区."),
        "industries" => list(
            text("主导产业。", "A leading industry."),
            "主导产业列表。",
            "The park's leading industries.",
        ),
        "summary" => markdown("园区简介。", "A short description of the park."),
        "brand" => describe(
            object(keys::BRAND, &[], brand_property),
            "服务特色和品牌特征（标准 0.4）。",
            "The park's service brand (clause 0.4).",
        ),
        "providers" => list(
            describe(
                object(
                    keys::SPECIALIZED_PROVIDER,
                    &["id", "name", "kind", "legal_entity"],
                    specialized_provider_property,
                ),
                "一个园区专业服务商。",
                "One specialized service provider.",
            ),
            "本园区服务所用的园区专业服务商（标准 3.3）。",
            "Specialized service providers (园区专业服务商) that the park's services use (clause 3.3).",
        ),
        "services" => list(
            service(refs),
            "园区提供的服务，每项归入服务体系框架中的一个体系。",
            "The park's services, each in one system of the framework.",
        ),
        "assessment" => describe(
            assessment(refs),
            "一次评价（旧写法，等同于只有一项的 `assessments`；两者只能用一种）。",
            "One assessment: the older form of an `assessments` list of one (use one of the two).",
        ),
        "assessments" => list(
            assessment(refs),
            "园区服务体系的各次评价：自我评价、主管部门评价、第三方评价，各有日期、有效期和逐项结果。",
            "The assessments of the park's service system (self, authority, third party), each with its dates, validity and results per requirement.",
        ),
        "updated" => date("本文件内容的更新日期。", "When this file's content was last updated."),
        _ => return None,
    })
}

fn brand_property(key: &str) -> Option<Value> {
    Some(match key {
        "slogan" => text("品牌口号。", "The brand's slogan."),
        "features" => list(
            describe(
                object(keys::FEATURE, &["title"], |k| {
                    Some(match k {
                        "title" => text("特色名称。", "The feature's title."),
                        "description" => markdown("特色说明。", "What the feature is."),
                        _ => return None,
                    })
                }),
                "一项服务特色或品牌特征。",
                "One service or brand feature.",
            ),
            "服务特色和品牌特征列表。",
            "Service and brand features.",
        ),
        _ => return None,
    })
}

fn specialized_provider_property(key: &str) -> Option<Value> {
    Some(match key {
        "id" => {
            let mut schema = id(
                "本园区内的服务商 id，服务以 `provider` 引用；`integrated` 保留给园区集成服务商。",
                "The provider's id within this park, named by services in `provider`; \
                 `integrated` is reserved for the park's integrated service provider.",
            );
            schema["not"] = json!({ "const": INTEGRATED });
            schema
        }
        "name" => text("服务商名称（法定名称）。", "The provider's (legal) name."),
        "kind" => one_of(
            vocab::SPECIALIZED_PROVIDER_KINDS,
            "服务商类别（标准 3.3）",
            "The kind of specialized provider (clause 3.3).",
        ),
        "legal_entity" => describe(
            json!({ "type": "boolean" }),
            "是否具有法人资质（true 或 false）。",
            "Whether the provider is a legal entity (true or false).",
        ),
        _ => return None,
    })
}

fn service(refs: &Refs) -> Value {
    let mut schema = describe(
        object(
            keys::SERVICE,
            &["id", "system", "name", "audience", "provider"],
            |k| service_property(k, refs),
        ),
        "一项服务。",
        "One service.",
    );
    // For a site: the requirements a service supports must be of the service's own system.
    let by_system: Vec<Value> = refs
        .systems
        .iter()
        .map(|(system, reqs)| {
            json!({
                "if": { "properties": { "system": { "const": system } }, "required": ["system"] },
                "then": { "properties": { "requirements": {
                    "type": ["array", "null"],
                    "items": { "enum": reqs },
                } } },
            })
        })
        .collect();
    if !by_system.is_empty() {
        schema["allOf"] = Value::Array(by_system);
    }
    schema
}

fn service_property(key: &str, refs: &Refs) -> Option<Value> {
    let systems: Vec<&str> = refs.systems.iter().map(|(s, _)| s.as_str()).collect();
    Some(match key {
        "id" => id("服务 id，在本园区内唯一。", "The service's id, unique within the park."),
        "system" => reference(
            &systems,
            "服务所属的服务体系（framework.yaml 中的体系 id）。",
            "The system of the framework that the service belongs to (a system id of framework.yaml).",
        ),
        "name" => text("服务名称。", "The service's name."),
        "audience" => {
            let mut schema = list(
                one_of(vocab::AUDIENCES, "服务对象", "Whom the service serves."),
                "服务对象，至少一项。",
                "Whom the service serves: at least one.",
            );
            schema["minItems"] = json!(1);
            schema
        }
        "provider" => id(
            "提供服务的园区专业服务商（本文件 `providers` 中的 id），或 `integrated` 表示园区集成服务商。",
            "Who provides it: an id from this file's `providers`, or `integrated` for the park's \
             integrated service provider.",
        ),
        "description" => markdown("服务说明。", "What the service offers."),
        "requirements" => list(
            reference(
                &refs.requirements(),
                "本服务支撑的要求（本服务所属体系的要求 id）。",
                "A requirement of the service's system that it supports.",
            ),
            "本服务支撑的要求。",
            "Requirements the service supports (optional).",
        ),
        _ => return None,
    })
}

fn assessment(refs: &Refs) -> Value {
    describe(
        object(keys::ASSESSMENT, &["kind"], |k| {
            assessment_property(k, refs)
        }),
        "一次园区服务体系评价及其结果。",
        "One assessment of the park's service system and its results.",
    )
}

fn assessment_property(key: &str, refs: &Refs) -> Option<Value> {
    Some(match key {
        "kind" => one_of(
            vocab::ASSESSMENT_KINDS,
            "评价方式",
            "Who assessed the park (clause 1).",
        ),
        "assessor" => describe(
            json!({ "anyOf": [
                text("评价主体名称（第三方评价时为评价机构）。", "The assessor's name (for a third party, its organisation)."),
                object(keys::ASSESSOR, &[], |k| Some(match k {
                    "name" => text("评价人。", "Who assessed."),
                    "organisation" => text("评价机构。", "The organisation that assessed."),
                    _ => return None,
                })),
            ]}),
            "评价主体：一个名称，或 `name` 与 `organisation`；第三方评价须写明评价机构。",
            "Who made the assessment: a name, or `name` and `organisation`; a third-party assessment must name its organisation.",
        ),
        "date" => date(
            "评价完成日期（`end` 的旧写法）。",
            "When the assessment was completed (the older name of `end`).",
        ),
        "start" => date("评价开始日期。", "When the assessment started."),
        "end" => date("评价完成日期。", "When the assessment was completed."),
        "valid_until" => date(
            "有效期至：此后网站将其显示为已过期，不再据以声明。",
            "Valid until: after it the site shows the assessment as expired and declares nothing from it.",
        ),
        "edition" => text(
            "评价所依据的标准版本。",
            "The edition of the standard the assessment was made against.",
        ),
        "results" => list(
            describe(
                object(keys::RESULT, &["requirement", "status"], |k| {
                    Some(match k {
                        "requirement" => reference(
                            &refs.requirements(),
                            "所评价的要求（framework.yaml 中的要求 id）。",
                            "The requirement assessed (a requirement id of framework.yaml).",
                        ),
                        "status" => one_of(
                            vocab::STATUSES,
                            "声明的结果",
                            "The declared result.",
                        ),
                        "statement" => markdown("评价结论。", "The assessor's finding."),
                        "evidence" => describe(
                            json!({ "anyOf": [
                                markdown("证据说明。", "The evidence, as text."),
                                list(
                                    object(keys::EVIDENCE, &["title"], |k| Some(match k {
                                        "title" => text("证据名称。", "What the evidence is."),
                                        "link" => describe(
                                            json!({ "type": "string", "pattern": "^https?://" }),
                                            "证据网址。",
                                            "Where it is on the web.",
                                        ),
                                        "file" => text("证据文件名。", "Its file name."),
                                        "collected" => date("收集日期。", "When it was collected."),
                                        "expires" => date("失效日期。", "When it stops holding."),
                                        _ => return None,
                                    })),
                                    "证据清单。",
                                    "Evidence items.",
                                ),
                            ]}),
                            "证据：一段说明，或一组各有日期的证据项。",
                            "Evidence: one text, or a list of items, each with its dates.",
                        ),
                        _ => return None,
                    })
                }),
                "一项要求的评价结果。",
                "The result for one requirement.",
            ),
            "各项要求的评价结果（声明值；有规则的要求以计算结果为准）。",
            "Declared results per requirement; where a requirement has a rule, the computed status prevails.",
        ),
        _ => return None,
    })
}

fn provider_property(key: &str) -> Option<Value> {
    Some(match key {
        "name" => text(
            "服务商全称（法定名称）。",
            "The provider's full (legal) name.",
        ),
        "short_name" => text("简称。", "Short name."),
        "kind" => one_of(
            vocab::INTEGRATED_PROVIDER_KINDS,
            "服务商类别（标准 3.2）",
            "The kind of integrated service provider (clause 3.2).",
        ),
        "brand" => text("品牌名称。", "The brand its parks carry."),
        "website" => describe(
            json!({
                "type": "string",
                "pattern": "^[hH][tT][tT][pP][sS]?://[^\\s]*$",
                "format": "uri",
            }),
            "网站地址，以 https:// 或 http:// 开头。",
            "Website, starting with https:// or http://.",
        ),
        "summary" => markdown("简介。", "A short description."),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::load::yaml::{self, Node, NodeKind};
    use crate::load::{parks, providers};

    type Describe<'a> = &'a dyn Fn(&str) -> Option<Value>;

    /// Every key the readers take, at every level, is described here.
    #[test]
    fn every_key_of_the_readers_is_described() {
        let refs = Refs::of(None);
        let groups: [(&[&str], Describe); 5] = [
            (keys::PARK, &|k| park_property(k, &refs)),
            (keys::BRAND, &brand_property),
            (keys::SPECIALIZED_PROVIDER, &specialized_provider_property),
            (keys::SERVICE, &|k| service_property(k, &refs)),
            (keys::ASSESSMENT, &|k| assessment_property(k, &refs)),
        ];
        for (keys, property) in groups {
            for key in keys {
                let schema = property(key).unwrap_or_else(|| panic!("`{key}` is not described"));
                let description = schema["description"].as_str().unwrap_or_default();
                assert!(
                    description.chars().any(|c| c > '\u{2e80}')
                        && description.chars().any(|c| c.is_ascii_alphabetic()),
                    "`{key}` needs a Chinese and an English description: {description}"
                );
            }
        }
        for (keys, schema) in [
            (
                keys::FEATURE,
                &park(None)["properties"]["brand"]["properties"]["features"]["items"],
            ),
            (
                keys::RESULT,
                &park(None)["properties"]["assessments"]["items"]["properties"]["results"]["items"],
            ),
        ] {
            for key in keys {
                assert!(
                    schema["properties"][key]["description"].is_string(),
                    "{key}"
                );
            }
        }
        for key in keys::PROVIDER {
            assert!(provider_property(key).is_some(), "{key}");
        }
    }

    const FULL_PARK: &str = "\
name: 园区
name_en: Park
provider: p
level: national
type: other
region: 上海市
district: 浦东新区
industries: [a]
summary: s
brand:
  slogan: s
  features:
    - title: t
      description: d
providers:
  - id: sp
    name: n
    kind: enterprise
    legal_entity: true
services:
  - id: s
    system: x
    name: n
    audience: [talent]
    provider: sp
    description: d
    requirements: [r]
assessments:
  - kind: third-party
    assessor:
      name: a
      organisation: o
    start: 2025-12-01
    end: 2026-01-01
    valid_until: 2027-01-01
    edition: e
    results:
      - requirement: r
        status: met
        statement: s
        evidence:
          - title: t
            link: https://x.example/
            collected: 2025-12-10
            expires: 2026-12-10
updated: 2026-01-02
";

    /// The mapping reached by following `path` (keys; a list on the way stands for its first
    /// item).
    fn map_at<'n>(node: &'n mut Node, path: &[&str]) -> &'n mut Vec<(Node, Node)> {
        let NodeKind::Map(entries) = &mut node.kind else {
            panic!("not a mapping at {path:?}");
        };
        let Some((key, rest)) = path.split_first() else {
            return entries;
        };
        let (_, value) = entries
            .iter_mut()
            .find(|(k, _)| k.as_scalar() == Some(key))
            .unwrap();
        if matches!(value.kind, NodeKind::Seq(_)) {
            let NodeKind::Seq(items) = &mut value.kind else {
                unreachable!()
            };
            return map_at(&mut items[0], rest);
        }
        map_at(value, rest)
    }

    fn missing_keys(errors: &Diagnostics) -> Vec<String> {
        errors
            .iter()
            .filter(|d| d.message.code == "missing-key")
            .filter_map(|d| d.message.args.iter().find(|(name, _)| *name == "key"))
            .filter_map(|(_, arg)| match arg {
                crate::messages::Arg::Text(key) => Some(key.clone()),
                _ => None,
            })
            .collect()
    }

    fn required_of(schema: &Value) -> Vec<String> {
        let required = schema["required"].as_array().unwrap();
        required
            .iter()
            .map(|v| v.as_str().unwrap().into())
            .collect()
    }

    /// The schema requires exactly the keys whose absence the readers report, at every level.
    #[test]
    fn required_keys_are_those_the_readers_require() {
        let schema = park(None);
        let p = &schema["properties"];
        let result = &p["assessments"]["items"]["properties"]["results"]["items"];
        let evidence = &result["properties"]["evidence"]["anyOf"][1]["items"];
        let levels: [(&[&str], &[&str], &Value); 7] = [
            (&[], keys::PARK, &schema),
            (
                &["brand", "features"],
                keys::FEATURE,
                &p["brand"]["properties"]["features"]["items"],
            ),
            (
                &["providers"],
                keys::SPECIALIZED_PROVIDER,
                &p["providers"]["items"],
            ),
            (&["services"], keys::SERVICE, &p["services"]["items"]),
            (
                &["assessments"],
                keys::ASSESSMENT,
                &p["assessments"]["items"],
            ),
            (&["assessments", "results"], keys::RESULT, result),
            (
                &["assessments", "results", "evidence"],
                keys::EVIDENCE,
                evidence,
            ),
        ];
        let full = yaml::parse(FULL_PARK).unwrap();
        let mut diags = Diagnostics::default();
        parks::read(&full, "x", "x.yaml", &mut diags);
        assert!(diags.is_empty(), "{:?}", diags.iter().collect::<Vec<_>>());
        for (path, keys, object) in levels {
            let required = required_of(object);
            for key in keys {
                // Keys that are the other form of one in the file (`assessment` of
                // `assessments`, `date` of `end`, `file` of `link`) cannot be in it together.
                if ["assessment", "date", "file"].contains(key) {
                    continue;
                }
                let mut node = full.clone();
                let map = map_at(&mut node, path);
                let before = map.len();
                map.retain(|(k, _)| k.as_scalar() != Some(key));
                assert_eq!(map.len() + 1, before, "{path:?} {key}");
                let mut diags = Diagnostics::default();
                parks::read(&node, "x", "x.yaml", &mut diags);
                let reported = missing_keys(&diags).contains(&key.to_string());
                assert_eq!(
                    reported,
                    required.contains(&key.to_string()),
                    "{path:?} `{key}`: the reader and the schema disagree on whether it is required",
                );
            }
        }
        let full = yaml::parse(
            "name: n\nshort_name: s\nkind: government-agency\nbrand: b\nwebsite: https://x.example/\nsummary: s\n",
        )
        .unwrap();
        let required = required_of(&provider());
        for key in keys::PROVIDER {
            let mut node = full.clone();
            map_at(&mut node, &[]).retain(|(k, _)| k.as_scalar() != Some(key));
            let mut diags = Diagnostics::default();
            providers::read(&node, "x", "x.yaml", &mut diags);
            let reported = missing_keys(&diags).contains(&key.to_string());
            assert_eq!(reported, required.contains(&key.to_string()), "{key}");
        }
    }

    #[test]
    fn optional_keys_take_null_and_required_ones_do_not() {
        let schema = park(None);
        assert_eq!(schema["properties"]["name"]["type"], json!("string"));
        assert_eq!(
            schema["properties"]["district"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(
            schema["properties"]["services"]["type"],
            json!(["array", "null"])
        );
        assert_eq!(schema["properties"]["level"]["enum"][0], json!("national"));
        assert!(schema["properties"]["level"]["enum"]
            .as_array()
            .is_some_and(|v| !v.contains(&Value::Null)));
        assert_eq!(schema["additionalProperties"], json!(false));
        assert_eq!(schema["$schema"], json!(DIALECT));
    }
}
