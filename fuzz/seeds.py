#!/usr/bin/env python3
"""Raw seed inputs for the fuzz targets, before `cargo fuzz cmin` keeps the ones that matter.

    fuzz/seeds.py OUT [CAPTURE...]

Reads the shipped content/ and tests/fixtures/*/content/ of the repository, and any CAPTURE
folders: copies of site roots' content/ taken while tests/invalid_inputs.rs ran (its broken
inputs are written inline in the tests; to capture them, replace the test build's
target/debug/parkbook by a script that copies `--root`/content/ aside and then runs the real
binary). Writes OUT/<target>/<sha1> files.
"""
import hashlib
import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
MAX = 64 * 1024


def put(out, target, data):
    if not data or len(data) > MAX:
        return
    if target != "site_check":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def first_two(folder, suffix):
    files = sorted(p for p in folder.glob("*" + suffix) if p.is_file()) if folder.is_dir() else []
    return files[:2] + [None] * (2 - len(files[:2]))


def read(p):
    return p.read_bytes() if p is not None and p.is_file() else None


def site(out, content):
    """One content/ folder: its files to the per-file targets, and the whole to site_check."""
    for p in list(content.rglob("*.yaml")) + list(content.rglob("*.yml")):
        if p.is_file():
            put(out, "yaml_differential", p.read_bytes())
    for p in content.glob("standard/*.md"):
        text = p.read_bytes()
        if text.startswith(b"---\n") and b"\n---" in text[3:]:
            put(out, "yaml_differential", text[4 : text.index(b"\n---", 3) + 1])
    for p in content.glob("parks/*"):
        if p.is_file():
            put(out, "park_yaml", p.read_bytes())
    for p in content.glob("standard/*.md"):
        put(out, "clause_markdown", p.read_bytes())
    if (content / "framework.yaml").is_file():
        put(out, "framework_yaml", (content / "framework.yaml").read_bytes())
    # The order of site_check's FILES: site, framework, 2 standard parts, 2 providers, 2 parks.
    files = [content / "site.yaml", content / "framework.yaml"]
    files += first_two(content / "standard", ".md")
    files += first_two(content / "providers", ".yaml")
    files += first_two(content / "parks", ".yaml")
    parts = [read(p) for p in files]
    # A missing file ends the input (files after it are left out too).
    while parts and parts[-1] is None:
        parts.pop()
    put(out, "site_check", b"\xff".join(p or b"" for p in parts))


def main():
    out = pathlib.Path(sys.argv[1])
    roots = [REPO / "content"] + sorted(REPO.glob("tests/fixtures/*/content"))
    for capture in sys.argv[2:]:
        roots += sorted(pathlib.Path(capture).glob("*/content"))
    for content in roots:
        site(out, content)
    for p in REPO.glob("tests/fixtures/seed/*"):
        put(out, "clause_markdown", p.read_bytes())


main()
