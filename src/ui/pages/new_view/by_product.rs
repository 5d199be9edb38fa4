//! User Management → By Product (W3', §4b.8): each product of the team with its pool (the seats of its
//! subscriptions giving access), assigned and available seats and a per-subscription breakdown; open a
//! product to see who holds it and from which source, assign it to more users, or unassign.

use super::{CurrentTeam, SourceSelect, TeamScope};
use crate::domain::lifecycle::Status;
use crate::domain::read::team::{assignable, product_holders, product_rows, seat_choices, ProductRow, Source};
use crate::domain::{Command, SeatSource, UserId};
use crate::ui::components::dialog::{Dialog, FormButtons};
use crate::ui::components::fields::PeoplePicker;
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    Holders(String),
    Assign(String),
}

#[component]
pub fn ByProduct() -> impl IntoView {
    view! { <TeamScope title="By Product"><ProductsPage/></TeamScope> }
}

#[component]
fn ProductsPage() -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let open = RwSignal::new(Open::Nothing);
    let rows = Memo::new(move |_| {
        let today = console.today.get();
        console.env.with(|e| product_rows(&e.account, console.actor().unwrap_or(UserId(0)), team.get(), today))
    });
    view! {
        <table class="users">
            <thead><tr>
                <th scope="col">"Product"</th><th scope="col">"Seats"</th><th scope="col">"Assigned"</th>
                <th scope="col">"Available"</th><th scope="col">"Subscriptions"</th><th scope="col">"Actions"</th>
            </tr></thead>
            <tbody>
                <For each=move || rows.get() key=|r| format!("{r:?}") let:row>
                    <ProductRowView row open/>
                </For>
            </tbody>
        </table>
        {move || match open.get() {
            Open::Nothing => ().into_any(),
            Open::Holders(product) => view! { <Holders product on_close=move || open.set(Open::Nothing)/> }.into_any(),
            Open::Assign(product) => view! { <AssignUsers product on_close=move || open.set(Open::Nothing)/> }.into_any(),
        }}
    }
}

#[component]
fn ProductRowView(row: ProductRow, open: RwSignal<Open>) -> impl IntoView {
    let (p1, p2) = (row.product.clone(), row.product.clone());
    // The one nearly-full rule of `Seats`, as Home and Seat use mark it.
    let full = row.pool.nearly_full();
    let lost = row.pool.without_access();
    view! {
        <tr>
            <th scope="row">{row.product.clone()}</th>
            <td>{row.pool.live}</td>
            <td>{row.pool.used}{(lost > 0).then(|| format!(" · {lost} with no access now"))}</td>
            <td class=if full { "pending" } else { "" }>{row.pool.free()}{full.then_some(" · nearly full")}</td>
            <td>
                <ul class="plain">
                    {row.subscriptions.iter().map(|s| view! {
                        <li>{format!("{} · {} seats · {} {} · ", s.id, s.seats, if matches!(s.status, Status::Active | Status::Expiring) { "ends" } else { "ended" }, s.end_date)}
                            <span class=format!("badge {}", s.status.label().to_lowercase())>{s.status.label()}</span></li>
                    }).collect_view()}
                </ul>
            </td>
            <td class="row-actions">
                <button type="button" class="link" aria-label=format!("View users of {}", row.product)
                    on:click=move |_| open.set(Open::Holders(p1.clone()))>"View users"</button>
                <button type="button" class="link" aria-label=format!("Assign users to {}", row.product)
                    on:click=move |_| open.set(Open::Assign(p2.clone()))>"Assign users"</button>
            </td>
        </tr>
    }
}

/// Who holds the product and from which source; Unassign for a direct seat, greyed out with the reason for a
/// group's (rule 41).
#[component]
fn Holders(product: String, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let p = product.clone();
    let holders = Memo::new(move |_| {
        console.env.with(|e| e.account.teams.get(&team).map(|t| product_holders(&e.account, t, &p)).unwrap_or_default())
    });
    let p = product.clone();
    let unassign = move |user: UserId, name: String| {
        let flash = match console.dispatch(Command::UnassignProduct { team, user, product: p.clone() }) {
            Ok(_) => Flash::Done(format!("{p} was unassigned from {name}.")),
            Err(e) => Flash::Refused(e.to_string()),
        };
        console.flash.set(Some(flash));
    };
    view! {
        <Dialog title=format!("Users of {product}") on_close>
            <p class="count">{move || format!("{} users", holders.with(Vec::len))}</p>
            <table class="users">
                <thead><tr><th scope="col" class="who">"Name"</th><th scope="col">"Email"</th><th scope="col">"Source"</th><th scope="col">"Actions"</th></tr></thead>
                <tbody>
                    {move || holders.get().into_iter().map(|(user, name, email, sources)| {
                        let group_only = sources.iter().all(|s| matches!(s, Source::Group(_)));
                        let from = sources.iter().map(Source::label).collect::<Vec<_>>().join(", ");
                        let label = format!("Unassign {name}");
                        let unassign = unassign.clone();
                        view! {
                            <tr>
                                <td class="who">{name.clone()}</td><td>{email}</td><td>{from}</td>
                                <td>{if group_only {
                                    view! { <span class="hint">"From a group: unassign it at the group"</span> }.into_any()
                                } else {
                                    view! { <button type="button" class="link danger" aria-label=label on:click=move |_| unassign(user, name.clone())>"Unassign"</button> }.into_any()
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="buttons"><button type="button" on:click=move |_| on_close.run(())>"Close"</button></div>
        </Dialog>
    }
}

/// Assign users: the header says how many more can be added; pick people, a seat source, Assign (all or none).
#[component]
fn AssignUsers(product: String, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let today = console.today.get_untracked();
    let (people, choices) = console.env.with_untracked(|e| {
        let Some(t) = e.account.teams.get(&team) else { return (Vec::new(), Vec::new()) };
        (assignable(&e.account, t, &product), seat_choices(t, &product, today))
    });
    let chosen = RwSignal::new(BTreeSet::<UserId>::new());
    let source = RwSignal::new(0usize);
    let error = RwSignal::new(None::<String>);
    let can_add = choices.first().map_or(0, |c| c.available);
    let choices = StoredValue::new(choices);
    let p = product.clone();
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let users: Vec<UserId> = chosen.get_untracked().into_iter().collect();
        let from = choices.with_value(|c| c.get(source.get_untracked()).map(|c| c.source.clone()));
        let n = users.len();
        let command = Command::AssignUsers {
            team,
            users,
            product: p.clone(),
            source: from.unwrap_or(SeatSource::Pool),
            items: None,
        };
        match console.dispatch(command) {
            Ok(_) => {
                let users = if n == 1 { "user" } else { "users" };
                console.flash.set(Some(Flash::Done(format!("{p} was assigned to {n} {users}."))));
                on_close.run(());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <Dialog title=format!("Assign users to {product}") on_close>
            <p>{format!("You can add {can_add} more {}.", if can_add == 1 { "user" } else { "users" })}</p>
            <form on:submit=assign>
                <PeoplePicker id="assign-people" label="Users" people chosen/>
                <SourceSelect id="assign-source".to_string() choices=choices.get_value() chosen=source/>
                <p class="field-error" role="alert">{move || error.get()}</p>
                <FormButtons label="Assign" on_cancel=on_close/>
            </form>
        </Dialog>
    }
}
