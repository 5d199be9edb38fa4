//! "Share this account" (issue 15): the CouchDB server and database, signing in, sharing this account or
//! joining the one on the server, and then the connection's state, refused changes and Disconnect.

use crate::storage::couch::{refusal, sign_in, signed_in_as, Couch, NetError};
use crate::storage::local::{connect_config, save_connect_config};
use crate::storage::shared::{database_name, server_address};
use crate::storage::sync_loop::{changes, status_line};
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
    let shared = Memo::new(move |_| console.sync_status().is_some());
    view! {
        <h1>"Share this account"</h1>
        <p class="hint">"Several admins keep one account through a CouchDB server: each works in their own browser, online or not, and every change is checked by the same rules in every browser. A change that another admin's earlier change made impossible is refused for its author, with the reason."</p>
        {move || if shared.get() { view! { <Connected/> }.into_any() } else { view! { <Connect/> }.into_any() }}
    }
}

/// The line in the header while the account is shared (`sync_loop::status_line`).
pub fn status_text(console: Console) -> Option<String> {
    Some(status_line(&console.sync_status()?, &console.net.get()))
}

#[component]
fn Connected() -> impl IntoView {
    let console = expect_context::<Console>();
    let status = move || console.sync_status();
    let asking = RwSignal::new(false);
    let field = move |f: fn(&crate::storage::session::SyncStatus) -> String| move || status().map(|s| f(&s));
    // Arriving here from Share or Join, focus moves to the new state rather than the page's start.
    let state = NodeRef::<leptos::html::Dd>::new();
    Effect::new(move |_| {
        if let Some(dd) = state.get() {
            let _ = dd.focus();
        }
    });
    view! {
        <dl class="facts">
            <dt>"Server"</dt><dd>{field(|s| s.server.clone())}</dd>
            <dt>"Database"</dt><dd>{field(|s| s.db.clone())}</dd>
            <dt>"Signed in as"</dt><dd>{field(|s| s.author.clone())}</dd>
            <dt>"State"</dt><dd class="sync-state" node_ref=state tabindex="-1" aria-live="polite">{move || status_text(console)}</dd>
        </dl>
        {move || match console.net.get() {
            Net::Failed(why) => Some(view! { <p class="field-error" role="alert">{why}</p> }.into_any()),
            Net::SignedOut => Some(view! { <SignInAgain/> }.into_any()),
            Net::Changed(changed) => Some(view! { <DatabaseChanged changed/> }.into_any()),
            _ => None,
        }}
        {move || status().and_then(|s| s.not_saved).map(|why| view! { <p class="field-error" role="alert">{why}</p> })}
        <h2>"Refused changes"</h2>
        {move || {
            let refused = status().map(|s| s.refused).unwrap_or_default();
            if refused.is_empty() {
                view! { <p>"None: every change you made is in the shared account."</p> }.into_any()
            } else {
                view! {
                    <p>"Another admin's earlier change made these impossible. Nothing of them was applied: check the account as it is now and make the change again if it still fits."</p>
                    <ul class="refused">{refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    <button type="button" on:click=move |_| console.dismiss_refused()>"Dismiss"</button>
                }.into_any()
            }
        }}
        {move || {
            let unreadable = status().map(|s| s.unreadable).unwrap_or_default();
            (!unreadable.is_empty()).then(|| view! {
                <h2>"Changes left out"</h2>
                <p>"Every browser leaves these out alike, so all still hold the same account. Ask their author what they meant to do, and make the change again if it still fits."</p>
                <ul class="refused">{unreadable.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            })
        }}
        <Checkpoints/>
        <h2>"Stop sharing"</h2>
        <button type="button" on:click=move |_| asking.set(true)>"Disconnect"</button>
        <Show when=move || asking.get()>
            <Dialog title="Disconnect".to_string() on_close=move || asking.set(false)>
                <p>{move || {
                    let waiting = status().map_or(0, |s| s.waiting);
                    let unsent = if waiting > 0 { format!(" {} not yet sent stay only here: joining again later replaces them with the shared account.", changes(waiting)) } else { String::new() };
                    format!("Stop sharing in this browser, in every tab? It keeps the account as it is now.{unsent}")
                }}</p>
                <ConfirmButtons label="Disconnect" on_cancel=move || asking.set(false)
                    on_confirm=move || { asking.set(false); console.disconnect(); console.flash.set(Some(Flash::Done("Disconnected: this browser keeps its own copy of the account.".into()))); }/>
            </Dialog>
        </Show>
    }
}

/// Checkpoints bound what each browser keeps and replays: the account at a point every member's browser
/// agrees on, from which a joining browser starts; a change made before it comes too late.
#[component]
fn Checkpoints() -> impl IntoView {
    let console = expect_context::<Console>();
    let note = RwSignal::new(None::<Result<String, String>>);
    let make = move |_| {
        note.set(Some(console.checkpoint_now().map(|_| {
            "Checkpoint sent: browsers start from it once another admin's browser vouches for it.".to_string()
        })));
    };
    view! {
        <h2>"Checkpoints"</h2>
        <p>{move || console.sync_status().map(|s| {
            let kept = changes(s.since_checkpoint);
            match s.checkpoint {
                (0, _) => format!("This browser starts from the account as it was first shared and keeps every change since ({kept}). A checkpoint is made every {} changes.", crate::storage::shared::CHECKPOINT_EVERY),
                (_, who) => format!("This browser starts from a checkpoint vouched for by {} and keeps the {kept} since. Changes made before it that reach the server later come too late: their authors are told.", who.join(" and ")),
            }
        })}</p>
        <button type="button" on:click=make>"Make a checkpoint now"</button>
        {move || note.get().map(|n| match n {
            Ok(done) => view! { <p role="status">{done}</p> }.into_any(),
            Err(why) => view! { <p class="field-error" role="alert">{why}</p> }.into_any(),
        })}
    }
}

/// The database is not the one shared here any more: what happened, and what is safe to do.
#[component]
fn DatabaseChanged(changed: crate::storage::shared::DatabaseChanged) -> impl IntoView {
    let console = expect_context::<Console>();
    let (busy, failed) = (RwSignal::new(false), RwSignal::new(None::<String>));
    let empty = changed == crate::storage::shared::DatabaseChanged::Empty;
    let share_again = move |_| {
        let Some(status) = console.sync_status() else { return };
        busy.set(true);
        spawn_local(async move {
            let couch = Couch { server: status.server.clone(), db: status.db.clone() };
            match console.share(couch, status.author.clone()).await {
                Ok(()) => {
                    failed.set(None);
                    console.flash.set(Some(Flash::Done("Shared again: this browser's copy, with the changes that waited here, is the account in the database now. Ask the other admins to join it again.".into())));
                }
                Err(why) => failed.set(Some(why)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="field-error" role="alert">
            <p>{changed.to_string()}</p>
        </div>
        {empty.then(|| view! {
            <button type="button" class="primary" disabled=move || busy.get() on:click=share_again>"Share this copy into the empty database"</button>
        })}
        {move || failed.get().map(|why| view! { <p class="field-error" role="alert">{why}</p> })}
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
            let couch = Couch { server: status.server.clone(), db: status.db.clone() };
            let signed = async {
                sign_in(&status.server, &status.author, &secret).await?;
                match couch.open().await {
                    Err(e) => Err(refusal(&couch.server, &couch.db, e).await),
                    ok => ok,
                }
            };
            match signed.await {
                Ok(()) => {
                    error.set(None);
                    console.start_sync();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <form class="sign-in" on:submit=submit novalidate>
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
    /// The shared account and its snapshot's checksum.
    Account(Box<Envelope>, String),
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
    let errors = move || {
        let all: Vec<String> = [server_error.get(), db_error.get()].into_iter().flatten().collect();
        (!all.is_empty()).then(|| view! { <p class="field-error" role="alert">{all.join(" ")}</p> })
    };
    view! {
        <Show when=move || changing.get() fallback=move || view! {
            <p>{format!("Server {} · database {} ", server.get_untracked(), db.get_untracked())}
                <button type="button" class="link" on:click=move |_| changing.set(true)>"Change"</button></p>
            <SignIn couch=Couch { server: server.get_untracked(), db: db.get_untracked() }/>
        }>
            <form class="share-server" on:submit=use_server novalidate>
                <TextField id="share-server" label="Server address" kind="url" value=server error=server_error/>
                <TextField id="share-db" label="Database" value=db error=db_error/>
                {errors}
                <p class="hint">"The console may reach this one server only; it reloads once to allow it."</p>
                <div class="buttons">
                    <button type="submit" class="primary">"Use this server"</button>
                    {saved.clone().map(|_| view! { <button type="button" on:click=move |_| changing.set(false)>"Cancel"</button> })}
                </div>
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
    let joining = RwSignal::new(false);
    // After the reload that allowed the server, the next step is the email.
    let first = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(input) = first.get().and_then(|d| d.query_selector("input").ok().flatten()) {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(input).focus();
        }
    });
    let look = couch.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (who, secret) = (name.get_untracked().trim().to_lowercase(), password.get_untracked());
        // Checked here, not by the server: only an admin's email can share the account (an admin trial).
        let bad = match crate::domain::input::normalise_email(&who) {
            _ if who.is_empty() => Some("Enter the email you sign in to the server with.".to_string()),
            Err(e) => Some(e.to_string()),
            Ok(_) => None,
        };
        name_error.set(bad.clone());
        password_error.set(secret.is_empty().then(|| "Enter your password.".to_string()));
        if bad.is_some() || secret.is_empty() {
            return;
        }
        let couch = look.clone();
        busy.set(true);
        failed.set(None);
        found.set(None);
        spawn_local(async move {
            let result = async {
                sign_in(&couch.server, &who, &secret).await?;
                // The server accepted the password; the browser must also keep its cookie (same site).
                if signed_in_as(&couch.server).await? != Some(who.clone()) {
                    return Err(NetError::Unexpected("the browser did not keep the server's session cookie: serve the console and the server from the same site, or see README, \"Sharing an account\"".into()));
                }
                if let Err(e) = couch.open().await {
                    return Err(refusal(&couch.server, &couch.db, e).await);
                }
                couch.snapshot().await
            }
            .await;
            busy.set(false);
            match result {
                Ok(snapshot) => {
                    signed_in.set(who);
                    found.set(Some(snapshot.map_or(Found::Empty, |(e, hash)| Found::Account(Box::new(e), hash))));
                }
                Err(e) => failed.set(Some(e.to_string())),
            }
        });
    };
    let act = move |join: bool| {
        joining.set(false);
        let (couch, who) = (couch.clone(), signed_in.get_untracked());
        // Only an admin of the account shares it or joins it: the person whose email signed in.
        let admin = |env: &Envelope| env.account.user_by_email(&who).is_some_and(|u| env.account.is_admin(u));
        let base = found.with_untracked(|f| match f {
            Some(Found::Account(env, hash)) => Some(((**env).clone(), hash.clone())),
            _ => None,
        });
        let allowed = if join {
            base.as_ref().is_some_and(|(env, _)| admin(env))
        } else {
            console.env.with_untracked(|e| admin(e))
        };
        if !allowed {
            failed.set(Some(format!("{who} is not an admin of this account: only its contract managers, software coordinators and team admins share it. Sign in with the email of one of them.")));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let done = match base {
                Some((base, hash)) if join => console.join(couch, who, base, hash).await,
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
    // The step after signing in gets the focus, so it is announced and one key away.
    let next = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = next.get() {
            let _ = b.focus();
        }
    });
    let local = move || console.env.with(|e| (e.account.users.len(), e.account.contracts.len()));
    view! {
        <form class="sign-in" on:submit=submit novalidate>
            <div node_ref=first>
                <TextField id="share-name" label="Your email (your name on the server)" kind="email" value=name error=name_error/>
            </div>
            <TextField id="share-password" label="Password" kind="password" value=password error=password_error/>
            <button type="submit" class="primary" disabled=move || busy.get()>"Sign in"</button>
        </form>
        {move || failed.get().map(|why| view! { <p class="field-error" role="alert">{why}</p> })}
        {move || found.get().map(|f| match f {
            Found::Empty => view! {
                <p>"The database is empty. Share this account: it is sent to the server as it is now, and the other admins join it from their browsers."</p>
                <button type="button" class="primary" node_ref=next disabled=move || busy.get() on:click=move |_| act.with_value(|a| a(false))>"Share this account"</button>
            }.into_any(),
            Found::Account(env, _) => view! {
                <p>{format!("The database holds the account of {} ({} people, {} contracts).", env.account.company, env.account.users.len(), env.account.contracts.len())}</p>
                <button type="button" class="primary" node_ref=next disabled=move || busy.get() on:click=move |_| joining.set(true)>"Join the shared account"</button>
            }.into_any(),
        })}
        <Show when=move || joining.get()>
            <Dialog title="Join the shared account".to_string() on_close=move || joining.set(false)>
                <p>{move || { let (people, contracts) = local(); format!("The account in this browser ({people} people, {contracts} contracts) is replaced by the shared one, and can't be brought back with Undo. Export data first to keep a copy of it.") }}</p>
                <div class="buttons">
                    <button type="button" on:click=move |_| console.export_data()>"Export data"</button>
                </div>
                <ConfirmButtons label="Join and replace" danger=true on_cancel=move || joining.set(false)
                    on_confirm=move || act.with_value(|a| a(true))/>
            </Dialog>
        </Show>
    }
}
