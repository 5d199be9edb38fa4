//! A modal dialog on the native <dialog> element, opened with show() and marked `aria-modal` (the WAI-ARIA
//! modal dialog pattern): a backdrop takes the clicks and keeps focus, Tab wraps inside, Escape closes it
//! through `on_close`. Not showModal(): making the rest of the page inert restyles every element of it on
//! opening and again on closing, 5–10 ms at 10,000 users in every Save that closes a dialog (issue 28).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static OPENERS: std::cell::RefCell<Vec<Option<Opener>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What can take focus in a dialog or a row: the Tab trap's list, and the controls of a row beside an opener.
const CONTROLS: &str = "button:not([disabled]), input:not([disabled]), select, textarea, a[href], [tabindex='0']";

/// What opened a dialog, and when it sits in a table row, the rows beside it: a row the dialog removed (Remove)
/// hands focus to the control of the same words in the next row, or else the row before, so the admin keeps
/// their place in the list (an admin trial: focus went to the page's top).
struct Opener {
    el: web_sys::Element,
    beside: Vec<web_sys::Element>,
}

impl Opener {
    fn new(el: web_sys::Element) -> Self {
        let row = el.closest("tr").ok().flatten();
        let beside =
            row.iter().flat_map(|r| [r.next_element_sibling(), r.previous_element_sibling()]).flatten().collect();
        Self { el, beside }
    }

    /// Where focus goes back to: the opener, the opener drawn again, its like in a row beside it.
    fn back(self) -> Option<web_sys::Element> {
        if self.el.is_connected() {
            return Some(self.el);
        }
        redrawn(&self.el).or_else(|| {
            let row = self.beside.into_iter().find(|r| r.is_connected())?;
            let controls = row.query_selector_all(CONTROLS).ok()?;
            let like = (0..controls.length())
                .filter_map(|i| controls.item(i))
                .find(|c| c.text_content() == self.el.text_content());
            like.or_else(|| controls.item(0))?.dyn_into().ok()
        })
    }
}

/// The opener drawn again in its place (a row whose content the dialog changed): the button with the same name.
fn redrawn(opener: &web_sys::Element) -> Option<web_sys::Element> {
    let name = opener.get_attribute("aria-label")?;
    let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
    document().query_selector(&format!("button[aria-label=\"{quoted}\"]")).ok()?
}

/// Tab from the last control goes to the first, Shift+Tab from the first to the last: focus stays in the dialog
/// (WAI-ARIA dialog pattern) instead of passing through the browser's own controls.
fn trap_tab(ev: &leptos::ev::KeyboardEvent, node: NodeRef<html::Dialog>) {
    if ev.key() != "Tab" {
        return;
    }
    let Some(dialog) = node.get_untracked() else { return };
    let Ok(list) = dialog.query_selector_all(CONTROLS) else { return };
    let controls: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|el| el.offset_parent().is_some() && el.tab_index() >= 0)
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else { return };
    let active = document().active_element();
    let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>());
    let on_dialog = active.as_ref().is_some_and(|a| a == dialog.unchecked_ref::<web_sys::Element>());
    let wrap_to = match (ev.shift_key(), at(first) || on_dialog, at(last)) {
        (false, _, true) => first,
        (true, true, _) => last,
        _ => return,
    };
    ev.prevent_default();
    let _ = wrap_to.focus();
}

#[component]
pub fn Dialog(
    /// The dialog's title, which is also its accessible name.
    #[prop(into)]
    title: Signal<String>,
    #[prop(into)] on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    // Focus goes back to what opened the dialog when it closes, not to the page's start (WAI-ARIA dialog). The
    // openers wait on a stack: dialogs close in the reverse order they open.
    let opener = document().active_element().filter(|el| el.tag_name() != "BODY").map(Opener::new);
    OPENERS.with(|o| o.borrow_mut().push(opener));
    on_cleanup(|| {
        let opener = OPENERS.with(|o| o.borrow_mut().pop()).flatten();
        // Once the dialog has left the page. An opener that is gone with nothing beside it (a menu item) leaves
        // focus at the start of the page's content instead.
        request_animation_frame(move || {
            let el = opener.and_then(Opener::back).or_else(|| document().get_element_by_id("main"));
            if let Some(el) = el.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    });
    Effect::new(move |_| {
        if let Some(d) = node.get() {
            if !d.open() {
                d.show();
                focus_in_view(&d);
            }
        }
    });
    // Escape anywhere closes the topmost dialog, unless a control inside used it (a menu) or clears it (a
    // search box with text: the browser empties it, and a second Escape closes the dialog).
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        let Some(d) = node.try_get_untracked().flatten() else { return };
        let clears = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| i.type_() == "search" && !i.value().is_empty());
        if ev.key() == "Escape" && !ev.default_prevented() && !clears && topmost(&d) {
            ev.prevent_default();
            on_close.run(());
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        // The page behind can't be clicked, and a click beside the dialog leaves focus where it was.
        <div class="backdrop" on:mousedown=|ev| ev.prevent_default()></div>
        // No `cancel` to answer: a dialog opened with show() gets none on Escape (the listener above closes it).
        <dialog node_ref=node class="modal" aria-modal="true" aria-labelledby="dialog-title" tabindex="-1"
            on:keydown=move |ev| trap_tab(&ev, node)>
            <h2 id="dialog-title">{title}</h2>
            {children()}
        </dialog>
    }
}

/// show() starts on the first control or the one marked autofocus (Cancel in a confirmation). A dialog of text
/// alone, or one whose focused control is below what shows of it (Cancel under a long preview: a trial found
/// it out of sight, the preview drawn above it), starts on itself at its top, so Tab and Escape reach it.
pub fn focus_in_view(dialog: &web_sys::HtmlElement) {
    let active = document().active_element().filter(|a| dialog.contains(Some(a.unchecked_ref())));
    // show() starts on the first tab even when another is selected (Change role with no one selected opens
    // on CSV upload): the selected tab, as Tab would reach it.
    if active.as_ref().is_some_and(|a| a.get_attribute("aria-selected").as_deref() == Some("false")) {
        if let Some(tab) = dialog.query_selector("[role=tab][aria-selected=true]").ok().flatten() {
            let _ = tab.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    }
    let active = document().active_element().filter(|a| dialog.contains(Some(a.unchecked_ref())));
    let below =
        |a: &web_sys::Element| a.get_bounding_client_rect().bottom() > dialog.get_bounding_client_rect().bottom();
    if active.is_none_or(|a| below(&a)) {
        let _ = dialog.focus();
    }
}

/// Whether `dialog` is the last one open (a dialog opened from another comes after it in the page).
fn topmost(dialog: &web_sys::HtmlDialogElement) -> bool {
    let open = document().query_selector_all("dialog[open]").ok();
    let last = open.and_then(|list| list.item(list.length().checked_sub(1)?));
    last.is_some_and(|last| &last == dialog.unchecked_ref::<web_sys::Node>())
}

/// A dialog form's buttons: submit with `label`, and Cancel.
#[component]
pub fn FormButtons(label: &'static str, #[prop(into)] on_cancel: Callback<()>) -> impl IntoView {
    view! {
        <div class="buttons">
            <button type="submit" class="primary">{label}</button>
            <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
        </div>
    }
}

/// A confirmation's buttons: Cancel first, where focus starts (never on the action), then the action.
#[component]
pub fn ConfirmButtons(
    label: &'static str,
    /// The action destroys something (shown in red).
    #[prop(optional)]
    danger: bool,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    // Also when the confirmation replaces a form inside an open dialog, where `autofocus` does nothing.
    let cancel = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = cancel.get() {
            let _ = b.focus();
        }
    });
    view! {
        <div class="buttons">
            <button type="button" node_ref=cancel autofocus on:click=move |_| on_cancel.run(())>"Cancel"</button>
            <button type="button" class=if danger { "primary danger" } else { "primary" } on:click=move |_| on_confirm.run(())>{label}</button>
        </div>
    }
}

/// The outcome of a command on several entries, one line each (added ones plain, skipped ones marked), and Done.
#[component]
pub fn ResultList(
    /// The list's accessible name.
    label: &'static str,
    lines: Vec<(bool, String)>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    // The form and its button are gone: focus goes to the results, read out by their name (a trial found it
    // falling to the page after Bulk Add's Save).
    let list = NodeRef::<leptos::html::Ul>::new();
    request_animation_frame(move || {
        if let Some(l) = list.get_untracked() {
            let _ = l.focus();
        }
    });
    view! {
        <ul class="results" aria-label=label tabindex="-1" node_ref=list>
            {lines.into_iter().map(|(ok, line)| view! { <li class=if ok { "ok" } else { "skipped" }>{line}</li> }).collect_view()}
        </ul>
        <div class="buttons">
            <button type="button" class="primary" on:click=move |_| on_done.run(())>"Done"</button>
        </div>
    }
}
