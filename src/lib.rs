//! parkbook: a static site generator for a service standard and the catalogue of parks that
//! meet it. The pipeline, top to bottom:
//!
//! 1. `load`: read `content/` into the model, with every problem and its position;
//! 2. `validate`: check references between files;
//! 3. `compliance`: compute each park's standing against the framework;
//! 4. `render`: build views and render every page in parallel;
//! 5. `write`: stage the site and swap it into the output folder.

pub mod compliance;
pub mod data;
pub mod dates;
pub mod diagnostics;
pub mod diff;
pub mod escape;
pub mod feeds;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod incremental;
pub mod links;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod new_park;
pub mod pages;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod timings;
pub mod validate;
pub mod views;
pub mod vocab;
pub mod warnings;
pub mod write;

use compliance::ParkCompliance;
use diagnostics::{Diagnostic, Diagnostics};
use model::Site;
use std::path::Path;

/// A site that loaded and validated without errors, with its compliance computed.
pub struct Checked {
    pub site: Site,
    pub compliance: Vec<ParkCompliance>,
    /// Warnings only.
    pub diagnostics: Diagnostics,
}

/// Loads, validates and evaluates a site root. Errors come back all together, sorted.
pub fn check(root: &Path) -> Result<Checked, Diagnostics> {
    let mut timer = timings::Timer::start();
    let (site, mut diags) = load::load(root);
    timer.mark("load");
    let Some(site) = site else {
        diags.sort();
        return Err(diags);
    };
    validate::validate(&site, &mut diags);
    lint::standard(&site.standard, &mut diags);
    diags.sort();
    timer.mark("validate");
    if diags.has_errors() {
        return Err(diags);
    }
    let compliance = evaluate_all(&site);
    let today = crate::dates::days_from_date(&site.as_of).unwrap_or_default();
    warnings::review(&site, &compliance, today, &mut diags);
    diags.sort();
    timer.mark("compliance");
    Ok(Checked {
        site,
        compliance,
        diagnostics: diags,
    })
}

pub fn evaluate_all(site: &Site) -> Vec<ParkCompliance> {
    use rayon::prelude::*;
    let ids = compliance::Ids::new(&site.framework);
    let providers: rustc_hash::FxHashMap<&str, &model::Provider> =
        site.providers.iter().map(|p| (p.id.as_str(), p)).collect();
    site.parks
        .par_iter()
        .map(|park| compliance::evaluate(park, &site.framework, &providers, &ids, &site.as_of))
        .collect()
}

pub struct BuildOptions<'a> {
    pub root: &'a Path,
    pub output: &'a Path,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
}

pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub warnings: Diagnostics,
}

/// Checks a site and loads its theme: everything rendering needs. The third value is warnings.
pub fn prepare(
    root: &Path,
    base_url: Option<String>,
) -> Result<(Checked, pages::theme::Theme, Diagnostics), Diagnostics> {
    // The theme's templates are compiled while the content loads.
    let (checked, early_theme) = rayon::join(
        || check(root),
        || {
            let name = load::theme_name(root);
            let mut diags = Diagnostics::default();
            let theme = pages::theme::load(root, &name, &mut diags);
            (name, theme, diags)
        },
    );
    let mut checked = checked?;
    if let Some(url) = base_url {
        let url = if url.ends_with('/') {
            url
        } else {
            format!("{url}/")
        };
        checked.site.config.base_url = Some(url);
    }
    let mut diags = std::mem::take(&mut checked.diagnostics);
    let (name, theme, theme_diags) = early_theme;
    let theme = if name == checked.site.config.theme {
        diags.extend(theme_diags);
        theme
    } else {
        pages::theme::load(root, &checked.site.config.theme, &mut diags)
    };
    let Some(theme) = theme else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((checked, theme, diags))
}

/// `parkbook build`: check, render, write. Pages stream into a staging folder as they are
/// rendered; it replaces the output only when the whole site succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let (checked, theme, warnings) = prepare(opts.root, opts.base_url.clone())?;
    let failed = |e: write::WriteError| {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::error(
            opts.output.display().to_string(),
            None,
            e.msg(),
        ));
        d
    };
    let mut timer = timings::Timer::start();
    let staging = write::Staging::begin(opts.root, opts.output).map_err(failed)?;
    render::render_pages(
        &checked.site,
        &checked.compliance,
        &theme,
        &views::Selection::All,
        &staging,
    )?;
    timer.mark("render+write");
    let (pages, files, bytes) = (staging.pages(), staging.files(), staging.bytes());
    staging.commit().map_err(failed)?;
    timer.mark("swap");
    // Freeing a big model takes a tenth of a second at 10,000 parks; the command need not wait
    // for it, and a process that exits frees it at no cost.
    std::thread::spawn(move || drop(checked));
    Ok(BuildReport {
        pages,
        files,
        bytes,
        warnings,
    })
}
