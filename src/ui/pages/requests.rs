//! User Management → Requests (issue 30): the product requests this admin may answer (whoever may assign the
//! product there), open ones oldest first with the seats there are; Approve is the assignment itself, every
//! rule with it (a refusal says why and the request stays open); Decline asks for a reason the requester reads.
//! Also a person's own side, on Products & Services: ask for a product, and see the answers.

use crate::domain::read::requests::{mine, policies, queue, requestable, Row};
use crate::domain::visibility::screens;
use crate::domain::Command;
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::components::guard::Guard;
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn Requests() -> impl IntoView {
    let console = expect_context::<Console>();
    let allowed = move || {
        let s = console.actor().map(|a| console.env.with(|e| screens(&e.account, a))).unwrap_or_default();
        s.classic || s.teams
    };
    view! {
        <h1>"Requests"</h1>
        <Guard allowed=Signal::derive(allowed) limits=true
            refusal="You don't have access to requests. Contract managers, software coordinators and team admins answer the requests for what they may assign.">
            <Queue/>
            <Policies/>
        </Guard>
    }
}

#[component]
fn Queue() -> impl IntoView {
    let console = expect_context::<Console>();
    let rows = Memo::new(move |_| {
        let today = console.today.get();
        console.actor().map(|v| console.env.with(|e| queue(&e.account, v, today))).unwrap_or_default()
    });
    let declining = RwSignal::new(None::<Row>);
    let approve = move |r: Row| {
        let said = format!("Approved: {} now has {}.", r.who, r.product);
        console.run(Command::AnswerRequest { request: r.id, approve: true, reason: String::new() }, move |_| said);
        // The button pressed is replaced by the answer: focus goes to the queue's count, not the page's start (a
        // trial found it on the page).
        crate::ui::components::focus_later("requests-count");
    };
    view! {
        <p class="hint">"People ask for a product on their Products & Services page. Approve assigns it as you would (a seat must be free); Decline tells them why. They are emailed either way."</p>
        <p class="count" id="requests-count" tabindex="-1">{move || rows.with(|r| {
            let open = r.iter().filter(|r| r.answer.is_none()).count();
            format!("{open} open, {} answered", r.len() - open)
        })}</p>
        <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="empty">"No requests for what you administer."</p> }>
            <table class="users">
                <caption>"Requests, open ones oldest first"</caption>
                <thead><tr>
                    <th scope="col">"Asked on"</th><th scope="col" class="who">"Who"</th><th scope="col">"Product"</th>
                    <th scope="col">"Answer"</th><th scope="col">"Where"</th><th scope="col">"Reason"</th><th scope="col">"Seats"</th>
                </tr></thead>
                <tbody>{move || rows.get().into_iter().map(|r| {
                    let answer = match r.answer.clone() {
                        Some(a) => view! { {a} }.into_any(),
                        None => {
                            let (a, d) = (r.clone(), r.clone());
                            view! {
                                <button type="button" class="primary" aria-label=format!("Approve {}'s request for {}", r.who, r.product)
                                    on:click=move |_| approve(a.clone())>"Approve"</button>
                                " "
                                <button type="button" aria-label=format!("Decline {}'s request for {}", r.who, r.product)
                                    on:click=move |_| declining.set(Some(d.clone()))>"Decline"</button>
                            }.into_any()
                        }
                    };
                    view! {
                        <tr>
                            <td>{r.on.clone()}</td><td class="who">{r.who.clone()}</td><td>{r.product.clone()}</td>
                            <td>{answer}</td>
                            <td>{r.place.clone()}</td><td class="reason">{r.reason.clone()}</td><td>{r.seats.clone()}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
        </Show>
        {move || declining.get().map(|r| view! { <Decline r on_close=move || declining.set(None)/> })}
    }
}

/// The optional per-product policy: requests approved at once, as the admin who turned it on, while seats remain.
#[component]
fn Policies() -> impl IntoView {
    let console = expect_context::<Console>();
    let rows =
        Memo::new(move |_| console.actor().map(|v| console.env.with(|e| policies(&e.account, v))).unwrap_or_default());
    view! {
        <section class="card" aria-label="Approve automatically">
            <h2>"Approve automatically"</h2>
            <p class="hint">"While a product there has a free seat, its requests are approved at once, as the admin who turned this on; with none left they wait here."</p>
            <table class="users">
                <caption>"Automatic approval by product"</caption>
                <thead><tr><th scope="col">"Product"</th><th scope="col">"Automatic approval"</th><th scope="col">"Change"</th></tr></thead>
                <tbody>{move || rows.get().into_iter().map(|(wanted, label, by)| {
                    let on = by.is_none();
                    let (verb, state) = match &by {
                        Some(name) => ("Turn off", format!("On (turned on by {name})")),
                        None => ("Turn on", "Off".to_string()),
                    };
                    let said = format!("Automatic approval of {label} is {}.", if on { "on" } else { "off" });
                    view! {
                        <tr>
                            <td>{label.clone()}</td><td>{state}</td>
                            <td><button type="button" aria-label=format!("{verb} automatic approval of {label}")
                                on:click=move |_| { console.run(Command::SetAutoApprove { wanted: wanted.clone(), on }, { let said = said.clone(); move |_| said }); }>{verb}</button></td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
        </section>
    }
}

/// Decline with a reason the requester reads; a refusal shows in the dialog.
#[component]
fn Decline(r: Row, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let (id, who, product) = (r.id, r.who.clone(), r.product.clone());
    // The reason is what the admin came to write: focus there, not on Cancel (a trial).
    crate::ui::components::focus_later("decline-reason");
    let confirm = move || {
        let cmd = Command::AnswerRequest { request: id, approve: false, reason: reason.get_untracked() };
        match console.dispatch(cmd) {
            Ok(_) => {
                console
                    .flash
                    .set(Some(Flash::Done(format!("Declined {who}'s request for {product}; they were told why."))));
                on_close.run(());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <Dialog title=format!("Decline {}'s request", r.who) on_close>
            <p>{format!("{} asked for {} in {}: \"{}\"", r.who, r.product, r.place, r.reason)}</p>
            <div class="field">
                <label for="decline-reason">"Reason"</label>
                <textarea id="decline-reason" rows="3" prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </div>
            {move || error.get().map(|e| view! { <p class="refused" role="alert">{e}</p> })}
            <ConfirmButtons label="Decline" danger=true on_confirm=confirm on_cancel=move || on_close.run(())/>
        </Dialog>
    }
}

/// Products & Services: ask for a product of one's teams or contracts, with a reason; one's requests below.
#[component]
pub fn AskForProduct() -> impl IntoView {
    let console = expect_context::<Console>();
    let choices = Memo::new(move |_| {
        let today = console.today.get();
        console.actor().map(|v| console.env.with(|e| requestable(&e.account, v, today))).unwrap_or_default()
    });
    let asked = Memo::new(move |_| {
        let today = console.today.get();
        console.actor().map(|v| console.env.with(|e| mine(&e.account, v, today))).unwrap_or_default()
    });
    let chosen = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked =
            chosen.get_untracked().parse::<usize>().ok().and_then(|i| choices.with_untracked(|c| c.get(i).cloned()));
        let Some((wanted, label)) = picked else {
            console.flash.set(Some(Flash::Refused("Choose the product to ask for.".into())));
            return;
        };
        let said = move |events: &[crate::domain::Event]| {
            let at_once =
                events.iter().any(|e| matches!(e, crate::domain::Event::RequestAnswered { approved: true, .. }));
            match at_once {
                true => {
                    format!("Approved at once: {label} is yours (requests for it are approved while seats remain).")
                }
                false => format!("Request sent: {label}. An admin who may assign it will answer; you'll get an email."),
            }
        };
        if console.run(Command::RequestProduct { wanted, reason: reason.get_untracked() }, said) {
            chosen.set(String::new());
            reason.set(String::new());
        }
    };
    view! {
        <Show when=move || !choices.with(Vec::is_empty) || !asked.with(Vec::is_empty)>
            <section class="card" aria-label="Ask for a product">
                <h2>"Ask for a product"</h2>
                <Show when=move || !choices.with(Vec::is_empty)>
                    <form on:submit=send>
                        <div class="field"><label for="ask-product">"Product"</label>
                            <select id="ask-product" prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                                <option value="">"Choose a product"</option>
                                {move || choices.get().into_iter().enumerate().map(|(i, (_, label))| view! { <option value=i.to_string()>{label}</option> }).collect_view()}
                            </select></div>
                        <div class="field"><label for="ask-reason">"Reason"</label>
                            <textarea id="ask-reason" rows="2" prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))></textarea></div>
                        <button type="submit" class="primary">"Send request"</button>
                    </form>
                </Show>
                <Show when=move || choices.with(Vec::is_empty)>
                    <p class="hint">"You hold, or have asked for, every product you may ask for."</p>
                </Show>
                <Show when=move || !asked.with(Vec::is_empty)>
                    <h3>"Your requests"</h3>
                    <ul class="my-requests">{move || asked.get().into_iter().map(|r| view! {
                        <li>{format!("{} in {}, asked on {}: {}", r.product, r.place, r.on,
                            r.answer.clone().unwrap_or_else(|| "waiting for an answer".into()))}</li>
                    }).collect_view()}</ul>
                </Show>
            </section>
        </Show>
    }
}
