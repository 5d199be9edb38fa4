//! Labelled form fields shared by every page: a select bound to a URL filter, and a person picker.

use crate::domain::UserId;
use crate::ui::query::UrlQuery;
use leptos::prelude::*;
use std::collections::BTreeSet;

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

/// How many people a picker draws at once; a search narrows the rest.
const PICKER_SHOWN: usize = 100;

/// A searchable list of people to tick (Assign users, Add users to a group): name and email.
#[component]
pub fn PeoplePicker(
    id: &'static str,
    label: &'static str,
    people: Vec<(UserId, String, String)>,
    chosen: RwSignal<BTreeSet<UserId>>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let total = people.len();
    let people = StoredValue::new(people);
    let shown = Memo::new(move |_| {
        let text = search.get().trim().to_lowercase();
        people.with_value(|p| {
            let matching: Vec<_> = p
                .iter()
                .filter(|(_, n, e)| text.is_empty() || n.to_lowercase().contains(&text) || e.contains(&text))
                .cloned()
                .collect();
            (matching.len(), matching.into_iter().take(PICKER_SHOWN).collect::<Vec<_>>())
        })
    });
    let search_id = format!("{id}-search");
    view! {
        <fieldset class="picker">
            <legend>{label}</legend>
            <div class="field">
                <label for=search_id.clone()>"Search by name or email"</label>
                <input id=search_id type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
            </div>
            <ul class="pick">
                <For each=move || shown.get().1 key=|p| p.0 let:person>
                    {
                        let (uid, name, email) = person;
                        view! {
                            <li><label class="check">
                                <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&uid))
                                    on:change=move |_| chosen.update(|c| if !c.remove(&uid) { c.insert(uid); })/>
                                {name}<span class="meta">{email}</span>
                            </label></li>
                        }
                    }
                </For>
            </ul>
            <p class="hint" aria-live="polite">{move || {
                let (matching, _) = shown.get();
                let picked = chosen.with(|c| c.len());
                match (total, matching > PICKER_SHOWN) {
                    (0, _) => "There is nobody to choose.".to_string(),
                    (_, true) => format!("{picked} selected · showing {PICKER_SHOWN} of {matching}; search to find others."),
                    _ => format!("{picked} selected"),
                }
            }}</p>
        </fieldset>
    }
}
