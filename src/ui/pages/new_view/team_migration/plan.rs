//! The plan of a migration: what it needs and what it would be refused (checked on a copy of the account), Run
//! as one command, the last run's report, and a plan saved for later.

use super::*;
use crate::domain::auto_assign::SeatOrder;
use crate::domain::read::seat_queue::of_migration;
use crate::domain::UserId;
use crate::ui::components::seat_queue::SeatQueue;

/// "1 step", "2 steps".
pub(super) fn steps(n: usize) -> String {
    format!("{n} {}", if n == 1 { "step" } else { "steps" })
}

/// The last run's refused steps, kept on the page until the next run (the flash says only how many).
#[derive(Clone, Copy)]
pub(super) struct LastRun(pub(super) RwSignal<Option<(String, Vec<String>)>>);

/// Runs a plan as one command, says what happened, keeps the refused steps on the page and moves focus to
/// that report (the button pressed has gone with the people it moved).
pub(super) fn run_plan(console: Console, last: LastRun, team: crate::domain::TeamId, planned: Vec<PlannedPerson>) {
    let count = planned.len();
    match console.dispatch(Command::RunMigration { team, people: planned }) {
        Ok(events) => {
            let refused = skipped(&events);
            let name = console.env.with_untracked(|e| team_name(&e.account, team));
            let note = match refused.len() {
                0 => String::new(),
                n => format!(" {} refused, as the plan showed.", steps(n)),
            };
            let done = format!(
                "{} moved to {name}; invitations are in the Outbox.{note} Undo takes the whole run back.",
                people(count)
            );
            console.flash.set(Some(Flash::Done(done.clone())));
            last.0.set(Some((done, refused)));
            request_animation_frame(|| {
                if let Some(el) = document().get_element_by_id("last-run") {
                    let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
                }
            });
        }
        Err(e) => console.flash.set(Some(Flash::Refused(e.to_string()))),
    }
}

/// What a plan needs and what it would be refused, from the run applied to a copy of the account; who gets
/// the seats that run short, in the order the run gives them, which the admin can change (issue 27.5).
#[component]
pub(super) fn PlanCheck(
    plan: Memo<Vec<PlannedPerson>>,
    order: RwSignal<SeatOrder>,
    /// Leave out: the plan unticks the person (their own row is where they come back from).
    #[prop(optional)]
    leave_out: Option<Callback<UserId>>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let checked = Memo::new(move |_| {
        let (today, people) = (console.today.get(), plan.get());
        let t = team.get();
        console.env.with(|e| {
            let needs = seat_needs(&e.account, t, &people, today);
            let run = Command::RunMigration { team: t, people: people.clone() };
            let (refused, queue) = match preview(&e.account, console.acting(), run, today) {
                Ok((_, events)) => (skipped(&events), of_migration(&e.account, t, &people, &events, &needs)),
                Err(e) => (vec![e.to_string()], Vec::new()),
            };
            (needs, refused, queue)
        })
    });
    view! {
        {move || {
            let needs = checked.get().0;
            if needs.is_empty() {
                view! { <p class="hint">"No product to assign: only invitations and roles."</p> }.into_any()
            } else {
                view! {
                    <table class="users">
                        <thead><tr><th scope="col">"Product"</th><th scope="col">"Seats needed"</th><th scope="col">"Available in the pool"</th></tr></thead>
                        <tbody>
                            {needs.into_iter().map(|need| {
                                let short = need.needed > need.available;
                                view! {
                                    <tr class=if short { "short" } else { "" }>
                                        <td>{need.product}</td><td>{need.needed}</td>
                                        <td>{need.available}{short.then_some(" — not enough seats")}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }
        }}
        {move || {
            let refused = checked.get().1;
            (!refused.is_empty()).then(|| view! {
                <p>"These steps would be refused and will not be applied:"</p>
                <ul class="results" aria-label="Refused steps">
                    {refused.into_iter().map(|r| view! { <li class="skipped">{r}</li> }).collect_view()}
                </ul>
            })
        }}
        {move || {
            let queue = checked.get().2;
            // A saved plan keeps its people: moved, never left out (untick is the plan's way).
            let can_leave_out = leave_out.is_some();
            (!queue.is_empty()).then(|| view! { <SeatQueue queue order leave_out can_leave_out/> })
        }}
    }
}

/// The plan for the selected people, checked; then Run or Save.
#[component]
pub(super) fn Plan(selection: Selection, coordinators_as: RwSignal<TeamRole>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let last = expect_context::<LastRun>();
    // Who goes first when seats run short, as the admin arranged it (issue 27.5): by name until then.
    let order = RwSignal::new(SeatOrder::default());
    let plan = Memo::new(move |_| {
        let (users, coordinators) = (selection.users(), coordinators_as.get());
        let proposed = console.env.with(|e| propose(&e.account, team.get(), &users, coordinators));
        order.with(|o| o.arrange(proposed, |p| p.user))
    });
    let n = move || plan.with(Vec::len);
    let run = move |_| run_plan(console, last, team.get_untracked(), plan.get_untracked());
    let save = move |_| {
        let t = team.get_untracked();
        let mut plan_people =
            console.env.with_untracked(|e| e.account.migration_plans.get(&t).cloned().unwrap_or_default());
        let new = plan.get_untracked();
        plan_people.retain(|p| !new.iter().any(|q| q.user == p.user));
        plan_people.extend(new);
        let total = plan_people.len();
        let done = format!("The saved plan now has {}.", people(total));
        console.run(Command::SaveMigrationPlan { team: t, people: plan_people }, |_| done);
    };
    view! {
        <Show when=move || { n() > 0 }>
            <section class="card" aria-label="Plan">
                <h2>{move || format!("Plan for {}", people(n()))}</h2>
                <PlanCheck plan order leave_out=Callback::new(move |user| selection.untick(user))/>
                <div class="buttons">
                    <button type="button" class="primary" on:click=run>{move || format!("Run for the selected {}", people(n()))}</button>
                    <button type="button" on:click=save>"Add to the saved plan"</button>
                </div>
            </section>
        </Show>
    }
}

/// The last run's report: what moved and the steps refused.
#[component]
pub(super) fn LastRunReport() -> impl IntoView {
    let last = expect_context::<LastRun>();
    view! {
        {move || last.0.get().map(|(done, refused)| view! {
            <section class="card" aria-label="Last run">
                <h2 id="last-run" tabindex="-1">"Last run"</h2>
                <p>{done}</p>
                {(!refused.is_empty()).then(|| view! {
                    <ul class="results" aria-label="Refused in the last run">
                        {refused.into_iter().map(|r| view! { <li class="skipped">{r}</li> }).collect_view()}
                    </ul>
                })}
            </section>
        })}
    }
}

/// The plan kept with the account, checked again against today's seats: run it or clear it.
#[component]
pub(super) fn SavedPlan() -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let last = expect_context::<LastRun>();
    let saved = Memo::new(move |_| {
        console.env.with(|e| e.account.migration_plans.get(&team.get()).cloned().unwrap_or_default())
    });
    // A saved plan's new order is saved with it, as any change to the plan is (a trial: moves were lost on a
    // reload, and Run would have followed the old order).
    let order = RwSignal::new(SeatOrder::default());
    Effect::new(move |_| {
        let chosen = order.get();
        if chosen == SeatOrder::default() {
            return;
        }
        let people = chosen.arrange(saved.get_untracked(), |p| p.user);
        console.run(Command::SaveMigrationPlan { team: team.get_untracked(), people }, |_| {
            "The saved plan's order was saved.".into()
        });
        order.set(SeatOrder::default());
    });
    let lines = Memo::new(move |_| {
        console.env.with(|e| {
            saved.get().iter().map(|p| format!("{}: {}", e.account.name_of(p.user), plan_text(p))).collect::<Vec<_>>()
        })
    });
    let run = move |_| run_plan(console, last, team.get_untracked(), saved.get_untracked());
    let clear = move |_| {
        console.run(Command::SaveMigrationPlan { team: team.get_untracked(), people: Vec::new() }, |_| {
            "The saved plan was cleared.".into()
        });
    };
    view! {
        <Show when=move || saved.with(|s| !s.is_empty())>
            <section class="card" aria-label="Saved plan">
                <h2>{move || format!("Saved plan ({})", people(saved.with(Vec::len)))}</h2>
                <ul class="plain">
                    {move || lines.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
                <PlanCheck plan=saved order/>
                <div class="buttons">
                    <button type="button" class="primary" on:click=run>"Run the saved plan"</button>
                    <button type="button" on:click=clear>"Clear the saved plan"</button>
                </div>
            </section>
        </Show>
    }
}
