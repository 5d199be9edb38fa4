//! What happens if a contract or subscription is not renewed (issue 12; rule 46), in words and as a table:
//! the contract page and the subscriptions page show the same `read::whatif::Impact` the same way.

use crate::domain::read::whatif::Impact;
use leptos::prelude::*;

#[component]
pub fn ImpactView(impact: Impact, name: String, today: chrono::NaiveDate) -> impl IntoView {
    let i = impact;
    let tense =
        |d: chrono::NaiveDate, future: &str, past: &str| if d > today { future.to_string() } else { past.to_string() };
    let people = if i.people() == 1 { "1 person".to_string() } else { format!("{} people", i.people()) };
    let lose = tense(i.suspended_on, if i.people() == 1 { "loses" } else { "lose" }, "lost");
    view! {
        <p>{format!("If {name} is not renewed by {}:", i.end)}</p>
        <ul class="stages">
            <li>{format!("{}: {} Expired; everyone keeps access for 15 days.", i.expired_on, tense(i.expired_on, "it becomes", "it became"))}</li>
            <li>{format!("{}: {} Suspended; {people} {lose} access to what is listed below.", i.suspended_on, tense(i.suspended_on, "it becomes", "it became"))}</li>
            {i.hubs.iter().map(|h| view! { <li>{format!("{}: the Team hub {h} {} this contract.", i.suspended_on, tense(i.suspended_on, "loses", "lost"))}</li> }).collect_view()}
            <li>{format!("{}: the last day its cloud storage {} reachable, 30 days after the end: download what is kept there before then.", i.storage_until, tense(i.storage_until, "stays", "stayed"))}</li>
            <li>{format!("{}: {} Canceled.", i.canceled_on, tense(i.canceled_on, "it is", "it was"))}</li>
        </ul>
        <table class="users">
            <caption>{format!("Who loses access on {}", i.suspended_on)}</caption>
            <thead><tr><th scope="col">"User"</th><th scope="col">"Product"</th><th scope="col">"Services"</th><th scope="col">"Held as"</th></tr></thead>
            <tbody>{i.losses.into_iter().map(|l| view! {
                <tr>
                    <td>{l.name}</td><td>{l.product}</td>
                    <td>{if l.services.is_empty() { "—".to_string() } else { l.services.join(", ") }}</td><td>{l.held_as}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
    }
}
