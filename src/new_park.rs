//! `parkbook new park ID`: a commented park file with blanks to fill. The systems, requirements
//! and providers it mentions are read from the site, so it fits any framework.

use crate::diagnostics::Diagnostics;
use crate::load::reader::id_problem;
use crate::messages::Msg;
use crate::msg;
use crate::vocab;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum NewParkError {
    /// The id, and what is wrong with it.
    BadId(String, Msg),
    Exists(PathBuf),
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
    let path = root.join("content/parks").join(format!("{id}.yaml"));
    if path.exists() {
        return Err(NewParkError::Exists(path));
    }
    let (site, mut diags) = crate::load::load(root);
    diags.sort();
    let site = site.ok_or(NewParkError::Site(diags))?;
    let text = template(&site);
    std::fs::create_dir_all(path.parent().unwrap_or(root))
        .map_err(|e| NewParkError::Io(path.clone(), e))?;
    std::fs::write(&path, text).map_err(|e| NewParkError::Io(path.clone(), e))?;
    Ok(path)
}

fn choices(v: vocab::Vocabulary) -> String {
    v.iter()
        .map(|(id, label)| format!("{id} ({label})"))
        .collect::<Vec<_>>()
        .join(" | ")
}

pub fn template(site: &crate::model::Site) -> String {
    let mut t = String::new();
    let providers: Vec<&str> = site.providers.iter().map(|p| p.id.as_str()).collect();
    let first_system = site.framework.systems.first().map_or("", |s| s.id.as_str());
    let _ = writeln!(
        t,
        "# A park's service system. Fill in every \"\" and run `parkbook check`."
    );
    let _ = writeln!(
        t,
        "# Keys that are not listed here are errors, so a misspelling never goes unnoticed.\n"
    );
    let _ = writeln!(t, "name: \"\"                    # the park's Chinese name");
    let _ = writeln!(t, "# name_en: \"\"               # optional English name");
    let _ = writeln!(
        t,
        "# provider: the integrated service provider (its brand); one of: {}",
        providers.join(", ")
    );
    let _ = writeln!(
        t,
        "provider: {}",
        providers.first().copied().unwrap_or("\"\"")
    );
    let _ = writeln!(t, "# level: {}", choices(vocab::LEVELS));
    let _ = writeln!(t, "level: national");
    let _ = writeln!(t, "# type: {}", choices(vocab::PARK_TYPES));
    let _ = writeln!(t, "type: other");
    let _ = writeln!(t, "region: \"\"                  # e.g. 上海市");
    let _ = writeln!(t, "district: \"\"                # e.g. 浦东新区");
    let _ = writeln!(t, "industries: []              # e.g. [集成电路, 生物医药]");
    let _ = writeln!(t, "summary: \"\"                 # Markdown");
    let _ = writeln!(t, "brand:");
    let _ = writeln!(t, "  slogan: \"\"");
    let _ = writeln!(
        t,
        "  features:                 # service features and brand characteristics"
    );
    let _ = writeln!(t, "    - title: \"\"");
    let _ = writeln!(t, "      description: \"\"");
    let _ = writeln!(
        t,
        "# Specialized service providers that the services below use."
    );
    let _ = writeln!(t, "# kind: {}", choices(vocab::SPECIALIZED_PROVIDER_KINDS));
    let _ = writeln!(t, "providers: []");
    let _ = writeln!(t, "#  - id: my-provider");
    let _ = writeln!(t, "#    name: \"\"");
    let _ = writeln!(t, "#    kind: operating-company");
    let _ = writeln!(t, "#    legal_entity: true");
    let _ = writeln!(t, "# Services, each in one system of the framework:");
    for s in &site.framework.systems {
        let reqs: Vec<&str> = s.requirements.iter().map(|r| r.id.as_str()).collect();
        let _ = writeln!(
            t,
            "#   {} — {} (requirements: {})",
            s.id.value,
            s.name,
            reqs.join(", ")
        );
    }
    let _ = writeln!(t, "# audience: {}", choices(vocab::AUDIENCES));
    let _ = writeln!(
        t,
        "# provider: `integrated` (the park's own provider) or an id from `providers` above"
    );
    let _ = writeln!(t, "services:");
    let _ = writeln!(t, "  - id: first-service");
    let _ = writeln!(t, "    system: {first_system}");
    let _ = writeln!(t, "    name: \"\"");
    let _ = writeln!(t, "    audience: [enterprise]");
    let _ = writeln!(t, "    provider: integrated");
    let _ = writeln!(t, "    description: \"\"");
    let _ = writeln!(
        t,
        "# Your own assessment (optional). kind: {}",
        choices(vocab::ASSESSMENT_KINDS)
    );
    let _ = writeln!(t, "# status: {}", choices(vocab::STATUSES));
    let _ = writeln!(t, "# assessment:");
    let _ = writeln!(t, "#   kind: self");
    let _ = writeln!(t, "#   assessor: \"\"");
    let _ = writeln!(t, "#   date: 2026-01-31");
    let _ = writeln!(t, "#   results:");
    let _ = writeln!(
        t,
        "#     - requirement: <a requirement id from the list above>"
    );
    let _ = writeln!(t, "#       status: met");
    let _ = writeln!(t, "#       evidence: \"\"");
    let _ = writeln!(t, "# updated: 2026-01-31");
    t
}
