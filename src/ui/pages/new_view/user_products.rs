//! A user's products (W3', §4b.4): the assigned ones with their source and items, Unassign (greyed out for a
//! product from a group, with why: rule 41) and Customize; then the Not assigned ones, each with "Assign
//! seats from" the pool or a subscription ID and live seat counts (rules 40, 43).

use super::{CurrentTeam, SourceSelect};
use crate::domain::read::team::{held_products, seat_choices, HeldProduct, SourceChoice};
use crate::domain::{Command, SeatSource, UserId};
use crate::ui::components::dialog::Dialog;
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// What the dialog shows of one product, recomputed after each change.
#[derive(Clone, PartialEq)]
struct ProductView {
    product: String,
    held: Option<HeldProduct>,
    /// The items the user has (all when not customised).
    items: BTreeSet<String>,
    all_items: Vec<String>,
    choices: Vec<SourceChoice>,
}

#[component]
pub fn UserProducts(user: UserId, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let name = console.env.with_untracked(|e| e.account.name_of(user));
    let products = Memo::new(move |_| {
        let today = console.today.get();
        let me = console.actor().unwrap_or(UserId(0));
        console.env.with(|e| {
            let Some(t) = e.account.teams.get(&team) else { return Vec::new() };
            let held = held_products(t, user);
            // A product admin's own products only (issue 30).
            t.products_seen_by(me)
                .into_iter()
                .map(|p| ProductView {
                    held: held.iter().find(|h| h.product == p).cloned(),
                    items: t.items_of(user, &p),
                    all_items: t.services(&p).into_iter().collect(),
                    choices: seat_choices(t, &p, today),
                    product: p,
                })
                .collect()
        })
    });
    let error = RwSignal::new(None::<String>);
    // The outcome is said inside the dialog and takes the focus: the button pressed has moved to the other
    // section, and focus must neither fall out of the dialog nor land on the next product's Assign.
    let outcome = RwSignal::new(None::<String>);
    let outcome_node = NodeRef::<leptos::html::P>::new();
    let run = move |command: Command, done: String| match console.dispatch(command) {
        Ok(_) => {
            error.set(None);
            outcome.set(Some(done.clone()));
            console.flash.set(Some(Flash::Done(done)));
            request_animation_frame(move || {
                if let Some(p) = outcome_node.get_untracked() {
                    let _ = p.focus();
                }
            });
        }
        Err(e) => error.set(Some(e.to_string())),
    };
    let ctx = Ctx { team, user, name: name.clone(), run: Callback::new(move |(c, d)| run(c, d)) };
    let (ctx_a, ctx_b) = (ctx.clone(), ctx);
    view! {
        <Dialog title=format!("Products of {name}") on_close>
            <p class="outcome" tabindex="-1" node_ref=outcome_node>{move || outcome.get()}</p>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <h3>"Assigned"</h3>
            {move || {
                let held: Vec<ProductView> = products.get().into_iter().filter(|p| p.held.is_some()).collect();
                if held.is_empty() {
                    view! { <p class="hint">"Nothing assigned yet."</p> }.into_any()
                } else {
                    held.into_iter().map(|p| view! { <Assigned p ctx=ctx_a.clone()/> }).collect_view().into_any()
                }
            }}
            <h3>"Not assigned"</h3>
            <p class="hint">"Seats tied to a subscription are seats of the pool too: the pool's number is what is free in all."</p>
            {move || {
                let open: Vec<ProductView> = products.get().into_iter().filter(|p| p.held.is_none()).collect();
                if open.is_empty() {
                    view! { <p class="hint">"Every product of the team is assigned."</p> }.into_any()
                } else {
                    open.into_iter().map(|p| view! { <NotAssigned p ctx=ctx_b.clone()/> }).collect_view().into_any()
                }
            }}
            <div class="buttons"><button type="button" on:click=move |_| on_close.run(())>"Close"</button></div>
        </Dialog>
    }
}

#[derive(Clone)]
struct Ctx {
    team: crate::domain::TeamId,
    user: UserId,
    name: String,
    /// Dispatches a command and shows its confirmation, or the refusal in the dialog.
    run: Callback<(Command, String)>,
}

#[component]
fn Assigned(p: ProductView, ctx: Ctx) -> impl IntoView {
    let held = p.held.clone().expect("assigned");
    let product = p.product.clone();
    let direct = held.direct();
    let locked = held.locked_by().map(str::to_string);
    let customizing = RwSignal::new(false);
    let ticked = RwSignal::new(p.items.clone());
    let items_text = if p.items.len() == p.all_items.len() {
        "All items".to_string()
    } else {
        format!("Items: {}", p.items.iter().cloned().collect::<Vec<_>>().join(", "))
    };
    let unassign = {
        let (ctx, product) = (ctx.clone(), product.clone());
        move |_| {
            let done = format!("{product} was unassigned from {}.", ctx.name);
            ctx.run.run((Command::UnassignProduct { team: ctx.team, user: ctx.user, product: product.clone() }, done));
        }
    };
    let save_items = {
        let (ctx, product) = (ctx.clone(), product.clone());
        move |_| {
            let done = format!("The items of {product} were changed for {}.", ctx.name);
            let items = Some(ticked.get_untracked());
            ctx.run.run((
                Command::CustomizeProduct { team: ctx.team, user: ctx.user, product: product.clone(), items },
                done,
            ));
            customizing.set(false);
        }
    };
    let reason_id = format!("locked-{}", product.replace(' ', "-"));
    view! {
        <article class="held" aria-label=product.clone()>
            <h4>{product.clone()}</h4>
            <p class="meta">{format!("From: {}", held.sources.iter().map(|s| s.label()).collect::<Vec<_>>().join(", "))}" · "{items_text}</p>
            <div class="row-actions">
                {direct.then(|| view! {
                    <button type="button" class="link" aria-expanded=move || customizing.get().to_string()
                        aria-label=format!("Customize {product}") on:click=move |_| customizing.update(|c| *c = !*c)>"Customize"</button>
                })}
                <button type="button" class="link danger" aria-label=format!("Unassign {}", p.product)
                    disabled=locked.is_some() aria-describedby=reason_id.clone() on:click=unassign>"Unassign"</button>
            </div>
            {locked.map(|g| view! {
                <p class="hint" id=reason_id>{format!("Assigned through the group {g}: unassign it at the group in By Group.")}</p>
            })}
            <Show when=move || customizing.get()>
                <ItemsChecklist items=p.all_items.clone() ticked/>
                <button type="button" on:click=save_items.clone()>"Save changes"</button>
            </Show>
        </article>
    }
}

#[component]
fn NotAssigned(p: ProductView, ctx: Ctx) -> impl IntoView {
    let product = p.product.clone();
    let choices = p.choices.clone();
    let source = RwSignal::new(0usize);
    let ticked = RwSignal::new(p.all_items.iter().cloned().collect::<BTreeSet<_>>());
    let customizing = RwSignal::new(false);
    let select_id = format!("source-{}", product.replace(' ', "-"));
    let assign = {
        let (ctx, product, choices) = (ctx.clone(), product.clone(), choices.clone());
        move |_| {
            let chosen = choices.get(source.get_untracked()).map(|c| c.source.clone()).unwrap_or(SeatSource::Pool);
            let items = customizing.get_untracked().then(|| ticked.get_untracked());
            let done = format!("{product} was assigned to {}.", ctx.name);
            ctx.run.run((
                Command::AssignProduct {
                    team: ctx.team,
                    user: ctx.user,
                    product: product.clone(),
                    source: chosen,
                    items,
                },
                done,
            ));
        }
    };
    view! {
        <article class="held" aria-label=product.clone()>
            <h4>{product.clone()}</h4>
            <SourceSelect id=select_id choices chosen=source/>
            <label class="check"><input type="checkbox" prop:checked=move || customizing.get()
                on:change=move |_| customizing.update(|c| *c = !*c)/>"Customize items"</label>
            <Show when=move || customizing.get()>
                <ItemsChecklist items=p.all_items.clone() ticked/>
            </Show>
            <button type="button" class="primary" aria-label=format!("Assign {product}") on:click=assign>"Assign"</button>
        </article>
    }
}

/// The included services of a product, ticked or not.
#[component]
fn ItemsChecklist(items: Vec<String>, ticked: RwSignal<BTreeSet<String>>) -> impl IntoView {
    view! {
        <ul class="services">
            {items.into_iter().map(|item| {
                let key = item.clone();
                view! {
                    <li><label class="check">
                        <input type="checkbox" prop:checked={ let k = key.clone(); move || ticked.with(|t| t.contains(&k)) }
                            on:change=move |_| ticked.update(|t| if !t.remove(&key) { t.insert(key.clone()); })/>
                        {item}
                    </label></li>
                }
            }).collect_view()}
        </ul>
    }
}
