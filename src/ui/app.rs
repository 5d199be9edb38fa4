//! The shell: header, left navigation and the routes, as on manage.autodesk.com.

use super::components::{header::Header, messages::Messages, nav::Nav};
use super::console::Console;
use super::pages::{
    classic_users::ClassicUsers, contract_detail::ContractDetail, contracts::Contracts, home::Home, hubs::Hubs,
    not_built::NotBuilt, not_found::NotFound, outbox::Outbox, products::Products,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_context(Console::start());
    view! {
        <Router>
            <a class="skip" href="#main">"Skip to content"</a>
            <Header/>
            <div class="layout">
                <Nav/>
                <main id="main" tabindex="-1">
                    <Messages/>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Home/>
                        <Route path=path!("/products") view=Products/>
                        <Route path=path!("/users/by-user") view=|| view! { <NotBuilt title="By User"/> }/>
                        <Route path=path!("/users/by-product") view=|| view! { <NotBuilt title="By Product"/> }/>
                        <Route path=path!("/users/by-group") view=|| view! { <NotBuilt title="By Group"/> }/>
                        <Route path=path!("/users/classic") view=ClassicUsers/>
                        <Route path=path!("/billing/contracts") view=Contracts/>
                        <Route path=path!("/billing/contracts/:number") view=ContractDetail/>
                        <Route path=path!("/hubs") view=Hubs/>
                        <Route path=path!("/reporting") view=|| view! { <NotBuilt title="Reporting"/> }/>
                        <Route path=path!("/outbox") view=Outbox/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
