//! Remove user (W4, §4b.7): the confirmation lists what the person loses; the primary admin (rule 24) and
//! synced users (rule 25) are refused with what to do instead.

use super::{team_name, CurrentTeam};
use crate::domain::read::team::removal_losses;
use crate::domain::team::removal_blocker;
use crate::domain::{Command, UserId};
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn RemoveTeamUser(user: UserId, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let (name, team_label, blocked, lost) = console.env.with_untracked(|e| {
        let name = e.account.name_of(user);
        let blocked = removal_blocker(&e.account, team, user);
        let lost = removal_losses(&e.account, team, user);
        (name, team_name(&e.account, team), blocked.map(|b| b.to_string()), lost)
    });
    let confirm = {
        let name = name.clone();
        move || {
            let flash = match console.dispatch(Command::RemoveTeamUser { team, user }) {
                Ok(_) => Flash::Done(format!("{name} was removed from {team_label}.")),
                Err(e) => Flash::Refused(e.to_string()),
            };
            console.flash.set(Some(flash));
            on_close.run(());
        }
    };
    view! {
        <Dialog title=format!("Remove {name}") on_close>
            {match blocked {
                Some(reason) => view! {
                    <p class="refused" role="alert">{reason}</p>
                    <div class="buttons"><button type="button" autofocus on:click=move |_| on_close.run(())>"Close"</button></div>
                }.into_any(),
                None => view! {
                    {if lost.is_empty() {
                        view! { <p>{format!("{name} has no products or groups in this team. Their Autodesk account stays.")}</p> }.into_any()
                    } else {
                        view! {
                            <p>{format!("{name} will lose (their Autodesk account stays):")}</p>
                            <ul class="lost">{lost.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        }.into_any()
                    }}
                    <ConfirmButtons label="Remove User" danger=true on_confirm=confirm on_cancel=on_close/>
                }.into_any(),
            }}
        </Dialog>
    }
}
