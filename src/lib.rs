//! An offline-capable admin console for Autodesk contracts, modelled on manage.autodesk.com.
//! `domain` holds every rule, `storage` the stored form, `ui` the Leptos screens (browser only).

pub mod domain;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
