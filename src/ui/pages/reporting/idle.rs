//! Idle seats (issue 11): the seats nobody has used for N days (30 unless changed, kept in the URL), what
//! reclaiming them frees, and Unassign on one, several or all through `ReclaimSeats`, so the activity log and
//! Undo see it. A seat a group grants can't be unassigned here: its row names the group (rule 41).

use super::usage::{use_rows, use_usage_day, DataNote, Filters};
use super::ReportingFrame;
use crate::domain::input::idle_days;
use crate::domain::read::usage::{frees, idle_csv, idle_seats, UsageFilter, UsageRow};
use crate::domain::usage::Period;
use crate::domain::{Command, SeatRef};
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::components::list::Pager;
use crate::ui::download::export_csv;
use crate::ui::query::use_url_query;
use crate::ui::Console;
use leptos::prelude::*;
use std::collections::BTreeSet;

const PAGE_SIZE: usize = 50;
const DEFAULT_DAYS: i64 = 30;

#[component]
pub fn IdleSeats() -> impl IntoView {
    view! { <ReportingFrame title="Idle seats"><Idle/></ReportingFrame> }
}

#[component]
fn Idle() -> impl IntoView {
    let console = expect_context::<Console>();
    let query = use_url_query();
    let filter = query.filter::<UsageFilter>();
    let days = Memo::new(move |_| idle_days(&query.value("days")).unwrap_or(DEFAULT_DAYS));
    let all = use_rows(|| Period::Days30);
    // Idle is never inferred past the last recorded day (issue 26).
    let day = use_usage_day();
    // The idle seats that pass the filters, as positions in `all`.
    let idle = Memo::new(move |_| {
        let (today, days) = (day.get(), days.get());
        all.with(|r| {
            filter.with(|f| idle_seats(r, today, days).into_iter().filter(|i| f.matches(&r[*i])).collect::<Vec<_>>())
        })
    });
    let chosen = RwSignal::new(BTreeSet::<usize>::new());
    // What is ticked follows what is listed.
    Effect::new(move |_| {
        let listed: BTreeSet<usize> = idle.get().into_iter().collect();
        chosen.update(|c| c.retain(|i| listed.contains(i)));
    });
    let reclaimable = Memo::new(move |_| {
        all.with(|r| {
            idle.with(|i| i.iter().copied().filter(|i| r[*i].group.is_none() && !r[*i].read_only).collect::<Vec<_>>())
        })
    });
    let confirm = RwSignal::new(None::<Vec<usize>>);
    let count = NodeRef::<leptos::html::P>::new();
    let pages = move || idle.with(|s: &Vec<usize>| s.len().div_ceil(PAGE_SIZE)).max(1);
    let page = move || query.page().clamp(1, pages());

    let entered = RwSignal::new(days.get_untracked().to_string());
    let error = RwSignal::new(None::<String>);
    let apply_days = move || match idle_days(&entered.get_untracked()) {
        Ok(d) => {
            error.set(None);
            query.set("days", d.to_string());
        }
        Err(e) => error.set(Some(e)),
    };
    let reclaim = move |picked: Vec<usize>| {
        let seats: Vec<SeatRef> =
            all.with_untracked(|r| picked.iter().filter_map(|i| r.get(*i)).map(|r| r.seat.clone()).collect());
        let n = seats.len();
        // The dialog and the selection hold row numbers of the list as it is now: both go before the change
        // redraws the list (at 10,000 users they named rows past its new end: issue 32.6).
        chosen.set(BTreeSet::new());
        confirm.set(None);
        console.run(Command::ReclaimSeats { seats }, move |_| {
            let seats = if n == 1 { "1 idle seat".to_string() } else { format!("{n} idle seats") };
            format!("Unassigned {seats}; the seats are free to assign again. Undo brings them back.")
        });
        // Focus lands on the new count, not the page's top, once the dialog has closed.
        request_animation_frame(move || {
            if let Some(p) = count.get_untracked() {
                let _ = p.focus();
            }
        });
    };
    let summary = move || {
        let (d, listed) = (days.get(), idle.with(Vec::len));
        let seats = if listed == 1 { "1 seat".to_string() } else { format!("{listed} seats") };
        let count =
            |kept: fn(&UsageRow) -> bool| all.with(|r| idle.with(|i| i.iter().filter(|i| kept(&r[**i])).count()));
        let (read, by_group) = (count(|r| r.read_only), count(|r| r.group.is_some() && !r.read_only));
        let mut note = String::new();
        if by_group > 0 {
            note.push_str(&format!("; {by_group} through a group can't be unassigned here"));
        }
        if read > 0 {
            note.push_str(&format!("; {read} you read only (your admin role is limited to Reporting)"));
        }
        format!("{seats} not used for {d} days or more{note}.")
    };
    let rows = move || {
        let today = day.get();
        all.with(|r| {
            idle.with(|s| {
                s.iter().skip((page() - 1) * PAGE_SIZE).take(PAGE_SIZE).map(|i| {
                    let (i, r) = (*i, &r[*i]);
                    let label = format!("Select {}'s {} seat ({})", r.name, r.product, r.place);
                    let tick = match &r.group {
                        _ if r.read_only => view! { <span class="hint">"Your admin role in this team is limited to Reporting."</span> }.into_any(),
                        None => view! {
                            <input type="checkbox" aria-label=label prop:checked=move || chosen.with(|c| c.contains(&i))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { if on { c.insert(i); } else { c.remove(&i); } });
                                }/>
                        }.into_any(),
                        Some(g) => view! { <span class="hint">{format!("Through the group {g}: remove them from it, or unassign the group's product.")}</span> }.into_any(),
                    };
                    let unused = match r.last_used {
                        Some(d) => format!("{} days (last used {d})", (today - d).num_days()),
                        None => match r.assigned_on {
                            Some(d) => format!("Never used (assigned {d})"),
                            None => "Never used".into(),
                        },
                    };
                    view! {
                        <tr>
                            <td>{tick}</td>
                            <td>{r.name.clone()}<div class="hint">{r.email.clone()}</div></td>
                            <td>{r.product.clone()}</td><td>{r.place.clone()}</td><td>{r.assignment.clone()}</td><td>{unused}</td>
                        </tr>
                    }
                }).collect_view()
            })
        })
    };
    let export = move |_| {
        let csv =
            all.with(|r| idle.with(|s| idle_csv(&s.iter().map(|i| &r[*i]).collect::<Vec<_>>(), day.get_untracked())));
        export_csv(console, "idle-seats.csv", idle.with(Vec::len), "idle seats", &csv);
    };
    view! {
        <div class="toolbar"><button type="button" on:click=export>"Export"</button></div>
        <DataNote day/>
        <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); apply_days(); }>
            <div class="field">
                <label for="idle-days">"Not used for at least (days)"</label>
                <input id="idle-days" inputmode="numeric" prop:value=move || days.get().to_string()
                    aria-invalid=move || error.with(Option::is_some).to_string() aria-describedby="idle-days-error"
                    on:input=move |ev| entered.set(event_target_value(&ev))/>
            </div>
            <button type="submit">"Show idle seats"</button>
            <p id="idle-days-error" class="field-error" role="alert">{move || error.get()}</p>
        </form>
        <Filters query rows=all/>
        <p class="count" aria-live="polite" tabindex="-1" node_ref=count>{summary}</p>
        <Frees rows=all picked=Signal::derive(move || reclaimable.get()) title="Reclaiming every seat listed frees"/>
        // Not offered to an admin who reads every listed seat only (limited to Reporting, issue 30).
        <div class="toolbar" hidden=move || all.with(|r| idle.with(|i| !i.is_empty() && i.iter().all(|i| r[*i].read_only)))>
            // While the typed threshold is refused, the list is the old one: nothing is unassigned from it.
            <button type="button" disabled=move || error.with(Option::is_some) || chosen.with(BTreeSet::is_empty)
                on:click=move |_| confirm.set(Some(chosen.get_untracked().into_iter().collect()))>
                {move || format!("Unassign selected ({})", chosen.with(BTreeSet::len))}
            </button>
            <button type="button" disabled=move || error.with(Option::is_some) || reclaimable.with(Vec::is_empty)
                on:click=move |_| confirm.set(Some(reclaimable.get_untracked()))>
                {move || format!("Unassign all ({})", reclaimable.with(Vec::len))}
            </button>
        </div>
        <table class="users">
            <caption>"Idle seats, longest unused first"</caption>
            <thead><tr><th scope="col">"Select"</th><th scope="col">"User"</th><th scope="col">"Product"</th><th scope="col">"Where"</th><th scope="col">"Held as"</th><th scope="col">"Unused for"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <Pager page=Signal::derive(page) pages=Signal::derive(pages) on_page=move |p| query.set_page(p)/>
        {move || confirm.get().map(|picked| {
            let n = picked.len();
            let title = if n == 1 { "Unassign 1 idle seat".to_string() } else { format!("Unassign {n} idle seats") };
            let go = picked.clone();
            // Who loses a seat, by name (the first 20; the count says the rest).
            let who: Vec<String> = all.with_untracked(|r| {
                picked.iter().take(20).map(|i| format!("{}: {} · {}", r[*i].name, r[*i].product, r[*i].place)).collect()
            });
            let more = n.saturating_sub(20);
            view! {
                <Dialog title=title on_close=move || confirm.set(None)>
                    <ul class="lost">{who.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                    {(more > 0).then(|| view! { <p class="hint">{format!("and {more} more")}</p> })}
                    <Frees rows=all picked=Signal::stored(picked) title="This frees"/>
                    <p>"Each person loses the product at once. The change is in the activity log, and Undo brings the seats back."</p>
                    <ConfirmButtons label="Unassign" danger=true on_cancel=move || confirm.set(None)
                        on_confirm=move || reclaim(go.clone())/>
                </Dialog>
            }
        })}
    }
}

/// What reclaiming the picked seats frees, per product and place.
#[component]
fn Frees(rows: Memo<Vec<UsageRow>>, #[prop(into)] picked: Signal<Vec<usize>>, title: &'static str) -> impl IntoView {
    let freed = move || rows.with(|r| picked.with(|p| frees(&p.iter().filter_map(|i| r.get(*i)).collect::<Vec<_>>())));
    view! {
        <Show when=move || picked.with(|p| !p.is_empty())>
            <div class="frees">
                <h2>{title}</h2>
                <ul>{move || freed().into_iter().map(|(product, place, n)| {
                    let seats = if n == 1 { "1 seat".to_string() } else { format!("{n} seats") };
                    view! { <li>{format!("{product} · {place}: {seats}")}</li> }
                }).collect_view()}</ul>
            </div>
        </Show>
    }
}
