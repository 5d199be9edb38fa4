//! Invite users (W2', §4b.3): Invite single / Invite multiple (`;`-separated) / Import (a CSV of First name,
//! Last name, Email, up to 5,000 rows). An import shows a preview first, then a per-row report to download.
//! Invitations go to the Outbox; people new to Autodesk show as Invited, the others as Verified (rule 20).

use super::{skipped, team_name, CurrentTeam};
use crate::domain::input::USER_COLUMNS;
use crate::domain::read::team_import::{counts, repeats, report, report_csv, ReportRow, SlicedPreview};
use crate::domain::team::group_seats;
use crate::domain::{Command, DomainError, Event, GroupId};
use crate::ui::components::dialog::{Dialog, FormButtons, ResultList};
use crate::ui::components::fields::{PersonFields, PersonInputs, TextAreaField};
use crate::ui::components::focus_later;
use crate::ui::components::tabs::{TabPanel, Tabs};
use crate::ui::console::Flash;
use crate::ui::console::Refusal;
use crate::ui::download::download_csv;
use crate::ui::work::{in_slices, Ended, WorkProgress};
use crate::ui::Console;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A CSV of 5,000 rows is far below this; anything bigger is not a user list.
const MAX_CSV_BYTES: usize = 2 * 1024 * 1024;

/// Rows previewed per slice: 500 rows over 10,000 users take about 10 ms.
const PREVIEW_SLICE: usize = 500;

#[component]
pub fn Invite(#[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let tab = RwSignal::new(0);
    // The groups ticked are the same in every tab; a refusal is its own tab's.
    let groups = RwSignal::new(Vec::new());
    let joins = move || Joins { groups, error: RwSignal::new(None) };
    view! {
        <Dialog title="Invite users".to_string() on_close>
            <Tabs label="How to invite" tabs=vec![("invite-single", "Invite single"), ("invite-multiple", "Invite multiple"), ("invite-import", "Import")] selected=tab/>
            <TabPanel id="invite-single" index=0 selected=tab><Single on_close joins=joins()/></TabPanel>
            <TabPanel id="invite-multiple" index=1 selected=tab><Multiple on_close joins=joins()/></TabPanel>
            <TabPanel id="invite-import" index=2 selected=tab><Import on_close joins=joins()/></TabPanel>
        </Dialog>
    }
}

/// The existing groups the people invited join (W2' step 3, issue 27.6), the same in every tab, and why the
/// seats of their products fall short (rule 39).
#[derive(Clone, Copy)]
struct Joins {
    groups: RwSignal<Vec<GroupId>>,
    error: RwSignal<Option<String>>,
}

impl Joins {
    /// Says a refusal at the groups when it is theirs: `true` if it was.
    fn refused(&self, e: &Refusal) -> bool {
        let theirs = matches!(e, Refusal::Domain(DomainError::GroupSeats { .. }));
        self.error.set(theirs.then(|| e.to_string()));
        theirs
    }
}

/// A checkbox per group of the team, with its products; shown when the team has groups.
#[component]
fn GroupPicker(id: &'static str, joins: Joins) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let groups = Memo::new(move |_| {
        console.env.with(|e| {
            let Some(t) = e.account.teams.get(&team.get()) else { return Vec::new() };
            let products = |g: &crate::domain::Group| g.products.iter().cloned().collect::<Vec<_>>().join(", ");
            t.groups.iter().map(|(id, g)| (*id, g.name.clone(), products(g))).collect::<Vec<_>>()
        })
    });
    let toggle = move |gid: GroupId| {
        joins.groups.update(|c| match c.iter().position(|g| *g == gid) {
            Some(i) => drop(c.remove(i)),
            None => c.push(gid),
        });
        joins.error.set(None);
    };
    move || {
        let groups = groups.get();
        (!groups.is_empty()).then(|| view! {
            <fieldset class="field" aria-describedby=format!("{id}-hint {id}-error")>
                <legend>"Add to groups (optional)"</legend>
                <p class="hint" id=format!("{id}-hint")>"They get each group's products, a seat each from the pool."</p>
                {groups.into_iter().map(|(gid, name, products)| {
                    let label = if products.is_empty() { format!("{name} (no products)") } else { format!("{name} ({products})") };
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || joins.groups.with(|c| c.contains(&gid)) on:change=move |_| toggle(gid)/>
                            {label}
                        </label>
                    }
                }).collect_view()}
                <p class="field-error" id=format!("{id}-error") role="alert">{move || joins.error.get()}</p>
            </fieldset>
        })
    }
}

#[component]
fn Single(on_close: Callback<()>, joins: Joins) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let person = PersonFields::new();
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !person.check() {
            return;
        }
        let t = team.get_untracked();
        let command = Command::InviteTeamUser {
            team: t,
            email: person.email.get_untracked(),
            first_name: person.first.get_untracked(),
            last_name: person.last.get_untracked(),
            groups: joins.groups.get_untracked(),
        };
        match console.dispatch(command) {
            Ok(events) => {
                let done = console.env.with_untracked(|e| {
                    let user = events.iter().find_map(|ev| match ev {
                        Event::TeamUserInvited { user, .. } => Some(*user),
                        _ => None,
                    });
                    let member = user.and_then(|u| Some((u, e.account.teams.get(&t)?.members.get(&u)?.status)));
                    let (name, status) = member.map(|(u, s)| (e.account.name_of(u), s.label())).unwrap_or_default();
                    let note = crate::domain::auto_assign::refusals_note(&events);
                    format!("{name} was invited to {} and shows as {status}.{note}", team_name(&e.account, t))
                });
                console.flash.set(Some(Flash::Done(done)));
                on_close.run(());
            }
            Err(e) if joins.refused(&e) => {}
            Err(e) => person.email_error.set(Some(e.to_string())),
        }
    };
    view! {
        <form on:submit=send novalidate>
            <PersonInputs fields=person ids=["invite-email", "invite-first", "invite-last"]/>
            <GroupPicker id="invite-single-groups" joins/>
            <FormButtons label="Send invite" on_cancel=on_close/>
        </form>
    }
}

#[component]
fn Multiple(on_close: Callback<()>, joins: Joins) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let results = RwSignal::new(None::<(usize, Vec<String>)>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match console.dispatch(Command::InviteTeamUsers {
            team: team.get_untracked(),
            text: text.get_untracked(),
            groups: joins.groups.get_untracked(),
        }) {
            Ok(events) => {
                let invited = events.iter().filter(|e| matches!(e, Event::TeamUserInvited { .. })).count();
                let refused = skipped(&events);
                console.flash.set(Some(Flash::Done(format!("{invited} of {} invited.", invited + refused.len()))));
                results.set(Some((invited, refused)));
            }
            Err(e) if joins.refused(&e) => {}
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        {move || match results.get() {
            None => view! {
                <form on:submit=send>
                    <TextAreaField id="invite-many" label="Emails" value=text error
                        hint="Up to 50 addresses, separated by semicolons: jsmith@company.com; Jane Doe <jane@company.com>. A name comes with the person's Autodesk account; until then the address is shown."/>
                    <GroupPicker id="invite-multiple-groups" joins/>
                    <FormButtons label="Send invites" on_cancel=on_close/>
                </form>
            }.into_any(),
            Some((invited, refused)) => view! {
                <p>{format!("{invited} invited.")}</p>
                <ResultList label="Not invited" lines=refused.into_iter().map(|r| (false, format!("Not invited: {r}"))).collect() on_done=on_close/>
            }.into_any(),
        }}
    }
}

/// Where an import stands: nothing chosen, a file previewed, or imported with its report.
#[derive(Clone)]
enum Stage {
    Choose,
    Preview { file: String, csv: String, rows: Vec<ReportRow> },
    Done(Vec<ReportRow>),
}

#[component]
fn Import(on_close: Callback<()>, joins: Joins) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let stage = RwSignal::new(Stage::Choose);
    let error = RwSignal::new(None::<String>);
    // Closing the dialog stops its own check, or its import that has not started (never other work, such as
    // an export still under way when the dialog opened).
    let mine = StoredValue::new(false);
    on_cleanup(move || {
        if mine.try_get_value() == Some(true) {
            console.work.update(|w| w.iter_mut().for_each(|w| w.cancelled = true));
        }
    });
    // A file of thousands is previewed a slice of rows at a time, with its progress and Cancel (issue 32.5).
    let check = move |file: String, csv: String| {
        let (actor, t, today) = (console.acting(), team.get_untracked(), console.today.get_untracked());
        let started = console.env.with_untracked(|e| SlicedPreview::start(&e.account, actor, t, &csv, today));
        let mut sliced = match started {
            Ok(s) => s,
            Err(e) => return error.set(Some(format!("{file}: {e} Nothing was imported."))),
        };
        spawn_local(async move {
            let mut refused = None;
            let what = format!("Checking {file}");
            let total = sliced.left();
            let mut check = |some: std::ops::Range<usize>| {
                if refused.is_none() {
                    refused = sliced.step(some.len()).err();
                }
            };
            mine.set_value(true);
            let ended = in_slices(console, what, "rows", total, PREVIEW_SLICE, &mut check).await;
            mine.set_value(false);
            match (ended, refused) {
                (_, Some(e)) => error.set(Some(format!("{file}: {e} Nothing was imported."))),
                (Ended::Cancelled, None) => {
                    error.set(Some(format!("Checking {file} was cancelled. Nothing was imported.")))
                }
                (Ended::Busy, None) => {}
                (Ended::Done, None) => {
                    error.set(None);
                    stage.set(Stage::Preview { file, csv, rows: sliced.finish() });
                    focus_later("import-stage");
                }
            }
        });
    };
    let chosen = move |ev: leptos::ev::Event| {
        crate::ui::upload::read_chosen(&ev, MAX_CSV_BYTES, move |read| match read {
            Ok((file, csv)) => check(file, csv),
            Err(why) => error.set(Some(why)),
        });
    };
    // The import itself is one change (one Undo): its progress is painted before it runs, and Cancel is heard
    // until then.
    let import = move |_| {
        let Stage::Preview { file, csv, rows } = stage.get_untracked() else { return };
        let t = team.get_untracked();
        spawn_local(async move {
            let mut result = None;
            let added = counts(&rows).0;
            let mut import = |_| {
                result = Some(console.dispatch_in_work(Command::ImportTeamUsers {
                    team: t,
                    csv: csv.clone(),
                    groups: joins.groups.get_untracked(),
                }))
            };
            mine.set_value(true);
            let ended = in_slices(console, format!("Importing {file}"), "users", added, added, &mut import).await;
            mine.set_value(false);
            match (ended, result) {
                (_, Some(Ok(events))) => {
                    // The report reads the file again: on the browser's next turn, after the import is painted.
                    crate::storage::couch::sleep(0).await;
                    let rows = console.env.with_untracked(|e| report(&e.account, t, &csv, &events)).unwrap_or_default();
                    // And drawn on the turn after: reading 5,000 rows and redrawing the dialog are a task each.
                    crate::storage::couch::sleep(0).await;
                    let (added, members, refused) = counts(&rows);
                    let members =
                        if members == 1 { "1 already a member".into() } else { format!("{members} already members") };
                    console.flash.set(Some(Flash::Done(format!(
                        "Import complete: {added} added, {members}, {refused} refused.{}{}",
                        repeats(&rows),
                        crate::domain::auto_assign::refusals_note(&events)
                    ))));
                    stage.set(Stage::Done(rows));
                    focus_later("import-stage");
                }
                (_, Some(Err(e))) if joins.refused(&e) => {}
                (_, Some(Err(e))) => error.set(Some(e.to_string())),
                (Ended::Cancelled, None) => {
                    error.set(Some(format!("Import of {file} cancelled: nothing was imported.")))
                }
                _ => {}
            }
        });
    };
    let download_report = move |_| {
        if let Stage::Done(rows) = stage.get_untracked() {
            if download_csv("import-report.csv", &report_csv(&rows)).is_err() {
                error.set(Some("The browser did not allow the download.".into()));
            }
        }
    };
    view! {
        {move || match stage.get() {
            Stage::Choose => view! {
                <p class="hint" id="import-hint">"A CSV file with the columns First name, Last name, Email (separated by , or ;), up to 5,000 rows. People already in the team are skipped. You see what will happen before anything is imported."</p>
                <div class="field">
                    <label for="import-file">"Upload CSV file"</label>
                    <input id="import-file" type="file" accept=".csv,text/csv" aria-describedby="import-hint import-error" on:change=chosen/>
                </div>
                <GroupPicker id="invite-import-groups" joins/>
                <div class="buttons">
                    <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                </div>
            }.into_any(),
            Stage::Preview { file, rows, csv } => {
                let (added, members, refused) = counts(&rows);
                let not_read = not_read(&csv, &USER_COLUMNS);
                // The groups' seats checked in the preview (rule 39): each person added needs one of each product.
                let short = move || {
                    let (groups, t, today) = (joins.groups.get(), team.get(), console.today.get());
                    let check = |team: &crate::domain::Team| group_seats(team, &groups, &|_| added, today).err();
                    console.env.with(|e| e.account.teams.get(&t).and_then(check)).map(|e| e.to_string())
                };
                view! {
                    <h3 id="import-stage" tabindex="-1">{format!("Preview of {file}")}</h3>
                    {not_read}
                    <p>{format!("{added} will be added, {members} {}, {refused} will be refused.{}", if members == 1 { "is already a member" } else { "are already members" }, repeats(&rows))}</p>
                    // The rows say "will be added" while a group ticked can't seat them: said here too (a trial).
                    {move || short().map(|_| view! { <p class="field-error">"Not while the groups ticked lack seats for them (see the groups below): untick a group or free seats to import."</p> })}
                    <ReportTable rows caption="What will happen, row by row"/>
                    <GroupPicker id="invite-import-groups" joins/>
                    <p class="field-error" role="alert">{short}</p>
                    <div class="buttons">
                        <button type="button" class="primary" disabled=move || added == 0 || short().is_some() on:click=import>{format!("Import {}", people(added))}</button>
                        <button type="button" on:click=move |_| { stage.set(Stage::Choose); focus_later("import-file"); }>"Choose another file"</button>
                        <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    </div>
                }.into_any()
            }
            Stage::Done(rows) => {
                let (added, members, refused) = counts(&rows);
                view! {
                    <p id="import-stage" tabindex="-1">{format!("{added} added, {members} already {}, {refused} refused.{}", if members == 1 { "a member" } else { "members" }, repeats(&rows))}</p>
                    <ReportTable rows caption="Row by row"/>
                    <div class="buttons">
                        <button type="button" on:click=download_report>"Download report"</button>
                        <button type="button" class="primary" on:click=move |_| on_close.run(())>"Done"</button>
                    </div>
                }.into_any()
            }
        }}
        <WorkProgress id="import-progress"/>
        <p class="field-error" id="import-error" role="alert">{move || error.get()}</p>
    }
}

/// "1 user", "2 users".
fn people(n: usize) -> String {
    format!("{n} {}", if n == 1 { "user" } else { "users" })
}

/// Every row with its result, in the file's order, each with its number and its email as written (issue 27.3);
/// at most 200 drawn, the downloadable report has all.
#[component]
fn ReportTable(rows: Vec<ReportRow>, caption: &'static str) -> impl IntoView {
    let more = rows.len().saturating_sub(200);
    (!rows.is_empty()).then(|| {
        view! {
            <table class="users report">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Row"</th><th scope="col">"Email"</th><th scope="col">"Result"</th></tr></thead>
                <tbody>
                    {rows.into_iter().take(200).map(|r| view! {
                        <tr><td>{r.row}</td><td>{r.email.clone()}</td><td>{r.result()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(more > 0).then(|| view! { <p class="hint">{format!("And {more} more rows, all in the report you can download after the import.")}</p> })}
        }
    })
}

/// The file's columns an import leaves aside, named so the admin knows what was not read (issue 27).
pub fn not_read(csv: &str, columns: &[&str]) -> Option<impl IntoView> {
    let unread = crate::domain::input::columns_not_read(csv, columns);
    (!unread.is_empty()).then(|| {
        let read = columns.join(", ");
        view! { <p class="hint">{format!("Not read: {}. The import reads {read}.", unread.join(", "))}</p> }
    })
}
