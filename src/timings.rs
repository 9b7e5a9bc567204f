//! Phase timings for profiling a build: `PARKBOOK_TIMINGS=1 parkbook build` prints how long each
//! step of the pipeline took, to standard error.

use std::time::Instant;

pub struct Timer {
    on: bool,
    last: Instant,
}

impl Timer {
    pub fn start() -> Timer {
        Timer {
            on: std::env::var_os("PARKBOOK_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    /// Prints the time since the last mark, named `phase`, and the process's memory now and at
    /// its peak so far.
    pub fn mark(&mut self, phase: &str) {
        if self.on {
            eprintln!(
                "timing: {phase:<14} {:>8.1} ms   {}",
                self.last.elapsed().as_secs_f64() * 1000.0,
                memory()
            );
        }
        self.last = Instant::now();
    }
}

/// Resident memory now and at its peak, where the system tells (Linux).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().strip_suffix(" kB"))
            .and_then(|kb| kb.trim().parse::<u64>().ok())
            .map_or_else(|| "?".to_string(), |kb| format!("{}", kb / 1024))
    };
    format!("rss {} MiB, peak {} MiB", field("VmRSS:"), field("VmHWM:"))
}

/// Time spent per kind of page (context, template, write), summed over threads: where the
/// render phase's time goes.
#[derive(Default)]
pub struct PerKind {
    on: bool,
    spent: std::sync::Mutex<std::collections::BTreeMap<&'static str, (f64, usize)>>,
}

impl PerKind {
    pub fn new() -> PerKind {
        PerKind {
            on: std::env::var_os("PARKBOOK_TIMINGS").is_some(),
            ..PerKind::default()
        }
    }

    pub fn add(&self, kind: &'static str, since: Instant) {
        if self.on {
            let ms = since.elapsed().as_secs_f64() * 1000.0;
            if let Ok(mut spent) = self.spent.lock() {
                let entry = spent.entry(kind).or_default();
                entry.0 += ms;
                entry.1 += 1;
            }
        }
    }

    pub fn print(&self) {
        if let (true, Ok(spent)) = (self.on, self.spent.lock()) {
            for (kind, (ms, n)) in spent.iter() {
                eprintln!("timing:   {kind:<16} {ms:>8.1} ms over {n} (thread time)");
            }
        }
    }
}
