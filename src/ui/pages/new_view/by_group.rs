//! User Management → By Group (W3', §4b.9): create, rename and delete groups; add and remove members; assign
//! products to a group from the pool only (rule 42), refused unless there is a seat for every member (rule
//! 39: "Not enough available seats"). Group products show on each member in By User.

use super::{team_name, whole_team, CurrentTeam, TeamScope};
use crate::domain::read::export::groups_csv;
use crate::domain::read::team::{group_deletion_losses, group_rows, seat_choices};
use crate::domain::{Command, GroupId, UserId};
use crate::ui::components::dialog::{ConfirmButtons, Dialog, FormButtons};
use crate::ui::components::fields::{PeoplePicker, TextField};
use crate::ui::components::preview::SavePreview;
use crate::ui::components::tabs::{TabPanel, Tabs};
use crate::ui::console::Flash;
use crate::ui::download::export_csv;
use crate::ui::Console;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    Create,
    Group(GroupId),
    Rename(GroupId),
    Delete(GroupId),
}

#[component]
pub fn ByGroup() -> impl IntoView {
    view! { <TeamScope title="By Group"><GroupsPage/></TeamScope> }
}

#[component]
fn GroupsPage() -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let open = RwSignal::new(Open::Nothing);
    let whole = whole_team();
    let rows = Memo::new(move |_| {
        let me = console.actor().unwrap_or(UserId(0));
        console.env.with(|e| e.account.teams.get(&team.get()).map(|t| group_rows(t, me)).unwrap_or_default())
    });
    let export = move |_| {
        let csv = console.env.with(|e| e.account.teams.get(&team.get_untracked()).map(groups_csv).unwrap_or_default());
        export_csv(console, "groups.csv", rows.with(Vec::len), "groups", &csv);
    };
    view! {
        <div class="toolbar">
            <button type="button" class="primary" hidden=move || !whole.get() on:click=move |_| open.set(Open::Create)>"Create group"</button>
            <button type="button" on:click=export>"Export"</button>
        </div>
        <Show when=move || rows.with(|r| !r.is_empty()) fallback=|| view! { <p class="empty">"This team has no groups yet. Create one to give its members products together."</p> }>
            <table class="users">
                <thead><tr><th scope="col">"Group"</th><th scope="col">"Users"</th><th scope="col">"Products"</th><th scope="col">"Actions"</th></tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.clone() let:row>
                        {
                            let (id, name) = (row.id, row.name.clone());
                            view! {
                                <tr>
                                    <th scope="row">{row.name.clone()}</th>
                                    <td>{row.members}</td>
                                    <td>{row.products.join(", ")}</td>
                                    <td class="row-actions">
                                        <button type="button" class="link" aria-label=format!("View assignments of {name}")
                                            on:click=move |_| open.set(Open::Group(id))>"View assignments"</button>
                                        <button type="button" class="link" hidden=move || !whole.get() aria-label=format!("Rename {name}")
                                            on:click=move |_| open.set(Open::Rename(id))>"Rename"</button>
                                        <button type="button" class="link danger" hidden=move || !whole.get() aria-label=format!("Delete {name}")
                                            on:click=move |_| open.set(Open::Delete(id))>"Delete"</button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </Show>
        {move || {
            let close = Callback::new(move |()| open.set(Open::Nothing));
            match open.get() {
                Open::Nothing => ().into_any(),
                Open::Create => view! { <GroupName group=None on_close=close/> }.into_any(),
                Open::Rename(g) => view! { <GroupName group=Some(g) on_close=close/> }.into_any(),
                Open::Delete(g) => view! { <DeleteGroup group=g on_close=close/> }.into_any(),
                Open::Group(g) => view! { <GroupAssignments group=g on_close=close/> }.into_any(),
            }
        }}
    }
}

/// "Create a group", or Rename when `group` is given.
#[component]
fn GroupName(group: Option<GroupId>, on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let old = console.env.with_untracked(|e| {
        group.and_then(|g| e.account.teams.get(&team)?.groups.get(&g).map(|g| g.name.clone())).unwrap_or_default()
    });
    let name = RwSignal::new(old.clone());
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = match group {
            Some(g) => Command::RenameGroup { team, group: g, name: name.get_untracked() },
            None => Command::CreateGroup { team, name: name.get_untracked() },
        };
        match console.dispatch(command) {
            Ok(_) => {
                let new = name.get_untracked().split_whitespace().collect::<Vec<_>>().join(" ");
                let done = match group {
                    Some(_) => format!("The group {old} is now called {new}."),
                    None => format!("The group {new} was created. Add users and products with View assignments."),
                };
                console.flash.set(Some(Flash::Done(done)));
                on_close.run(());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let (title, button) = if group.is_some() { ("Rename group", "Rename") } else { ("Create a group", "Create group") };
    view! {
        <Dialog title=title.to_string() on_close>
            <form on:submit=save>
                <TextField id="group-name" label="Group name" value=name error/>
                <FormButtons label=button on_cancel=on_close/>
            </form>
        </Dialog>
    }
}

#[component]
fn DeleteGroup(group: GroupId, on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let (name, lost) = console.env.with_untracked(|e| {
        let t = e.account.teams.get(&team);
        let name = t.and_then(|t| t.groups.get(&group)).map(|g| g.name.clone()).unwrap_or_default();
        (name, t.map(|t| group_deletion_losses(&e.account, t, group)).unwrap_or_default())
    });
    let confirm = {
        let name = name.clone();
        move || {
            let flash = match console.dispatch(Command::DeleteGroup { team, group }) {
                Ok(_) => Flash::Done(format!("The group {name} was deleted.")),
                Err(e) => Flash::Refused(e.to_string()),
            };
            console.flash.set(Some(flash));
            on_close.run(());
        }
    };
    view! {
        <Dialog title=format!("Delete {name}") on_close>
            {if lost.is_empty() {
                view! { <p>"Nobody loses a product: no member holds one through this group alone."</p> }.into_any()
            } else {
                view! {
                    <p>"These members lose the products they hold only through this group; their own assignments stay:"</p>
                    <ul class="lost">{lost.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                }.into_any()
            }}
            <ConfirmButtons label="Delete group" danger=true on_confirm=confirm on_cancel=on_close/>
        </Dialog>
    }
}

/// A group's users and products, on two tabs.
#[component]
fn GroupAssignments(group: GroupId, on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let title = console.env.with_untracked(|e| {
        let g = e.account.teams.get(&team).and_then(|t| t.groups.get(&group)).map(|g| g.name.clone());
        format!("{} · {}", g.unwrap_or_default(), team_name(&e.account, team))
    });
    let tab = RwSignal::new(0);
    let error = RwSignal::new(None::<String>);
    // True when the command was applied; a refusal is shown above the tabs and keeps what the admin chose.
    let run = Callback::new(move |(command, done): (Command, String)| match console.dispatch(command) {
        Ok(_) => {
            error.set(None);
            console.flash.set(Some(Flash::Done(done)));
            true
        }
        Err(e) => {
            error.set(Some(e.to_string()));
            false
        }
    });
    // A refusal belongs to the tab it came from.
    Effect::new(move |_| {
        tab.track();
        error.set(None);
    });
    view! {
        <Dialog title on_close>
            <Tabs label="Group assignments" tabs=vec![("group-users", "Users"), ("group-products", "Products")] selected=tab/>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <TabPanel id="group-users" index=0 selected=tab><GroupUsers group run/></TabPanel>
            <TabPanel id="group-products" index=1 selected=tab><GroupProducts group run/></TabPanel>
            <div class="buttons"><button type="button" on:click=move |_| on_close.run(())>"Done"</button></div>
        </Dialog>
    }
}

#[component]
fn GroupUsers(group: GroupId, run: Callback<(Command, String), bool>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    // (members, everyone else in the team), by name; recomputed after each change.
    let people = Memo::new(move |_| {
        console.env.with(|e| {
            let Some(t) = e.account.teams.get(&team) else { return Default::default() };
            let in_group = t.groups.get(&group).map(|g| g.members.clone()).unwrap_or_default();
            let mut all: Vec<(UserId, String, String)> = t
                .members
                .keys()
                .filter_map(|u| e.account.users.get(u).map(|x| (*u, x.full_name(), x.email.clone())))
                .collect();
            all.sort_by(|a, b| a.1.cmp(&b.1));
            let (members, others): (Vec<_>, Vec<_>) = all.into_iter().partition(|(u, ..)| in_group.contains(u));
            (members, others)
        })
    });
    let chosen = RwSignal::new(BTreeSet::<UserId>::new());
    let whole = whole_team();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let users: Vec<UserId> = chosen.get_untracked().into_iter().collect();
        let done = format!("Added {} users to the group.", users.len());
        if run.run((Command::AddGroupMembers { team, group, users }, done)) {
            chosen.set(BTreeSet::new());
        }
    };
    view! {
        <h3>{move || format!("Users ({})", people.with(|p| p.0.len()))}</h3>
        <ul class="plain members">
            {move || people.get().0.into_iter().map(|(user, name, email)| {
                let label = format!("Remove {name} from the group");
                let done = format!("{name} was removed from the group.");
                view! {
                    <li>{name}" "<span class="meta">{email}</span>" "
                        <button type="button" class="link danger" hidden=move || !whole.get() aria-label=label
                            on:click=move |_| { run.run((Command::RemoveGroupMember { team, group, user }, done.clone())); }>"Remove"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <form on:submit=add hidden=move || !whole.get()>
            {move || view! { <PeoplePicker id="group-add" label="Add users" people=people.get().1 chosen/> }}
            <button type="submit" class="primary">"Add users"</button>
        </form>
    }
}

#[component]
fn GroupProducts(group: GroupId, run: Callback<(Command, String), bool>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    // (the group's products, the team's other products with the pool's seats left), recomputed after each change.
    let products = Memo::new(move |_| {
        let today = console.today.get();
        let me = console.actor().unwrap_or(UserId(0));
        console.env.with(|e| {
            let Some(t) = e.account.teams.get(&team) else { return Default::default() };
            // A product admin assigns and sees their products only (issue 30).
            let seen = t.products_seen_by(me);
            let has: BTreeSet<String> = t.groups.get(&group).map(|g| &g.products & &seen).unwrap_or_default();
            let others: Vec<(String, String)> = seen
                .into_iter()
                .filter(|p| !has.contains(p))
                .map(|p| {
                    let pool = seat_choices(t, &p, today).into_iter().next().map(|c| c.text()).unwrap_or_default();
                    (p, pool)
                })
                .collect();
            (has.into_iter().collect::<Vec<_>>(), others)
        })
    });
    let pick = RwSignal::new(String::new());
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let product = pick.get_untracked();
        let product = if product.is_empty() {
            products.with_untracked(|p| p.1.first().map(|x| x.0.clone())).unwrap_or_default()
        } else {
            product
        };
        let done = format!("{product} was assigned to the group.");
        if run.run((Command::AssignGroupProduct { team, group, product }, done)) {
            pick.set(String::new());
        }
    };
    view! {
        <h3>"Products"</h3>
        <p class="hint">"A group takes its seats from the team's pool, and only when there is a seat for every member."</p>
        <ul class="plain">
            {move || products.get().0.into_iter().map(|product| {
                let label = format!("Unassign {product} from the group");
                let done = format!("{product} was unassigned from the group.");
                let p = product.clone();
                view! {
                    <li>{product}" "
                        <button type="button" class="link danger" aria-label=label
                            on:click=move |_| { run.run((Command::UnassignGroupProduct { team, group, product: p.clone() }, done.clone())); }>"Unassign"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <Show when=move || products.with(|p| !p.1.is_empty())>
            <form on:submit=assign>
                <div class="field">
                    <label for="group-product">"Product"</label>
                    <select id="group-product" on:change=move |ev| pick.set(event_target_value(&ev))>
                        {move || products.get().1.into_iter().map(|(p, pool)| view! { <option value=p.clone()>{format!("{p} ({pool})")}</option> }).collect_view()}
                    </select>
                </div>
                <SavePreview command=Signal::derive(move || {
                    let product = pick.get();
                    let product = if product.is_empty() { products.with(|p| p.1.first().map(|x| x.0.clone()))? } else { product };
                    Some(Command::AssignGroupProduct { team, group, product })
                })/>
                <button type="submit" class="primary">"Assign"</button>
            </form>
        </Show>
    }
}
