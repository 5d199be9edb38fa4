//! "Share this account" (issue 15): the CouchDB server and database, signing in, sharing this account or
//! joining the one on the server, and then the connection's state, refused changes and Disconnect.

use crate::storage::couch::{sign_in, Couch};
use crate::storage::local::{connect_config, save_connect_config};
use crate::storage::shared::{database_name, server_address};
use crate::storage::Envelope;
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::components::fields::TextField;
use crate::ui::console::{Flash, Net};
use crate::ui::Console;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Share() -> impl IntoView {
    let console = expect_context::<Console>();
    view! {
        <h1>"Share this account"</h1>
        <p class="hint">"Several admins keep one account through a CouchDB server: each works in their own browser, online or not, and every change is checked by the same rules in every browser. A change that another admin's earlier change made impossible is refused for its author, with the reason."</p>
        {move || match console.sync_status() {
            Some(_) => view! { <Connected/> }.into_any(),
            None => view! { <Connect/> }.into_any(),
        }}
    }
}

/// The line in the header while the account is shared: synced, waiting, offline or refused changes.
pub fn status_text(console: Console) -> Option<String> {
    let status = console.sync_status()?;
    let refused = status.refused.len();
    let state = match console.net.get() {
        _ if refused > 0 => format!("{refused} refused change{}", if refused == 1 { "" } else { "s" }),
        Net::Offline => {
            format!("offline, {} change{} waiting", status.waiting, if status.waiting == 1 { "" } else { "s" })
        }
        Net::Failed(_) => "not connected".to_string(),
        Net::SignedOut => "signed out".to_string(),
        _ if status.waiting > 0 => {
            format!("{} change{} waiting", status.waiting, if status.waiting == 1 { "" } else { "s" })
        }
        Net::Connecting => "connecting".to_string(),
        Net::OtherTab => "synced by another tab".to_string(),
        Net::Online => "synced".to_string(),
    };
    Some(format!("Shared: {state}"))
}

#[component]
fn Connected() -> impl IntoView {
    let console = expect_context::<Console>();
    let status = move || console.sync_status();
    let asking = RwSignal::new(false);
    let field = move |f: fn(&crate::storage::session::SyncStatus) -> String| move || status().map(|s| f(&s));
    view! {
        <dl class="facts">
            <dt>"Server"</dt><dd>{field(|s| s.server.clone())}</dd>
            <dt>"Database"</dt><dd>{field(|s| s.db.clone())}</dd>
            <dt>"Signed in as"</dt><dd>{field(|s| s.author.clone())}</dd>
            <dt>"State"</dt><dd class="sync-state" aria-live="polite">{move || status_text(console)}</dd>
        </dl>
        {move || match console.net.get() {
            Net::Failed(why) => Some(view! { <p class="field-error" role="alert">{why}</p> }.into_any()),
            Net::SignedOut => Some(view! { <SignInAgain/> }.into_any()),
            _ => None,
        }}
        <h2>"Refused changes"</h2>
        {move || {
            let refused = status().map(|s| s.refused).unwrap_or_default();
            if refused.is_empty() {
                view! { <p>"None: every change you made is in the shared account."</p> }.into_any()
            } else {
                view! {
                    <p>"Another admin's earlier change made these impossible. Nothing of them was applied: check the account as it is now and make the change again if it still fits."</p>
                    <ul class="refused">{refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                }.into_any()
            }
        }}
        <button type="button" on:click=move |_| asking.set(true)>"Disconnect"</button>
        <Show when=move || asking.get()>
            <Dialog title="Disconnect".to_string() on_close=move || asking.set(false)>
                <p>{move || {
                    let waiting = status().map_or(0, |s| s.waiting);
                    format!("Stop sharing in this browser? It keeps the account as it is now.{}", if waiting > 0 { format!(" {waiting} change(s) not yet sent stay only here.") } else { String::new() })
                }}</p>
                <ConfirmButtons label="Disconnect" on_cancel=move || asking.set(false)
                    on_confirm=move || { asking.set(false); console.disconnect(); console.flash.set(Some(Flash::Done("Disconnected: this browser keeps its own copy of the account.".into()))); }/>
            </Dialog>
        </Show>
    }
}

/// The server's session ended: the password again, and syncing goes on (nothing waiting is lost).
#[component]
fn SignInAgain() -> impl IntoView {
    let console = expect_context::<Console>();
    let (password, error) = (RwSignal::new(String::new()), RwSignal::new(None));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(status) = console.sync_status() else { return };
        let secret = password.get_untracked();
        if secret.is_empty() {
            error.set(Some("Enter your password.".to_string()));
            return;
        }
        spawn_local(async move {
            match sign_in(&status.server, &status.author, &secret).await {
                Ok(()) => {
                    error.set(None);
                    console.start_sync();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <form class="sign-in" on:submit=submit>
            <p role="alert">"The server signed you out. Your changes wait here until you sign in again."</p>
            <TextField id="share-password-again" label="Password" kind="password" value=password error=error/>
            <button type="submit" class="primary">"Sign in again"</button>
        </form>
    }
}

/// What the server holds once signed in: nothing yet, or an account to join.
#[derive(Clone)]
enum Found {
    Empty,
    Account(Box<Envelope>),
}

#[component]
fn Connect() -> impl IntoView {
    let saved = connect_config();
    let (server, db) = saved.clone().unwrap_or_default();
    let server = RwSignal::new(server);
    let db = RwSignal::new(db);
    let (server_error, db_error) = (RwSignal::new(None), RwSignal::new(None));
    // The page's connect-src holds the saved server only: a new address needs a reload to be reachable.
    let use_server = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (s, d) = (server_address(&server.get_untracked()), database_name(&db.get_untracked()));
        server_error.set(s.clone().err());
        db_error.set(d.clone().err());
        if let (Ok(s), Ok(d)) = (s, d) {
            match save_connect_config(&s, &d) {
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(e) => server_error.set(Some(e.to_string())),
            }
        }
    };
    let changing = RwSignal::new(saved.is_none());
    view! {
        <Show when=move || changing.get() fallback=move || view! {
            <p>{format!("Server {} · database {} ", server.get_untracked(), db.get_untracked())}
                <button type="button" class="link" on:click=move |_| changing.set(true)>"Change"</button></p>
            <SignIn couch=Couch { server: server.get_untracked(), db: db.get_untracked() }/>
        }>
            <form class="share-server" on:submit=use_server>
                <TextField id="share-server" label="Server address" kind="url" value=server error=server_error/>
                <TextField id="share-db" label="Database" value=db error=db_error/>
                <p class="hint">"The console may reach this one server only; it reloads once to allow it."</p>
                <button type="submit" class="primary">"Use this server"</button>
            </form>
        </Show>
    }
}

#[component]
fn SignIn(couch: Couch) -> impl IntoView {
    let console = expect_context::<Console>();
    let (name, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (name_error, password_error) = (RwSignal::new(None), RwSignal::new(None));
    let found = RwSignal::new(None::<Found>);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let signed_in = RwSignal::new(String::new());
    let look = couch.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (who, secret) = (name.get_untracked().trim().to_lowercase(), password.get_untracked());
        name_error.set(who.is_empty().then(|| "Enter the email you sign in to the server with.".to_string()));
        password_error.set(secret.is_empty().then(|| "Enter your password.".to_string()));
        if who.is_empty() || secret.is_empty() {
            return;
        }
        let couch = look.clone();
        busy.set(true);
        failed.set(None);
        spawn_local(async move {
            let result = async {
                sign_in(&couch.server, &who, &secret).await?;
                couch.open().await?;
                couch.snapshot().await
            }
            .await;
            busy.set(false);
            match result {
                Ok(snapshot) => {
                    signed_in.set(who);
                    found.set(Some(snapshot.map_or(Found::Empty, |e| Found::Account(Box::new(e)))));
                }
                Err(e) => failed.set(Some(e.to_string())),
            }
        });
    };
    let act = move |join: bool| {
        let (couch, who) = (couch.clone(), signed_in.get_untracked());
        let known = |env: &Envelope| env.account.user_by_email(&who).is_some();
        let base = found.with_untracked(|f| match f {
            Some(Found::Account(env)) => Some((**env).clone()),
            _ => None,
        });
        let mine = console.env.with_untracked(|e| known(e));
        let theirs = base.as_ref().is_none_or(known);
        if !(if join { theirs } else { mine }) {
            failed.set(Some(format!(
                "{} is not a person in this account: sign in as one of its admins.",
                signed_in.get_untracked()
            )));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let who = signed_in.get_untracked();
            let done = match base {
                Some(base) if join => console.join(couch, who, base).await,
                _ => console.share(couch, who).await,
            };
            busy.set(false);
            match done {
                Ok(()) => console.flash.set(Some(Flash::Done(
                    if join {
                        "Joined: this browser now keeps the shared account."
                    } else {
                        "Shared: other admins can join this account now."
                    }
                    .into(),
                ))),
                Err(why) => failed.set(Some(why)),
            }
        });
    };
    let act = StoredValue::new(act);
    view! {
        <form class="sign-in" on:submit=submit>
            <TextField id="share-name" label="Your email (your name on the server)" kind="email" value=name error=name_error/>
            <TextField id="share-password" label="Password" kind="password" value=password error=password_error/>
            <button type="submit" class="primary" disabled=move || busy.get()>"Sign in"</button>
        </form>
        {move || failed.get().map(|why| view! { <p class="field-error" role="alert">{why}</p> })}
        {move || found.get().map(|f| match f {
            Found::Empty => view! {
                <p>"The database is empty. Share this account: it is sent to the server as it is now, and the other admins join it from their browsers."</p>
                <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| act.with_value(|a| a(false))>"Share this account"</button>
            }.into_any(),
            Found::Account(env) => view! {
                <p>{format!("The database holds the account of {} ({} people). Joining replaces the account in this browser with it: export data first to keep a copy.", env.account.company, env.account.users.len())}</p>
                <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| act.with_value(|a| a(true))>"Join the shared account"</button>
            }.into_any(),
        })}
    }
}
