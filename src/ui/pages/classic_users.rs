//! User Management → Classic User Management: the named users of the account's contracts (W1–W4).

use crate::domain::user_list::{classic_user_list, UserFilter};
use crate::domain::UserStatus;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn ClassicUsers() -> impl IntoView {
    let console = expect_context::<Console>();
    let allowed = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_classic_admin(a)));
    let rows = move || {
        let today = console.today.get();
        console.env.with(|e| classic_user_list(&e.account, &UserFilter::default(), today))
    };
    view! {
        <h1>"Classic User Management"</h1>
        <Show when=allowed fallback=|| view! {
            <p class="refusal">"You don't have access to user management. Only contract managers and software coordinators can manage users."</p>
        }>
            <p class="count">{move || format!("{} users", rows().len())}</p>
            <table class="users">
                <thead><tr>
                    <th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th>
                    <th scope="col">"Status"</th><th scope="col">"Products"</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|r| {
                        let status = match (r.status, r.needs_resend) {
                            (UserStatus::Active, _) => "Active",
                            (UserStatus::Pending, false) => "Pending",
                            (UserStatus::Pending, true) => "Pending — Resend invite",
                        };
                        view! {
                            <tr>
                                <td>{r.name}</td><td>{r.email}</td><td>{r.role.label()}</td>
                                <td class=if r.status == UserStatus::Active { "active" } else { "pending" }>{status}</td>
                                <td>{r.products.join(", ")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </Show>
    }
}
