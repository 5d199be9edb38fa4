//! W3: Edit Access for one or several users — Products & Services and Benefits tabs, one section per
//! contract, live seat counts, Assign All (rules 9–14). The draft is local until Save sends one command.

use super::Open;
use crate::domain::read::access::{edit_access_view, AccessContract, AccessLine};
use crate::domain::{Access, BenefitAccess, BenefitId, Command, ContractNo, LineAccess, LineId, UserId};
use crate::ui::components::dialog::Dialog;
use crate::ui::components::preview::SavePreview;
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::JsCast;

type Services = BTreeSet<String>;
type LineKey = (ContractNo, LineId);

/// The admin's unsaved choices: a line's new state (`None` = no seat), a contract's benefits.
#[derive(Clone, Copy)]
struct Draft {
    lines: RwSignal<BTreeMap<LineKey, Option<Services>>>,
    benefits: RwSignal<BTreeMap<ContractNo, BTreeSet<BenefitId>>>,
    /// Why a tick was refused, next to the line or contract it concerns.
    refusals: RwSignal<BTreeMap<String, String>>,
    /// Lines where the admin confirmed a second seat alongside a collection (issue 7).
    second_seats: RwSignal<BTreeSet<LineKey>>,
    selected: usize,
}

impl Draft {
    fn state(&self, key: &LineKey, line: &AccessLine) -> Option<Services> {
        self.lines.with(|d| d.get(key).cloned()).unwrap_or_else(|| line.common.clone())
    }

    /// Sets a line's state unless that would take more seats than there are (rule 9, 11); false when refused.
    fn set(&self, key: &LineKey, line: &AccessLine, multi_user: bool, new: Option<Services>) -> bool {
        let refusal_key = format!("{}/{}", key.0, key.1);
        let access = if multi_user { Access::MultiUser } else { Access::SingleUser };
        if let (Some(_), Err(refusal)) = (&new, line.check(&key.0, access, self.selected)) {
            self.refusals.update(|r| {
                r.insert(refusal_key, refusal.to_string());
            });
            return false;
        }
        self.refusals.update(|r| {
            r.remove(&refusal_key);
        });
        self.lines.update(|d| {
            if new == line.common {
                d.remove(key);
            } else {
                d.insert(key.clone(), new);
            }
        });
        true
    }
}

/// A refused tick leaves the draft as it was, so the box the browser already toggled is put back.
fn undo_tick(ev: &leptos::ev::Event) {
    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        input.set_checked(!input.checked());
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Products,
    Benefits,
}

#[component]
pub fn EditAccess(users: Vec<UserId>, open: RwSignal<Open>) -> impl IntoView {
    let console = expect_context::<Console>();
    let today = console.today.get_untracked();
    let (contracts, who) = console.env.with_untracked(|e| {
        let actor = console.actor().unwrap_or(UserId(0));
        let who = match users.as_slice() {
            [one] => e.account.name_of(*one),
            many => format!("{} users", many.len()),
        };
        (edit_access_view(&e.account, actor, &users, today), who)
    });
    let draft = Draft {
        lines: RwSignal::new(BTreeMap::new()),
        benefits: RwSignal::new(BTreeMap::new()),
        refusals: RwSignal::new(BTreeMap::new()),
        second_seats: RwSignal::new(BTreeSet::new()),
        selected: users.len(),
    };
    let tab = RwSignal::new(Tab::Products);
    let error = RwSignal::new(None::<String>);
    // The one command the draft makes, for Save and for its preview; `None` while nothing changed.
    let command = {
        let users = users.clone();
        Signal::derive(move || {
            let second = draft.second_seats.get();
            let lines: Vec<LineAccess> = draft.lines.with(|d| {
                d.iter()
                    .map(|(key, s)| LineAccess {
                        contract: key.0.clone(),
                        line: key.1,
                        services: s.clone(),
                        second_seat: second.contains(key),
                    })
                    .collect()
            });
            let benefits: Vec<BenefitAccess> = draft
                .benefits
                .with(|d| d.iter().map(|(c, b)| BenefitAccess { contract: c.clone(), benefits: b.clone() }).collect());
            (!lines.is_empty() || !benefits.is_empty()).then(|| Command::EditAccess {
                users: users.clone(),
                lines,
                benefits,
            })
        })
    };
    let save = {
        let who = who.clone();
        move |_| {
            let Some(command) = command.get_untracked() else {
                console.flash.set(Some(Flash::Done(format!("No changes were made for {who}."))));
                open.set(Open::Nothing);
                return;
            };
            match console.dispatch(command) {
                Ok(_) => {
                    console.flash.set(Some(Flash::Done(format!("Access updated for {who}"))));
                    open.set(Open::Nothing);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    // The tabs pattern: one tab in the Tab order; arrow keys, Home and End move between them.
    let tab_button = move |which: Tab, id: &'static str, panel: &'static str, label: &'static str| {
        let keys = move |ev: leptos::ev::KeyboardEvent| {
            let next = match ev.key().as_str() {
                "ArrowLeft" | "ArrowRight" => Some(if which == Tab::Products { Tab::Benefits } else { Tab::Products }),
                "Home" => Some(Tab::Products),
                "End" => Some(Tab::Benefits),
                _ => None,
            };
            if let Some(next) = next {
                ev.prevent_default();
                tab.set(next);
                let id = if next == Tab::Products { "tab-products" } else { "tab-benefits" };
                if let Some(el) = document().get_element_by_id(id) {
                    let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        };
        view! {
            <button type="button" role="tab" id=id aria-controls=panel aria-selected=move || (tab.get() == which).to_string()
                tabindex=move || if tab.get() == which { "0" } else { "-1" }
                on:click=move |_| tab.set(which) on:keydown=keys>{label}</button>
        }
    };
    let expand = contracts.len() <= OPEN_ALL_UP_TO;
    let contracts = StoredValue::new(contracts);
    view! {
        <Dialog title=format!("Edit Access — {who}") on_close=move || open.set(Open::Nothing)>
            <div role="tablist" aria-label="Access">
                {tab_button(Tab::Products, "tab-products", "panel-products", "Products & Services")}
                {tab_button(Tab::Benefits, "tab-benefits", "panel-benefits", "Benefits")}
            </div>
            <div class="tabpanel" role="tabpanel" id="panel-products" aria-labelledby="tab-products" hidden=move || tab.get() != Tab::Products>
                {contracts.get_value().into_iter().map(|c| view! { <ContractProducts contract=c draft expand/> }).collect_view()}
            </div>
            <div class="tabpanel" role="tabpanel" id="panel-benefits" aria-labelledby="tab-benefits" hidden=move || tab.get() != Tab::Benefits>
                {contracts.get_value().into_iter().map(|c| view! { <ContractBenefits contract=c draft expand/> }).collect_view()}
            </div>
            <SavePreview command/>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="buttons">
                <button type="button" class="primary" on:click=save>"Save"</button>
                <button type="button" on:click=move |_| open.set(Open::Nothing)>"Cancel"</button>
            </div>
        </Dialog>
    }
}

#[component]
fn ContractProducts(contract: AccessContract, draft: Draft, expand: bool) -> impl IntoView {
    let no = contract.number.clone();
    let multi = contract.multi_user;
    let lines = contract.lines.clone();
    let assign_all = {
        let (no, lines) = (no.clone(), lines.clone());
        move |_| {
            for l in &lines {
                draft.set(&(no.clone(), l.line), l, multi, Some(l.services.iter().cloned().collect()));
            }
        }
    };
    let kind = if multi { "multi-user" } else { "single-user" };
    let expand = expand || contract.lines.iter().any(|l| l.selected_holding > 0);
    let summary = format!("Contract {no} · {} · {kind}", contract.status);
    let label = format!("Contract {no}");
    view! {
        <section class="contract" aria-label=label>
            <Fold summary open=expand>
                <button type="button" class="link" on:click=assign_all.clone()>"Assign All"</button>
                {lines.clone().into_iter().map(|l| view! { <LineChoice no=no.clone() line=l multi draft/> }).collect_view()}
            </Fold>
        </section>
    }
}

/// In a small account every contract's section is open; in a large one only those where a selected user
/// holds something, the others drawn once opened, so Edit Access opens fast (issue 13).
const OPEN_ALL_UP_TO: usize = 10;

#[component]
fn Fold(summary: String, open: bool, children: ChildrenFn) -> impl IntoView {
    let drawn = RwSignal::new(open);
    let toggle = move |ev: leptos::ev::Event| {
        if ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open()) {
            drawn.set(true);
        }
    };
    view! {
        <details open=open on:toggle=toggle>
            <summary>{summary}</summary>
            <Show when=move || drawn.get()>{children()}</Show>
        </details>
    }
}

#[component]
fn LineChoice(no: ContractNo, line: AccessLine, multi: bool, draft: Draft) -> impl IntoView {
    let key = (no.clone(), line.line);
    let line = StoredValue::new(line);
    let state = {
        let key = key.clone();
        move || line.with_value(|l| draft.state(&key, l))
    };
    let seats = {
        let key = key.clone();
        move || line.with_value(|l| draft.lines.with(|d| l.available(d.get(&key), draft.selected)))
    };
    let toggle_product = {
        let (key, state) = (key.clone(), state.clone());
        move |ev: leptos::ev::Event| {
            let new = match state() {
                Some(_) => None,
                None => Some(line.with_value(|l| l.services.iter().cloned().collect())),
            };
            if !line.with_value(|l| draft.set(&key, l, multi, new)) {
                undo_tick(&ev);
            }
        }
    };
    let refusal_key = format!("{}/{}", key.0, key.1);
    let (product, release, bundle, overlap, newly) = line.with_value(|l| {
        (l.product.clone(), l.release.clone(), l.bundle.clone(), l.overlap.clone(), l.common.is_none())
    });
    let services = line.with_value(|l| l.services.clone());
    // A collection's services are "Product: Service"; they are listed under each product.
    let groups: Vec<(Option<String>, Vec<String>)> = if bundle.is_empty() {
        vec![(None, services)]
    } else {
        bundle
            .iter()
            .map(|p| (Some(p.clone()), services.iter().filter(|s| s.starts_with(&format!("{p}: "))).cloned().collect()))
            .collect()
    };
    let service_box = {
        let (state, key, product) = (state.clone(), key.clone(), product.clone());
        move |s: String| {
            let checked = {
                let (state, s) = (state.clone(), s.clone());
                move || state().is_some_and(|set| set.contains(&s))
            };
            let toggle = {
                let (state, s, key) = (state.clone(), s.clone(), key.clone());
                move |ev: leptos::ev::Event| {
                    let new = match state() {
                        None => Some(Services::from([s.clone()])),
                        Some(mut set) => {
                            if !set.remove(&s) {
                                set.insert(s.clone());
                            }
                            // A multi-user named user exists only for cloud services (rule 11).
                            if multi && set.is_empty() {
                                None
                            } else {
                                Some(set)
                            }
                        }
                    };
                    if !line.with_value(|l| draft.set(&key, l, multi, new)) {
                        undo_tick(&ev);
                    }
                }
            };
            let shown = s.split_once(": ").map_or(s.clone(), |(_, service)| service.to_string());
            view! {
                <li><label class="check">
                    <input type="checkbox" aria-label=format!("{product}: {s}") prop:checked=checked on:change=toggle/>
                    {shown}
                </label></li>
            }
        }
    };
    let second_seat = overlap.filter(|_| newly).map(|held| {
        let (k1, k2, state) = (key.clone(), key.clone(), state.clone());
        view! {
            <Show when=move || state().is_some()>
                <label class="check second-seat">
                    <input type="checkbox" prop:checked={ let k = k1.clone(); move || draft.second_seats.with(|s| s.contains(&k)) }
                        on:change={ let k = k2.clone(); move |_| draft.second_seats.update(|s| if !s.remove(&k) { s.insert(k.clone()); }) }/>
                    {format!("Assign a separate seat anyway (already held through {held})")}
                </label>
            </Show>
        }
    });
    view! {
        <div class="line">
            <label class="check product">
                <input type="checkbox" prop:checked={ let s = state.clone(); move || s().is_some() } on:change=toggle_product/>
                {format!("{product} {release}")}
            </label>
            <span class="seats">{seats}</span>
            {(!bundle.is_empty()).then(|| view! { <p class="hint">{format!("One seat includes {}.", bundle.join(", "))}</p> })}
            {second_seat}
            <p class="field-error" role="alert">{move || draft.refusals.with(|r| r.get(&refusal_key).cloned())}</p>
            {groups.into_iter().map(|(group, list)| view! {
                {group.map(|g| view! { <p class="bundled">{g}</p> })}
                <ul class="services">{list.into_iter().map(service_box.clone()).collect_view()}</ul>
            }).collect_view()}
        </div>
    }
}

#[component]
fn ContractBenefits(contract: AccessContract, draft: Draft, expand: bool) -> impl IntoView {
    let no = contract.number.clone();
    let common = contract.common_benefits.clone();
    let state = {
        let (no, common) = (no.clone(), common.clone());
        move || draft.benefits.with(|d| d.get(&no).cloned()).unwrap_or_else(|| common.clone())
    };
    let used = {
        let (no, c) = (no.clone(), contract.clone());
        move || match draft.benefits.with(|d| d.get(&no).map(|b| b.is_empty())) {
            None => c.benefit_others + c.benefit_selected_holding,
            Some(true) => c.benefit_others,
            Some(false) => c.benefit_others + draft.selected,
        }
    };
    let refusal_key = format!("benefits/{no}");
    // The domain's own check (rule 13), the one Save applies.
    let check = {
        let c = contract.clone();
        move || c.benefit_check(draft.selected)
    };
    let expand = expand || contract.benefit_selected_holding > 0;
    let benefits = contract.benefits.clone();
    let (label, summary) = (format!("Benefits of contract {no}"), format!("Contract {no}"));
    view! {
        <section class="contract" aria-label=label>
            <Fold summary open=expand>
                <span class="seats">{let (used, c) = (used.clone(), contract.clone()); move || c.benefit_places(used())}</span>
                <p class="field-error" role="alert">{let k = refusal_key.clone(); move || draft.refusals.with(|r| r.get(&k).cloned())}</p>
                <ul class="services">
                    {benefits.clone().into_iter().map(|(id, name)| {
                        let checked = { let state = state.clone(); move || state().contains(&id) };
                        let toggle = {
                            let (state, no, common, k, check) = (state.clone(), no.clone(), common.clone(), refusal_key.clone(), check.clone());
                            move |ev: leptos::ev::Event| {
                                let mut set = state();
                                if !set.remove(&id) {
                                    set.insert(id);
                                }
                                let grows = !set.is_empty() && state().is_empty();
                                if let (true, Err(refusal)) = (grows, check()) {
                                    draft.refusals.update(|r| { r.insert(k.clone(), refusal.to_string()); });
                                    undo_tick(&ev);
                                    return;
                                }
                                draft.refusals.update(|r| { r.remove(&k); });
                                draft.benefits.update(|d| { if set == common { d.remove(&no); } else { d.insert(no.clone(), set); } });
                            }
                        };
                        view! {
                            <li><label class="check">
                                <input type="checkbox" prop:checked=checked on:change=toggle/>
                                {name}
                            </label></li>
                        }
                    }).collect_view()}
                </ul>
            </Fold>
        </section>
    }
}
