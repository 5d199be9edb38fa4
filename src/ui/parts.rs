//! The console shipped in parts (issue 29): each group of screens opened together is a part of the wasm of its
//! own, fetched the first time the admin opens one of them, so a first visit downloads the shell and one
//! part, not every screen; features that the first screen never needs are parts too (`in_part!`).
//!
//! With the `split` feature (the shipped build, `./x release`) each `in_part!` is a split point of
//! `wasm_split` (`fallible`: a part that can't be fetched is an `Err`, never a trap) that `wasm-split-cli`
//! cuts out after linking; without it (wasm-bindgen-test builds) the function is called directly.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;

/// A part of the console that could not be fetched (offline on a first visit, or the server failed).
pub struct Missing;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for Missing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Missing
    }
}

/// A function whose code ships in the named part: an async call that fetches the part first (with `split`),
/// `Err(Missing)` when it can't be fetched; functions sharing a part's name ship in one file.
macro_rules! in_part {
    ($part:ident, $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($part, fallible, wasm_split_path = ::leptos::wasm_split)]
        $vis fn $name($($arg: $ty),*) -> Result<$out, $crate::ui::parts::Missing> {
            let out: $out = $body;
            Ok(out)
        }
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$out, $crate::ui::parts::Missing> {
            let out: $out = $body;
            Ok(out)
        }
    };
}
pub(crate) use in_part;

/// Declares each screen as a route's view loaded from the named part, `Screens`, the routes, and `fetch_early`,
/// which starts fetching the part of the screen at a path: one table of paths for both.
macro_rules! part {
    ($($route:ident at $path:tt => $part:ident: $screen:path;)*) => {
        #[allow(non_snake_case)]
        mod loads {
            use super::*;
            $(in_part!($part, pub fn $route() -> AnyView { view! { <$screen/> }.into_any() });)*
        }
        /// Each screen's `Load`, one function for the route and for `fetch_early`.
        #[allow(non_snake_case)]
        mod load {
            use super::*;
            $(pub fn $route() -> Loading { Box::pin(loads::$route()) })*
        }
        $(
            #[allow(non_snake_case)]
            pub fn $route() -> impl IntoView {
                view! { <Part load=load::$route/> }
            }
        )*

        /// Every screen at its path; any other path is Not found.
        #[component]
        pub fn Screens() -> impl IntoView {
            view! { <Routes fallback=NotFound>$(<Route path=path!($path) view=$route/>)*</Routes> }
        }

        /// At a cold start, before the session replays the account: starts fetching the part of the screen at
        /// `path`, so that its files download and compile while the account is read (the route would ask for it
        /// only once the shell is drawn). The loader keeps the download, which the route's own load then joins.
        pub fn fetch_early(path: &str) {
            $(if at($path, path) {
                return start(load::$route);
            })*
        }
    };
}
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::pages::{
    classic_users::ClassicUsers,
    contract_detail::ContractDetail,
    contracts::Contracts,
    home::Home,
    hubs::Hubs,
    invitations::Invitations,
    new_view::{
        by_group::ByGroup, by_product::ByProduct, by_user::ByUser, subscriptions::Subscriptions,
        team_migration::Migration,
    },
    not_found::NotFound,
    notifications::Notifications,
    outbox::Outbox,
    products::Products,
    reporting::{ActivityLog, IdleSeats, Renewals, ReportingHome, SeatUsePage, UsageReport},
    requests::Requests,
    rules::Rules,
    search::Search,
    share::Share,
    start::Start,
};

// Screens an admin opens together share a part: fewer parts, fewer pieces of code shared between them
// (wasm-split-cli puts each piece used by several parts in a file of its own), fewer files to fetch.
part! {
    HomePage at "/" => home: Home;
    ProductsPage at "/products" => home: Products;
    NotificationsPage at "/notifications" => home: Notifications;
    OutboxPage at "/outbox" => home: Outbox;
    SearchPage at "/search" => home: Search;
    ClassicUsersPage at "/users/classic" => classic: ClassicUsers;
    ByUserPage at "/users/by-user" => team: ByUser;
    ByProductPage at "/users/by-product" => team: ByProduct;
    ByGroupPage at "/users/by-group" => team: ByGroup;
    SubscriptionsPage at "/billing/subscriptions" => team: Subscriptions;
    InvitationsPage at "/users/invitations" => team: Invitations;
    RequestsPage at "/users/requests" => team: Requests;
    MigrationPage at "/users/migration" => manage: Migration;
    RulesPage at "/users/rules" => manage: Rules;
    ContractsPage at "/billing/contracts" => manage: Contracts;
    ContractDetailPage at "/billing/contracts/:number" => manage: ContractDetail;
    HubsPage at "/hubs" => manage: Hubs;
    ReportingHomePage at "/reporting" => reporting: ReportingHome;
    ActivityLogPage at "/reporting/activity" => reporting: ActivityLog;
    SeatUseReport at "/reporting/seats" => reporting: SeatUsePage;
    RenewalsPage at "/reporting/renewals" => reporting: Renewals;
    UsageReportPage at "/reporting/usage" => reporting: UsageReport;
    IdleSeatsPage at "/reporting/idle" => reporting: IdleSeats;
    StartPage at "/start" => start: Start;
    SharePage at "/share" => start: Share;
}

/// Whether `path` is the route `pattern` (a `:name` segment stands for any one segment).
fn at(pattern: &str, path: &str) -> bool {
    let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
    pattern.split('/').count() == path.split('/').count()
        && pattern.split('/').zip(path.split('/')).all(|(want, got)| want == got || want.starts_with(':'))
}

/// Polls a screen's load once, which asks the loader for its part, and lets the future go: the load is only
/// started here, the screen itself is built by the route.
fn start(load: Load) {
    #[cfg(feature = "split")]
    {
        let mut screen = load();
        let _ = screen.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop()));
    }
    #[cfg(not(feature = "split"))]
    let _ = load;
}

/// How a part's screen is loaded: the same type for every route, so `Part` is compiled once.
type Load = fn() -> Loading;
type Loading = std::pin::Pin<Box<dyn Future<Output = Result<AnyView, Missing>>>>;

/// A screen from its part: the screen once its part has arrived (from the service worker's cache after a
/// first visit), "Loading this page…" while a slow network brings it, and when it can't be fetched a message
/// that says so with Try again and Reload.
#[component]
fn Part(load: Load) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let arrived = RwSignal::new(None::<u32>);
    // Said only when an attempt takes longer than a blink, and again when its request goes unanswered; the
    // live region is there from the start and its words come later, so that a screen reader announces them.
    let (slow, stalled) = (RwSignal::new(None::<u32>), RwSignal::new(None::<u32>));
    let screen = move || {
        let this = attempt.get();
        after(300, slow, this);
        after(10_000, stalled, this);
        Suspend::new(SendWrapper::new(async move {
            let shown = match load().await {
                Ok(screen) => {
                    work_offline();
                    screen
                }
                Err(Missing) => view! { <Unreachable tried=this attempt/> }.into_any(),
            };
            arrived.set(Some(this));
            arrive(this > 0);
            shown
        }))
    };
    let waiting = move || arrived.get() != Some(attempt.get());
    let now = move |passed: RwSignal<Option<u32>>| waiting() && passed.get() == Some(attempt.get());
    let words = move || {
        if now(stalled) {
            Some("This page is taking long to download: the network is slow or not answering. It opens as soon as it arrives.")
        } else {
            now(slow).then_some("Loading this page…")
        }
    };
    view! {
        <div class="part-loading" hidden=move || !waiting()>
            <p role="status">{words}</p>
            <button type="button" hidden=move || !now(stalled) on:click=|_| reload()>"Reload the console"</button>
        </div>
        {screen}
    }
}

/// Marks attempt `this` in `passed` after `ms` milliseconds (unless the view is gone by then).
fn after(ms: u64, passed: RwSignal<Option<u32>>, this: u32) {
    set_timeout(
        move || {
            let _ = passed.try_set(Some(this));
        },
        std::time::Duration::from_millis(ms),
    );
}

/// A new page load: the newest build (from the service worker once it has it); the account is in storage.
fn reload() {
    let _ = window().location().reload();
}

/// Once a screen (or the message that it could not be downloaded) is drawn: the browser's title names it
/// (WCAG 2.4.2), and focus goes to it after Try again and after a link to it (WCAG 2.4.3: a screen reader reads
/// the new screen, the next Tab is in it, and on a phone focus is not left on the menu's hidden link), but not
/// at the first screen, nor when the admin has moved focus on meanwhile (into the header's search, say).
fn arrive(after_retry: bool) {
    static FIRST: std::sync::Once = std::sync::Once::new();
    let mut first = false;
    FIRST.call_once(|| first = true);
    request_animation_frame(move || {
        let doc = document();
        if let Some(h1) = doc.query_selector("#main h1").ok().flatten().and_then(|h| h.text_content()) {
            doc.set_title(&format!("{h1} — Autodesk Account"));
        }
        // Focus on the page's start, in the navigation, or on the link followed (the header's Share, say).
        let left_behind = doc
            .active_element()
            .is_none_or(|el| el.tag_name() == "BODY" || el.closest("#main-nav, a").ok().flatten().is_some());
        if after_retry || (!first && left_behind) {
            super::components::focus_now("main");
        }
    });
}

/// Hidden once the admin tries again, so the message and the new attempt's progress never show together.
#[component]
fn Unreachable(tried: u32, attempt: RwSignal<u32>) -> impl IntoView {
    let again = match tried {
        0 => None,
        1 => Some("Tried again once: still not downloaded.".to_string()),
        n => Some(format!("Tried again {n} times: still not downloaded.")),
    };
    view! {
        <section class="part-missing" role="alert" hidden=move || attempt.get() != tried>
            <h1>"This page could not be downloaded"</h1>
            <p>
                "This screen is not on this device yet, and the network did not answer or the console was updated \
                 since this tab opened. Your account and your changes are safe: every screen you opened before \
                 works offline. Connect and try again, or reload the console for its newest version."
            </p>
            {again.map(|text| view! { <p class="hint">{text}</p> })}
            <div class="buttons">
                <button type="button" class="primary" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
                <button type="button" on:click=|_| reload()>"Reload the console"</button>
            </div>
        </section>
    }
}

/// Once the first screen is up, the service worker that the build writes (scripts/postbuild.py) caches every
/// part, so any screen opens offline later; not before, so that its downloads don't slow the first screen's.
/// Registered once, not at every screen.
fn work_offline() {
    #[cfg(not(debug_assertions))]
    {
        static REGISTER: std::sync::Once = std::sync::Once::new();
        REGISTER.call_once(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().service_worker().register("/sw.js");
            }
        });
    }
}
