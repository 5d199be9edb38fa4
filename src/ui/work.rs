//! Long work a slice at a time (issue 32.5): between slices the page paints and takes input, a progress bar
//! says how far the work is, and Cancel stops it with nothing half done. One piece of work at a time.

use crate::domain::read::export::push_record;
use crate::domain::{Account, UserId};
use crate::ui::console::{Console, Flash};
use crate::ui::download::export_csv;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

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

/// Gives the browser a turn: it paints and handles input, then the work goes on.
async fn breathe() {
    let turn = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(turn).await;
}

/// Runs `slice` over `items`, `SLICE` at a time, with its progress shown; false when the admin cancelled.
async fn in_slices<T>(
    console: Console,
    what: String,
    things: &'static str,
    items: &[T],
    mut slice: impl FnMut(&[T]),
) -> bool {
    console.work.set(Some(Work { what, done: 0, total: items.len(), things, cancelled: false }));
    let cancelled = || console.work.with_untracked(|w| w.as_ref().is_none_or(|w| w.cancelled));
    for chunk in items.chunks(SLICE) {
        breathe().await;
        if cancelled() {
            break;
        }
        slice(chunk);
        console.work.update(|w| w.iter_mut().for_each(|w| w.done += chunk.len()));
    }
    let finished = !cancelled();
    console.work.set(None);
    finished
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
    if let Some(w) = console.work.get_untracked() {
        let why = format!("{} is still under way: wait for it, or cancel it first.", w.what);
        console.flash.set(Some(Flash::Refused(why)));
        return;
    }
    let account = console.env.with_untracked(|e| e.account.clone());
    leptos::task::spawn_local(async move {
        let mut csv = String::new();
        push_record(&mut csv, columns);
        let what = format!("Exporting {file}");
        if in_slices(console, what, "users", &ids, |some| rows(&mut csv, &account, some)).await {
            export_csv(console, file, ids.len(), "users", &csv);
        } else {
            console.flash.set(Some(Flash::Done(format!("Export cancelled: {file} was not downloaded."))));
        }
    });
}
