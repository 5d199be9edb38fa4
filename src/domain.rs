//! The pure domain core: every rule of an Autodesk account, with no browser, no signals.
//! The UI renders an `Account` and changes it only through `apply`.

pub mod account_actions;
pub mod activity;
pub mod alerts;
mod apply;
pub mod auto_assign;
pub mod classic;
mod command;
mod contracts;
mod error;
mod event;
pub mod from_exports;
mod grouped;
mod ids;
pub mod input;
pub mod invariants;
mod invitations;
pub mod lifecycle;
mod model;
pub mod names;
mod queries;
pub mod read;
pub mod requests;
pub mod team;
mod team_migration;
pub mod usage;
pub mod visibility;

pub use apply::{apply, apply_at, apply_logged};
pub use command::*;
pub use contracts::{plan_assign_to_hub, HubPlan};
pub use error::DomainError;
pub use event::Event;
pub use ids::*;
pub use model::*;
pub use queries::{ClassicRole, ClassicRoles};
