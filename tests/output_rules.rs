//! The output folder rules: a build replaces only its own output folder; it refuses an output
//! that holds the content or the site root however it is spelt, and one that is a symbolic link;
//! links in content or in the old output are never written through; a build that cannot write
//! leaves the previous site as it was and says why.

mod common;
use common::process::{run_in, Run, BIN};
use common::site::Site;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary folder holding `site/` (a copy of the base fixture).
fn workspace() -> Site {
    Site::new("base")
}

/// `build --root site --output OUTPUT`, run in the folder that holds the site.
fn build(site: &Site, output: &str) -> Run {
    run_in(site.dir(), &["build", "--root", "site", "--output", output])
}

/// Everything under `dir`, links not followed: each path with its kind and bytes or target.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let what = if e.path_is_symlink() {
                format!(
                    "link to {}",
                    std::fs::read_link(e.path()).unwrap().display()
                )
            } else if e.file_type().is_dir() {
                "folder".to_string()
            } else {
                format!("{:?}", std::fs::read(e.path()).unwrap())
            };
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), what)
        })
        .collect()
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
#[cfg(unix)]
fn an_output_holding_the_content_or_the_root_is_refused_however_spelt() {
    let dir = workspace();
    let site = dir.dir().join("site");
    symlink(&site, &dir.dir().join("root-link"));
    symlink(&site.join("content"), &dir.dir().join("content-link"));
    let before = snapshot(dir.dir());
    let absolute = |rel: &str| site.join(rel).to_str().unwrap().to_string();
    for output in [
        "site".to_string(),
        "site/".into(),
        "site/.".into(),
        "site/content".into(),
        "site/content/..".into(),
        "site/content/parks/..".into(),
        "./site/./content/../content".into(),
        // Folders that do not exist yet, inside the content.
        "site/content/new".into(),
        "site/content/../content/new/deeper".into(),
        "site/missing/../content/new".into(),
        // The folder above the root, and the file system's root.
        ".".into(),
        "..".into(),
        "/".into(),
        absolute("content/.."),
        absolute("content/parks/new"),
        // Symbolic links to the root and to the content, and through them.
        "root-link".into(),
        "root-link/".into(),
        "content-link".into(),
        "content-link/new".into(),
        "root-link/content/new".into(),
    ] {
        let run = build(&dir, &output);
        assert_eq!(run.code, Some(1), "--output {output}:\n{}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "{output}: error: {output} would hold the site's own content or be the site root: choose another --output\n"
            )),
            "--output {output}:\n{}",
            run.stderr
        );
        assert_eq!(
            snapshot(dir.dir()),
            before,
            "--output {output} changed files"
        );
    }
    // From inside the site root, with relative spellings.
    for output in [".", "content/..", "content/new", "./content/parks/../x"] {
        let run = run_in(&site, &["build", "--output", output]);
        assert_eq!(run.code, Some(1), "--output {output}:\n{}", run.stderr);
        assert!(
            run.stderr
                .contains("would hold the site's own content or be the site root"),
            "{}",
            run.stderr
        );
        assert_eq!(
            snapshot(dir.dir()),
            before,
            "--output {output} changed files"
        );
    }
    // A sibling of the content is fine.
    let run = build(&dir, "site/output");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
#[cfg(unix)]
fn an_output_folder_that_is_a_symlink_is_refused() {
    let dir = workspace();
    assert_eq!(build(&dir, "real").code, Some(0));
    symlink(Path::new("real"), &dir.dir().join("link"));
    let before = snapshot(dir.dir());
    let run = build(&dir, "link");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "link: error: link is a symbolic link: parkbook replaces its output folder whole and \
             neither writes through a link nor replaces one (pass the folder it points to as --output)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(dir.dir()), before);
    // The folder it points to, named as itself, is rebuilt.
    assert_eq!(build(&dir, "real").code, Some(0));
}

#[test]
#[cfg(unix)]
fn links_in_the_old_output_are_removed_not_followed() {
    let dir = workspace();
    let out = dir.dir().join("out");
    assert_eq!(build(&dir, "out").code, Some(0));
    // Somewhere else, precious files; the old output links to them in three ways.
    let elsewhere = dir.dir().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("parks/alpha-park")).unwrap();
    std::fs::write(elsewhere.join("parks/alpha-park/index.html"), "precious").unwrap();
    std::fs::write(elsewhere.join("victim.json"), "precious").unwrap();
    std::fs::remove_dir_all(out.join("parks")).unwrap();
    symlink(&elsewhere.join("parks"), &out.join("parks"));
    std::fs::remove_file(out.join("data/catalogue.json")).unwrap();
    symlink(
        &elsewhere.join("victim.json"),
        &out.join("data/catalogue.json"),
    );
    symlink(&elsewhere, &out.join("static/everything"));
    let precious = snapshot(&elsewhere);

    let run = build(&dir, "out");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(snapshot(&elsewhere), precious, "written through a link");
    for rel in ["parks", "data/catalogue.json"] {
        let meta = std::fs::symlink_metadata(out.join(rel)).unwrap();
        assert!(!meta.file_type().is_symlink(), "{rel} is still a link");
    }
    assert!(
        std::fs::read_to_string(out.join("parks/alpha-park/index.html"))
            .unwrap()
            .contains("阿尔法科技园")
    );
    assert!(!out.join("static/everything").exists());
}

#[test]
#[cfg(unix)]
fn links_in_the_content_are_read_and_never_written_through() {
    let dir = workspace();
    let site = dir.dir().join("site");
    let elsewhere = dir.dir().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("notes")).unwrap();
    std::fs::write(elsewhere.join("notes/keep.txt"), "precious").unwrap();
    std::fs::copy(
        site.join("content/parks/beta-park.yaml"),
        elsewhere.join("gamma.yaml"),
    )
    .unwrap();
    symlink(
        &elsewhere.join("gamma.yaml"),
        &site.join("content/parks/gamma-park.yaml"),
    );
    symlink(
        &elsewhere.join("notes"),
        &site.join("content/standard/notes"),
    );
    let before = snapshot(dir.dir());
    let run = build(&dir, "out");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // The linked park was read...
    assert!(dir.dir().join("out/parks/gamma-park/index.html").is_file());
    // ...and nothing but the output folder is new or changed.
    let mut after = snapshot(dir.dir());
    after.retain(|path, _| !path.starts_with("out"));
    assert_eq!(after, before);
}

#[test]
#[cfg(target_os = "linux")]
fn a_write_error_mid_build_leaves_the_previous_site_intact() {
    let dir = workspace();
    let out = dir.dir().join("out");
    assert_eq!(build(&dir, "out").code, Some(0));
    let before = snapshot(dir.dir());
    // A file size limit (RLIMIT_FSIZE, which binds root too) makes the larger files of the new
    // site fail to write while the smaller ones are written: the build fails midway.
    let script = format!("trap '' XFSZ; ulimit -f 16; exec '{BIN}' build --root site --output out");
    let out_run = Command::new("sh")
        .args(["-c", &script])
        .current_dir(dir.dir())
        .env("PARKBOOK_LANG", "en")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out_run.stderr);
    assert_eq!(out_run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("out: error: cannot write ")
                && l.ends_with(" of the new site: File too large (os error 27)")),
        "{stderr}"
    );
    assert!(stderr.ends_with("; nothing was written\n"), "{stderr}");
    assert_eq!(snapshot(dir.dir()), before, "the previous site changed");
    assert!(out.join("index.html").is_file());
}

#[test]
#[cfg(unix)]
fn an_unwritable_place_fails_cleanly_and_keeps_the_previous_site() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    let parent = dir.dir().join("public");
    std::fs::create_dir(&parent).unwrap();
    assert_eq!(build(&dir, "public/out").code, Some(0));
    let before = snapshot(dir.dir());

    // A folder made read-only after the first build: the staging folder cannot be created.
    // As root, permissions do not stop writes; that is checked rather than assumed.
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).unwrap();
    let enforced = std::fs::write(parent.join("probe"), "x").is_err();
    if enforced {
        let run = build(&dir, "public/out");
        std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "(the new site is written there before it replaces the output): Permission denied"
            ),
            "{}",
            run.stderr
        );
        assert_eq!(snapshot(dir.dir()), before);
    } else {
        std::fs::remove_file(parent.join("probe")).unwrap();
        std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("running as root: chmod does not stop writes; the read-only case is skipped");
    }

    // A file where a folder of the output's path must be: refused with the file named, and
    // nothing changed.
    std::fs::write(dir.dir().join("blocker"), "a file").unwrap();
    let before = snapshot(dir.dir());
    let run = build(&dir, "blocker/out");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let blocker = dir.dir().canonicalize().unwrap().join("blocker");
    run.stderr_starts_with(&format!(
        "blocker/out: error: {} exists and is not a folder\n",
        blocker.display()
    ));
    assert_eq!(snapshot(dir.dir()), before);
}

/// The working folders beside the output are named after the process: run in this process, a
/// build finds those names taken (by a folder, a file) and leaves them alone.
#[test]
fn working_folders_never_replace_what_holds_their_names() {
    let dir = workspace();
    let root = dir.dir().join("site");
    let pid = std::process::id();
    let taken_new = dir.dir().join(format!(".out.parkbook-new-{pid}"));
    std::fs::create_dir(&taken_new).unwrap();
    std::fs::write(taken_new.join("thesis.docx"), "precious").unwrap();
    std::fs::write(
        dir.dir().join(format!(".out.parkbook-new-{pid}-2")),
        "a file",
    )
    .unwrap();
    let taken_old = dir.dir().join(format!(".out.parkbook-old-{pid}"));
    std::fs::create_dir(&taken_old).unwrap();
    std::fs::write(taken_old.join("thesis.docx"), "precious").unwrap();
    let before = snapshot(dir.dir());

    let out = dir.dir().join("out");
    for round in ["first", "second"] {
        let staging = parkbook::write::Staging::begin(&root, &out).unwrap();
        staging.write("index.html", round.as_bytes()).unwrap();
        staging.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            round
        );
    }
    let mut after = snapshot(dir.dir());
    after.retain(|path, _| !path.starts_with("out"));
    assert_eq!(
        after, before,
        "a working folder replaced what held its name"
    );
}
