//! Read models: what the screens show, derived from the account and never changing it. Each is pure and
//! tested natively; the commands live beside this module, not in it.

pub mod access;
pub mod contracts;
pub mod export;
pub mod my_products;
pub mod team;
pub mod team_import;
pub mod user_list;
