//! Labelled form fields shared by every page: a select bound to a URL filter, and a person picker.

use crate::domain::input::{check_name, normalise_email};
use crate::domain::{DomainError, UserId};
use crate::ui::components::list::thousands;
use crate::ui::query::UrlQuery;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// A labelled text input with its error beside it (`aria-invalid`, `aria-describedby`).
#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.with(Option::is_some).to_string() aria-describedby=error_id.clone()/>
            <p class="field-error" id=error_id>{move || error.get()}</p>
        </div>
    }
}

/// A labelled text area with a hint above it and its error below (bulk add, invite multiple).
#[component]
pub fn TextAreaField(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <textarea id=id rows="7" aria-describedby=format!("{hint_id} {error_id}")
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            <p class="field-error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// Email, first and last name of a person to add or invite, each checked where it is typed (rule 16).
#[derive(Clone, Copy)]
pub struct PersonFields {
    pub email: RwSignal<String>,
    pub first: RwSignal<String>,
    pub last: RwSignal<String>,
    /// The email's error, also where a refusal of the whole command is shown.
    pub email_error: RwSignal<Option<String>>,
    first_error: RwSignal<Option<String>>,
    last_error: RwSignal<Option<String>>,
}

impl PersonFields {
    pub fn new() -> Self {
        let text = || RwSignal::new(String::new());
        let error = || RwSignal::new(None);
        Self {
            email: text(),
            first: text(),
            last: text(),
            email_error: error(),
            first_error: error(),
            last_error: error(),
        }
    }

    /// Shows each field's own error; true when all three are good.
    pub fn check(&self) -> bool {
        let show = |sig: RwSignal<Option<String>>, r: Result<String, DomainError>| {
            sig.set(r.err().map(|e| e.to_string()));
            sig.with_untracked(Option::is_none)
        };
        let email = show(self.email_error, normalise_email(&self.email.get_untracked()));
        let first = show(self.first_error, check_name("first name", &self.first.get_untracked()));
        let last = show(self.last_error, check_name("last name", &self.last.get_untracked()));
        email && first && last
    }
}

#[component]
pub fn PersonInputs(fields: PersonFields, ids: [&'static str; 3]) -> impl IntoView {
    view! {
        <TextField id=ids[0] label="Email" kind="email" value=fields.email error=fields.email_error/>
        <TextField id=ids[1] label="First name" value=fields.first error=fields.first_error/>
        <TextField id=ids[2] label="Last name" value=fields.last error=fields.last_error/>
    }
}

/// The search box of a filter bar, kept in the URL as `q`.
#[component]
pub fn QuerySearch(query: UrlQuery, placeholder: &'static str) -> impl IntoView {
    view! {
        <div class="field grow">
            <label for="filter-q">"Search"</label>
            <input id="filter-q" type="search" placeholder=placeholder prop:value=move || query.value("q")
                on:input=move |ev| query.set("q", event_target_value(&ev))/>
        </div>
    }
}

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

/// A labelled select of people; its value is the chosen person's id. Past `PICKER_SHOWN` people a search field
/// narrows it, and it draws the first matches and the one chosen: a select of 8,000 people took 0.2 s to draw,
/// and the contract page has two (issue 32.5).
#[component]
pub fn PersonPicker(
    id: &'static str,
    label: &'static str,
    people: Vec<(UserId, String)>,
    person: RwSignal<String>,
) -> impl IntoView {
    let total = people.len();
    let search = RwSignal::new(String::new());
    let people = StoredValue::new(people);
    let shown = Memo::new(move |_| {
        let text = search.get().trim().to_lowercase();
        let chosen = person.with(|p| p.parse().ok().map(UserId));
        people.with_value(|p| {
            // One pass: how many match, and the first of them (and the one chosen) to draw.
            let (mut count, mut list) = (0, Vec::new());
            for (u, n) in p {
                let matching = text.is_empty() || n.to_lowercase().contains(&text);
                count += usize::from(matching);
                if Some(*u) == chosen || (matching && list.len() < PICKER_SHOWN) {
                    list.push((*u, n.clone()));
                }
            }
            (count, list)
        })
    });
    let find = format!("{id}-find");
    let narrow = (total > PICKER_SHOWN).then(|| {
        let hint = format!("{id}-hint");
        view! {
            <label for=find.clone()>"Find by name"</label>
            <input id=find type="search" aria-describedby=hint.clone() prop:value=move || search.get()
                on:input=move |ev| search.set(event_target_value(&ev))/>
            <p class="hint" id=hint>{move || {
                let n = shown.with(|s| s.0);
                match n {
                    0 => "No one matches.".to_string(),
                    n if n <= PICKER_SHOWN => format!("{} {} listed.", thousands(n), if n == 1 { "person" } else { "people" }),
                    n => format!("The first {PICKER_SHOWN} of {} listed: type a name to narrow.", thousands(n)),
                }
            }}</p>
        }
    });
    view! {
        <div class="field">
            {narrow}
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| person.set(event_target_value(&ev))>
                <option value="">"Choose a user"</option>
                {move || shown.get().1.into_iter().map(|(u, n)| {
                    let value = u.to_string();
                    let selected = value == person.get_untracked();
                    view! { <option value=value selected=selected>{n}</option> }
                }).collect_view()}
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
