//! `parkbook new park ID`: a commented park file with blanks to fill. The systems, requirements
//! and providers it mentions are read from the site, so it fits any framework.
//!
//! The file is valid YAML as written and holds no value that passes `parkbook check`:
//!
//! - a **blank** is `key: ""` (or `key: [""]` for a list); each one is exactly one error until it
//!   is filled, and nothing else is an error;
//! - a line starting `##` is a note (in Chinese first), never meant to be uncommented; the values
//!   a key takes are listed there as `code（中文）`, the site's own ids among them;
//! - a run of lines starting `# ` is an **example** of an optional part: removing the `# ` from
//!   each of its lines gives valid YAML whose only new errors are its own blanks. Each example is
//!   a whole key (`# brand:` with its items), never a second copy of a key written above.

use crate::diagnostics::Diagnostics;
use crate::load::reader::id_problem;
use crate::messages::Msg;
use crate::msg;
use crate::vocab;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum NewParkError {
    /// The id, and what is wrong with it.
    BadId(String, Msg),
    Exists(PathBuf),
    /// `content/parks` is a symbolic link that leads out of `content/`: the link, and where.
    ParksOutside(PathBuf, PathBuf),
    /// The file to write is a symbolic link (dangling or not): the link, and where it leads.
    Symlink(PathBuf, PathBuf),
    Io(PathBuf, std::io::Error),
    Site(Diagnostics),
}

impl NewParkError {
    /// What went wrong, as the catalogue says it.
    pub fn msg(&self) -> Msg {
        match self {
            NewParkError::BadId(id, problem) => {
                msg!("new-park-bad-id", id = id).msg("problem", problem.clone())
            }
            NewParkError::Exists(path) => msg!("new-park-exists", path = path.display()),
            NewParkError::ParksOutside(path, target) => msg!(
                "new-park-parks-outside",
                path = path.display(),
                target = target.display()
            ),
            NewParkError::Symlink(path, target) => msg!(
                "new-park-symlink",
                path = path.display(),
                target = target.display()
            ),
            NewParkError::Io(path, e) => msg!("cannot-write", path = path.display(), error = e),
            NewParkError::Site(_) => Msg::new("new-park-site-has-errors"),
        }
    }
}

impl std::fmt::Display for NewParkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().text(crate::messages::lang()))
    }
}

impl std::error::Error for NewParkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NewParkError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

pub fn new_park(root: &Path, id: &str) -> Result<PathBuf, NewParkError> {
    if let Some(problem) = id_problem(id) {
        return Err(NewParkError::BadId(id.to_string(), problem));
    }
    let content = root.join("content");
    let parks = content.join("parks");
    let path = parks.join(format!("{id}.yaml"));
    refuse_links(&content, &parks, &path)?;
    let (site, mut diags) = crate::load::load(root);
    diags.sort();
    let site = site.ok_or(NewParkError::Site(diags))?;
    let text = template(&site);
    std::fs::create_dir_all(&parks).map_err(|e| NewParkError::Io(path.clone(), e))?;
    write_new(&path, &text)?;
    Ok(path)
}

/// Refuses a `content/parks` that leads out of `content/` and a file name that is a link or
/// exists: `new park` writes a new file into the site, never through a link to somewhere else
/// (a link to `/etc/cron.d/x` planted in a submission must not make it write there).
fn refuse_links(content: &Path, parks: &Path, path: &Path) -> Result<(), NewParkError> {
    let target = |link: &Path| std::fs::read_link(link).unwrap_or_default();
    if std::fs::symlink_metadata(parks).is_ok() {
        // A link inside content/ (parks kept in a subfolder) is the site's own affair.
        let inside = match (parks.canonicalize(), content.canonicalize()) {
            (Ok(parks), Ok(content)) => parks.starts_with(content),
            _ => false,
        };
        if !inside {
            return Err(NewParkError::ParksOutside(
                parks.to_path_buf(),
                target(parks),
            ));
        }
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            Err(NewParkError::Symlink(path.to_path_buf(), target(path)))
        }
        Ok(_) => Err(NewParkError::Exists(path.to_path_buf())),
        Err(_) => Ok(()),
    }
}

/// Writes `text` to a file that must not exist yet: created exclusively, so a link or file put
/// there since it was looked at is refused rather than followed or overwritten, and removed
/// again if the write fails, so that no half-written park is left.
fn write_new(path: &Path, text: &str) -> Result<(), NewParkError> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => match std::fs::read_link(path) {
                Ok(target) => NewParkError::Symlink(path.to_path_buf(), target),
                Err(_) => NewParkError::Exists(path.to_path_buf()),
            },
            _ => NewParkError::Io(path.to_path_buf(), e),
        })?;
    if let Err(e) = file.write_all(text.as_bytes()) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(NewParkError::Io(path.to_path_buf(), e));
    }
    Ok(())
}

/// Notes are wrapped to about this many columns (a Chinese character takes two).
const WIDTH: usize = 100;

/// The columns `s` takes in a monospaced editor: wide (CJK, full-width) characters count two.
fn columns(s: &str) -> usize {
    s.chars().map(|c| if c >= '\u{2e80}' { 2 } else { 1 }).sum()
}

/// `code（中文）` for each value of a vocabulary.
fn vocab_choices(v: vocab::Vocabulary) -> Vec<String> {
    v.iter()
        .map(|(code, label)| format!("{code}（{label}）"))
        .collect()
}

/// The template being written, line by line.
struct Template(String);

impl Template {
    fn line(&mut self, line: &str) {
        self.0.push_str(line);
        self.0.push('\n');
    }

    fn gap(&mut self) {
        self.0.push('\n');
    }

    /// A note: `##` lines at `indent`.
    fn note(&mut self, indent: &str, text: &str) {
        if text.is_empty() {
            self.line(&format!("{indent}##"));
        } else {
            self.line(&format!("{indent}## {text}"));
        }
    }

    /// A note `label` followed by `choices`: on the same line when they fit (`per_line` 0),
    /// else on lines of their own below it, indented under it, `per_line` to a line at most.
    fn choices(&mut self, indent: &str, label: &str, choices: &[String], per_line: usize) {
        let one_line = format!("{label}{}", choices.join("| "));
        if per_line == 0 && columns(indent) + 3 + columns(&one_line) <= WIDTH {
            self.note(indent, &one_line);
            return;
        }
        self.note(indent, label);
        let under = &label[..label.len() - label.trim_start().len()];
        let lead = format!("{indent}## {under}  ");
        let mut current = String::new();
        let mut count = 0;
        for choice in choices {
            let full = per_line != 0 && count == per_line;
            let long = columns(&lead) + columns(&current) + 2 + columns(choice) > WIDTH;
            if !current.is_empty() && (full || long) {
                self.line(&format!("{lead}{current}"));
                current.clear();
                count = 0;
            }
            if !current.is_empty() {
                current.push_str("| ");
            }
            current.push_str(choice);
            count += 1;
        }
        if !current.is_empty() {
            self.line(&format!("{lead}{current}"));
        }
    }

    /// An example: each line commented out with `# ` at `indent`.
    fn example(&mut self, indent: &str, lines: &[&str]) {
        for line in lines {
            self.line(&format!("{indent}# {line}"));
        }
    }
}

/// The park file that `parkbook new park` writes, for `site`: every blank `""`, every optional
/// part a commented example, every choice taken from the site's framework and providers and from
/// the vocabularies.
pub fn template(site: &crate::model::Site) -> String {
    let mut t = Template(String::new());
    let systems = &site.framework.systems;

    for line in [
        "园区服务体系文件：一个园区的名称、集成服务商、服务和评价。",
        "A park's service system: its name, integrated service provider, services and assessment.",
        "",
        "怎样填写：",
        "  · 把每个 \"\" 换成实际内容（可填的值写在该项上方的说明里）。还有 \"\" 没填时，",
        "    `parkbook check` 会逐项报错；全部填好后运行它，直到没有错误。",
        "  · 以 \"# \" 开头的几行是可选内容的示例：要用时，去掉这一段每行开头的 \"# \"，",
        "    再填写其中的 \"\"；示例里用不到的可选项可以整行删除。",
        "  · 以 \"##\" 开头的是说明，可以保留，也可以删除。",
        "  · 键名（name、provider 等）照原样保留：写错或多出的键都会报错。",
        "How to fill in: replace every \"\" (the note above a key lists what it takes), then run",
        "`parkbook check` until it reports no error. Lines starting \"# \" are examples of optional",
        "parts: remove the \"# \" from each line of one to use it. Lines starting \"##\" are notes.",
    ] {
        t.note("", line);
    }
    t.gap();

    t.note("", "name：园区名称（中文全称）");
    t.line("name: \"\"");
    t.gap();
    t.note("", "name_en：园区英文名称（可选）");
    t.example("", &["name_en: \"\""]);
    t.gap();

    let providers: Vec<String> = site
        .providers
        .iter()
        .map(|p| format!("{}（{}）", p.id, p.name))
        .collect();
    if providers.is_empty() {
        t.note(
            "",
            "provider：园区集成服务商（运营本园区的品牌），填 content/providers/ 下某个文件的 id；",
        );
        t.note(
            "",
            "  本站还没有集成服务商，请先在 content/providers/ 下添加一个",
        );
    } else {
        t.choices(
            "",
            "provider：园区集成服务商（运营本园区的品牌），填 content/providers/ 下某个文件的 id，可选：",
            &providers,
            1,
        );
    }
    t.line("provider: \"\"");
    t.gap();

    t.choices(
        "",
        "level：园区级别，可选：",
        &vocab_choices(vocab::LEVELS),
        0,
    );
    t.line("level: \"\"");
    t.gap();
    t.choices(
        "",
        "type：园区类型，可选：",
        &vocab_choices(vocab::PARK_TYPES),
        0,
    );
    t.line("type: \"\"");
    t.gap();

    let regions: std::collections::BTreeSet<&str> = site
        .parks
        .iter()
        .map(|p| p.region.trim())
        .filter(|r| !r.is_empty())
        .collect();
    if regions.is_empty() {
        t.note("", "region：所在地区（省、自治区、直辖市）");
    } else {
        let mut known: Vec<&str> = regions.iter().copied().take(12).collect();
        if regions.len() > known.len() {
            known.push("……");
        }
        t.note(
            "",
            &format!(
                "region：所在地区（省、自治区、直辖市）；本站已有的写法：{}",
                known.join("、")
            ),
        );
    }
    t.line("region: \"\"");
    t.gap();
    t.note("", "district：所在区县（可选）");
    t.example("", &["district: \"\""]);
    t.gap();
    t.note(
        "",
        "industries：主导产业（可选），可列多项，写作 [产业一, 产业二]",
    );
    t.example("", &["industries: [\"\"]"]);
    t.gap();
    t.note("", "summary：园区简介（可选，可用 Markdown）");
    t.example("", &["summary: \"\""]);
    t.gap();

    t.note("", "brand：园区品牌（可选）。slogan：服务口号；");
    t.note(
        "",
        "  features：服务特色和品牌特征，可列多项，每项以 \"- title\" 开头，description 可选",
    );
    t.example(
        "",
        &[
            "brand:",
            "  slogan: \"\"",
            "  features:",
            "    - title: \"\"",
            "      description: \"\"",
        ],
    );
    t.gap();

    t.note(
        "",
        "providers：园区专业服务商（可选），即下面的服务用到的、集成服务商以外的服务单位；",
    );
    t.note(
        "",
        "  可列多项，每项以 \"- id\" 开头。id：小写字母 a-z、数字和连字符，本文件内不重复",
    );
    t.choices(
        "",
        "  kind：",
        &vocab_choices(vocab::SPECIALIZED_PROVIDER_KINDS),
        0,
    );
    t.note(
        "",
        "  legal_entity：是否具有法人资格，true（是）| false（否）",
    );
    t.example(
        "",
        &[
            "providers:",
            "  - id: \"\"",
            "    name: \"\"",
            "    kind: \"\"",
            "    legal_entity: \"\"",
        ],
    );
    t.gap();

    t.note(
        "",
        "services：园区的服务，每项属于框架中的一个体系；可列多项，每项以 \"- id\" 开头（复制整段再改）",
    );
    t.line("services:");
    t.note(
        "  ",
        "id：服务标识，小写字母 a-z、数字和连字符，本文件内不重复",
    );
    t.line("  - id: \"\"");
    let system_choices: Vec<String> = systems
        .iter()
        .map(|s| format!("{}（{}）", s.id.value, s.name))
        .collect();
    t.choices("    ", "system：所属体系，可选：", &system_choices, 1);
    t.line("    system: \"\"");
    t.note("    ", "name：服务名称");
    t.line("    name: \"\"");
    t.choices(
        "    ",
        "audience：服务对象，可多选，写作 [a, b]，可选：",
        &vocab_choices(vocab::AUDIENCES),
        0,
    );
    t.line("    audience: [\"\"]");
    t.note(
        "    ",
        &format!(
            "provider：提供方，{}（本园区的集成服务商）或上面 providers 中某一项的 id",
            crate::model::INTEGRATED
        ),
    );
    t.line("    provider: \"\"");
    t.note("    ", "description：服务说明（可选，可用 Markdown）");
    t.example("    ", &["description: \"\""]);
    // Requirements are offered only where the framework has some: an example must be fillable.
    let has_requirements = systems.iter().any(|s| !s.requirements.is_empty());
    if has_requirements {
        t.note(
            "    ",
            "requirements：本服务支撑的框架要求（可选），可多选，须是本服务所属体系的要求：",
        );
        for s in systems.iter().filter(|s| !s.requirements.is_empty()) {
            let reqs: Vec<String> = s
                .requirements
                .iter()
                .map(|r| format!("{}（{}）", r.id.value, r.title))
                .collect();
            t.choices(
                "    ",
                &format!("  {}（{}）：", s.id.value, s.name),
                &reqs,
                1,
            );
        }
        t.example("    ", &["requirements: [\"\"]"]);
    }
    t.gap();

    if has_requirements {
        t.note(
            "",
            "assessments：园区服务体系的各次评价（可选），每次一个 \"- kind\"，每项要求一个 \"- requirement\"。",
        );
        t.choices("", "  kind：", &vocab_choices(vocab::ASSESSMENT_KINDS), 0);
        t.note(
            "",
            "  assessor：评价主体；第三方评价写评价机构名称，或写 name 与 organisation 两项",
        );
        t.note(
            "",
            "  start、end：评价开始与完成日期；valid_until：有效期至，过期后不再计入声明；均写作 YYYY-MM-DD（可选）",
        );
        t.note("", "  edition：评价所依据的标准版本（可选）");
        t.note(
            "",
            "  requirement：要求的 id，见上面服务的 requirements 说明",
        );
        t.choices("", "  status：", &vocab_choices(vocab::STATUSES), 0);
        t.note("", "  statement：评价结论（可选，可用 Markdown）");
        t.note(
            "",
            "  evidence：证据（可选），每项写 title，以及 link（网址）或 file（文件名），collected 收集日期，expires 失效日期",
        );
        t.example(
            "",
            &[
                "assessments:",
                "  - kind: \"\"",
                "    assessor: \"\"",
                "    start: \"\"",
                "    end: \"\"",
                "    valid_until: \"\"",
                "    edition: \"\"",
                "    results:",
                "      - requirement: \"\"",
                "        status: \"\"",
                "        statement: \"\"",
                "        evidence:",
                "          - title: \"\"",
                "            link: \"\"",
                "            collected: \"\"",
                "            expires: \"\"",
            ],
        );
        t.gap();
    }

    t.note("", "updated：本文件最近更新的日期（可选），写作 YYYY-MM-DD");
    t.example("", &["updated: \"\""]);
    t.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(indent: &str, label: &str, items: &[String], per_line: usize) -> String {
        let mut t = Template(String::new());
        t.choices(indent, label, items, per_line);
        t.0
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(columns("ab"), 2);
        assert_eq!(columns("园区（ab）"), 10);
    }

    #[test]
    fn choices_fit_on_the_line_or_wrap_under_their_label() {
        let two = ["a（甲）".to_string(), "b（乙）".to_string()];
        assert_eq!(choices("", "k：", &two, 0), "## k：a（甲）| b（乙）\n");
        assert_eq!(
            choices("    ", "  k：", &two, 1),
            "    ##   k：\n    ##     a（甲）\n    ##     b（乙）\n"
        );
        let many: Vec<String> = (0..40).map(|i| format!("code-{i}（标签）")).collect();
        let text = choices("  ", "k：", &many, 0);
        assert!(text.lines().count() > 3, "{text}");
        assert!(text.lines().all(|l| columns(l) <= WIDTH), "{text}");
        let listed: Vec<&str> = text
            .lines()
            .skip(1)
            .flat_map(|l| l.trim_start_matches("  ##   ").split("| "))
            .collect();
        assert_eq!(listed, many);
    }

    /// A framework without requirements gets no example that names one: it could not be filled.
    #[test]
    fn no_requirement_examples_without_requirements() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        let (site, _) = crate::load::load(&root);
        let mut site = site.unwrap();
        let with = template(&site);
        assert!(with.contains("# requirements: [\"\"]") && with.contains("# assessments:"));
        site.framework
            .systems
            .iter_mut()
            .for_each(|s| s.requirements.clear());
        let without = template(&site);
        for gone in [
            "requirements：",
            "# requirements:",
            "assessments：",
            "# assessments:",
        ] {
            assert!(!without.contains(gone), "{without}");
        }
        crate::load::yaml::parse(&without).unwrap();
    }
}
