//! Waiting for a result: poll a condition until it holds or a deadline passes, then fail naming
//! what never happened. A fixed sleep either waits too long or, on a busy machine, not long
//! enough, and a test that guessed short fails for no reason.

use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

/// How often a cheap condition is looked at again.
const POLL: Duration = Duration::from_millis(20);

/// Polls `check` every `every` until it holds or `limit` has passed; whether it held. For a
/// caller that reports the timeout itself, with what it last saw.
pub fn holds_within(limit: Duration, every: Duration, mut check: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    loop {
        if check() {
            return true;
        }
        if started.elapsed() >= limit {
            return false;
        }
        // The pause between two looks, not a guess at how long the result takes.
        std::thread::sleep(every);
    }
}

/// Polls `check` until it holds, for at most `limit`; panics naming `what` after that.
pub fn wait_until(limit: Duration, what: &str, check: impl FnMut() -> bool) {
    assert!(
        holds_within(limit, POLL, check),
        "timed out after {limit:?} waiting for: {what}"
    );
}

/// Polls `check` until it gives a value, for at most `limit`; panics naming `what` after that.
pub fn wait_for<T>(limit: Duration, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let mut found = None;
    wait_until(limit, what, || {
        found = check();
        found.is_some()
    });
    found.expect("wait_until returned, so check gave a value")
}

/// Waits for `child` to exit, for at most `limit`; past that, kills it (a process left behind
/// would outlive the test) and panics naming `what`.
pub fn exit_within(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let mut status = None;
    let exited = holds_within(limit, POLL, || {
        status = child.try_wait().expect("the child's status");
        status.is_some()
    });
    if !exited {
        let _ = child.kill();
        let _ = child.wait();
        panic!("{what}: still running after {limit:?}, killed");
    }
    status.expect("exited, so there is a status")
}
