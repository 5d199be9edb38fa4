//! "Start from your Autodesk account" (issue 31): Autodesk Account's Subscriptions export, and if given its
//! Users export, read into a preview of the account they describe (`domain::from_exports`); what the exports
//! don't say is asked; the account replaces this one only when the contract manager confirms, as one Undo.
//! Newer exports of the same account are shown as what changed since, and applied as one change.

use crate::domain::account_actions::AccountAction;
use crate::domain::from_exports::{
    build, differences, of_account, told, unnamed_contracts, Answers, Built, Compared, Exports,
};
use crate::domain::Command;
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::components::focus_later as focus;
use crate::ui::components::guard::Guard;
use crate::ui::components::list::thousands;
use crate::ui::Console;
use leptos::prelude::*;

/// An export can hold one row per person and product: 20 MiB is some 150,000 rows.
const MAX_EXPORT_BYTES: usize = 20 * 1024 * 1024;
/// Unusable rows listed; past these the count says how many more.
const SHOWN_PROBLEMS: usize = 200;

#[component]
pub fn Start() -> impl IntoView {
    let console = expect_context::<Console>();
    let allowed = move || console.may(AccountAction::ImportData);
    view! {
        <h1 id="start-title" tabindex="-1">"Start from your Autodesk account"</h1>
        <Guard allowed=Signal::derive(allowed)
            refusal="Only a contract manager can replace this account with one built from Autodesk's exports.">
            <StartForm/>
        </Guard>
    }
}

/// A chosen export: its file name and text, or why it couldn't be read.
type Chosen = RwSignal<Option<Result<(String, String), String>>>;

/// Why a field's file or answer is refused (`Built::at_field`), said at the field as well as in the preview.
fn refusal(built: Memo<Option<Built>>, key: impl Into<String>) -> Signal<Option<String>> {
    let key = key.into();
    Signal::derive(move || built.with(|b| b.as_ref().and_then(|b| b.at_field.get(&key).cloned())))
}

/// The error under a field, which the field names as its description.
fn field_error(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || error.get().map(|why| view! { <p class="field-error" id=id.clone()>{why}</p> })
}

/// A field's description: its hint, and its error while it has one.
fn described(hint: String, error_id: String, error: Signal<Option<String>>) -> impl Fn() -> String + Send + Sync {
    move || if error.with(Option::is_some) { format!("{hint} {error_id}") } else { hint.clone() }
}

#[component]
fn FileField(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    chosen: Chosen,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let on_change = move |ev: leptos::ev::Event| {
        crate::ui::upload::read_chosen(&ev, MAX_EXPORT_BYTES, move |read| chosen.set(Some(read)));
    };
    let described = described(hint_id, error_id.clone(), error);
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint" id=format!("{id}-hint")>{hint}</p>
            <input id=id type="file" accept=".csv,text/csv,text/plain" aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true") on:change=on_change/>
            {move || chosen.with(|c| match c {
                Some(Ok((name, _))) => view! { <p class="hint">{format!("Read {name}.")}</p> }.into_any(),
                Some(Err(why)) => view! { <p class="field-error" role="alert">{why.clone()}</p> }.into_any(),
                None => ().into_any(),
            })}
            // The chooser shows no file once read, so a file is taken back here (an admin trial: a wrong one stayed).
            <Show when=move || chosen.with(Option::is_some)>
                <button type="button" class="link" aria-label=format!("Remove the {}", label.split(" (").next().unwrap_or(label)) on:click=move |_| { chosen.set(None); focus(id); }>"Remove"</button>
            </Show>
            {field_error(error_id, error)}
        </div>
    }
}

/// A text answer, taken when the admin leaves the field (not at each keystroke: the preview is rebuilt).
#[component]
fn Answer(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    value: RwSignal<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = described(hint_id, error_id.clone(), error);
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint" id=format!("{id}-hint")>{hint}</p>
            <input id=id type="text" aria-describedby=described prop:value=move || value.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=move |ev| value.set(event_target_value(&ev))/>
            {field_error(error_id, error)}
        </div>
    }
}

/// A contract manager per contract, when several contracts' rows name none: the questions come from the
/// Subscriptions export alone, so they stay put (and keep the keyboard's place) while the answers change.
#[component]
fn ContractManagers(
    subscriptions: Chosen,
    per_contract: RwSignal<std::collections::BTreeMap<String, String>>,
    built: Memo<Option<Built>>,
) -> impl IntoView {
    let unnamed = Memo::new(move |_| {
        subscriptions
            .with(|c| c.as_ref().and_then(|r| r.as_ref().ok()).map(|(_, t)| unnamed_contracts(t)).unwrap_or_default())
    });
    move || {
        let contracts = unnamed.get();
        (contracts.len() > 1).then(|| view! {
            <fieldset class="field">
                <legend>"Contract manager of each contract (optional)"</legend>
                <p class="hint" id="per-contract-hint">"The exports name none for these contracts. Leave one empty for the contract manager above."</p>
                {contracts.into_iter().map(|no| {
                    let (id, key) = (format!("manager-{no}"), no.clone());
                    let error = refusal(built, no.clone());
                    let error_id = format!("manager-{no}-error");
                    let described = described("per-contract-hint".into(), error_id.clone(), error);
                    view! {
                        <label for=id.clone()>{format!("Contract {no}")}</label>
                        <input id=id type="text" aria-describedby=described
                            aria-invalid=move || error.with(Option::is_some).then_some("true")
                            prop:value=move || per_contract.with(|m| m.get(&no).cloned().unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); per_contract.update(|m| { m.insert(key.clone(), v); }); }/>
                        {field_error(error_id, error)}
                    }
                }).collect_view()}
            </fieldset>
        })
    }
}

#[component]
fn StartForm() -> impl IntoView {
    let console = expect_context::<Console>();
    let (company, manager, leave_out) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(false));
    let (subscriptions, users): (Chosen, Chosen) = (RwSignal::new(None), RwSignal::new(None));
    let (usage, groups): (Chosen, Chosen) = (RwSignal::new(None), RwSignal::new(None));
    let classic: Chosen = RwSignal::new(None);
    let per_contract = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let text = |c: Chosen| c.with(|c| c.as_ref().and_then(|r| r.as_ref().ok()).map(|(_, t)| t.clone()));
    // Built again whenever a file or an answer changes, and never compared (two accounts of thousands).
    let built = Memo::new_with_compare(
        move |_| {
            let (users, usage, groups, classic) = (text(users), text(usage), text(groups), text(classic));
            let exports = Exports { subscriptions: text(subscriptions)?, users, usage, groups, classic };
            let (company, contract_manager, leave_out_over) = (company.get(), manager.get(), leave_out.get());
            let answers = Answers { company, contract_manager, leave_out_over, per_contract: per_contract.get() };
            Some(build(&exports, &answers, console.today.get_untracked()))
        },
        |_, _| true,
    );
    let confirming = RwSignal::new(false);
    // Done, the page starts over (the outcome stays in view: moving to another page would clear it).
    let start_over = Callback::new(move |()| {
        subscriptions.set(None);
        users.set(None);
        usage.set(None);
        groups.set(None);
        classic.set(None);
        per_contract.set(Default::default());
        leave_out.set(false);
        company.set(String::new());
        manager.set(String::new());
        // The button pressed is gone: focus goes to the page's title, not to the page's start.
        focus("start-title");
    });
    let replace = Callback::new(move |()| {
        confirming.set(false);
        if let Some(account) = built.with_untracked(|b| b.as_ref().and_then(|b| b.account.clone())) {
            if console.start_from_exports(account) {
                start_over.run(());
            }
        }
    });
    // For newer exports of this account: the answers given the first time.
    let fill_in = move |_| {
        let me = console.actor();
        console.env.with_untracked(|e| {
            company.set(e.account.company.clone());
            if let Some(u) = me.and_then(|me| e.account.users.get(&me)) {
                manager.set(format!("{} <{}>", u.full_name(), u.email));
            }
        });
    };
    let given = |c: Chosen| c.with(|c| matches!(c, Some(Ok(_))));
    let compared = Signal::derive(move || Compared { users: given(users), groups: given(groups), usage: given(usage) });
    // Offered only for exports of this account: another company's would be built under this one's name.
    let ours = Memo::new(move |_| {
        subscriptions.with(|c| match c {
            Some(Ok((_, text))) => console.env.with(|e| of_account(text, &e.account)),
            _ => false,
        })
    });
    view! {
        <p class="hint">"Autodesk Account exports what it holds: in Reporting, choose Export (CSV) on the Subscriptions and the Users pages (see the README). Bring them here to plan, check and try changes on your own account, offline. Nothing changes until you replace the account, and Undo brings the one before back."</p>
        <FileField id="export-subscriptions" label="Subscriptions export (required)"
            hint="contract_number, subscription_id, offering_name, seat_quantity, start_date, end_date, term, team… (or Autodesk's 2026 column names)" chosen=subscriptions
            error=refusal(built, "Subscriptions")/>
        <FileField id="export-users" label="Users export (optional)"
            hint="first_name, last_name, email, role, team, product_name, account_status: one row per person and product" chosen=users
            error=refusal(built, "Users")/>
        <FileField id="export-usage" label="Seat Usage export (optional)"
            hint="email, offering_name, day_used: one row per person, product and day used; fills Reporting → Usage and Idle seats" chosen=usage
            error=refusal(built, "Usage")/>
        <FileField id="export-groups" label="Groups export (optional)"
            hint="group, group_type, and in newer exports team and email: one row per group member" chosen=groups
            error=refusal(built, "Groups")/>
        <FileField id="export-classic" label="Classic user list (optional)"
            hint="Classic User Management's Export: First name, Last name, Email, Role, Status, Contract number, Serial number, Product, Services; the contracts it names are built as classic contracts" chosen=classic
            error=refusal(built, "Classic user list")/>
        <Answer id="start-company" label="Company name" hint="The exports don't say it." value=company/>
        <Answer id="start-manager" label="Contract manager"
            hint="Who buys and renews, and receives Autodesk's notices: \"First Last <email>\", or the email of someone in the Users export." value=manager
            error=refusal(built, "manager")/>
        <ContractManagers subscriptions per_contract built/>
        <Show when=move || ours.get()>
            <p><button type="button" class="link" on:click=fill_in>"Fill in this account's company and contract manager"</button>
                " (these exports are of this account)"</p>
        </Show>
        {move || built.with(|b| match b {
            None => view! { <p class="empty">"Choose the Subscriptions export to see what will be built."</p> }.into_any(),
            Some(b) => preview(b, leave_out).into_any(),
        })}
        <Changes built compared on_done=start_over/>
        <div class="buttons">
            <button type="button" on:click=move |_| console.export_data()>"Export data first"</button>
            <button type="button" class="primary" on:click=move |_| confirming.set(true)
                disabled=move || built.with(|b| b.as_ref().is_none_or(|b| b.account.is_none()))>"Replace the account"</button>
        </div>
        <Show when=move || confirming.get()>
            <Dialog title="Replace the account".to_string() on_close=move || confirming.set(false)>
                <p>"Replace everything in this console with the account built from these exports? You can undo this afterwards."</p>
                <ConfirmButtons label="Replace the account" on_cancel=move || confirming.set(false) on_confirm=replace/>
            </Dialog>
        </Show>
    }
}

/// What will be built, what stands in the way, and every row that can't be used.
fn preview(b: &Built, leave_out: RwSignal<bool>) -> impl IntoView {
    let subscriptions: usize = b.teams.iter().map(|t| t.subscriptions).sum();
    let assigned: usize = b.teams.iter().map(|t| t.assigned).sum();
    let mut summary = format!(
        "{} contracts · {} subscriptions in {} teams · {} people · {} assignments",
        thousands(b.contracts),
        thousands(subscriptions),
        b.teams.len(),
        thousands(b.people),
        thousands(assigned)
    );
    if b.groups > 0 {
        summary += &format!(" · {} groups", thousands(b.groups));
    }
    if b.days_of_use > 0 {
        summary += &format!(" · {} days of use by {} people", thousands(b.days_of_use), thousands(b.people_using));
    }
    let more = b.problems.len().saturating_sub(SHOWN_PROBLEMS);
    view! {
        <section class="preview" aria-label="What will be built">
            <h2>"What will be built"</h2>
            {(!b.blocked.is_empty()).then(|| view! {
                <div class="blocked">
                    <h3>"Before it can be built"</h3>
                    <ul>{b.blocked.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            {b.account.is_some().then(|| view! { <p class="count">{summary}</p> })}
            // A line per team reads at any width (a table of five figures broke its headings at 390 px).
            {(!b.teams.is_empty()).then(|| view! {
                <h3>"Teams"</h3>
                <ul>{b.teams.iter().map(|t| view! {
                    <li><strong>{t.name.clone()}</strong>{format!(
                        ": {} members · {} subscriptions · {} seats, {} assigned",
                        thousands(t.members), t.subscriptions, thousands(t.seats as usize), thousands(t.assigned))}</li>
                }).collect_view()}</ul>
            })}
            {(!b.over.is_empty()).then(|| view! {
                <h3>"More people assigned than seats"</h3>
                <ul>{b.over.iter().map(|o| view! { <li>{format!(
                    "{} in {}: {} people are assigned it in the {}, and its subscriptions have {} seats (rule 40).",
                    o.product, o.team, o.rows.len(), o.file, o.seats)}</li> }).collect_view()}</ul>
                <label class="check">
                    <input type="checkbox" prop:checked=move || leave_out.get() on:change=move |_| leave_out.update(|l| *l = !*l)/>
                    "Leave out the assignments past the seats (the last rows of the Users export), and say which"
                </label>
            })}
            {(!b.notes.is_empty()).then(|| view! {
                <h3>"Decided for you, and why"</h3>
                <ul>{b.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
            })}
            {(!b.problems.is_empty()).then(|| view! {
                <h3>{format!("Rows that can't be used ({})", thousands(b.problems.len()))}</h3>
                <table class="users fit">
                    <thead><tr><th scope="col">"Where"</th><th scope="col">"Value"</th><th scope="col">"Why"</th></tr></thead>
                    <tbody>{b.problems.iter().take(SHOWN_PROBLEMS).map(|p| view! {
                        <tr><td>{format!("{}, row {}", p.file, p.row)}</td><td>{p.value.clone()}</td><td>{p.why.clone()}</td></tr>
                    }).collect_view()}</tbody>
                </table>
                {(more > 0).then(|| view! { <p class="hint">{format!("and {} more rows.", thousands(more))}</p> })}
            })}
        </section>
    }
}

/// Told lines listed; past these the count says how many more.
const SHOWN_CHANGES: usize = 200;

/// Newer exports of the account this is: what changed since, applied as one change (one Undo, one shared
/// op). Shown once a team of the exports is a team of this account.
#[component]
fn Changes(
    built: Memo<Option<Built>>,
    #[prop(into)] compared: Signal<Compared>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let changes = Memo::new_with_compare(
        move |_| {
            built.with(|b| {
                let new = b.as_ref()?.account.as_ref()?;
                console.env.with(|e| {
                    let same = new
                        .teams
                        .values()
                        .any(|t| e.account.teams.values().any(|c| c.name.eq_ignore_ascii_case(&t.name)));
                    same.then(|| {
                        let changes = differences(&e.account, new, compared.get());
                        let told = told(&changes, &e.account);
                        (changes, told)
                    })
                })
            })
        },
        |_, _| true,
    );
    let apply = move |_| {
        let Some((changes, _)) = changes.get_untracked() else { return };
        let n = changes.len();
        let done = move |_: &[crate::domain::Event]| {
            let what = if n == 1 { "1 change".to_string() } else { format!("{} changes", thousands(n)) };
            format!("Refreshed from Autodesk exports: {what} applied. Undo takes them all back.")
        };
        if console.run(Command::RefreshFromExports { changes }, done) {
            on_done.run(());
        }
    };
    move || {
        let unreadable = built.with(|b| b.as_ref().map_or(0, Built::unreadable_subscriptions));
        changes.with(|c| {
            c.as_ref().map(|(changes, told)| {
                let more = told.len().saturating_sub(SHOWN_CHANGES);
                view! {
                    <section class="preview" aria-label="What changed since">
                        <h2>"What changed since"</h2>
                        {if changes.is_empty() {
                            view! { <p class="empty">"This account already says what these exports say."</p> }.into_any()
                        } else {
                            view! {
                                <p class="hint">{format!("These exports are of this account: {} since, applied together as one change (one Undo), each kept in the activity log.", if told.len() == 1 { "1 change".to_string() } else { format!("{} changes", thousands(told.len())) })}</p>
                                <ul>{told.iter().take(SHOWN_CHANGES).map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                                {(more > 0).then(|| view! { <p class="hint">{format!("and {} more.", thousands(more))}</p> })}
                                {match unreadable {
                                    0 => view! {
                                        <div class="buttons">
                                            <button type="button" class="primary" on:click=apply>{match changes.len() { 1 => "Apply the change".to_string(), n => format!("Apply the {} changes", thousands(n)) }}</button>
                                        </div>
                                    }.into_any(),
                                    n => view! {
                                        <p class="field-error" role="alert">{format!("{} of the Subscriptions export can't be read (see \"Rows that can't be used\"): correct the file first, or the refresh would end those subscriptions and unassign their people.", if n == 1 { "1 row".to_string() } else { format!("{n} rows") })}</p>
                                    }.into_any(),
                                }}
                            }.into_any()
                        }}
                    </section>
                }
            })
        })
    }
}
