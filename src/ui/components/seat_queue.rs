//! Who gets the seats that run short, in the order they are given, and the admin's way to change it before
//! running (issue 27.5): Move up, Move down and Leave out per person, "Most recent use first" from Usage (each
//! row says when the person last used the product), back to the list's order, and the people left out with
//! Put back. The order is the command's (`SeatOrder`), so the preview above it and the run itself follow it.

use crate::domain::auto_assign::SeatOrder;
use crate::domain::lifecycle::day_month_year;
use crate::domain::read::seat_queue::{people, recent_first, Queued};
use crate::domain::UserId;
use crate::ui::components::list::thousands;
use crate::ui::Console;
use leptos::prelude::*;

const RECENT: &str = "Most recent use first";

/// Rows drawn at most; the rest are counted (a run over thousands of people).
const SHOWN: usize = 50;

/// `leave_out`: what Leave out does instead of leaving the person out of the order (the migration assistant
/// unticks them); `None` with `can_leave_out` false offers no Leave out (a saved plan keeps its people).
#[component]
pub fn SeatQueue(
    queue: Vec<Queued>,
    order: RwSignal<SeatOrder>,
    #[prop(default = None)] leave_out: Option<Callback<UserId>>,
    #[prop(default = true)] can_leave_out: bool,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let left_out: Vec<(UserId, String)> = console
        .env
        .with_untracked(|e| order.with_untracked(|o| o.left_out.iter().map(|u| (*u, e.account.name_of(*u))).collect()));
    let recent = recent_first(&queue);
    let in_order = people(&queue);
    let names: Vec<String> = in_order
        .iter()
        .map(|u| queue.iter().find(|q| q.user == *u).map_or_else(String::new, |q| q.name.clone()))
        .collect();
    let short = queue.iter().filter(|q| !q.given).count();
    let more = queue.len().saturating_sub(SHOWN);
    let place = move |to: Vec<UserId>, focus: [String; 2]| {
        order.update(|o| o.first = to);
        focus_label(focus);
    };
    let rows = queue.into_iter().take(SHOWN).enumerate().map(|(i, q)| {
        let at = in_order.iter().position(|u| *u == q.user).unwrap_or(0);
        let moved = |by: isize| {
            let mut to = in_order.clone();
            let other = at as isize + by;
            (other >= 0 && (other as usize) < to.len()).then(|| {
                to.swap(at, other as usize);
                to
            })
        };
        let (up, down) = (moved(-1), moved(1));
        let outcome = if q.given { "gets a seat" } else { "no seat left" };
        let used = match q.last_used {
            Some(day) => format!("last used {}", day_month_year(day)),
            None => "never used".to_string(),
        };
        let (up_label, down_label) = (format!("Move up: {}", q.name), format!("Move down: {}", q.name));
        let out_label = format!("Leave out: {}", q.name);
        // The button keeps the focus; at the top or the bottom, the other one takes it; after Leave out, the
        // next person's Leave out (a trial: it went to the top of the list).
        let focus_up = [up_label.clone(), down_label.clone()];
        let (user, focus_down) = (q.user, [down_label.clone(), up_label.clone()]);
        let next = names.get(at + 1).or(at.checked_sub(1).and_then(|b| names.get(b)));
        let focus_out = [next.map_or_else(String::new, |n| format!("Leave out: {n}")), String::new()];
        view! {
            <li class:skipped=!q.given>
                <span>{format!("{}. {} — {}: {outcome}", i + 1, q.name, q.gives)}</span>
                <span class="hint">{format!(" ({used})")}</span>
                " "
                {up.map(|to| view! { <button type="button" class="link" aria-label=up_label on:click=move |_| place(to.clone(), focus_up.clone())>"Move up"</button> })}
                {down.map(|to| view! { <button type="button" class="link" aria-label=down_label on:click=move |_| place(to.clone(), focus_down.clone())>"Move down"</button> })}
                {can_leave_out.then(|| view! {
                    <button type="button" class="link" aria-label=out_label on:click=move |_| {
                        match leave_out {
                            Some(instead) => instead.run(user),
                            None => order.update(|o| {
                                o.first.retain(|u| *u != user);
                                o.left_out.push(user);
                            }),
                        }
                        focus_label(focus_out.clone());
                    }>"Leave out"</button>
                })}
            </li>
        }
    }).collect_view();
    let any_left_out = !left_out.is_empty();
    let put_back = left_out
        .into_iter()
        .map(|(user, name)| {
            let label = format!("Put back: {name}");
            view! {
                <li>{name.clone()}" "<button type="button" class="link" aria-label=label on:click=move |_| {
                    order.update(|o| o.left_out.retain(|u| *u != user));
                    focus_label([RECENT.into(), String::new()]);
                }>"Put back"</button></li>
            }
        })
        .collect_view();
    let hint = match short {
        0 => "Everyone still in this run gets a seat.".to_string(),
        n => format!("Seats are given from the top: {n} of these can't get one. Move people up or down, leave them out of this run, or put those who used the product most recently first."),
    };
    view! {
        <section class="queue" aria-label="Who gets the seats that run short">
            <h3>"Who gets the seats that run short"</h3>
            <p class="hint">{hint}</p>
            <div class="buttons">
                <button type="button" on:click=move |_| place(recent.clone(), [RECENT.into(), String::new()])>{RECENT}</button>
                <button type="button" on:click=move |_| place(Vec::new(), [RECENT.into(), String::new()])>"The list's order"</button>
            </div>
            <ol aria-label="In the order seats are given">{rows}</ol>
            {(more > 0).then(|| view! { <p class="hint">{format!("and {} more, in the users list's order", thousands(more))}</p> })}
            {any_left_out.then(|| view! {
                <h4>"Left out of this run"</h4>
                <ul aria-label="Left out of this run">{put_back}</ul>
            })}
        </section>
    }
}

/// Keeps a keyboard user's place: the first control with one of these accessible names once the queue is
/// drawn again, else "Most recent use first".
fn focus_label(labels: [String; 2]) {
    request_animation_frame(move || {
        let Ok(all) = document().query_selector_all(".queue button") else { return };
        let name = |n: &web_sys::Node| {
            let el = wasm_bindgen::JsCast::unchecked_ref::<web_sys::Element>(n);
            el.get_attribute("aria-label").or_else(|| el.text_content()).unwrap_or_default()
        };
        let buttons: Vec<web_sys::Node> = (0..all.length()).filter_map(|i| all.item(i)).collect();
        let found = labels.iter().filter(|l| !l.is_empty()).find_map(|l| buttons.iter().find(|b| name(b) == *l));
        if let Some(el) = found.or_else(|| buttons.iter().find(|b| name(b) == RECENT)) {
            let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(el).focus();
        }
    });
}
