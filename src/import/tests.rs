use super::*;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Import of `input` into `out`, not forced, without a word list.
fn options<'a>(input: &'a Path, out: &'a Path) -> Options<'a> {
    Options {
        input,
        out,
        force: false,
        words: None,
    }
}

#[test]
fn unreadable_inputs_are_named_errors() {
    let dir = temp();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "file-empty"),
        ("blank.txt", b"\n \n\t\n", "file-empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\0\0", "nul-byte"),
        ("gbk.txt", b"\xc7\xb0\xd1\xd4\n", "not-utf8"),
    ];
    for (name, bytes, code) in cases {
        let input = dir.path().join(name);
        std::fs::write(&input, bytes).unwrap();
        let out = dir.path().join("out");
        let opts = options(&input, &out);
        let error = import_standard(&opts).unwrap_err();
        assert_eq!(error.message.code, code, "{name}");
        assert!(error.path.ends_with(name), "{name}: {}", error.path);
        assert!(!out.exists(), "{name}: nothing is written");
    }
    let missing = dir.path().join("missing.txt");
    let out = dir.path().join("out");
    let opts = options(&missing, &out);
    assert_eq!(
        import_standard(&opts).unwrap_err().message.code,
        "cannot-read"
    );
}

#[test]
fn text_without_parts_is_an_error_with_a_hint() {
    let dir = temp();
    let input = dir.path().join("x.txt");
    std::fs::write(&input, "只是一些文字。\n").unwrap();
    let out = dir.path().join("out");
    let opts = options(&input, &out);
    let error = import_standard(&opts).unwrap_err();
    assert_eq!(error.message.code, "import-no-part");
    assert!(error.hint.is_some());
}

#[test]
fn existing_files_are_kept_unless_forced() {
    let dir = temp();
    let input = dir.path().join("s.txt");
    std::fs::write(&input, "1 范围\n本文件规定。\n").unwrap();
    let out = dir.path().join("standard");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("1-scope.md"), "old").unwrap();
    std::fs::write(out.join("9.md"), "other").unwrap();
    let mut opts = options(&input, &out);
    let error = import_standard(&opts).unwrap_err();
    assert_eq!(error.message.code, "import-exists");
    assert_eq!(
        std::fs::read_to_string(out.join("1-scope.md")).unwrap(),
        "old"
    );
    opts.force = true;
    let outcome = import_standard(&opts).unwrap();
    assert_eq!(outcome.others, ["9.md"]);
    assert_eq!(
        std::fs::read_to_string(out.join("1-scope.md")).unwrap(),
        "---\nnumber: \"1\"\ntitle: 范围\ntitle_en: Scope\n---\n\n本文件规定。\n"
    );
}

#[test]
fn a_words_file_splits_english_terms() {
    let dir = temp();
    let input = dir.path().join("s.txt");
    std::fs::write(&input, "3 术语和定义\n3.1\n园区 industrialpark\n定义。\n").unwrap();
    let words = dir.path().join("words.txt");
    std::fs::write(&words, "industrial\npark\n").unwrap();
    let out = dir.path().join("out");
    let opts = Options {
        words: Some(&words),
        ..options(&input, &out)
    };
    let outcome = import_standard(&opts).unwrap();
    assert!(outcome.imported.unplaced.is_empty());
    let text = std::fs::read_to_string(out.join("3-terms.md")).unwrap();
    assert!(
        text.contains("kind: terms\n---\n\n## 3.1 园区 industrial park\n\n定义。\n"),
        "{text}"
    );
}

/// Texts made of the pieces that the reader treats specially, in a thousand orders: none
/// panics, and whatever is read can be written.
#[test]
fn mixtures_of_tricky_pieces_never_panic() {
    let pieces = [
        "前言",
        "引  言",
        "1 ",
        "3 术语和定义",
        "3.1",
        "3.1.1 ",
        "A.1 ",
        "附录",
        "A",
        "（规范性）",
        "注:",
        "注1：",
        "。",
        "\n",
        "\n\n",
        " ",
        "\u{3000}",
        "1)",
        "——",
        "#",
        "*",
        "目次",
        "……",
        "- 3 -",
        "T/AB 1—2020",
        "industrialPark",
        "第",
        "章",
        "\u{feff}",
        "参考文献",
        "范围",
        "x",
    ];
    let words = Words::parse("industrial park");
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..1000 {
        let mut text = String::new();
        for _ in 0..40 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        if let Some(imported) = convert(&text, &words) {
            assert!(imported.files.iter().all(|f| f.text.starts_with("---\n")));
        }
    }
}
