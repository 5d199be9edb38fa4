//! Filters kept in the URL, so a filtered list can be bookmarked, shared and reloaded: one helper for every
//! list, over a typed filter read from the query (`?status=Expiring&page=2`).

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

/// A filter that can be read from the query string.
pub trait FromQuery: Clone + PartialEq + Send + Sync + 'static {
    fn from_query(q: &ParamsMap) -> Self;
}

#[derive(Clone, Copy)]
pub struct UrlQuery {
    params: Memo<ParamsMap>,
    path: Memo<String>,
    go: Callback<String>,
}

pub fn use_url_query() -> UrlQuery {
    let params = use_query_map();
    let location = use_location();
    let path = Memo::new(move |_| location.pathname.get());
    let navigate = use_navigate();
    let go = Callback::new(move |url: String| {
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    });
    UrlQuery { params, path, go }
}

impl UrlQuery {
    /// The typed filter, recomputed only when the query changes.
    pub fn filter<F: FromQuery>(&self) -> Memo<F> {
        let params = self.params;
        Memo::new(move |_| params.with(F::from_query))
    }

    /// The page asked for, from 1.
    pub fn page(&self) -> usize {
        self.params.with(|q| q.get_str("page").and_then(|p| p.parse().ok()).unwrap_or(1))
    }

    pub fn value(&self, key: &str) -> String {
        self.params.with(|q| q.get(key).unwrap_or_default())
    }

    fn navigate(&self, change: impl FnOnce(&mut Vec<(String, String)>)) {
        let mut pairs: Vec<(String, String)> =
            self.params.with_untracked(|q| q.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        change(&mut pairs);
        let map: ParamsMap = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        self.go.run(format!("{}{}", self.path.get_untracked(), map.to_query_string()));
    }

    /// Sets one filter (empty clears it) and goes back to the first page.
    pub fn set(&self, key: &'static str, value: String) {
        self.navigate(|pairs| {
            pairs.retain(|(k, _)| k != key && k != "page");
            pairs.push((key.to_string(), value));
        });
    }

    /// Sets one value and drops every other filter: a team switch starts from the whole list.
    pub fn set_only(&self, key: &'static str, value: String) {
        self.navigate(|pairs| {
            pairs.clear();
            pairs.push((key.to_string(), value));
        });
    }

    pub fn set_page(&self, page: usize) {
        self.navigate(|pairs| {
            pairs.retain(|(k, _)| k != "page");
            if page > 1 {
                pairs.push(("page".into(), page.to_string()));
            }
        });
    }
}
