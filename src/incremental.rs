//! A site kept in memory and updated file by file: what `parkbook serve` rebuilds from.
//!
//! A change to one park reloads that file only, revalidates the model (cheap: maps), and
//! re-renders only the pages that depend on it: the park's page, its provider's page, and the pages
//! and data that list parks. Any other change reloads the whole site. A change that fails leaves
//! the last good site in place and is retried with every later change, so the site in memory is
//! always what a full build of the files on disk would give once they are valid again.

use crate::compliance::ParkCompliance;
use crate::diagnostics::Diagnostics;
use crate::files::Collect;
use crate::model::Site;
use crate::pages::theme::Theme;
use crate::render;
use crate::views::Selection;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The built site: output path → bytes.
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// What a changed file means for the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    Park(String),
    Provider(String),
    /// Anything that may touch every page: site.yaml, the framework, the standard, the theme, or
    /// an unexpected file among parks and providers.
    Full,
    /// Outside the content and the theme, or an editor's scratch file.
    Ignore,
}

/// Classifies a path relative to the site root (`/` separators).
pub fn classify(rel: &str, theme: &str) -> Change {
    let in_folder = |folder: &str| rel.strip_prefix(folder).filter(|rest| !rest.contains('/'));
    for (folder, is_park) in [("content/parks/", true), ("content/providers/", false)] {
        if let Some(name) = in_folder(folder) {
            if name.starts_with('.') || name.ends_with('~') || name.is_empty() {
                return Change::Ignore;
            }
            return match name.strip_suffix(".yaml") {
                Some(id) if crate::load::reader::id_problem(id).is_none() => {
                    if is_park {
                        Change::Park(id.to_string())
                    } else {
                        Change::Provider(id.to_string())
                    }
                }
                _ => Change::Full,
            };
        }
    }
    let scratch = rel
        .rsplit('/')
        .next()
        .is_some_and(|n| n.starts_with('.') || n.ends_with('~'));
    if scratch {
        Change::Ignore
    } else if rel == "content"
        || rel.starts_with("content/")
        || rel.starts_with(&format!("themes/{theme}"))
    {
        Change::Full
    } else {
        Change::Ignore
    }
}

/// A file directly in the parks or providers folder that is not `<id>.yaml`.
fn is_scratch(rel: &str) -> bool {
    ["content/parks/", "content/providers/"]
        .iter()
        .any(|f| rel.strip_prefix(f).is_some_and(|rest| !rest.contains('/')))
}

/// What an update did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub full: bool,
    /// Files written into the site (pages rendered, data files, assets).
    pub rendered: usize,
    pub removed: usize,
}

pub struct Project {
    root: PathBuf,
    base_url: Option<String>,
    site: Site,
    compliance: Vec<ParkCompliance>,
    theme: Theme,
    files: Files,
    /// Fingerprints of the listing pages, by path, as last rendered.
    listings: std::collections::HashMap<String, u64>,
    /// Changed files whose last update failed; they are applied again with the next change.
    pending: BTreeSet<String>,
    /// The search index still describes the site as it was before the last update.
    search_stale: bool,
    pub warnings: Diagnostics,
}

impl Project {
    /// Loads, checks and renders the whole site into memory.
    pub fn open(root: &Path, base_url: Option<String>) -> Result<Project, Diagnostics> {
        let (checked, theme, warnings) = crate::prepare(root, base_url.clone())?;
        let sink = Collect::default();
        let listings = render::render_pages(
            &checked.site,
            &checked.compliance,
            &theme,
            &Selection::All,
            &sink,
        )?;
        let files = sink
            .into_files()
            .into_iter()
            .map(|f| (f.path, Arc::new(f.bytes)))
            .collect();
        Ok(Project {
            root: root.to_path_buf(),
            base_url,
            site: checked.site,
            compliance: checked.compliance,
            theme,
            files,
            listings,
            pending: BTreeSet::new(),
            search_stale: false,
            warnings,
        })
    }

    pub fn files(&self) -> &Files {
        &self.files
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Brings the site up to date with changed files (paths relative to the root).
    pub fn apply(&mut self, changed: &[String]) -> Result<Outcome, Diagnostics> {
        let theme_name = self.site.config.theme.clone();
        let relevant: Vec<&String> = changed
            .iter()
            .filter(|p| match classify(p, &theme_name) {
                Change::Ignore => false,
                // An editor's temporary file among parks, already renamed or deleted.
                Change::Full if is_scratch(p) => self.root.join(p).exists(),
                _ => true,
            })
            .collect();
        if relevant.is_empty() {
            return Ok(Outcome::default());
        }
        let mut paths: BTreeSet<String> = std::mem::take(&mut self.pending);
        paths.extend(relevant.into_iter().cloned());
        let changes: Vec<Change> = paths.iter().map(|p| classify(p, &theme_name)).collect();
        let result = if changes.contains(&Change::Full) {
            self.reload()
        } else {
            self.update(&changes)
        };
        if result.is_err() {
            self.pending = paths;
        }
        result
    }

    fn reload(&mut self) -> Result<Outcome, Diagnostics> {
        let fresh = Project::open(&self.root, self.base_url.clone())?;
        let rendered = fresh.files.len();
        *self = fresh;
        Ok(Outcome {
            full: true,
            rendered,
            removed: 0,
        })
    }

    fn update(&mut self, changes: &[Change]) -> Result<Outcome, Diagnostics> {
        let mut park_ids = BTreeSet::new();
        let mut provider_ids = BTreeSet::new();
        for change in changes {
            match change {
                Change::Park(id) => park_ids.insert(id.clone()),
                Change::Provider(id) => provider_ids.insert(id.clone()),
                _ => false,
            };
        }

        // Read the new versions; a file that is gone is a deletion.
        let mut diags = Diagnostics::default();
        let mut new_parks = Vec::new();
        for id in &park_ids {
            let path = self.root.join(format!("content/parks/{id}.yaml"));
            if !path.exists() {
                new_parks.push((id.clone(), None));
                continue;
            }
            let (park, d) = crate::load::load_park(&self.root, id);
            let failed = d.has_errors();
            diags.extend(d);
            if let (Some(park), false) = (park, failed) {
                new_parks.push((id.clone(), Some(park)));
            }
        }
        let mut new_providers = Vec::new();
        for id in &provider_ids {
            let path = self.root.join(format!("content/providers/{id}.yaml"));
            if !path.exists() {
                new_providers.push((id.clone(), None));
                continue;
            }
            let (provider, d) = crate::load::load_provider(&self.root, id);
            let failed = d.has_errors();
            diags.extend(d);
            if let (Some(provider), false) = (provider, failed) {
                new_providers.push((id.clone(), Some(provider)));
            }
        }
        if diags.has_errors() {
            diags.sort();
            return Err(diags);
        }

        // Which providers' pages show these parks, before and after the change.
        let mut affected_providers: HashSet<String> = provider_ids.iter().cloned().collect();
        let provider_of = |site: &Site, id: &str| {
            site.parks
                .iter()
                .find(|p| p.id == id)
                .and_then(|p| p.provider.as_ref())
                .map(|p| p.value.clone())
        };
        affected_providers.extend(park_ids.iter().filter_map(|id| provider_of(&self.site, id)));

        let old_parks: Vec<_> = new_parks
            .into_iter()
            .map(|(id, park)| {
                (
                    id.clone(),
                    replace(&mut self.site.parks, &id, park, |p| &p.id),
                )
            })
            .collect();
        let old_providers: Vec<_> = new_providers
            .into_iter()
            .map(|(id, provider)| {
                (
                    id.clone(),
                    replace(&mut self.site.providers, &id, provider, |p| &p.id),
                )
            })
            .collect();
        let revert =
            |project: &mut Project,
             old_parks: Vec<(String, Option<crate::model::Park>)>,
             old_providers: Vec<(String, Option<crate::model::Provider>)>| {
                for (id, park) in old_parks {
                    replace(&mut project.site.parks, &id, park, |p| &p.id);
                }
                for (id, provider) in old_providers {
                    replace(&mut project.site.providers, &id, provider, |p| &p.id);
                }
            };

        let mut diags = Diagnostics::default();
        crate::validate::validate(&self.site, &mut diags);
        if diags.has_errors() {
            revert(self, old_parks, old_providers);
            diags.sort();
            return Err(diags);
        }
        affected_providers.extend(park_ids.iter().filter_map(|id| provider_of(&self.site, id)));
        let mut affected_parks: HashSet<String> = park_ids.iter().cloned().collect();
        for park in &self.site.parks {
            if park
                .provider
                .as_ref()
                .is_some_and(|p| provider_ids.contains(&p.value))
            {
                affected_parks.insert(park.id.clone());
            }
        }

        let compliance = crate::evaluate_all(&self.site);
        let provider_pages: Vec<String> = affected_providers
            .iter()
            .map(|p| format!("providers/{p}/page/"))
            .collect();
        let selection = Selection::Only {
            parks: affected_parks,
            providers: affected_providers,
            previous_listings: self.listings.clone(),
        };
        let sink = Collect::default();
        let listings =
            match render::render_pages(&self.site, &compliance, &self.theme, &selection, &sink) {
                Ok(listings) => listings,
                Err(d) => {
                    revert(self, old_parks, old_providers);
                    return Err(d);
                }
            };
        self.compliance = compliance;

        // A deleted park or provider takes its whole folder (page, data) with it.
        let mut gone: Vec<String> = Vec::new();
        for (id, _) in &old_parks {
            if !self.site.parks.iter().any(|p| &p.id == id) {
                gone.push(format!("parks/{id}/"));
            }
        }
        for (id, _) in &old_providers {
            if !self.site.providers.iter().any(|p| &p.id == id) {
                gone.push(format!("providers/{id}/"));
            }
        }
        // A provider's further pages are rendered anew: it may have fewer now.
        gone.extend(provider_pages);
        let mut removed = 0;
        for prefix in gone {
            let paths: Vec<String> = self
                .files
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .map(|(k, _)| k.clone())
                .collect();
            for path in paths {
                self.files.remove(&path);
                removed += 1;
            }
        }
        // Listing pages that no longer exist (fewer pages, a facet value gone).
        let stale: Vec<String> = self
            .listings
            .keys()
            .filter(|path| !listings.contains_key(*path))
            .cloned()
            .collect();
        for path in stale {
            removed += usize::from(self.files.remove(&path).is_some());
        }
        self.listings = listings;
        let files = sink.into_files();
        let count = files.len();
        for file in files {
            self.files.insert(file.path, Arc::new(file.bytes));
        }
        self.search_stale = true;
        Ok(Outcome {
            full: false,
            rendered: count,
            removed,
        })
    }

    /// Whether the search index still describes the site before the last update: an update
    /// renders the pages and data that changed, and leaves the index to `refresh_search`.
    pub fn search_is_stale(&self) -> bool {
        self.search_stale
    }

    /// Writes the search index anew (its shards grow and shrink with the catalogue, so the old
    /// ones go). `serve` calls it after publishing an update's pages: the index is the one part
    /// of the site that is made whole every time.
    pub fn refresh_search(&mut self) -> Result<usize, Diagnostics> {
        let sink = Collect::default();
        render::search_index(&self.site, &self.compliance, &sink)?;
        let old: Vec<String> = self
            .files
            .range(crate::search::DIR.to_string()..)
            .take_while(|(k, _)| k.starts_with(crate::search::DIR))
            .map(|(k, _)| k.clone())
            .collect();
        for path in old {
            self.files.remove(&path);
        }
        let files = sink.into_files();
        let count = files.len();
        for file in files {
            self.files.insert(file.path, Arc::new(file.bytes));
        }
        self.search_stale = false;
        Ok(count)
    }
}

/// Puts `new` in place of the item with `id` (inserting or removing as needed) and returns what
/// was there. Items stay in the order a full load gives them: by file name, `<id>.yaml`.
fn replace<T>(
    items: &mut Vec<T>,
    id: &str,
    new: Option<T>,
    id_of: impl Fn(&T) -> &String,
) -> Option<T> {
    let key = |id: &str| format!("{id}.yaml");
    let found = items.binary_search_by(|item| key(id_of(item)).cmp(&key(id)));
    match (found, new) {
        (Ok(i), Some(item)) => Some(std::mem::replace(&mut items[i], item)),
        (Ok(i), None) => Some(items.remove(i)),
        (Err(i), Some(item)) => {
            items.insert(i, item);
            None
        }
        (Err(_), None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_classified() {
        assert_eq!(
            classify("content/parks/a-b.yaml", "default"),
            Change::Park("a-b".into())
        );
        assert_eq!(
            classify("content/providers/x.yaml", "default"),
            Change::Provider("x".into())
        );
        assert_eq!(
            classify("content/parks/.a.yaml.swp", "default"),
            Change::Ignore
        );
        assert_eq!(classify("content/parks/a.yaml~", "default"), Change::Ignore);
        assert_eq!(classify("content/parks/4913", "default"), Change::Full);
        assert_eq!(classify("content/parks/Bad.yaml", "default"), Change::Full);
        assert_eq!(classify("content/framework.yaml", "default"), Change::Full);
        assert_eq!(
            classify("content/standard/1-scope.md", "default"),
            Change::Full
        );
        assert_eq!(
            classify("themes/default/static/style.css", "default"),
            Change::Full
        );
        assert_eq!(
            classify("themes/other/static/style.css", "default"),
            Change::Ignore
        );
        assert_eq!(classify("output/index.html", "default"), Change::Ignore);
    }

    #[test]
    fn replace_keeps_file_name_order() {
        let mut ids: Vec<String> = vec!["a-b".into(), "a".into()];
        assert_eq!(replace(&mut ids, "a-c", Some("a-c".into()), |s| s), None);
        assert_eq!(ids, ["a-b", "a-c", "a"]);
        assert_eq!(replace(&mut ids, "a", None, |s| s).as_deref(), Some("a"));
        assert_eq!(ids, ["a-b", "a-c"]);
    }
}
