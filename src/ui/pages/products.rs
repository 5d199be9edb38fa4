//! Products & Services for the person in "Viewing as": what they may use — collections expanded, services,
//! download or cloud-only (rule 12), support benefits — and for admins every line they manage; and asking for a
//! product one doesn't have (issue 30, `pages::requests::AskForProduct`).

use crate::domain::read::my_products::{managed_lines, my_products};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Products() -> impl IntoView {
    let console = expect_context::<Console>();
    let today = move || console.today.get();
    let mine =
        move || console.actor().map(|a| console.env.with(|e| my_products(&e.account, a, today()))).unwrap_or_default();
    let managed = move || {
        console.actor().map(|a| console.env.with(|e| managed_lines(&e.account, a, today()))).unwrap_or_default()
    };
    view! {
        <h1>"Products & Services"</h1>
        <p class="hint">"Your account is what you use for everything you do with Autodesk products and services."</p>
        {move || {
            let m = mine();
            let admins = m.admins.join(", ");
            if m.pending {
                return view! { <p class="empty">"Accept your invitation first: products and services assigned to you appear here once you have."</p> }.into_any();
            }
            if m.held.is_empty() && m.benefits.is_empty() && m.team_products.is_empty() && m.cloud_services.is_empty() && m.no_access.is_empty() {
                return view! { <p class="empty">{format!("Nothing is assigned to you yet — ask for a product below, or ask your admins ({admins}).")}</p> }.into_any();
            }
            view! {
                <section class="card" aria-label="Your products">
                    <h2>"Your products"</h2>
                    {m.held.into_iter().map(|h| view! {
                        <article class="held" aria-label=format!("{} {}", h.name, h.release)>
                            <h3>{format!("{} {}", h.name, h.release)}</h3>
                            <p class="meta">{format!("Contract {} · {}", h.contract, match (h.network, h.download) {
                                (true, _) => "Multi-user: download the software and the licence file for your licence server",
                                (false, true) => "Download included",
                                (false, false) => "Cloud services only",
                            })}</p>
                            <ul>{h.products.into_iter().map(|(product, services)| view! {
                                <li><strong>{product}</strong>{if services.is_empty() { String::new() } else { format!(": {}", services.join(", ")) }}</li>
                            }).collect_view()}</ul>
                        </article>
                    }).collect_view()}
                    {m.cloud_services.into_iter().map(|(contract, services)| view! {
                        <article class="held" aria-label="Cloud services">
                            <h3>"Cloud services"</h3>
                            <p class="meta">{format!("Contract {contract} · {}", services.join(", "))}</p>
                        </article>
                    }).collect_view()}
                    {m.team_products.into_iter().map(|(team, product, how)| view! {
                        <article class="held" aria-label=product.clone()><h3>{product.clone()}</h3><p class="meta">{format!("Team {team} · {how}")}</p></article>
                    }).collect_view()}
                </section>
                {(!m.no_access.is_empty()).then(|| view! {
                    <section class="card" aria-label="No access now">
                        <h2>"No access now"</h2>
                        <ul>{m.no_access.into_iter().map(|n| view! {
                            <li>{format!("{}: contract {} is {}. {}", n.product, n.contract, n.status, if n.status == "Canceled" {
                                "It can't be renewed: a new purchase is needed."
                            } else {
                                "Access returns when it is renewed."
                            })}</li>
                        }).collect_view()}</ul>
                    </section>
                })}
                {(!m.benefits.is_empty()).then(|| view! {
                    <section class="card" aria-label="Your support benefits">
                        <h2>"Your support benefits"</h2>
                        <ul>{m.benefits.into_iter().map(|(c, b)| view! { <li>{format!("Contract {c}: {}", b.join(", "))}</li> }).collect_view()}</ul>
                    </section>
                })}
            }.into_any()
        }}
        <super::requests::AskForProduct/>
        {move || {
            let lines = managed();
            (!lines.is_empty()).then(|| view! {
                <section class="card" aria-label="Products you manage">
                    <h2>"Products you manage"</h2>
                    <table class="users">
                        <thead><tr><th scope="col">"Product"</th><th scope="col">"Contract"</th><th scope="col">"Seats"</th><th scope="col">"Assigned to"</th><th scope="col"></th></tr></thead>
                        <tbody>{lines.into_iter().map(|l| {
                            let href = format!("/users/classic?contract={}&product={}", l.contract, l.product.replace(' ', "+").replace('&', "%26"));
                            view! {
                                <tr>
                                    <td>{format!("{} {}", l.product, l.release)}</td>
                                    <td>{l.contract.to_string()}</td>
                                    <td>{l.seats.summary()}</td>
                                    <td>{l.holders.join(", ")}</td>
                                    <td><A href=href>"Edit Access"</A></td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                </section>
            })
        }}
    }
}
