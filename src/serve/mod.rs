//! `parkbook serve`: build into memory, serve over HTTP, watch the files, rebuild what changed,
//! and tell open pages to reload. It never writes the output folder.

mod http;
mod paths;
mod state;
mod watch;

use crate::incremental::Project;
use crate::messages::{lang, Msg};
use crate::msg;
use state::Shared;
use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

pub use paths::{content_type, site_path, EVENTS_PATH};

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

#[derive(Debug)]
pub enum ServeError {
    NoPort(u16, u16, IpAddr),
    Watch(notify::Error),
}

impl ServeError {
    /// What went wrong, as the catalogue says it.
    pub fn msg(&self) -> Msg {
        match self {
            ServeError::NoPort(from, to, addr) => {
                msg!("no-free-port", from = from, to = to, addr = addr)
            }
            ServeError::Watch(e) => msg!("cannot-watch", error = e),
        }
    }
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().text(lang()))
    }
}

impl std::error::Error for ServeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServeError::Watch(e) => Some(e),
            ServeError::NoPort(..) => None,
        }
    }
}

impl From<notify::Error> for ServeError {
    fn from(e: notify::Error) -> Self {
        ServeError::Watch(e)
    }
}

/// Binds `port`, or the next free one.
fn bind(addr: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    let last = port.saturating_add(50);
    (port..=last)
        .find_map(|p| TcpListener::bind((addr, p)).ok())
        .ok_or(ServeError::NoPort(port, last, addr))
}

/// Runs until the process is stopped. The first build's errors do not stop it: the page shows
/// them until the files are fixed.
pub fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let started = Instant::now();
    // Watched before the first build reads them, so that a save made meanwhile is rebuilt. (A
    // failure is reported after the build's own errors, which say why: no content folder.)
    let changes = watch::Changes::watch(&opts.root);
    let (mut project, shared) = match Project::open(&opts.root, None) {
        Ok(project) => {
            crate::warnings::eprint_counting_review(&project.warnings);
            let shared = Shared::new(project.files().clone());
            (Some(project), shared)
        }
        Err(diags) => {
            crate::warnings::eprint_counting_review(&diags);
            let shared = Shared::new(Default::default());
            shared.fail(&diags);
            (None, shared)
        }
    };
    let mut changes = changes?;
    let shared = Arc::new(shared);
    let listener = bind(opts.bind, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|_| ServeError::NoPort(opts.port, opts.port, opts.bind))?;
    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        addr.ip().to_string()
    };
    let host = if addr.is_ipv6() {
        format!("[{host}]")
    } else {
        host
    };
    let url = format!("http://{host}:{}/", addr.port());
    let serving = msg!(
        "serving",
        root = opts.root.display(),
        url = &url,
        ms = started.elapsed().as_millis()
    );
    eprintln!("{}", serving.text(lang()));
    println!("{url}");

    {
        let shared = shared.clone();
        std::thread::Builder::new()
            .name("http-accept".into())
            .spawn(move || http::run(listener, shared))
            .expect("start the HTTP thread");
    }
    if opts.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }

    while let Some(batch) = changes.next_batch() {
        let started = Instant::now();
        let result = match project.as_mut() {
            Some(p) => p.apply(&batch).map(|o| (o.rendered, o.full)),
            None => Project::open(&opts.root, None).map(|p| {
                let n = p.files().len();
                project = Some(p);
                (n, true)
            }),
        };
        match result {
            Ok((0, _)) => {}
            Ok((rendered, full)) => {
                let files = project
                    .as_ref()
                    .map(|p| p.files().clone())
                    .unwrap_or_default();
                shared.publish(files);
                let code = if full { "full-rebuild" } else { "rebuilt" };
                let done = Msg::new(code)
                    .arg("files", rendered)
                    .arg("ms", started.elapsed().as_millis());
                eprintln!("{}", done.text(lang()));
                if let Some(p) = project.as_mut().filter(|p| p.search_is_stale()) {
                    let started = Instant::now();
                    match p.refresh_search() {
                        Ok(n) => {
                            shared.refresh(p.files().clone());
                            let done = msg!(
                                "search-index-refreshed",
                                files = n,
                                ms = started.elapsed().as_millis()
                            );
                            eprintln!("{}", done.text(lang()));
                        }
                        Err(diags) => crate::warnings::eprint_counting_review(&diags),
                    }
                }
            }
            Err(diags) => {
                crate::warnings::eprint_counting_review(&diags);
                let failed = msg!("serve-build-failed", count = diags.error_count());
                eprintln!("{}", failed.text(lang()));
                shared.fail(&diags);
            }
        }
    }
    shared.stop();
    Ok(())
}
