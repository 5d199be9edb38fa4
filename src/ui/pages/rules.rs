//! Auto-assign rules (issue 12): the account's rules in the order they apply, Add rule (an email domain and
//! what it gives, from what this person may assign), Remove, and "Run the rules now" over the people already
//! there, with what it would do told first and who gets the seats that run short, in an order the admin
//! can change (issue 27.5).

use crate::domain::auto_assign::{grant_choices, SeatOrder};
use crate::domain::read::seat_queue::of_rules;
use crate::domain::{Command, Event};
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::components::guard::{Guard, LimitNote};
use crate::ui::components::preview::SavePreview;
use crate::ui::components::seat_queue::SeatQueue;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn Rules() -> impl IntoView {
    let console = expect_context::<Console>();
    let allowed = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_admin(a)));
    view! {
        <h1>"Auto-assign rules"</h1>
        <Guard allowed=Signal::derive(allowed)
            refusal="You don't have access to auto-assign rules. Contract managers, software coordinators and team admins write rules for the products they assign.">
            <RuleList/>
        </Guard>
    }
}

#[component]
fn RuleList() -> impl IntoView {
    let console = expect_context::<Console>();
    let rules = Memo::new(move |_| {
        console.env.with(|e| {
            e.account
                .assign_rules
                .iter()
                .map(|r| (r.describe(&e.account), e.account.name_of(r.author)))
                .collect::<Vec<_>>()
        })
    });
    let choices = Memo::new(move |_| {
        let viewer = console.actor();
        viewer.map(|v| console.env.with(|e| grant_choices(&e.account, v, console.today.get()))).unwrap_or_default()
    });
    let domain = RwSignal::new(String::new());
    let pick = RwSignal::new(0usize);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((grant, gives)) = choices.with_untracked(|c| c.get(pick.get_untracked()).cloned()) else { return };
        let typed = domain.get_untracked();
        let shown = typed.trim().trim_start_matches('@').to_lowercase();
        if console.run(Command::AddAssignRule { domain: typed, grant }, |_| {
            format!("Added: new users whose email ends in @{shown} get {gives}.")
        }) {
            domain.set(String::new());
        }
    };
    let asking = RwSignal::new(false);
    // Who goes first when seats run short, as the admin arranged it in the dialog (issue 27.5).
    let order = RwSignal::new(SeatOrder::default());
    let run = move || {
        asking.set(false);
        console.run(Command::RunAssignRulesInOrder { order: order.get_untracked() }, |events| {
            let refused = events.iter().filter(|e| matches!(e, Event::RuleRefused { .. })).count();
            let given = events
                .iter()
                .filter(|e| matches!(e, Event::AccessChanged { .. } | Event::ProductAssigned { .. }))
                .count();
            let products = if given == 1 { "1 product".to_string() } else { format!("{given} products") };
            match refused {
                0 => format!("The rules gave {products}."),
                n => format!("The rules gave {products}; {n} could not be given (see the Outbox)."),
            }
        });
    };
    view! {
        <p class="hint">"Rules apply in this order when someone is added: Add and Bulk Add give classic products; Invite and CSV import give a team's products. A rule never takes a seat that is not free: the person is added without it, and the rule's author gets an email."</p>
        <table class="users">
            <caption>"Rules, in the order they apply"</caption>
            <thead><tr><th scope="col">"#"</th><th scope="col">"Rule"</th><th scope="col">"Written by"</th><th scope="col">"Remove"</th></tr></thead>
            <tbody>{move || rules.get().into_iter().enumerate().map(|(i, (text, author))| {
                let label = format!("Remove rule {}", i + 1);
                view! {
                    <tr>
                        <td>{i + 1}</td><td>{text}</td><td>{author}</td>
                        <td><button type="button" class="link danger" aria-label=label
                            on:click=move |_| {
                                if console.run(Command::DeleteAssignRule { index: i }, move |_| format!("Rule {} was removed.", i + 1)) {
                                    focus_after_removing(i);
                                }
                            }>"Remove"</button></td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
        <Show when=move || rules.with(Vec::is_empty)><p class="empty">"No rules yet."</p></Show>
        <section class="card" aria-label="Add a rule">
            <h2>"Add a rule"</h2>
            <p class="refusal" hidden=move || !choices.with(Vec::is_empty)>"You assign nothing a rule could give: rules are written by contract managers, software coordinators and team admins without a limit, for the lines and pools they manage. "<LimitNote/></p>
            <form class="inline-form" on:submit=add hidden=move || choices.with(Vec::is_empty)>
                <div class="field">
                    <label for="rule-domain">"Email ends in @"</label>
                    <input id="rule-domain" placeholder="structural.contoso-eng.com" prop:value=move || domain.get()
                        on:input=move |ev| domain.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="rule-gives">"Gives"</label>
                    <select id="rule-gives" on:change=move |ev| pick.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || choices.get().into_iter().enumerate().map(|(i, (_, text))| view! { <option value=i.to_string()>{text}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="primary">"Add rule"</button>
            </form>
        </section>
        <Show when=move || rules.with(|r| !r.is_empty())>
            <section class="card" aria-label="Run the rules now">
                <h2>"Run the rules now"</h2>
                <p>"Gives the people already here what the rules would have given them when they were added. You see what it would do first."</p>
                <button type="button" on:click=move |_| {
                    order.set(SeatOrder::default());
                    asking.set(true);
                }>"Run the rules now"</button>
            </section>
        </Show>
        // The preview is computed when the dialog opens, on the account and rules as they are then.
        <Show when=move || asking.get()>
            <Dialog title="Run the rules now".to_string() on_close=move || asking.set(false)>
                <SavePreview command=Signal::derive(move || Some(Command::RunAssignRulesInOrder { order: order.get() }))
                    action="Run the rules" below=Callback::new(move |events: Vec<Event>| {
                        let queue = console.env.with_untracked(|e| of_rules(&e.account, &events));
                        view! { <SeatQueue queue order/> }.into_any()
                    })/>
                <ConfirmButtons label="Run the rules" on_cancel=move || asking.set(false) on_confirm=move || run()/>
            </Dialog>
        </Show>
    }
}

/// After a rule is removed, focus stays in the list: on the rule that took its place, else the one before,
/// else the new rule's first field (never the page's top).
fn focus_after_removing(i: usize) {
    request_animation_frame(move || {
        let doc = document();
        let by_label = |n: usize| doc.query_selector(&format!("button[aria-label='Remove rule {n}']")).ok().flatten();
        let next = by_label(i + 1).or_else(|| (i > 0).then_some(i).and_then(by_label));
        if let Some(el) = next.or_else(|| doc.get_element_by_id("rule-domain")) {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    });
}
