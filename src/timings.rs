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

    /// Prints the time since the last mark, named `phase`.
    pub fn mark(&mut self, phase: &str) {
        if self.on {
            eprintln!(
                "timing: {phase:<14} {:>8.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}
