//! "What Save will do" (issue 12): the command a dialog would send, applied to a copy of the account
//! (`read::preview`) and told as its consequences: seats per line and pool, who gains or loses a product,
//! roles, emails; or the refusal Save would meet. It can't disagree with Save: it is the same `apply`.

use crate::domain::read::consequences::{consequences, Consequences};
use crate::domain::read::preview;
use crate::domain::{Command, Event};
use crate::ui::components::list::thousands;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn SavePreview(#[prop(into)] command: Signal<Option<Command>>) -> impl IntoView {
    let console = expect_context::<Console>();
    // Recomputed when the draft changes, not when the account does: Save's own change would otherwise copy
    // and apply a 10,000-user account once more just before the dialog closes (25 ms in the benchmark).
    let told = Memo::new(move |_| {
        let cmd = command.get()?;
        let (actor, today) = (untrack(|| console.acting()), console.today.get_untracked());
        Some(console.env.with_untracked(|e| match preview(&e.account, actor, cmd, today) {
            Ok((after, events)) => {
                // Entries a bulk command would pass over, with the reason Save's report gives.
                let skipped = events
                    .iter()
                    .filter_map(|ev| match ev {
                        Event::EntrySkipped { entry, reason } => Some((entry.clone(), reason.clone())),
                        _ => None,
                    })
                    .collect();
                Ok((consequences(&e.account, &after), skipped))
            }
            Err(why) => Err(why.to_string()),
        }))
    });
    view! {
        <section class="preview" aria-label="What Save will do" aria-live="polite">
            {move || match told.get() {
                None => view! { <p class="hint">"Nothing changed yet."</p> }.into_any(),
                Some(Err(why)) => view! { <p class="field-error">{format!("Save would be refused: {why}")}</p> }.into_any(),
                Some(Ok((c, skipped))) => told_view(c, skipped).into_any(),
            }}
        </section>
    }
}

fn told_view(c: Consequences, skipped: Vec<(String, String)>) -> impl IntoView {
    let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    // Lines of one kind together (skipped entries by their reason), so thousands can be counted (issue 32.3).
    let mut kinds: Vec<Vec<String>> = Vec::new();
    let mut reasons = std::collections::BTreeMap::<String, usize>::new();
    for (entry, reason) in skipped {
        let line = format!("Skipped \"{entry}\": {reason}");
        let at = *reasons.entry(reason).or_insert_with(|| {
            kinds.push(Vec::new());
            kinds.len() - 1
        });
        kinds[at].push(line);
    }
    kinds.push(c.joining.iter().map(|(who, place)| format!("{who} is added to {place}")).collect());
    kinds.push(c.leaving.iter().map(|(who, place)| format!("{who} is removed from {place}")).collect());
    kinds.push(
        c.seats
            .iter()
            .map(|(product, place, before, after, seats)| {
                let change = if after > before { "taken" } else { "freed" };
                let n = before.abs_diff(*after);
                format!("{product} · {place}: {} {change}, {after} of {seats} in use", plural(n, "seat", "seats"))
            })
            .collect(),
    );
    kinds.push(c.gaining.iter().map(|(who, what)| format!("{who} gets {what}")).collect());
    kinds.push(c.losing.iter().map(|(who, what)| format!("{who} loses {what}")).collect());
    kinds.push(
        c.roles
            .iter()
            .map(
                |(who, role, given)| {
                    if *given {
                        format!("{who} becomes {role}")
                    } else {
                        format!("{who} is no longer {role}")
                    }
                },
            )
            .collect(),
    );
    kinds.push(c.emails.iter().map(|(to, subject)| format!("Email to {to}: {subject}")).collect());
    kinds.retain(|k| !k.is_empty());
    view! {
        <h3>"What Save will do"</h3>
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
fn Kind(lines: Vec<String>) -> impl IntoView {
    let all = RwSignal::new(lines.len() <= FEW);
    let more = lines.len().saturating_sub(FEW);
    let lines = StoredValue::new(lines);
    view! {
        {move || {
            let n = if all.get() { usize::MAX } else { FEW };
            lines.with_value(|l| l.iter().take(n).map(|l| view! { <li>{l.clone()}</li> }).collect_view())
        }}
        <Show when=move || !all.get()>
            <li class="more">{format!("and {} more like these ", thousands(more))}
                <button type="button" class="link" on:click=move |_| all.set(true)>{format!("Show all {}", thousands(more + FEW))}</button>
            </li>
        </Show>
    }
}
