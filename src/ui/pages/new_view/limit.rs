//! Limit admin role (issue 30): a secondary admin administers the whole team, only some of its products (a
//! product admin, like Adobe's), or reads Reporting only. The domain decides (`team::limit_admin`); a refusal
//! is said in the dialog and changes nothing.

use super::CurrentTeam;
use crate::domain::{AdminLimit, Command, UserId};
use crate::ui::components::dialog::{Dialog, FormButtons};
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[derive(Clone, Copy, PartialEq)]
enum Choice {
    Whole,
    Products,
    Reporting,
}

const CHOICES: [(Choice, &str, &str); 3] = [
    (Choice::Whole, "The whole team", "Everything a secondary admin does."),
    (Choice::Products, "Only these products", "Assigns them, answers their requests, and sees only them."),
    (Choice::Reporting, "Reporting only", "Reads Reporting and changes nothing."),
];

#[component]
pub fn LimitAdmin(user: UserId, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let (name, products, current) = console.env.with_untracked(|e| {
        let t = e.account.teams.get(&team);
        let products: Vec<String> = t.map(|t| t.products().into_iter().collect()).unwrap_or_default();
        (e.account.name_of(user), products, t.and_then(|t| t.members.get(&user)).and_then(|m| m.limit.clone()))
    });
    let choice = RwSignal::new(match current {
        None => Choice::Whole,
        Some(AdminLimit::Products(_)) => Choice::Products,
        Some(AdminLimit::Reporting) => Choice::Reporting,
    });
    // A product the team no longer has (its subscription moved away) is not kept ticked unseen.
    let ticked = RwSignal::new(match current {
        Some(AdminLimit::Products(p)) => p.into_iter().filter(|p| products.contains(p)).collect(),
        _ => BTreeSet::new(),
    });
    let error = RwSignal::new(None::<String>);
    let held = choice.get_untracked();
    let save = {
        let name = name.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let limit = match choice.get_untracked() {
                Choice::Whole => None,
                Choice::Products => Some(AdminLimit::Products(ticked.get_untracked())),
                Choice::Reporting => Some(AdminLimit::Reporting),
            };
            let now = AdminLimit::now(limit.as_ref());
            match console.dispatch(Command::LimitAdmin { team, user, limit }) {
                Ok(_) => {
                    console.flash.set(Some(Flash::Done(format!("{name}'s admin role is now {now}."))));
                    on_close.run(());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    view! {
        <Dialog title=format!("Limit admin role: {name}") on_close>
            <form on:submit=save>
                <fieldset class="alerts">
                    <legend>{format!("What {name} administers in this team")}</legend>
                    {CHOICES.into_iter().map(|(r, label, hint)| {
                        let id = format!("reach-{}", label.to_lowercase().replace(' ', "-"));
                        let hint_id = format!("{id}-hint");
                        view! {
                            <div class="check">
                                // Focus starts on the choice held now (a trial found it on the first).
                                <input type="radio" name="reach" id=id.clone() aria-describedby=hint_id.clone() autofocus=r == held
                                    prop:checked=move || choice.get() == r on:change=move |_| choice.set(r)/>
                                <label for=id>{label}</label>
                                <p class="hint" id=hint_id>{hint}</p>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset class="picker" hidden=move || choice.get() != Choice::Products aria-describedby="limit-error">
                    <legend>"Products"</legend>
                    {products.into_iter().map(|p| {
                        let (key, label) = (p.clone(), p.clone());
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || ticked.with(|t| t.contains(&key))
                                    on:change={
                                        let p = p.clone();
                                        move |_| ticked.update(|t| if !t.remove(&p) { t.insert(p.clone()); })
                                    }/>
                                {label}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <p id="limit-error" class="refused" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
                <FormButtons label="Save" on_cancel=on_close/>
            </form>
        </Dialog>
    }
}
