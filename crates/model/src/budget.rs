//! The time budget of the file being read on this thread, checked cooperatively by hot loops.
//!
//! The batch (`xxgk_export::process`) calls [`start`] on the thread that does one file's
//! work; readers and other long loops call [`expired`] (cheap: it looks at the clock only every
//! [`CHECK_EVERY`] calls) or [`check`] and stop early, so a file that runs out of time stops
//! working and gives its memory back instead of running on in the background. [`cancel_all`]
//! (Ctrl-C) makes every budget expire at once.
//!
//! Without a budget (tests, `xxgk inspect`) nothing ever expires.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// How many calls of [`expired`] share one look at the clock.
pub const CHECK_EVERY: u32 = 1024;

static CANCELLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static COUNTER: Cell<u32> = const { Cell::new(0) };
    static EXPIRED: Cell<bool> = const { Cell::new(false) };
}

/// The work of a file ran out of time (or the run was cancelled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exceeded;

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the time budget of this file ran out")
    }
}

impl std::error::Error for Exceeded {}

/// Clears this thread's budget when dropped.
#[must_use = "the budget ends when the guard is dropped"]
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(None));
        EXPIRED.with(|e| e.set(false));
    }
}

/// Give the work on this thread until `deadline`.
pub fn start(deadline: Instant) -> Guard {
    DEADLINE.with(|d| d.set(Some(deadline)));
    EXPIRED.with(|e| e.set(false));
    COUNTER.with(|c| c.set(0));
    Guard(())
}

/// Stop every budget of the process (Ctrl-C): from now on [`expired`] is true everywhere.
pub fn cancel_all() {
    CANCELLED.store(true, Ordering::Relaxed);
}

/// Whether [`cancel_all`] was called.
pub fn cancelled() -> bool {
    CANCELLED.load(Ordering::Relaxed)
}

/// Whether this thread's work should stop. Cheap enough for inner loops.
pub fn expired() -> bool {
    if EXPIRED.with(Cell::get) {
        return true;
    }
    let n = COUNTER.with(|c| {
        let n = c.get().wrapping_add(1);
        c.set(n);
        n
    });
    if !n.is_multiple_of(CHECK_EVERY) {
        return false;
    }
    expired_now()
}

/// Like [`expired`], but always looks at the clock (for loops with few, costly steps).
pub fn expired_now() -> bool {
    let over = cancelled()
        || DEADLINE
            .with(Cell::get)
            .is_some_and(|d| Instant::now() >= d);
    if over {
        EXPIRED.with(|e| e.set(true));
    }
    over
}

/// [`expired_now`] as a `Result`, for `?`.
pub fn check() -> Result<(), Exceeded> {
    if expired_now() {
        Err(Exceeded)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_passed_deadline_expires_and_the_guard_clears_it() {
        {
            let _g = start(Instant::now() - Duration::from_millis(1));
            assert_eq!(check(), Err(Exceeded));
            assert!(expired());
        }
        assert_eq!(check(), Ok(()));
        assert!(!expired());
    }

    #[test]
    fn expired_looks_at_the_clock_every_so_many_calls() {
        let _g = start(Instant::now() + Duration::from_millis(20));
        assert!(!expired());
        std::thread::sleep(Duration::from_millis(30));
        let calls = (0..=CHECK_EVERY).take_while(|_| !expired()).count();
        assert!(calls < CHECK_EVERY as usize + 1, "{calls}");
        assert!(expired());
    }
}
