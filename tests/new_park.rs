//! `parkbook new park ID`: the file it writes is valid YAML; `check` reports exactly one error
//! per blank and nothing else; filled in, it passes; and every commented example, uncommented
//! alone, stays valid and adds only its own blanks. Run on the fixtures and on the shipped site,
//! so the template is shown to be built from each site's own framework and providers.
//!
//! The template's conventions, which these tests rely on (see `src/new_park.rs`): a blank is
//! `""`; a line starting `##` is a note; a run of lines starting `# ` (after indentation) is one
//! example, uncommented by removing that `# `.

mod common;

use common::process::{Run, BIN};
use common::site::Site;
use parkbook::model::Site as Model;
use parkbook::vocab;

const ID: &str = "new-park";
const REL: &str = "content/parks/new-park.yaml";

/// Runs `parkbook ARGS` in the site root, with messages in English: the assertions below are
/// on English text.
fn run(site: &Site, args: &[&str]) -> Run {
    let out = std::process::Command::new(BIN)
        .args(args)
        .current_dir(site.root())
        .env("PARKBOOK_LANG", "en")
        .output()
        .expect("run parkbook");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && run.code.is_some() && run.code != Some(101),
        "parkbook {args:?} crashed:\n{}",
        run.stderr
    );
    run
}

fn check(site: &Site) -> Run {
    run(site, &["check", "--root", site.root().to_str().unwrap()])
}

/// `parkbook new park new-park` in `site`, which must succeed; returns the file it wrote.
fn new_park(site: &Site) -> String {
    let root = site.root().to_str().unwrap();
    run(site, &["new", "park", ID, "--root", root]).code(0);
    site.read(REL)
}

/// The model of the site, read before the new park is written: where filled values come from.
fn model(site: &Site) -> Model {
    let (model, diags) = parkbook::load::load(site.root());
    assert!(!diags.has_errors(), "the fixture has errors: {diags:?}");
    model.expect("the fixture loads")
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

fn is_example_line(line: &str) -> bool {
    line.trim_start().starts_with("# ")
}

/// A blank `""` of the file: its line and column (from 1), its key, and the top-level key it is
/// under (`None` for a key of the park itself).
#[derive(Debug)]
struct Blank {
    line: usize,
    col: usize,
    key: String,
    section: Option<String>,
}

/// Every blank outside comments, in order.
fn blanks(text: &str) -> Vec<Blank> {
    let mut found = Vec::new();
    let mut section: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        if is_comment(line) || line.trim().is_empty() {
            continue;
        }
        let key = line
            .split(':')
            .next()
            .unwrap()
            .trim()
            .trim_start_matches("- ")
            .to_string();
        let top_level = !line.starts_with(' ');
        if top_level {
            section = None;
        }
        if let Some(at) = line.find("\"\"") {
            assert_eq!(line.matches("\"\"").count(), 1, "one blank a line: {line}");
            assert!(line[..at].is_ascii(), "{line}");
            found.push(Blank {
                line: i + 1,
                col: at + 1,
                key,
                section: section.clone(),
            });
        } else if top_level {
            section = Some(key);
        }
    }
    found
}

/// The start of the message that a blank is reported with.
fn blank_message(b: &Blank) -> String {
    let key = b.key.as_str();
    match key {
        "legal_entity" => "`legal_entity` must be `true` or `false`".to_string(),
        _ => format!("`{key}` is empty"),
    }
}

/// Asserts that `check` reports exactly the blanks of `text`, one error each, at its position,
/// and nothing else.
fn assert_errors_are_the_blanks(site: &Site, text: &str, what: &str) {
    let expected = blanks(text);
    assert!(!expected.is_empty(), "{what}: no blank left");
    let run = check(site);
    run.code(1);
    let errors = run.errors();
    for b in &expected {
        let prefix = format!("{REL}:{}:{}: error: ", b.line, b.col);
        let message = blank_message(b);
        // Inside a list item the message names its key path first: `services[0].id: …`.
        let n = errors
            .iter()
            .filter_map(|e| e.strip_prefix(&prefix))
            .filter(|rest| {
                rest.starts_with(&message)
                    || rest.split_once(": ").is_some_and(|(path, rest)| {
                        path.contains(['[', '.']) && rest.starts_with(&message)
                    })
            })
            .count();
        let prefix = format!("{prefix}{message}");
        assert_eq!(
            n, 1,
            "{what}: expected one `{prefix}…` for {b:?}\n--- stderr:\n{}\n--- file:\n{text}",
            run.stderr
        );
    }
    assert_eq!(
        errors.len(),
        expected.len(),
        "{what}: one error per blank and nothing else\n--- stderr:\n{}\n--- file:\n{text}",
        run.stderr
    );
    let summary = format!("{} error(s), 0 warning(s)", expected.len());
    assert!(run.stderr.contains(&summary), "{what}:\n{}", run.stderr);
}

/// `text` with every blank filled with a valid value of the site.
fn fill(text: &str, m: &Model) -> String {
    // A system with requirements, so that a service's `requirements` can name one of its own.
    let system = m
        .framework
        .systems
        .iter()
        .find(|s| !s.requirements.is_empty())
        .expect("a system with requirements");
    let requirement = system.requirements[0].id.value.as_str();
    let any_requirement = m.framework.requirements().last().unwrap().1.id.as_str();
    // A service is provided by the park's specialized provider when the file has one.
    let has_providers = text.lines().any(|l| l.starts_with("providers:"));
    let blanks = blanks(text);
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for b in &blanks {
        let value = match (b.section.as_deref(), b.key.as_str()) {
            (None, "provider") => m.providers[0].id.as_str(),
            (None, "level") => vocab::LEVELS[0].0,
            (None, "type") => vocab::PARK_TYPES[vocab::PARK_TYPES.len() - 1].0,
            (None, "updated") | (Some("assessments"), "end") => "2026-01-31",
            (Some("assessments"), "start") => "2026-01-01",
            (Some("assessments"), "valid_until") => "2027-01-31",
            (Some("assessments"), "collected") => "2026-01-15",
            (Some("assessments"), "expires") => "2027-01-15",
            (Some("assessments"), "link") => "https://example.org/evidence",
            (None, "name" | "name_en" | "region" | "district" | "industries" | "summary")
            | (Some("brand"), "slogan" | "title" | "description")
            | (Some("providers" | "services"), "name")
            | (Some("services"), "description")
            | (Some("assessments"), "assessor" | "edition" | "statement" | "title") => "已填写",
            (Some("providers"), "id") => "filled-provider",
            (Some("providers"), "kind") => vocab::SPECIALIZED_PROVIDER_KINDS[0].0,
            (Some("providers"), "legal_entity") => "true",
            (Some("services"), "id") => "filled-service",
            (Some("services"), "system") => system.id.as_str(),
            (Some("services"), "audience") => vocab::AUDIENCES[0].0,
            (Some("services"), "provider") if has_providers => "filled-provider",
            (Some("services"), "provider") => parkbook::model::INTEGRATED,
            (Some("services"), "requirements") => requirement,
            (Some("assessments"), "kind") => vocab::ASSESSMENT_KINDS[0].0,
            (Some("assessments"), "requirement") => any_requirement,
            // Not `met`: a claim of met that the new park's data does not bear out is a warning.
            (Some("assessments"), "status") => vocab::STATUSES[1].0,
            _ => panic!("the test does not know how to fill {b:?}"),
        };
        let line = &mut lines[b.line - 1];
        *line = line.replacen("\"\"", value, 1);
    }
    lines.join("\n") + "\n"
}

/// The examples of the file: each a range of line indexes.
fn examples(text: &str) -> Vec<std::ops::Range<usize>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_example_line(lines[i]) {
            let start = i;
            while i < lines.len() && is_example_line(lines[i]) {
                i += 1;
            }
            found.push(start..i);
        } else {
            i += 1;
        }
    }
    found
}

/// `text` with the lines of `example` uncommented: the `# ` after their indentation removed.
fn uncomment(text: &str, example: &std::ops::Range<usize>) -> String {
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if example.contains(&i) {
                let indent = l.len() - l.trim_start().len();
                format!("{}{}", &l[..indent], &l[indent + 2..])
            } else {
                l.to_string()
            }
        })
        .collect();
    lines.join("\n") + "\n"
}

fn passes(site: &Site, text: &str, what: &str) {
    site.write(REL, text);
    let run = check(site);
    assert_eq!(
        run.code,
        Some(0),
        "{what}: check should pass\n--- stderr:\n{}\n--- file:\n{text}",
        run.stderr
    );
    let out = format!("{}{}", run.stdout, run.stderr);
    // The other parks of a site may have warnings of their own; the new one has none.
    assert!(out.contains("0 error(s), "), "{what}:\n{out}");
    assert!(!out.contains(&format!("{REL}:")), "{what}:\n{out}");
}

/// The whole contract, on one site.
fn template_contract(site: &Site) {
    let m = model(site);
    let text = new_park(site);

    // Valid YAML as written, and so with every example uncommented.
    parkbook::load::yaml::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let all = examples(&text)
        .iter()
        .fold(text.clone(), |t, e| uncomment(&t, e));
    parkbook::load::yaml::parse(&all).unwrap_or_else(|e| panic!("{e:?}\n{all}"));

    // No value is written that could pass: every line outside comments opens a mapping or a
    // list (`key:`) or holds a blank, in the template and in every example.
    for line in all
        .lines()
        .filter(|l| !is_comment(l) && !l.trim().is_empty())
    {
        let value = line.split_once(':').map_or(line, |(_, v)| v).trim();
        assert!(
            value.is_empty() || value == "\"\"" || value == "[\"\"]",
            "a value is pre-filled: `{line}`"
        );
    }

    // Every key the reader takes is either a blank or in an example.
    let keys = parkbook::load::keys::PARK
        .iter()
        .chain(parkbook::load::keys::BRAND)
        .chain(parkbook::load::keys::FEATURE)
        .chain(parkbook::load::keys::SPECIALIZED_PROVIDER)
        .chain(parkbook::load::keys::SERVICE)
        .chain(parkbook::load::keys::ASSESSMENT)
        .chain(parkbook::load::keys::RESULT);
    // `assessment` and its `date` are the older form of `assessments` and `end`: the template
    // writes the current one.
    for key in keys.filter(|k| !["assessment", "date"].contains(k)) {
        let written = all.lines().any(|l| {
            let l = l.trim_start().trim_start_matches("- ");
            !is_comment(l) && l.starts_with(&format!("{key}:"))
        });
        assert!(written, "the template never offers `{key}`:\n{all}");
    }

    // As written: one error per blank, nothing else. Filled: it passes.
    assert_errors_are_the_blanks(site, &text, "the template");
    passes(site, &fill(&text, &m), "the template filled in");

    // Each example alone: valid, its blanks are the only new errors, and filled it passes.
    let examples = examples(&text);
    assert!(examples.len() >= 5, "examples: {examples:?}\n{text}");
    for example in &examples {
        let lines: Vec<&str> = text.lines().collect();
        let what = format!("example `{}`", lines[example.start].trim());
        let one = uncomment(&text, example);
        assert!(
            blanks(&one).len() > blanks(&text).len(),
            "{what} has no blank of its own"
        );
        site.write(REL, &one);
        assert_errors_are_the_blanks(site, &one, &what);
        passes(site, &fill(&one, &m), &format!("{what}, filled in"));
    }

    // All examples at once: filled, it passes too.
    site.write(REL, &all);
    assert_errors_are_the_blanks(site, &all, "every example");
    passes(site, &fill(&all, &m), "every example, filled in");
}

#[test]
fn the_template_of_the_base_fixture_fails_per_blank_and_passes_filled() {
    let site = Site::new("base");
    template_contract(&site);
    // Filled in with every example, it builds into a park page.
    let root = site.root().to_str().unwrap();
    run(&site, &["build", "--root", root]).code(0);
    assert!(site.output().join("parks/new-park/index.html").is_file());
}

#[test]
fn the_template_of_another_framework_fails_per_blank_and_passes_filled() {
    template_contract(&Site::new("alt-framework"));
}

#[test]
fn the_template_of_the_shipped_site_fails_per_blank_and_passes_filled() {
    template_contract(&Site::copy_of(&common::repo()));
}

/// The choices are the site's own, in notes only, with their Chinese labels.
#[test]
fn the_template_offers_the_sites_choices_in_notes() {
    let site = Site::new("base");
    let m = model(&site);
    let text = new_park(&site);
    let notes: String = text
        .lines()
        .filter(|l| l.trim_start().starts_with("##"))
        .collect::<Vec<_>>()
        .join("\n");
    let not_notes: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("##"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut ids: Vec<String> = m.providers.iter().map(|p| p.id.clone()).collect();
    for system in &m.framework.systems {
        ids.push(system.id.value.clone());
        ids.extend(system.requirements.iter().map(|r| r.id.value.clone()));
    }
    assert!(ids.len() > 5);
    for id in &ids {
        assert!(
            notes.contains(&format!("{id}（")),
            "`{id}` is not offered:\n{text}"
        );
        assert!(
            !not_notes.contains(id.as_str()),
            "`{id}` is written outside a note:\n{text}"
        );
    }
    for v in [
        vocab::LEVELS,
        vocab::PARK_TYPES,
        vocab::SPECIALIZED_PROVIDER_KINDS,
        vocab::AUDIENCES,
        vocab::ASSESSMENT_KINDS,
        vocab::STATUSES,
    ] {
        for (code, label) in v {
            assert!(
                notes.contains(&format!("{code}（{label}）")),
                "`{code}（{label}）` is not offered:\n{text}"
            );
        }
    }
    // Notes are in Chinese first.
    assert!(text.starts_with("## 园区服务体系文件"), "{text}");

    // Another framework's template names its systems, none of these.
    let other = Site::new("alt-framework");
    let other_model = model(&other);
    let other_text = new_park(&other);
    for system in &other_model.framework.systems {
        assert!(other_text.contains(&format!("{}（{}）", system.id.value, system.name)));
    }
    for id in &ids {
        assert!(
            !other_text.contains(&format!("{id}（")),
            "`{id}` of another site:\n{other_text}"
        );
    }
}

#[test]
fn new_park_refuses_to_overwrite() {
    let site = Site::new("base");
    let text = new_park(&site);
    let root = site.root().to_str().unwrap();
    let again = run(&site, &["new", "park", ID, "--root", root]);
    again.code(1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(site.read(REL), text);
}

/// `parkbook new park new-park` in `site`, which must refuse with exit 1 and `says`.
fn refused(site: &Site, says: &str) {
    let root = site.root().to_str().unwrap();
    let run = run(site, &["new", "park", ID, "--root", root]);
    run.code(1);
    assert!(
        run.stderr.contains(says) && run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn new_park_never_writes_through_a_link_out_of_content() {
    use std::os::unix::fs::symlink;
    // content/parks a link to a folder elsewhere: refused, nothing written there.
    let site = Site::new("base");
    let elsewhere = site.dir().join("elsewhere");
    std::fs::rename(site.path("content/parks"), &elsewhere).unwrap();
    symlink(&elsewhere, site.path("content/parks")).unwrap();
    let before = common::files(&elsewhere);
    refused(
        &site,
        &format!(
            "content/parks is a symbolic link leading out of content/ (to {})",
            elsewhere.display()
        ),
    );
    assert_eq!(common::files(&elsewhere), before);

    // The file name a link that leads nowhere yet: following it would create the target.
    let site = Site::new("base");
    let outside = site.dir().join("outside.yaml");
    symlink(&outside, site.path(REL)).unwrap();
    refused(
        &site,
        &format!(
            "{REL} is a symbolic link (to {}); refusing to write through it",
            outside.display()
        ),
    );
    assert!(!outside.exists(), "written through the link");
    assert!(std::fs::symlink_metadata(site.path(REL))
        .unwrap()
        .file_type()
        .is_symlink());

    // The file name a link to a file that exists: refused, the file unchanged.
    std::fs::write(&outside, "secret: 1\n").unwrap();
    refused(&site, "is a symbolic link (to ");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "secret: 1\n");

    // A content/parks that links to a folder inside content/ is the site's own layout.
    let site = Site::new("base");
    let inside = site.path("content/data/parks");
    std::fs::create_dir_all(inside.parent().unwrap()).unwrap();
    std::fs::rename(site.path("content/parks"), &inside).unwrap();
    symlink("data/parks", site.path("content/parks")).unwrap();
    new_park(&site);
    assert!(inside.join("new-park.yaml").is_file());
}
