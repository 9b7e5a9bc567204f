//! The incremental engine behind `serve`: after any sequence of edits its site is byte-identical
//! to a fresh full build of the same files, and a one-park edit renders only what depends on it.

mod common;
use common::site::Site;

use parkbook::incremental::Project;
use std::path::Path;

/// Right after an update every file but the search index is a full build's; once the index is
/// refreshed, every file is.
fn assert_same_as_fresh(project: &mut Project, root: &Path, step: &str) {
    let fresh =
        Project::open(root, None).unwrap_or_else(|d| panic!("{step}: fresh build failed: {d:?}"));
    let pages = |path: &String| !path.starts_with(parkbook::search::DIR);
    assert_same_files(project.files(), fresh.files(), pages, step);
    if project.search_is_stale() {
        project.refresh_search().unwrap();
    }
    assert!(!project.search_is_stale());
    assert_same_files(project.files(), fresh.files(), |_| true, step);
}

fn assert_same_files(
    a: &parkbook::incremental::Files,
    b: &parkbook::incremental::Files,
    keep: impl Fn(&String) -> bool,
    step: &str,
) {
    let keys_a: Vec<_> = a.keys().filter(|k| keep(k)).collect();
    let keys_b: Vec<_> = b.keys().filter(|k| keep(k)).collect();
    assert_eq!(keys_a, keys_b, "{step}: different files");
    for path in keys_a {
        assert!(
            a[path] == b[path],
            "{step}: {path} differs from a full build"
        );
    }
}

fn edit(root: &Path, rel: &str, f: impl Fn(String) -> String) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(path, f(text)).unwrap();
}

#[test]
fn a_sequence_of_edits_ends_where_a_full_build_does() {
    let site = Site::new("catalogue");
    let root = site.root();
    let mut project = Project::open(root, None).unwrap();
    let parks: Vec<String> = project.site().parks.iter().map(|p| p.id.clone()).collect();
    let (first, second) = (&parks[0], &parks[1]);
    let first_rel = format!("content/parks/{first}.yaml");
    let providers: Vec<String> = project
        .site()
        .providers
        .iter()
        .map(|p| p.id.clone())
        .collect();

    // 1. Rename a park.
    edit(root, &first_rel, |t| {
        t.replacen("name:", "name: 改名", 1)
            .replacen("name: 改名 ", "name: 改名", 1)
    });
    let outcome = project.apply(std::slice::from_ref(&first_rel)).unwrap();
    assert!(!outcome.full);
    assert_same_as_fresh(&mut project, root, "rename");

    // 2. Move the park to another provider.
    let current = project.site().parks[0]
        .provider
        .as_ref()
        .unwrap()
        .value
        .clone();
    let other = providers.iter().find(|p| **p != current).unwrap().clone();
    edit(root, &first_rel, |t| {
        t.replace(
            &format!("provider: {current}"),
            &format!("provider: {other}"),
        )
    });
    project.apply(std::slice::from_ref(&first_rel)).unwrap();
    assert_same_as_fresh(&mut project, root, "provider change");

    // 3. A broken edit fails and keeps the last good site; an unrelated edit then still fails.
    let before = project.files().clone();
    let second_rel = format!("content/parks/{second}.yaml");
    let good_second = std::fs::read_to_string(root.join(&second_rel)).unwrap();
    std::fs::write(root.join(&second_rel), "name: [\n").unwrap();
    assert!(project.apply(std::slice::from_ref(&second_rel)).is_err());
    assert_eq!(project.files(), &before);
    edit(root, &first_rel, |t| t.replacen("改名", "再改名", 1));
    assert!(
        project.apply(std::slice::from_ref(&first_rel)).is_err(),
        "the broken park still breaks the site"
    );
    std::fs::write(root.join(&second_rel), good_second).unwrap();
    project.apply(std::slice::from_ref(&second_rel)).unwrap();
    assert_same_as_fresh(&mut project, root, "fix after failure");

    // 4. Add a park, then delete another.
    let new_rel = "content/parks/aa-new-park.yaml".to_string();
    std::fs::copy(root.join(&first_rel), root.join(&new_rel)).unwrap();
    project.apply(std::slice::from_ref(&new_rel)).unwrap();
    assert_same_as_fresh(&mut project, root, "add");
    std::fs::remove_file(root.join(&second_rel)).unwrap();
    let outcome = project.apply(std::slice::from_ref(&second_rel)).unwrap();
    assert!(outcome.removed >= 1, "the deleted park's page is removed");
    let shards = |p: &Project| {
        p.files()
            .keys()
            .filter(|k| k.starts_with("search/"))
            .count()
    };
    assert!(shards(&project) > 0, "the search index is there");
    assert_same_as_fresh(&mut project, root, "delete");

    // 5. Edit a provider; add a provider that no park uses yet.
    let provider_rel = format!("content/providers/{other}.yaml");
    edit(root, &provider_rel, |t| {
        t.replacen("name:", "name: 新", 1)
            .replacen("name: 新 ", "name: 新", 1)
    });
    project.apply(std::slice::from_ref(&provider_rel)).unwrap();
    assert_same_as_fresh(&mut project, root, "provider edit");
    std::fs::copy(
        root.join(&provider_rel),
        root.join("content/providers/zz-new.yaml"),
    )
    .unwrap();
    project
        .apply(&["content/providers/zz-new.yaml".to_string()])
        .unwrap();
    assert_same_as_fresh(&mut project, root, "provider add");

    // 6. A change to the framework or the standard rebuilds everything.
    edit(root, "content/framework.yaml", |t| {
        t.replacen("title:", "title: 新", 1)
            .replacen("title: 新 ", "title: 新", 1)
    });
    let outcome = project
        .apply(&["content/framework.yaml".to_string()])
        .unwrap();
    assert!(outcome.full);
    assert_same_as_fresh(&mut project, root, "framework");

    // 7. Several files at once.
    let third_rel = format!("content/parks/{}.yaml", parks[2]);
    edit(root, &third_rel, |t| {
        t.replacen("region:", "region: 新", 1)
            .replacen("region: 新 ", "region: 新", 1)
    });
    edit(root, &new_rel, |t| t.replacen("改名", "第三", 1));
    project.apply(&[third_rel, new_rel]).unwrap();
    assert_same_as_fresh(&mut project, root, "batch");
}

#[test]
fn a_one_park_edit_renders_only_its_dependents() {
    let site = Site::new("catalogue");
    let root = site.root();
    let mut project = Project::open(root, None).unwrap();
    let total = project.files().len();
    let id = project.site().parks[3].id.clone();
    let rel = format!("content/parks/{id}.yaml");
    edit(root, &rel, |t| t + "\n# touched\n");
    let outcome = project.apply(&[rel]).unwrap();
    // The park, its provider, home, framework, the providers list, the listing pages that show
    // this park, and the data files; not the other parks' pages.
    assert!(
        outcome.rendered < total / 2,
        "rendered {} of {total}",
        outcome.rendered
    );
    let other = project.site().parks[4].id.clone();
    let before = project.files()[&format!("parks/{other}/index.html")].clone();
    edit(root, &format!("content/parks/{id}.yaml"), |t| {
        t + "\n# again\n"
    });
    project
        .apply(&[format!("content/parks/{id}.yaml")])
        .unwrap();
    let after = &project.files()[&format!("parks/{other}/index.html")];
    assert!(
        std::sync::Arc::ptr_eq(&before, after),
        "another park's page was rendered again"
    );
    assert!(!outcome.full);
}
