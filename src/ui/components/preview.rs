//! "What Save will do" (issue 12): the command a dialog would send, applied to a copy of the account
//! (`read::preview`) and told as its consequences: seats per line and pool, who gains or loses a product,
//! roles, emails; or the refusal Save would meet. It can't disagree with Save: it is the same `apply`.

use crate::domain::read::consequences::{consequences, Consequences};
use crate::domain::read::preview_on;
use crate::domain::{Account, Command, Event};
use crate::ui::components::list::thousands;
use crate::ui::Console;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// `action`: the button the preview is for, which it names ("Save" unless said; issue 27.5: "What Save will do"
/// sat over a "Run the rules" button).
#[component]
pub fn SavePreview(
    #[prop(into)] command: Signal<Option<Command>>,
    #[prop(default = "Save")] action: &'static str,
    /// Drawn under what Save will do, from the same events (the rules' queue: issue 27.5).
    #[prop(optional)]
    below: Option<Callback<Vec<Event>, AnyView>>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    // The dialog is drawn first, then the account is copied, then the draft is applied to the copy and told,
    // each in a task of its own: over 8,000 people they were one 68 ms task (issue 28).
    let drawn = RwSignal::new(false);
    let spare = StoredValue::new(None::<(u64, Account)>);
    request_animation_frame(move || {
        set_timeout(
            move || {
                _ = spare.try_set_value(Some(console.env.with_untracked(|e| (e.revision, e.account.clone()))));
                set_timeout(move || _ = drawn.try_set(true), Duration::ZERO);
            },
            Duration::ZERO,
        )
    });
    // Recomputed when the draft changes, not when the account does: Save's own change would otherwise copy
    // and apply a 10,000-user account once more just before the dialog closes (25 ms in the benchmark).
    let told = Memo::new(move |_| {
        let cmd = command.get()?;
        let (actor, today) = (untrack(|| console.acting()), console.today.get_untracked());
        // The spare copy only while the account is still the one copied: every change is saved as the next
        // revision (a change from another tab too), and comparing the copies took as long as making one. A
        // draft changed later is applied to a copy made then.
        let spare = spare.try_update_value(Option::take).flatten();
        Some(console.env.with_untracked(|e| {
            let copy = spare.filter(|(rev, _)| *rev == e.revision).map(|(_, copy)| copy);
            let copy = copy.unwrap_or_else(|| e.account.clone());
            match preview_on(copy, actor, cmd, today) {
                Ok((after, events)) => {
                    // Entries a bulk command would pass over, with the reason Save's report gives; people a rule
                    // can't give a seat to, in the order the seats are given (issue 27.5).
                    let skipped = events
                        .iter()
                        .filter_map(|ev| match ev {
                            Event::EntrySkipped { entry, reason } => Some((entry.clone(), reason.clone())),
                            Event::RuleRefused { what, .. } => Some((what.clone(), String::new())),
                            _ => None,
                        })
                        .collect();
                    let told = consequences(&e.account, &after);
                    // The copy is freed in a task of its own too: 10,000 people's worth of frees (issue 28).
                    set_timeout(move || drop(after), Duration::ZERO);
                    // The events are kept only for `below`: a change over thousands has thousands.
                    let events = if below.is_some() { events } else { Vec::new() };
                    Ok((told, skipped, events))
                }
                Err(why) => Err(why.to_string()),
            }
        }))
    });
    // Drawn above the dialog's buttons: the dialog's focus stays in sight (`focus_in_view`).
    let section = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if drawn.get() && told.with(Option::is_some) {
            request_animation_frame(move || {
                let dialog = section.try_get_untracked().flatten().and_then(|s| s.closest("dialog").ok().flatten());
                if let Some(d) = dialog {
                    super::dialog::focus_in_view(wasm_bindgen::JsCast::unchecked_ref(&d));
                }
            });
        }
    });
    let title = if action == "Save" { "What Save will do".to_string() } else { format!("What \"{action}\" will do") };
    let (label, working) = (title.clone(), format!("{title}: working it out…"));
    view! {
        <section class="preview" node_ref=section aria-label=label aria-live="polite">
            {move || match drawn.get().then(|| told.get()) {
                None => view! { <p class="hint">{working.clone()}</p> }.into_any(),
                Some(None) => view! { <p class="hint">"Nothing changed yet."</p> }.into_any(),
                Some(Some(Err(why))) => view! { <p class="field-error">{format!("{action} would be refused: {why}")}</p> }.into_any(),
                Some(Some(Ok((c, skipped, events)))) => {
                    view! { {told_view(c, skipped, title.clone())} {below.map(|b| b.run(events))} }.into_any()
                }
            }}
        </section>
    }
}

/// The lines of one kind, told only when shown: a change over thousands has thousands (issue 28).
#[derive(Clone)]
struct Lines {
    count: usize,
    line: Arc<dyn Fn(usize) -> String + Send + Sync>,
}

fn lines<T: Send + Sync + 'static>(items: Vec<T>, tell: impl Fn(&T) -> String + Send + Sync + 'static) -> Lines {
    Lines { count: items.len(), line: Arc::new(move |i| tell(&items[i])) }
}

fn told_view(c: Consequences, skipped: Vec<(String, String)>, title: String) -> impl IntoView {
    let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    // Lines of one kind together (skipped entries by their reason), so thousands can be counted (issue 32.3).
    let mut reasons = std::collections::BTreeMap::<String, Vec<String>>::new();
    let mut order = Vec::new();
    for (entry, reason) in skipped {
        if !reasons.contains_key(&reason) {
            order.push(reason.clone());
        }
        reasons.entry(reason).or_default().push(entry);
    }
    // What a rule could not give, already in words ("Lucas Meyer: rule 1 (@…) could not give …"), is told after
    // who gets what.
    let not_given = lines(reasons.remove("").unwrap_or_default(), |what| format!("Not given: {what}"));
    let mut kinds: Vec<Lines> = order
        .into_iter()
        .filter(|reason| !reason.is_empty())
        .map(|reason| {
            let entries = reasons.remove(&reason).unwrap_or_default();
            lines(entries, move |entry| format!("Skipped \"{entry}\": {reason}"))
        })
        .collect();
    kinds.push(lines(c.joining, |(who, place)| format!("{who} is added to {place}")));
    kinds.push(lines(c.leaving, |(who, place)| format!("{who} is removed from {place}")));
    kinds.push(lines(c.seats, move |(product, place, before, after, seats, had)| {
        if before == after {
            return format!("{product} · {place}: {had} → {seats} seats, {after} in use");
        }
        let change = if after > before { "taken" } else { "freed" };
        let n = before.abs_diff(*after);
        format!("{product} · {place}: {} {change}, {after} of {seats} in use", plural(n, "seat", "seats"))
    }));
    kinds.push(lines(c.gaining, |(who, what)| format!("{who} gets {what}")));
    kinds.push(not_given);
    kinds.push(lines(c.losing, |(who, what)| format!("{who} loses {what}")));
    kinds.push(lines(c.roles, |(who, role, given)| {
        if *given {
            format!("{who} becomes {role}")
        } else {
            format!("{who} is no longer {role}")
        }
    }));
    kinds.push(lines(c.emails, |(to, subject)| format!("Email to {to}: {subject}")));
    kinds.retain(|k| k.count > 0);
    view! {
        <h3>{title}</h3>
        {if kinds.is_empty() {
            view! { <p class="hint">"No seat, role, membership or email changes (services or benefits only, or nothing)."</p> }.into_any()
        } else {
            view! { <ul>{kinds.into_iter().map(|lines| view! { <Kind lines/> }).collect_view()}</ul> }.into_any()
        }}
    }
}

/// Past this many lines of one kind, the first are listed and the rest counted, all on request.
const FEW: usize = 5;

/// The lines of one kind: all of a few; of many, the first and "and 8,045 more like these".
#[component]
fn Kind(lines: Lines) -> impl IntoView {
    let all = RwSignal::new(lines.count <= FEW);
    let more = lines.count.saturating_sub(FEW);
    let Lines { count, line } = lines;
    view! {
        {move || {
            let n = if all.get() { count } else { FEW.min(count) };
            (0..n).map(|i| view! { <li>{line(i)}</li> }).collect_view()
        }}
        <Show when=move || !all.get()>
            <li class="more">{format!("and {} more like these ", thousands(more))}
                <button type="button" class="link" on:click=move |_| all.set(true)>{format!("Show all {}", thousands(more + FEW))}</button>
            </li>
        </Show>
    }
}
