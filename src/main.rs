//! Command line → library call → printed diagnostics → exit code (0 ok, 1 content errors,
//! 2 wrong command line).

use clap::{Parser, Subcommand, ValueEnum};

// Building a site allocates many small strings from every thread at once; mimalloc serves that
// pattern faster than the system allocator. It is built without transparent huge pages: with
// them each of `serve`'s connection threads held a 2 MiB page.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use parkbook::diagnostics::Diagnostics;
use parkbook::messages::{self, Lang, Msg};
use parkbook::msg;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "parkbook",
    version,
    about = "Publish a service standard and the catalogue of parks that meet it"
)]
struct Cli {
    /// Language of messages: zh (中文) or en [default: PARKBOOK_LANG, then the site's
    /// language, then the locale]
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

fn parse_lang(tag: &str) -> Result<String, String> {
    match Lang::from_tag(tag) {
        Some(_) => Ok(tag.to_string()),
        None => Err("expected zh or en".into()),
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder
    Build {
        /// Site root (holds content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/output]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Public address of the site, for canonical links (overrides site.yaml)
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<String>,
    },
    /// Check the content without writing anything
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// human: lines for people; json: one document; github: workflow annotations
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too, as on errors
        #[arg(long)]
        deny_warnings: bool,
        /// Instead of the content, check every internal link and #fragment of the built site
        #[arg(long)]
        links: bool,
        /// With --links: the built site [default: ROOT/output]
        #[arg(long, requires = "links")]
        output: Option<PathBuf>,
    },
    /// Serve the site with live reload, rebuilding what changes
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; the next free one is used when it is taken
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in a browser
        #[arg(long)]
        open: bool,
    },
    /// Compare two versions of a site: what changed for a reader, per park (exit 1 when a
    /// status fell, an unsupported claim or an error appeared)
    Diff {
        /// The site root before (not with --rev)
        old: Option<PathBuf>,
        /// The site root after (not with --rev)
        new: Option<PathBuf>,
        /// Compare ROOT's work tree with ROOT as it was at this git revision
        #[arg(long, conflicts_with_all = ["old", "new"])]
        rev: Option<String>,
        /// With --rev: the site root [default: .]
        #[arg(long, requires = "rev")]
        root: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
    },
    /// Turn a document into content files
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Create files from a template
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Print the JSON Schema of park or provider files (for an editor's YAML language server)
    Schema {
        /// Which files: park (content/parks/ID.yaml) or provider (content/providers/ID.yaml)
        #[arg(value_enum)]
        kind: SchemaKind,
        /// A site root: the schema then also holds its system, requirement and provider ids,
        /// as published in its /data/schema/; without it, the file format for any site
        #[arg(long)]
        root: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Park,
    Provider,
}

#[derive(Subcommand)]
enum NewWhat {
    /// A commented park file: content/parks/ID.yaml
    Park {
        id: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// A standard's plain text (as copied out of its PDF) → one Markdown file per part
    Standard {
        /// The text file
        file: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where the parts go [default: ROOT/content/standard]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace files that exist already
        #[arg(long)]
        force: bool,
        /// A file listing the English words of terms, to split words the extraction ran
        /// together (`industrialpark` → `industrial park`)
        #[arg(long)]
        words: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

/// Only an http(s) address without spaces or quotes can be the site's public address.
fn parse_base_url(url: &str) -> Result<String, String> {
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c));
    if web && clean && url.len() > "https://".len() {
        Ok(url.to_string())
    } else {
        Err("expected an address such as https://catalogue.example.org/".into())
    }
}

fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        eprintln!("{d}");
    }
}

/// A line of the command's own, in the chosen language.
fn say(message: Msg) {
    eprintln!("{}", message.text(messages::lang()));
}

fn summary(diags: &Diagnostics) -> Msg {
    msg!(
        "summary-counts",
        errors = diags.error_count(),
        warnings = diags.warning_count()
    )
}

/// `::error file=…,line=…,col=…,title=…::message` for each diagnostic: GitHub shows them on
/// the lines of a pull request.
fn print_github(diags: &Diagnostics) {
    let lang = messages::lang();
    // Workflow commands end at a line break, and `%`, `,` and `:` separate their parts.
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    for d in diags.iter() {
        let kind = d.severity.word();
        let mut props = format!("file={}", property(&d.path));
        if let Some(p) = d.pos {
            props.push_str(&format!(",line={},col={}", p.line, p.col));
        }
        props.push_str(&format!(",title={}", property(d.message.code)));
        let mut text = String::new();
        if let Some(path) = d.shown_key_path() {
            text.push_str(path);
            text.push_str(": ");
        }
        text.push_str(&d.message.text(lang));
        if let Some(hint) = &d.hint {
            text.push('\n');
            text.push_str(&hint.text(lang));
        }
        println!("::{kind} {props}::{}", data(&text));
    }
}

/// `check --links`: 0 when every link resolves, 1 with the broken ones, 2 when `output` is no
/// built site.
fn check_links(output: &std::path::Path, format: Format) -> ExitCode {
    let started = std::time::Instant::now();
    let report = match parkbook::links::check_links(output) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let broken = report.broken.error_count();
    match format {
        Format::Json => {
            let json = serde_json::json!({
                "ok": broken == 0,
                "pages": report.pages,
                "links": report.links,
                "broken": broken,
                "diagnostics": report.broken.iter().chain(report.warnings.iter()).collect::<Vec<_>>(),
            });
            println!("{}", sonic_rs::to_string_pretty(&json).unwrap_or_default());
        }
        Format::Github => {
            print_github(&report.broken);
            print_github(&report.warnings);
        }
        Format::Human => {
            print_diagnostics(&report.broken);
            print_diagnostics(&report.warnings);
            let pages_with_broken = report
                .broken
                .iter()
                .map(|d| &d.path)
                .collect::<std::collections::HashSet<_>>()
                .len();
            let checked = msg!(
                "links-checked",
                pages = report.pages,
                links = report.links,
                ms = started.elapsed().as_millis()
            );
            if broken == 0 {
                say(msg!(
                    "links-ok",
                    output = output.display(),
                    warnings = report.warnings.warning_count()
                )
                .msg("checked", checked));
            } else {
                say(msg!(
                    "links-failed",
                    broken = broken,
                    pages = pages_with_broken,
                    output = output.display()
                )
                .msg("checked", checked));
            }
        }
    }
    if broken == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `check`: 0 when the content has no error (and, with `--deny-warnings`, no warning).
fn check(root: &std::path::Path, format: Format, deny_warnings: bool) -> ExitCode {
    let result = parkbook::check(root);
    let diags = match &result {
        Ok(checked) => &checked.diagnostics,
        Err(diags) => diags,
    };
    let ok = result.is_ok() && !(deny_warnings && diags.warning_count() > 0);
    match format {
        Format::Json => {
            let report = serde_json::json!({
                "ok": ok,
                "errors": diags.error_count(),
                "warnings": diags.warning_count(),
                "diagnostics": diags,
            });
            println!(
                "{}",
                sonic_rs::to_string_pretty(&report).unwrap_or_default()
            );
        }
        Format::Github => print_github(diags),
        Format::Human => print_diagnostics(diags),
    }
    if format != Format::Json {
        match &result {
            Ok(c) if ok => say(msg!(
                "check-ok",
                parks = c.site.parks.len(),
                providers = c.site.providers.len(),
                requirements = c.site.framework.requirements().count()
            )
            .msg("counts", summary(diags))),
            Ok(_) => say(Msg::new("check-failed-warnings").msg("counts", summary(diags))),
            Err(_) => say(Msg::new("check-failed").msg("counts", summary(diags))),
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The site root a command works on, whose `language` chooses the messages' language.
fn root_of(command: &Command) -> Option<&std::path::Path> {
    match command {
        Command::Build { root, .. } | Command::Check { root, .. } | Command::Serve { root, .. } => {
            Some(root)
        }
        Command::New {
            what: NewWhat::Park { root, .. },
        } => Some(root),
        Command::Schema { root, .. } => root.as_deref(),
        Command::Import {
            what: ImportWhat::Standard { root, .. },
        } => Some(root),
        // NEW, or the root whose revision is compared (`.` by default).
        Command::Diff { new, root, .. } => Some(
            new.as_deref()
                .or(root.as_deref())
                .unwrap_or(std::path::Path::new(".")),
        ),
    }
}

/// `diff`: 0 when nothing got worse, 1 when something did, 2 when a root or the revision
/// cannot be read.
fn diff(
    old: Option<PathBuf>,
    new: Option<PathBuf>,
    rev: Option<String>,
    root: Option<PathBuf>,
    format: DiffFormat,
) -> ExitCode {
    use parkbook::diff::{self, report};
    use parkbook::messages::Msg;
    let new_root = match (&rev, &new) {
        (Some(_), _) => root.unwrap_or_else(|| PathBuf::from(".")),
        (None, Some(new)) => new.clone(),
        (None, None) => PathBuf::from("."),
    };
    let lang = messages::lang();
    let fail = |message: Msg| {
        eprintln!("{}: {}", Msg::new("error").text(lang), message.text(lang));
        ExitCode::from(2)
    };
    let extracted;
    let old_root = match (&rev, old) {
        (Some(rev), _) => match diff::rev::extract(&new_root, rev) {
            Ok(dir) => {
                extracted = dir;
                extracted.root().to_path_buf()
            }
            Err(message) => return fail(message),
        },
        (None, Some(old)) if new.is_some() => old,
        (None, _) => return fail(Msg::new("diff-usage")),
    };
    for root in [&old_root, &new_root] {
        if !root.join("content").is_dir() {
            return fail(parkbook::msg!("diff-no-root", root = root.display()));
        }
    }
    let (old_side, new_side) = rayon::join(
        || diff::Side::load(&old_root),
        || diff::Side::load(&new_root),
    );
    let result = diff::compare(&old_side, &new_side);
    let format = match format {
        DiffFormat::Human => report::Format::Human,
        DiffFormat::Markdown => report::Format::Markdown,
        DiffFormat::Json => report::Format::Json,
    };
    print!("{}", report::render(&result, format, lang));
    if result.summary().worse() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `import standard`: 0 when the parts are written (whatever could not be placed is listed),
/// 1 when the input cannot be read or a file would be replaced.
fn import_standard(opts: &parkbook::import::Options) -> ExitCode {
    use parkbook::diagnostics::{Diagnostic, Pos};
    let outcome = match parkbook::import::import_standard(opts) {
        Ok(outcome) => outcome,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(1);
        }
    };
    let input = opts.input.display().to_string();
    let imported = &outcome.imported;
    for said in &imported.unplaced {
        let pos = Some(Pos::new(said.line.max(1), 1));
        eprintln!(
            "{}",
            Diagnostic::warning(input.clone(), pos, said.msg.clone())
        );
    }
    for said in &imported.fixed {
        say(msg!("import-at-line", path = &input, line = said.line).msg("said", said.msg.clone()));
    }
    for (file, path) in imported.files.iter().zip(&outcome.written) {
        say(msg!(
            "import-wrote",
            path = path.display(),
            clauses = file.clauses,
            terms = file.terms
        ));
    }
    if !outcome.others.is_empty() {
        say(Msg::new("import-others").list("files", &outcome.others));
    }
    if let Some(title) = &imported.title {
        say(msg!("import-title", title = title));
    }
    say(msg!(
        "import-done",
        parts = imported.files.len(),
        dir = opts.out.display(),
        unplaced = imported.unplaced.len()
    ));
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let site_language = root_of(&cli.command).and_then(parkbook::load::site_language);
    messages::set_lang(Lang::choose(cli.lang.as_deref(), site_language.as_deref()));
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
        } => {
            let output = output.unwrap_or_else(|| root.join("output"));
            let started = std::time::Instant::now();
            match parkbook::build(&parkbook::BuildOptions {
                root: &root,
                output: &output,
                base_url,
            }) {
                Ok(report) => {
                    parkbook::warnings::eprint_counting_review(&report.warnings);
                    say(msg!(
                        "built",
                        pages = report.pages,
                        files = report.files,
                        mb = format!("{:.1}", report.bytes as f64 / 1e6),
                        output = output.display(),
                        ms = started.elapsed().as_millis()
                    ));
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    print_diagnostics(&diags);
                    say(Msg::new("build-failed").msg("counts", summary(&diags)));
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            format,
            links: true,
            output,
            ..
        } => check_links(&output.unwrap_or_else(|| root.join("output")), format),
        Command::Check {
            root,
            format,
            deny_warnings,
            ..
        } => check(&root, format, deny_warnings),
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => {
            let _ = ctrlc::set_handler(|| {
                eprintln!();
                say(Msg::new("stopped"));
                std::process::exit(0);
            });
            match parkbook::serve::serve(parkbook::serve::ServeOptions {
                root,
                bind,
                port,
                open,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    say(Msg::new("command-error").msg("error", e.msg()));
                    ExitCode::from(1)
                }
            }
        }
        Command::Schema { kind, root } => {
            let site = match &root {
                None => None,
                Some(root) => {
                    // Only the framework and the providers matter: a park with errors (perhaps
                    // the one being written) does not stop the schema.
                    let (site, mut diags) = parkbook::load::load(root);
                    if site.is_none() {
                        diags.sort();
                        print_diagnostics(&diags);
                        say(Msg::new("schema-no-framework").msg("counts", summary(&diags)));
                        return ExitCode::from(1);
                    }
                    site
                }
            };
            let schema = match kind {
                SchemaKind::Park => parkbook::schema::park(site.as_ref()),
                SchemaKind::Provider => parkbook::schema::provider(),
            };
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match out.write_all(&parkbook::schema::to_bytes(&schema)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(1),
            }
        }
        Command::Diff {
            old,
            new,
            rev,
            root,
            format,
        } => diff(old, new, rev, root, format),
        Command::Import {
            what:
                ImportWhat::Standard {
                    file,
                    root,
                    out,
                    force,
                    words,
                },
        } => import_standard(&parkbook::import::Options {
            input: &file,
            out: &out.unwrap_or_else(|| root.join("content/standard")),
            force,
            words: words.as_deref(),
        }),
        Command::New {
            what: NewWhat::Park { id, root },
        } => match parkbook::new_park::new_park(&root, &id) {
            Ok(path) => {
                say(msg!("new-park-written", path = path.display()));
                ExitCode::SUCCESS
            }
            Err(parkbook::new_park::NewParkError::Site(diags)) => {
                print_diagnostics(&diags);
                say(Msg::new("new-park-site-errors"));
                ExitCode::from(1)
            }
            Err(e @ parkbook::new_park::NewParkError::BadId(..)) => {
                say(Msg::new("command-error").msg("error", e.msg()));
                say(Msg::new("command-hint").msg("hint", parkbook::load::reader::id_hint()));
                ExitCode::from(2)
            }
            Err(e) => {
                say(Msg::new("command-error").msg("error", e.msg()));
                ExitCode::from(1)
            }
        },
    }
}
