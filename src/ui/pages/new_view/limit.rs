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
enum Reach {
    Whole,
    Products,
    Reporting,
}

const REACHES: [(Reach, &str, &str); 3] = [
    (Reach::Whole, "The whole team", "Everything a secondary admin does."),
    (Reach::Products, "Only these products", "Assigns them, answers their requests, and sees only them."),
    (Reach::Reporting, "Reporting only", "Reads Reporting and changes nothing."),
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
    let reach = RwSignal::new(match current {
        None => Reach::Whole,
        Some(AdminLimit::Products(_)) => Reach::Products,
        Some(AdminLimit::Reporting) => Reach::Reporting,
    });
    let ticked = RwSignal::new(match current {
        Some(AdminLimit::Products(p)) => p,
        _ => BTreeSet::new(),
    });
    let error = RwSignal::new(None::<String>);
    let save = {
        let name = name.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let limit = match reach.get_untracked() {
                Reach::Whole => None,
                Reach::Products => Some(AdminLimit::Products(ticked.get_untracked())),
                Reach::Reporting => Some(AdminLimit::Reporting),
            };
            let now = limit.as_ref().map_or("no longer limited".to_string(), |l| format!("limited to {}", l.label()));
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
                    {REACHES.into_iter().map(|(r, label, hint)| {
                        let id = format!("reach-{}", label.to_lowercase().replace(' ', "-"));
                        let hint_id = format!("{id}-hint");
                        view! {
                            <div class="check">
                                <input type="radio" name="reach" id=id.clone() aria-describedby=hint_id.clone()
                                    prop:checked=move || reach.get() == r on:change=move |_| reach.set(r)/>
                                <label for=id>{label}</label>
                                <p class="hint" id=hint_id>{hint}</p>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <Show when=move || reach.get() == Reach::Products>
                    <fieldset class="picker">
                        <legend>"Products"</legend>
                        {products.clone().into_iter().map(|p| {
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
                </Show>
                {move || error.get().map(|e| view! { <p class="refused" role="alert">{e}</p> })}
                <FormButtons label="Save" on_cancel=on_close/>
            </form>
        </Dialog>
    }
}
