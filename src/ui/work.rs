//! Long work a slice at a time (issue 32.5): between slices the page paints and takes input, a progress bar
//! says how far the work is, and Cancel stops it with nothing half done. One piece of work at a time.

use crate::domain::read::export::push_record;
use crate::domain::{Account, UserId};
use crate::storage::couch::sleep;
use crate::ui::components::list::thousands;
use crate::ui::console::{Console, Flash};
use crate::ui::download::export_csv;
use leptos::prelude::*;
use std::ops::Range;

/// Users per slice: a thousand rows of an export take about 10 ms at 10,000 users.
const SLICE: usize = 1_000;

/// The work under way: what it is, how many of how many things are done, and whether Cancel was pressed.
#[derive(Clone, Debug, PartialEq)]
pub struct Work {
    pub what: String,
    pub done: usize,
    pub total: usize,
    pub things: &'static str,
    pub cancelled: bool,
}

/// How long work ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Done,
    Cancelled,
    /// Other work was under way; the flash says so and nothing was done.
    Busy,
}

/// Runs `slice` over `0..total`, `per` at a time, with its progress shown and the browser given a turn before
/// each slice. `slice` is a `dyn`: one copy of this code serves every caller.
pub async fn in_slices(
    console: Console,
    what: String,
    things: &'static str,
    total: usize,
    per: usize,
    slice: &mut dyn FnMut(Range<usize>),
) -> Ended {
    if let Some(w) = console.work.get_untracked() {
        let why = format!("{} is still under way: wait for it, or cancel it first.", w.what);
        console.flash.set(Some(Flash::Refused(why)));
        return Ended::Busy;
    }
    console.work.set(Some(Work { what, done: 0, total, things, cancelled: false }));
    let cancelled = || console.work.with_untracked(|w| w.as_ref().is_none_or(|w| w.cancelled));
    let mut start = 0;
    loop {
        // The browser's turn: it paints the progress and hears Cancel.
        sleep(0).await;
        if cancelled() || start >= total.max(1) {
            break;
        }
        let end = (start + per.max(1)).min(total);
        slice(start..end);
        start = end.max(start + 1);
        console.work.update(|w| w.iter_mut().for_each(|w| w.done = end));
    }
    let ended = if cancelled() { Ended::Cancelled } else { Ended::Done };
    console.work.set(None);
    ended
}

/// Adds the rows of some users to a CSV.
pub type Rows = Box<dyn Fn(&mut String, &Account, &[UserId])>;

/// A CSV of users built a slice at a time, from the account as it was when Export was pressed, then
/// downloaded. `rows` is boxed: one copy of this code serves every export.
pub fn export_users(
    console: Console,
    file: &'static str,
    columns: &'static [&'static str],
    ids: Vec<UserId>,
    rows: Rows,
) {
    let account = console.env.with_untracked(|e| e.account.clone());
    leptos::task::spawn_local(async move {
        let mut csv = String::new();
        push_record(&mut csv, columns);
        let what = format!("Exporting {file}");
        let mut slices = |some: Range<usize>| rows(&mut csv, &account, &ids[some]);
        match in_slices(console, what, "users", ids.len(), SLICE, &mut slices).await {
            Ended::Done => export_csv(console, file, ids.len(), "users", &csv),
            Ended::Cancelled => {
                console.flash.set(Some(Flash::Done(format!("Export cancelled: {file} was not downloaded."))))
            }
            Ended::Busy => {}
        }
    });
}

/// The progress of the work under way, with Cancel; `id` names its bar (one shows in the page, one in a dialog).
#[component]
pub fn WorkProgress(id: &'static str) -> impl IntoView {
    let console = expect_context::<Console>();
    let work = console.work;
    view! {
        <Show when=move || work.with(Option::is_some)>
            <div class="work" role="status">
                <label for=id>{move || work.with(|w| w.as_ref().map(|w| {
                    format!("{}: {} of {} {}", w.what, thousands(w.done), thousands(w.total), w.things)
                }))}</label>
                <progress id=id max=move || work.with(|w| w.as_ref().map_or(1, |w| w.total.max(1)))
                    value=move || work.with(|w| w.as_ref().map_or(0, |w| w.done))></progress>
                <button type="button" on:click=move |_| work.update(|w| w.iter_mut().for_each(|w| w.cancelled = true))>"Cancel"</button>
            </div>
        </Show>
    }
}
