//! Open data and web conventions, on sites built with the real binary: the sitemap and the Atom
//! feed parse as XML and list every park, the CSV round-trips through a CSV parser, each park's
//! `index.json` matches the catalogue and its YAML, the JSON Schema accepts every shipped file
//! and rejects what the readers reject (where a schema can tell), OpenGraph tags only with a
//! `base_url`, and JSON-LD that no content can break out of.

mod common;
use common::process::{build, build_with, built_once, run};
use common::site::Site;
use common::{fixture, read, read_json as json_file, repo};

use parkbook::load::yaml::{self, Node, NodeKind};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const BASE: &str = "https://example.org/sub/";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The shipped site, built once per test run without and once with a base URL.
fn shipped(base_url: Option<&'static str>) -> PathBuf {
    match base_url {
        Some(base) => built_once(&repo(), &["--base-url", base]),
        None => built_once(&repo(), &[]),
    }
}

/// The catalogue fixture, built once per test run without and once with a base URL.
fn fixture_catalogue(base_url: Option<&'static str>) -> PathBuf {
    match base_url {
        Some(base) => built_once(&fixture("catalogue"), &["--base-url", base]),
        None => built_once(&fixture("catalogue"), &[]),
    }
}

/// Every file below `dir`, as paths relative to it with `/`.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// The ids of a site's parks or providers: the stems of its YAML files.
fn ids(root: &Path, folder: &str) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root.join("content").join(folder))
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".yaml").map(str::to_string)
        })
        .collect();
    ids.sort();
    ids
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// A YAML file as JSON, the way a YAML language server sees it: plain `true`/`false` are
/// booleans, plain integers numbers, `null`/`~`/nothing null, every other scalar a string.
fn yaml_to_json(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Scalar { text, plain } => {
            if *plain {
                match text.as_str() {
                    "true" => return Value::Bool(true),
                    "false" => return Value::Bool(false),
                    "null" | "~" => return Value::Null,
                    _ => {}
                }
                if let Ok(n) = text.parse::<i64>() {
                    return json!(n);
                }
            }
            Value::String(text.clone())
        }
        NodeKind::Seq(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        NodeKind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_scalar().unwrap_or_default().to_string(),
                        yaml_to_json(v),
                    )
                })
                .collect(),
        ),
    }
}

fn yaml_file(path: &Path) -> Value {
    let text = read(path);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    yaml_to_json(&yaml::parse(text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display())))
}

// ---------------------------------------------------------------------------------------------
// Sitemap, feed, robots.txt
// ---------------------------------------------------------------------------------------------

#[test]
fn sitemap_lists_every_page_but_404_with_absolute_urls() {
    let out = shipped(Some(BASE));
    let xml = read(&out.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP));
    let mut listed = BTreeSet::new();
    let mut lastmod = BTreeMap::new();
    for url in root.children().filter(|n| n.is_element()) {
        assert_eq!(url.tag_name().name(), "url");
        let loc = url
            .children()
            .find(|n| n.has_tag_name((SITEMAP, "loc")))
            .and_then(|n| n.text())
            .expect("<loc>");
        assert!(loc.is_ascii(), "{loc} is percent-encoded");
        let rel = loc.strip_prefix(BASE).unwrap_or_else(|| panic!("{loc}"));
        let rel = percent_decode(rel);
        if let Some(date) = url
            .children()
            .find(|n| n.has_tag_name((SITEMAP, "lastmod")))
        {
            lastmod.insert(rel.clone(), date.text().unwrap().to_string());
        }
        assert!(listed.insert(rel), "{loc} listed twice");
    }
    let pages: BTreeSet<String> = files(&out)
        .into_iter()
        .filter(|f| f.ends_with(".html") && f != "404.html")
        .map(|f| f.trim_end_matches("index.html").to_string())
        .collect();
    assert_eq!(
        listed, pages,
        "the sitemap lists exactly the HTML pages but 404"
    );
    for id in ids(&repo(), "parks") {
        let rel = format!("parks/{id}/");
        assert!(listed.contains(&rel), "{rel}");
        let yaml = yaml_file(&repo().join(format!("content/parks/{id}.yaml")));
        assert_eq!(
            lastmod.get(&rel).map(String::as_str),
            yaml["updated"].as_str()
        );
    }
    let robots = read(&out.join("robots.txt"));
    assert!(robots.starts_with("User-agent: *\n"), "{robots}");
    assert!(
        robots.contains(&format!("\nSitemap: {BASE}sitemap.xml\n")),
        "{robots}"
    );
}

#[test]
fn without_base_url_no_sitemap_and_no_opengraph() {
    let out = shipped(None);
    assert!(
        !out.join("sitemap.xml").exists(),
        "a sitemap needs absolute URLs"
    );
    let robots = read(&out.join("robots.txt"));
    assert!(!robots.contains("Sitemap"), "{robots}");
    for rel in files(&out) {
        let bytes = std::fs::read(out.join(&rel)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("property=\"og:"),
            "{rel} holds an OpenGraph tag"
        );
        assert!(
            !text.contains("rel=\"canonical\""),
            "{rel} holds a canonical link"
        );
    }
    // With a base URL, every page but 404 has them: a park page of the catalogue fixture.
    let based = shipped(Some(BASE));
    let page = read(&fixture_catalogue(Some(BASE)).join("parks/delta-park/index.html"));
    for tag in [
        format!("<link rel=\"canonical\" href=\"{BASE}parks/delta-park/\">"),
        format!("<meta property=\"og:url\" content=\"{BASE}parks/delta-park/\">"),
        "<meta property=\"og:title\" content=\"德尔塔科学城\">".to_string(),
        "<meta property=\"og:type\" content=\"website\">".to_string(),
        "<meta property=\"og:site_name\" content=\"样例园区目录\">".to_string(),
        "<meta property=\"og:locale\" content=\"zh_CN\">".to_string(),
    ] {
        assert!(page.contains(&tag), "missing {tag}");
    }
    assert!(!read(&based.join("404.html")).contains("property=\"og:"));
    for out in [out, based] {
        let home = read(&out.join("index.html"));
        assert!(
            home.contains(r#"<link rel="alternate" type="application/atom+xml" href="feed.xml""#),
            "the home page links the feed"
        );
    }
}

/// The feed's entries: (id, title, link, updated).
fn feed_entries(xml: &str) -> Vec<(String, String, String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("feed.xml is XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
        node.children()
            .find(|n| n.has_tag_name((ATOM, name)))
            .unwrap_or_else(|| panic!("<{name}> missing"))
    }
    // What RFC 4287 requires of a feed.
    for name in ["id", "title", "updated", "author"] {
        child(feed, name);
    }
    feed.children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|entry| {
            let link = entry
                .children()
                .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("alternate"))
                .and_then(|n| n.attribute("href"))
                .expect("an alternate link")
                .to_string();
            let text = |name| child(entry, name).text().unwrap_or_default().to_string();
            (text("id"), text("title"), link, text("updated"))
        })
        .collect()
}

#[test]
fn feed_parses_and_lists_every_park_newest_first() {
    let catalogue = json_file(&shipped(None).join("data/catalogue.json"));
    let parks = catalogue["parks"].as_array().unwrap();
    for base in [None, Some(BASE)] {
        let out = shipped(base);
        let entries = feed_entries(&read(&out.join("feed.xml")));
        assert_eq!(
            entries.len(),
            parks.len(),
            "every shipped park is in the feed"
        );
        let mut seen_ids = BTreeSet::new();
        for (id, title, link, updated) in &entries {
            // Ids are absolute IRIs: a URL with a base, else a name-based UUID.
            match base {
                Some(base) => assert!(id.starts_with(base), "{id}"),
                None => assert!(id.starts_with("urn:uuid:") && id.len() == 45, "{id}"),
            }
            assert!(seen_ids.insert(id.clone()), "{id} twice");
            let park = parks
                .iter()
                .find(|p| p["name"] == title.as_str())
                .unwrap_or_else(|| panic!("{title} is not a park"));
            let rel = match base {
                Some(base) => format!("{}index.html", link.strip_prefix(base).unwrap()),
                None => link.clone(),
            };
            assert_eq!(rel, format!("{}index.html", park["url"].as_str().unwrap()));
            assert!(out.join(&rel).is_file(), "{link} resolves");
            assert_eq!(
                updated,
                &format!("{}T00:00:00Z", park["updated"].as_str().unwrap())
            );
        }
        let dates: Vec<&String> = entries.iter().map(|e| &e.3).collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "newest first");
    }
    // The ids do not depend on anything but the site and the park.
    let again = tempfile::tempdir().unwrap();
    build(&repo(), again.path());
    assert_eq!(
        read(&again.path().join("feed.xml")),
        read(&shipped(None).join("feed.xml"))
    );
}

// ---------------------------------------------------------------------------------------------
// parks.csv and parks/<id>/index.json
// ---------------------------------------------------------------------------------------------

#[test]
fn csv_has_a_bom_and_round_trips_with_one_row_per_park() {
    let out = shipped(Some(BASE));
    let bytes = std::fs::read(out.join("data/parks.csv")).unwrap();
    let body = bytes
        .strip_prefix(b"\xef\xbb\xbf")
        .expect("the CSV starts with a UTF-8 byte order mark");
    assert!(std::str::from_utf8(body).is_ok(), "UTF-8");
    assert!(body.ends_with(b"\r\n"), "CRLF line ends");
    let catalogue = json_file(&out.join("data/catalogue.json"));
    let systems: Vec<&str> = catalogue["framework"]["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let mut expected = vec![
        "id",
        "name",
        "name_en",
        "provider",
        "provider_name",
        "level",
        "level_label",
        "type",
        "type_label",
        "region",
        "district",
        "industries",
        "status",
    ];
    expected.extend(&systems);
    expected.extend(["services", "unsupported_claims", "updated", "url"]);
    assert_eq!(header, expected);
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect();
    let parks = catalogue["parks"].as_array().unwrap();
    assert_eq!(rows.len(), parks.len(), "one row per park");
    assert_eq!(rows.len(), ids(&repo(), "parks").len());
    for (row, park) in rows.iter().zip(parks) {
        let s = |key: &str| park[key].as_str().unwrap_or_default();
        assert_eq!(row["id"], s("id"));
        assert_eq!(row["name"], s("name"), "Chinese intact");
        assert_eq!(row["name_en"], s("name_en"));
        assert_eq!(row["provider"], s("provider"));
        assert_eq!(row["level"], s("level"));
        assert_eq!(row["type"], s("type"));
        assert_eq!(row["region"], s("region"));
        assert_eq!(row["district"], s("district"));
        assert_eq!(row["status"], s("status"));
        assert_eq!(row["updated"], s("updated"));
        assert_eq!(row["url"], format!("{BASE}{}", s("url")));
        assert_eq!(row["services"], park["services"].to_string());
        let industries: Vec<&str> = park["industries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap())
            .collect();
        assert_eq!(row["industries"], industries.join(";"));
        for system in &systems {
            assert_eq!(
                row[*system],
                park["systems"][system]["status"].as_str().unwrap()
            );
        }
        let claims = park["requirements"]
            .as_object()
            .unwrap()
            .values()
            .filter(|r| r["unsupported_claim"] == true)
            .count();
        assert_eq!(row["unsupported_claims"], claims.to_string());
        let provider = catalogue["providers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == park["provider"])
            .unwrap();
        assert_eq!(row["provider_name"], provider["name"].as_str().unwrap());
    }
    // One row of the catalogue fixture, whole: labels, the provider's name, its industries, and
    // every requirement met (a provider, two brand features, talent housing).
    let csv = String::from_utf8(
        std::fs::read(fixture_catalogue(Some(BASE)).join("data/parks.csv")).unwrap(),
    )
    .unwrap();
    let delta = "\r\ndelta-park,德尔塔科学城,Delta Science City,delta-group,德尔塔开发集团有限公司,\
                 national,国家级,high-tech-zone,高新技术产业开发区,上海市,浦东新区,集成电路;人工智能,\
                 met,met,met,3,0,2026-06-15,https://example.org/sub/parks/delta-park/\r\n";
    assert!(csv.contains(delta), "{csv}");
    // Without a base URL, the address is relative to the site root, as in catalogue.json.
    let plain = std::fs::read(fixture_catalogue(None).join("data/parks.csv")).unwrap();
    assert!(String::from_utf8(plain)
        .unwrap()
        .contains(",2026-06-15,parks/delta-park/\r\n"));
}

/// Every key and value of `part` is in `whole` (arrays item by item, at the same length).
fn assert_within(part: &Value, whole: &Value, at: &str) {
    match (part, whole) {
        (Value::Object(p), Value::Object(w)) => {
            for (k, v) in p {
                let inner = w.get(k).unwrap_or_else(|| panic!("{at}.{k} is missing"));
                assert_within(v, inner, &format!("{at}.{k}"));
            }
        }
        (Value::Array(p), Value::Array(w)) => {
            assert_eq!(p.len(), w.len(), "{at}");
            for (i, (a, b)) in p.iter().zip(w).enumerate() {
                assert_within(a, b, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(part, whole, "{at}"),
    }
}

#[test]
fn each_park_json_matches_its_yaml_and_the_catalogue() {
    let out = shipped(None);
    let catalogue = json_file(&out.join("data/catalogue.json"));
    let parks = catalogue["parks"].as_array().unwrap();
    assert_eq!(parks.len(), ids(&repo(), "parks").len());
    for park in parks {
        let id = park["id"].as_str().unwrap();
        let data = json_file(&out.join(format!("parks/{id}/index.json")));
        for key in [
            "id",
            "name",
            "name_en",
            "provider",
            "level",
            "type",
            "region",
            "district",
            "industries",
            "updated",
            "url",
        ] {
            assert_eq!(data[key], park[key], "{id}: {key}");
        }
        let c = &data["compliance"];
        assert_eq!(c["status"], park["status"], "{id}");
        assert_eq!(c["systems"], park["systems"], "{id}");
        assert_eq!(c["requirements"], park["requirements"], "{id}");
        // Every field of the YAML, with the YAML's values.
        let mut yaml = yaml_file(&repo().join(format!("content/parks/{id}.yaml")));
        // The brand's keys are kept apart in the model; they come back together.
        let brand = yaml.as_object_mut().unwrap().remove("brand");
        // An assessor given as one name is that name and, for a third party, its organisation:
        // the data always has both fields.
        for a in yaml
            .get_mut("assessments")
            .and_then(|v| v.as_array_mut())
            .into_iter()
            .flatten()
        {
            if let Some(name) = a["assessor"].as_str().map(str::to_string) {
                a["assessor"] = serde_json::json!({ "name": name, "organisation": name });
            }
        }
        assert_within(&yaml, &data, id);
        if let Some(brand) = brand {
            assert_within(&brand, &data["brand"], &format!("{id}.brand"));
        }
        // Absent fields are there too, as null or [], so every file has the same shape.
        for service in data["services"].as_array().unwrap() {
            assert!(service["requirements"].is_array() && service.get("description").is_some());
        }
        assert!(data.get("summary").is_some() && data["assessments"].is_array());
    }
}

// ---------------------------------------------------------------------------------------------
// JSON Schema
// ---------------------------------------------------------------------------------------------

fn schema_output(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(out.code, Some(0), "parkbook {args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).expect("the schema is JSON")
}

fn validator(schema: &Value) -> jsonschema::Validator {
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::meta::validate(schema).expect("a valid draft 2020-12 schema");
    jsonschema::draft202012::new(schema).expect("the schema compiles")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| e.to_string()).collect()
}

#[test]
fn published_schemas_are_what_the_command_prints() {
    let out = fixture_catalogue(Some(BASE));
    let root = fixture("catalogue");
    let root = root.to_str().unwrap();
    let park = read(&out.join("data/schema/park.schema.json"));
    let printed = run(&["schema", "park", "--root", root]);
    assert_eq!(printed.stdout, park);
    let provider = read(&out.join("data/schema/provider.schema.json"));
    let printed = run(&["schema", "provider"]);
    assert_eq!(printed.stdout, provider);
    // The same without a base URL: the schema names no address.
    assert_eq!(
        read(&fixture_catalogue(None).join("data/schema/park.schema.json")),
        park
    );
    // And for the shipped site.
    assert_eq!(
        run(&["schema", "park", "--root", repo().to_str().unwrap()]).stdout,
        read(&shipped(None).join("data/schema/park.schema.json"))
    );

    // The site's schema knows its ids; the generic one does not.
    let site: Value = serde_json::from_str(&park).unwrap();
    let system = &site["properties"]["services"]["items"]["properties"]["system"];
    assert_eq!(system["enum"], json!(["operation", "life"]));
    // A park may name no provider: left empty, the key is null.
    let provider = &site["properties"]["provider"];
    assert_eq!(
        provider["enum"],
        json!(["delta-group", "epsilon-admin", "eta-co", null])
    );
    let generic = schema_output(&["schema", "park"]);
    let system = &generic["properties"]["services"]["items"]["properties"]["system"];
    assert!(system.get("enum").is_none());
    assert_eq!(system["pattern"], "^[a-z0-9]+(-[a-z0-9]+)*$");
    // Descriptions in both languages, for an editor's hover.
    let level = site["properties"]["level"]["description"].as_str().unwrap();
    assert!(
        level.contains("国家级") && level.contains("level"),
        "{level}"
    );

    assert_eq!(run(&["schema"]).code, Some(2));
    assert_eq!(run(&["schema", "parks"]).code, Some(2));
    let missing = run(&["schema", "park", "--root", "/nonexistent-parkbook-root"]);
    assert_eq!(missing.code, Some(1));
}

#[test]
fn schema_accepts_every_shipped_and_fixture_file() {
    for root in [repo(), fixture("base"), fixture("alt-framework")] {
        let r = root.to_str().unwrap();
        let park = validator(&schema_output(&["schema", "park", "--root", r]));
        let generic = validator(&schema_output(&["schema", "park"]));
        let provider = validator(&schema_output(&["schema", "provider"]));
        let parks = ids(&root, "parks");
        assert!(!parks.is_empty());
        for id in parks {
            let data = yaml_file(&root.join(format!("content/parks/{id}.yaml")));
            assert_eq!(errors(&park, &data), Vec::<String>::new(), "{r}: park {id}");
            assert!(generic.is_valid(&data), "{r}: park {id} (generic)");
        }
        for id in ids(&root, "providers") {
            let data = yaml_file(&root.join(format!("content/providers/{id}.yaml")));
            assert_eq!(
                errors(&provider, &data),
                Vec::<String>::new(),
                "{r}: provider {id}"
            );
        }
    }
    // The data files follow the same shape for the YAML's part: the park's own fields.
    let out = shipped(None);
    let park = validator(&json_file(&out.join("data/schema/park.schema.json")));
    let parks = ids(&repo(), "parks");
    assert!(!parks.is_empty());
    for id in parks {
        let mut data = json_file(&out.join(format!("parks/{id}/index.json")));
        for key in ["id", "url", "compliance"] {
            data.as_object_mut().unwrap().remove(key);
        }
        assert_eq!(errors(&park, &data), Vec::<String>::new(), "{id}");
    }
}

/// The base fixture's alpha park, edited: each edit is one of the broken inputs of
/// tests/invalid_inputs.rs that a schema can detect.
const ALPHA: &str = "content/parks/alpha-park.yaml";

#[test]
fn schema_rejects_the_broken_inputs_it_can_detect() {
    let root = fixture("base");
    let schema = validator(&schema_output(&[
        "schema",
        "park",
        "--root",
        root.to_str().unwrap(),
    ]));
    let alpha = read(&root.join(ALPHA));
    assert!(schema.is_valid(&yaml_to_json(&yaml::parse(&alpha).unwrap())));
    let copy = Site::new("base");
    let site = copy.root();
    #[rustfmt::skip]
    let edits: &[(&str, &str, &str)] = &[
        ("unknown key", "summary:", "sumary:"),
        ("unknown key", "district: 浦东新区\n", "district: 浦东新区\ncolour: 红色\n"),
        ("unknown key in a service", "    audience: [talent]\n", "    audiance: [talent]\n"),
        ("unknown key in brand", "  slogan:", "  slogn:"),
        ("quoted boolean", "legal_entity: true", "legal_entity: \"yes\""),
        ("yes is not a boolean", "legal_entity: true", "legal_entity: yes"),
        ("level outside the list", "level: national", "level: nationl"),
        ("type outside the list", "type: high-tech-zone", "type: science-park"),
        ("provider kind", "kind: operating-company", "kind: company"),
        ("assessment kind", "kind: self", "kind: peer"),
        ("declared status", "status: met", "status: done"),
        ("audience value", "audience: [talent]", "audience: [talnt]"),
        ("empty audience", "audience: [talent]", "audience: []"),
        ("missing name", "name: 阿尔法科技园\n", ""),
        ("missing level", "level: national\n", ""),
        ("missing service provider", "    provider: alpha-incubator\n", ""),
        ("missing legal_entity", "    legal_entity: true\n", ""),
        ("empty district", "district: 浦东新区", "district: \"\""),
        ("blank name", "name: 阿尔法科技园", "name: \"  \""),
        ("empty industry", "industries: [集成电路, 生物医药]", "industries: [集成电路, \"\"]"),
        ("industries as a mapping", "industries: [集成电路, 生物医药]", "industries: {a: b}"),
        ("impossible date", "updated: 2026-06-15", "updated: 2026-02-30"),
        ("not a date", "updated: 2026-06-15", "updated: June 2026"),
        ("bad service id", "  - id: one-stop", "  - id: Bad_Service"),
        ("id with a double hyphen", "  - id: one-stop", "  - id: one--stop"),
        ("reserved provider id", "  - id: alpha-incubator", "  - id: integrated"),
        ("long id", "  - id: one-stop", &format!("  - id: {}", "a".repeat(65))),
        ("unknown integrated provider", "provider: alpha-group", "provider: alpha-grup"),
        ("unknown system", "system: life", "system: lfe"),
        ("unknown requirement", "requirements: [life-talent]", "requirements: [life-talnt]"),
        ("requirement of another system", "requirements: [life-talent]", "requirements: [op-brand]"),
        ("unknown assessed requirement", "requirement: op-brand", "requirement: op-brnd"),
        ("a list for a name", "name: 阿尔法科技园", "name: [阿尔法]"),
    ];
    for (what, from, to) in edits {
        assert!(
            alpha.contains(from),
            "{what}: `{from}` is not in the fixture"
        );
        let text = alpha.replacen(from, to, 1);
        let node = yaml::parse(&text).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        let data = yaml_to_json(&node);
        assert!(
            !schema.is_valid(&data),
            "the schema accepts: {what}\n{text}"
        );
        if std::env::var_os("SHOW_SCHEMA_ERRORS").is_some() {
            eprintln!("{what}: {:?}", errors(&schema, &data));
        }
        // And the readers reject it too: the schema is no stricter than `parkbook check`.
        std::fs::write(site.join(ALPHA), &text).unwrap();
        let check = run(&["check", "--root", site.to_str().unwrap()]);
        assert_eq!(check.code, Some(1), "check accepts: {what}\n{text}");
    }
    std::fs::write(site.join(ALPHA), &alpha).unwrap();

    // Whole files, as tests/invalid_inputs.rs writes them.
    let park =
        "name: 测试园区\nprovider: alpha-group\nlevel: district\ntype: other\nregion: 上海市\n";
    assert!(schema.is_valid(&yaml_to_json(&yaml::parse(park).unwrap())));
    for extra in [
        "services: 企业服务\n",
        "services:\n  id: x\n",
        "providers: [a]\n",
        "assessment: self\n",
        "assessment:\n  assessor: 某机构\n",
        "brand: [a]\n",
    ] {
        let text = format!("{park}{extra}");
        let data = yaml_to_json(&yaml::parse(&text).unwrap());
        assert!(!schema.is_valid(&data), "the schema accepts:\n{text}");
    }

    // Optional keys may be left empty (null), as the readers allow.
    let text = alpha.replacen("district: 浦东新区", "district:", 1);
    assert!(schema.is_valid(&yaml_to_json(&yaml::parse(&text).unwrap())));

    let provider = validator(&schema_output(&["schema", "provider"]));
    let gamma = yaml_to_json(&yaml::parse("name: 伽马集团\n").unwrap());
    assert!(!provider.is_valid(&gamma), "a provider without kind");
    for website in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "\" javascript:alert(1)\"",
        "data:text/html,x",
        "//evil.example/",
        "https://a b.example/",
    ] {
        let text = format!("name: 伽马集团\nkind: development-company\nwebsite: {website}\n");
        let data = yaml_to_json(&yaml::parse(&text).unwrap());
        assert!(!provider.is_valid(&data), "website {website}");
    }
    let text =
        "name: 伽马集团\nkind: development-company\nwebsite: HTTPS://gamma.example/\nsummary:\n";
    assert!(provider.is_valid(&yaml_to_json(&yaml::parse(text).unwrap())));
    let text = "name: 伽马集团\nkind: government-agency\nwebsit: https://gamma.example/\n";
    assert!(!provider.is_valid(&yaml_to_json(&yaml::parse(text).unwrap())));
}

/// The date pattern accepts exactly the calendar dates, leap years included.
#[test]
fn schema_date_pattern_is_the_calendar() {
    let schema = schema_output(&["schema", "park"]);
    let updated =
        json!({ "type": "string", "pattern": schema["properties"]["updated"]["pattern"] });
    let v = jsonschema::draft202012::new(&updated).unwrap();
    let days_in = |y: u32, m: u32| match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    };
    let years = (0..=8)
        .chain(396..=404)
        .chain(1896..=2104)
        .chain([9996, 9999]);
    for y in years {
        for m in 0..=13 {
            for d in 0..=32 {
                let date = format!("{y:04}-{m:02}-{d:02}");
                let real = (1..=12).contains(&m) && d >= 1 && d <= days_in(y, m);
                assert_eq!(v.is_valid(&json!(date)), real, "{date}");
            }
        }
    }
    for bad in [
        "2026-6-1",
        "26-06-01",
        "2026-06-01 ",
        "2026/06/01",
        "２０２６-06-01",
    ] {
        assert!(!v.is_valid(&json!(bad)), "{bad}");
    }
}

// ---------------------------------------------------------------------------------------------
// JSON-LD
// ---------------------------------------------------------------------------------------------

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(at, _)| {
            let body = &html[at + open.len()..];
            let end = body.find("</script>").expect("closed");
            serde_json::from_str(&body[..end]).expect("JSON-LD is JSON")
        })
        .collect()
}

const HOSTILE: &str = "</script><script>alert(1)</script>";

#[test]
fn json_ld_is_inert_whatever_the_content() {
    let site = Site::new("base");
    let root = site.root();
    let alpha = read(&root.join(ALPHA));
    let evil = alpha
        .replacen("name: 阿尔法科技园", &format!("name: \"{HOSTILE}\""), 1)
        .replacen("name_en: Alpha Tech Park", "name_en: \"<!-- & ]]> -->\"", 1);
    std::fs::write(root.join("content/parks/evil.yaml"), evil).unwrap();
    let provider = root.join("content/providers/alpha-group.yaml");
    let text = read(&provider);
    let text = text.replacen(
        "short_name: 阿尔法集团",
        &format!("short_name: \"{HOSTILE}\""),
        1,
    );
    std::fs::write(&provider, text).unwrap();
    let out = site.dir().join("out");
    build_with(root, &out, &["--base-url", BASE]);

    for (page, name) in [
        ("parks/evil/index.html", HOSTILE),
        ("providers/alpha-group/index.html", ""),
    ] {
        let html = read(&out.join(page));
        assert!(!html.contains("<script>alert(1)"), "{page}: a live script");
        assert_eq!(json_ld(&html).len(), 1, "{page}");
        // Every script ends where it should: content closes none.
        assert_eq!(
            html.matches("<script").count(),
            html.matches("</script>").count(),
            "{page}"
        );
        for data in json_ld(&html) {
            assert_eq!(data["@context"], "https://schema.org", "{page}");
            let text = data.to_string();
            if page.starts_with("parks/") {
                assert_eq!(data["@type"], "Place");
                assert_eq!(data["name"], name);
                assert_eq!(data["alternateName"], "<!-- & ]]> -->");
                assert_eq!(data["url"], format!("{BASE}parks/evil/"));
                assert_eq!(data["address"]["addressLocality"], "浦东新区");
            } else {
                assert_eq!(data["@type"], "Organization");
                assert_eq!(data["alternateName"], HOSTILE);
            }
            assert!(text.contains("</script>"), "the value survives as data");
        }
    }
    // In the XML files the name is escaped text.
    let feed = read(&out.join("feed.xml"));
    assert!(!feed.contains("<script>"), "feed.xml");
    let titles: Vec<String> = feed_entries(&feed).into_iter().map(|e| e.1).collect();
    assert!(titles.contains(&HOSTILE.to_string()), "{titles:?}");
    let data = json_file(&out.join("parks/evil/index.json"));
    assert_eq!(data["name"], HOSTILE);
}
