//! Labelled form fields shared by every page: a select bound to a URL filter, and a person picker.

use crate::domain::UserId;
use crate::ui::query::UrlQuery;
use leptos::prelude::*;

/// One labelled select of a filter bar, kept in the URL under `key`; the empty choice means "all".
#[component]
pub fn QuerySelect(
    label: &'static str,
    key: &'static str,
    all: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    query: UrlQuery,
) -> impl IntoView {
    let id = format!("filter-{key}");
    // A value from a typed or old link shows as the option it names, whatever its case; one that names no
    // option shows as "all", which is what the list then does.
    // Each computed once per change, not once per option drawn.
    let options = Memo::new(move |_| options.get());
    let chosen = Memo::new(move |_| {
        let value = query.value(key);
        options.with(|o| o.iter().find(|(v, _)| v.eq_ignore_ascii_case(&value)).map(|(v, _)| v.clone()))
    });
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id prop:value=move || chosen.get().unwrap_or_default() on:change=move |ev| query.set(key, event_target_value(&ev))>
                <option value="">{all}</option>
                {move || options.get().into_iter().map(|(value, text)| {
                    let selected = chosen.with(|c| c.as_ref() == Some(&value));
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A labelled select of people; its value is the chosen person's id.
#[component]
pub fn PersonPicker(
    id: &'static str,
    label: &'static str,
    people: Vec<(UserId, String)>,
    person: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| person.set(event_target_value(&ev))>
                <option value="">"Choose a user"</option>
                {people.into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
            </select>
        </div>
    }
}
