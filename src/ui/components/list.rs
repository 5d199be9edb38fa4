//! The pieces every list shares: an Actions menu, a pager, and the selection of users with its count.

use crate::domain::UserId;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// A menu button ("Actions") whose items show below it; Escape closes it.
#[component]
pub fn Menu(label: &'static str, open: RwSignal<bool>, children: ChildrenFn) -> impl IntoView {
    let button = NodeRef::<leptos::html::Button>::new();
    // Escape closes the menu and puts focus back on its button, not on the page's start; the arrow keys open
    // it and move through its items, as a menu button's do (an admin trial: only Tab reached them).
    let close = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
        key @ ("ArrowDown" | "ArrowUp") => {
            ev.prevent_default();
            let down = key == "ArrowDown";
            if !open.get_untracked() {
                open.set(true);
            }
            request_animation_frame(move || step_through(button, down));
        }
        _ => {}
    };
    view! {
        <div class="menu">
            <button type="button" node_ref=button aria-haspopup="true" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o) on:keydown=close>{label}</button>
            <Show when=move || open.get()>
                <MenuItems button close children=children.clone()/>
            </Show>
        </div>
    }
}

/// Focus to the next (or previous) item of the menu of `button`, wrapping; from the button, the first (or last).
fn step_through(button: NodeRef<leptos::html::Button>, down: bool) {
    use wasm_bindgen::JsCast;
    let Some(menu) = button.get_untracked().and_then(|b| b.parent_element()) else { return };
    let Ok(found) = menu.query_selector_all(".menu-items button:not([disabled]), .menu-items a[href]") else { return };
    let items: Vec<web_sys::HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|el| el.offset_parent().is_some())
        .collect();
    let n = items.len();
    let active = document().active_element();
    let at = items.iter().position(|el| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>()));
    let next = match (at, down) {
        (Some(i), true) => (i + 1) % n.max(1),
        (Some(i), false) => (i + n - 1) % n.max(1),
        (None, true) => 0,
        (None, false) => n.saturating_sub(1),
    };
    if let Some(el) = items.get(next) {
        let _ = el.focus();
    }
}

/// A menu's items. Closed with focus in it (an item chosen), the menu leaves focus on its button, so a dialog
/// the item opens gives focus back there when it closes (a trial: to no one).
#[component]
fn MenuItems(
    button: NodeRef<leptos::html::Button>,
    close: impl Fn(leptos::ev::KeyboardEvent) + 'static,
    children: ChildrenFn,
) -> impl IntoView {
    on_cleanup(move || {
        let lost = document()
            .active_element()
            .is_none_or(|a| a.tag_name() == "BODY" || a.closest(".menu-items").ok().flatten().is_some());
        if let (true, Some(b)) = (lost, button.try_get_untracked().flatten()) {
            let _ = b.focus();
        }
    });
    view! { <ul class="menu-items" on:keydown=close>{children()}</ul> }
}

/// Previous / Page n of m / Next, shown when there is more than one page.
#[component]
pub fn Pager(
    #[prop(into)] page: Signal<usize>,
    #[prop(into)] pages: Signal<usize>,
    #[prop(into)] on_page: Callback<usize>,
) -> impl IntoView {
    // At the first or last page the button pressed is disabled: focus moves to the other one, not to the page.
    let (prev, next) = (NodeRef::<leptos::html::Button>::new(), NodeRef::<leptos::html::Button>::new());
    let keep_focus = move |other: NodeRef<leptos::html::Button>| {
        request_animation_frame(move || {
            if let Some(b) = other.get_untracked() {
                let _ = b.focus();
            }
        })
    };
    view! {
        <Show when=move || { pages.get() > 1 }>
            <nav class="pager" aria-label="Pages">
                <button type="button" node_ref=prev disabled=move || { page.get() <= 1 } on:click=move |_| {
                    let p = page.get_untracked();
                    on_page.run(p - 1);
                    if p - 1 <= 1 { keep_focus(next); }
                }>"Previous"</button>
                <span>{move || format!("Page {} of {}", page.get(), pages.get())}</span>
                <button type="button" node_ref=next disabled=move || { page.get() >= pages.get() } on:click=move |_| {
                    let p = page.get_untracked();
                    on_page.run(p + 1);
                    if p + 1 >= pages.get_untracked() { keep_focus(prev); }
                }>"Next"</button>
            </nav>
        </Show>
    }
}

/// The users ticked in a list. It follows what is listed: a user filtered out or removed is no longer ticked.
/// The header box ticks the page on screen; the banner offers every matching user (issue 32.2).
#[derive(Clone, Copy)]
pub struct Selection {
    ticked: RwSignal<BTreeSet<UserId>>,
    listed: Memo<Vec<UserId>>,
    page: Memo<Vec<UserId>>,
}

/// The users of page `page` (from 1) of `listed`, `size` a page.
pub fn page_of(
    listed: Memo<Vec<UserId>>,
    page: impl Fn() -> usize + Send + Sync + 'static,
    size: usize,
) -> Memo<Vec<UserId>> {
    Memo::new(move |_| listed.with(|r| r.iter().skip((page() - 1) * size).take(size).copied().collect()))
}

impl Selection {
    pub fn new(listed: Memo<Vec<UserId>>, page: Memo<Vec<UserId>>) -> Self {
        let ticked = RwSignal::new(BTreeSet::<UserId>::new());
        Effect::new(move |_| {
            let shown: BTreeSet<UserId> = listed.with(|r| r.iter().copied().collect());
            if ticked.with_untracked(|s| s.iter().any(|u| !shown.contains(u))) {
                ticked.update(|s| s.retain(|u| shown.contains(u)));
            }
        });
        Self { ticked, listed, page }
    }
    pub fn clear(&self) {
        self.ticked.set(BTreeSet::new());
    }
    pub fn untick(&self, user: UserId) {
        self.ticked.update(|s| {
            s.remove(&user);
        });
    }
    pub fn users(&self) -> Vec<UserId> {
        self.ticked.with(|s| s.iter().copied().collect())
    }
    /// Every user on the page on screen is ticked.
    fn page_ticked(&self) -> bool {
        self.page.with(|p| !p.is_empty() && self.ticked.with(|t| p.iter().all(|u| t.contains(u))))
    }
    fn all(&self) -> bool {
        let n = self.listed.with(Vec::len);
        n > 0 && self.ticked.with(BTreeSet::len) == n
    }
}

/// The header's box: ticks (or unticks) the users on this page, never those on other pages.
#[component]
pub fn SelectAll(selection: Selection) -> impl IntoView {
    let toggle = move |_| {
        let on = !selection.page_ticked();
        selection.page.with_untracked(|p| {
            selection.ticked.update(|t| {
                for u in p {
                    if on {
                        t.insert(*u);
                    } else {
                        t.remove(u);
                    }
                }
            })
        });
    };
    view! {
        <input type="checkbox" aria-label="Select all on this page" prop:checked=move || selection.page_ticked() on:change=toggle/>
    }
}

/// Once a whole page is ticked and more users match: "Select all 8,050 matching users", and once they are,
/// "Clear selection" (issue 32.2).
#[component]
pub fn SelectionBanner(selection: Selection) -> impl IntoView {
    let counts = move || (selection.page.with(Vec::len), selection.listed.with(Vec::len));
    view! {
        {move || {
            let (on_page, n) = counts();
            let more = n > on_page;
            if more && selection.all() {
                Some(view! {
                    <p class="banner" role="status">{format!("All {} matching users are selected. ", thousands(n))}
                        <button type="button" class="link" on:click=move |_| selection.clear()>"Clear selection"</button>
                    </p>
                }.into_any())
            } else if more && selection.page_ticked() {
                Some(view! {
                    <p class="banner" role="status">{format!("All {on_page} users on this page are selected. ")}
                        <button type="button" class="link" on:click=move |_| {
                            selection.ticked.set(selection.listed.with_untracked(|r| r.iter().copied().collect()));
                        }>{format!("Select all {} matching users", thousands(n))}</button>
                    </p>
                }.into_any())
            } else {
                None
            }
        }}
    }
}

/// "Ana Lee", "Ana Lee and Bo Wu", "Ana Lee, Bo Wu and Cy Oz"; past five of `total`, "Ana Lee, …, Ed Ng and
/// 8,975 more" (only the first names need be given).
pub fn names(first: &[String], total: usize) -> String {
    match first {
        _ if total > 5 && first.len() >= 5 => format!("{} and {} more", first[..5].join(", "), thousands(total - 5)),
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A bulk action names the list its people were chosen from (issue 32.2), given that list's filter in words.
pub fn selected_from(filter: Option<String>) -> String {
    match filter {
        Some(f) => format!("Selected from the list filtered by {f}."),
        None => "Selected from the whole list, with no filter.".to_string(),
    }
}

/// "8,050".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One row's box, named after the person.
#[component]
pub fn SelectUser(selection: Selection, user: UserId, name: String) -> impl IntoView {
    view! {
        <input type="checkbox" aria-label=format!("Select {name}")
            prop:checked=move || selection.ticked.with(|s| s.contains(&user))
            on:change=move |_| selection.ticked.update(|s| if !s.remove(&user) { s.insert(user); })/>
    }
}

/// "38 users · 2 selected", announced as it changes.
#[component]
pub fn UserCount(selection: Selection) -> impl IntoView {
    view! {
        <p class="count" aria-live="polite">
            {move || {
                let n = selection.listed.with(Vec::len);
                let chosen = selection.ticked.with(BTreeSet::len);
                let users = if n == 1 { "user" } else { "users" };
                if chosen > 0 { format!("{n} {users} · {chosen} selected") } else { format!("{n} {users}") }
            }}
        </p>
    }
}
