//! "Where is this seat?" (issue 18): every place a contract number, serial number, subscription ID, product or
//! email lives, limited to what the person in "Viewing as" may see, with links to the pages that change it.

use crate::domain::read::search::{find, MAX_HITS};
use crate::domain::visibility::limits;
use crate::ui::components::fields::QuerySearch;
use crate::ui::query::use_url_query;
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Search() -> impl IntoView {
    let console = expect_context::<Console>();
    let query = use_url_query();
    let text = move || query.value("q");
    let hits = Memo::new(move |_| {
        let (q, today, viewer) = (text(), console.today.get(), console.actor());
        viewer.map(|v| console.env.with(|e| find(&e.account, v, &q, today))).unwrap_or_default()
    });
    // A limited admin is told their limit: an admin limited to Reporting finds nothing of the team here (issue 30).
    let limits = move || {
        let mine = console.actor().map(|me| console.env.with(|e| limits(&e.account, me))).unwrap_or_default();
        mine.iter().map(|l| format!(" {l}")).collect::<String>()
    };
    view! {
        <h1>"Where is this seat?"</h1>
        // The search again, where its results are, to refine it.
        <div class="filters" role="search" aria-label="Search again">
            <QuerySearch query placeholder="Contract, serial, subscription, product or email"/>
        </div>
        <p class="count" aria-live="polite">{move || {
            let (q, n) = (text(), hits.with(Vec::len));
            match n {
                _ if q.trim().chars().count() < 2 => "Type at least two characters of a contract number, serial number, subscription ID, product or email in the search at the top.".to_string(),
                0 => format!("Nothing you can see matches \"{}\". Contract managers see their contracts, software coordinators their serial numbers, team admins their teams.{}", q.trim(), limits()),
                n if n >= MAX_HITS => format!("The first {MAX_HITS} places matching \"{}\"; type more to narrow them.", q.trim()),
                1 => format!("1 place matches \"{}\".", q.trim()),
                n => format!("{n} places match \"{}\".", q.trim()),
            }
        }}</p>
        <For each=move || hits.get() key=|h| h.clone() let:hit>
            <article class="card hit" aria-label=hit.title.clone()>
                <h2>{hit.title.clone()}</h2>
                <ul class="plain">{hit.facts.clone().into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                <p class="links">{hit.links.clone().into_iter().map(|(label, href)| view! { <A href=href>{label}</A>" " }).collect_view()}</p>
            </article>
        </For>
    }
}
