//! Move a subscription to another team (rule 44): offered to its owner; the other team chosen, what the move
//! would do (or why it would be refused: a seat of it assigned) shown before Move.

use crate::domain::{Command, SubscriptionId, TeamId};
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::components::preview::SavePreview;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn MoveSubscription(from: TeamId, id: SubscriptionId, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let teams: Vec<(TeamId, String)> = console.env.with_untracked(|e| {
        e.account.teams.iter().filter(|(t, _)| **t != from).map(|(t, team)| (*t, team.name.clone())).collect()
    });
    let to = RwSignal::new(teams.first().map(|(t, _)| *t));
    let command = {
        let id = id.clone();
        Signal::derive(move || to.get().map(|to| Command::MoveSubscription { from, subscription: id.clone(), to }))
    };
    let confirm = move || {
        let Some(cmd) = command.get_untracked() else { return };
        let name = console
            .env
            .with_untracked(|e| e.account.teams.get(&to.get_untracked().unwrap_or(from)).map(|t| t.name.clone()));
        let said = format!("{} moved to {}; both teams' seat counts changed.", id_text(&cmd), name.unwrap_or_default());
        if console.run(cmd, move |_| said) {
            on_close.run(());
        }
    };
    view! {
        <Dialog title=format!("Move {id}") on_close>
            <p class="hint">"Only the subscription's owner moves it, and only while none of its seats is assigned (rule 44): unassign its seats first. Its seats leave this team's pool for the other's."</p>
            <div class="field">
                <label for="move-to">"To team"</label>
                <select id="move-to" on:change=move |ev| to.set(event_target_value(&ev).parse().ok().map(TeamId))>
                    {teams.into_iter().map(|(t, name)| view! { <option value=t.0.to_string()>{name}</option> }).collect_view()}
                </select>
            </div>
            <SavePreview command action="Move"/>
            <ConfirmButtons label="Move" on_cancel=move || on_close.run(()) on_confirm=confirm/>
        </Dialog>
    }
}

fn id_text(cmd: &Command) -> String {
    match cmd {
        Command::MoveSubscription { subscription, .. } => subscription.to_string(),
        _ => String::new(),
    }
}
