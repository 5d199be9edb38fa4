//! The console's work in idle time, after a change is on screen: Undo and Redo made ready, the journal folded
//! into a new snapshot. Neither runs during a click (issue 28).

use super::Console;
use crate::storage::session::Folded;
use leptos::prelude::*;

/// A long journal is folded once the admin has paused this long (ms); replaced accounts at once (`fold_in`).
pub(super) const FOLD_LATER: u64 = 1000;
pub(super) const FOLD_SOON: u64 = 0;

impl Console {
    /// Once the frame showing a change is painted, makes the next Undo and Redo ready (issue 28.5): the click
    /// then replays only what follows the change it takes back.
    pub(super) fn prepare_later(&self) {
        if self.steps_due.get_value() {
            return;
        }
        self.steps_due.set_value(true);
        let console = *self;
        request_animation_frame(move || {
            set_timeout(
                move || {
                    console.steps_due.set_value(false);
                    console.session.update_value(|s| s.prepare_steps());
                },
                std::time::Duration::ZERO,
            )
        });
    }

    /// Folds the journal `ms` from now, once however many changes ask (unless the fold waiting waits no longer), over
    /// three turns of the browser (replay, encode, write: one was a 57 ms task at 10,000 users, issue 28); a
    /// change between them leaves the fold to 250 ms later. A long journal waits 1 s for the admin to pause;
    /// replaced accounts are folded at once (`FOLD_SOON`): waiting, thirty sample loads in a row piled up
    /// 1.6 to 2.5 M characters.
    pub(super) fn fold_in(&self, ms: u64) {
        if self.fold_wait.get_value().is_some_and(|waiting| waiting <= ms) {
            return;
        }
        self.fold_wait.set_value(Some(ms));
        let console = *self;
        let turn = std::time::Duration::ZERO;
        set_timeout(
            move || {
                // A fold asked for sooner took this one's place (or, once it ran, one asked for with the same
                // wait: this one runs it a little early, and that one finds nothing waiting).
                if console.fold_wait.get_value() != Some(ms) {
                    return;
                }
                console.fold_wait.set_value(None);
                let (Some(mut fold), _) = console.update(|s| s.fold_start()) else { return };
                set_timeout(
                    move || {
                        fold.encode();
                        set_timeout(
                            move || {
                                // Stale (a change came between the turns): folded again later, from the new state.
                                if let (Folded::Stale, Some(_)) = console.update(|s| s.fold_finish(fold)) {
                                    console.fold_in(250);
                                }
                                console.prepare_later();
                            },
                            turn,
                        );
                    },
                    turn,
                );
            },
            std::time::Duration::from_millis(ms),
        );
    }
}
