//! "What Save will do" (issue 12): the command a dialog would send, applied to a copy of the account
//! (`read::preview`) and told as its consequences: seats per line and pool, who gains or loses a product,
//! roles, emails; or the refusal Save would meet. It can't disagree with Save: it is the same `apply`.

use crate::domain::read::consequences::{consequences, Consequences};
use crate::domain::read::preview;
use crate::domain::{Command, Event};
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
                        Event::EntrySkipped { entry, reason } => Some(format!("Skipped \"{entry}\": {reason}")),
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

fn told_view(c: Consequences, skipped: Vec<String>) -> impl IntoView {
    let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    let mut lines: Vec<String> = skipped;
    lines.extend(c.joining.iter().map(|(who, place)| format!("{who} is added to {place}")));
    lines.extend(c.leaving.iter().map(|(who, place)| format!("{who} is removed from {place}")));
    for (product, place, before, after, seats) in &c.seats {
        let change = if after > before { "taken" } else { "freed" };
        let n = before.abs_diff(*after);
        lines.push(format!("{product} · {place}: {} {change}, {after} of {seats} in use", plural(n, "seat", "seats")));
    }
    lines.extend(c.gaining.iter().map(|(who, what)| format!("{who} gets {what}")));
    lines.extend(c.losing.iter().map(|(who, what)| format!("{who} loses {what}")));
    lines.extend(c.roles.iter().map(|(who, role, given)| {
        if *given {
            format!("{who} becomes {role}")
        } else {
            format!("{who} is no longer {role}")
        }
    }));
    lines.extend(c.emails.iter().map(|(to, subject)| format!("Email to {to}: {subject}")));
    view! {
        <h3>"What Save will do"</h3>
        {if lines.is_empty() {
            view! { <p class="hint">"No seat, role, membership or email changes (services or benefits only, or nothing)."</p> }.into_any()
        } else {
            view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
        }}
    }
}
