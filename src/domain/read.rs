//! Read models: what the screens show, derived from the account and never changing it. Each is pure and
//! tested natively; the commands live beside this module, not in it.

pub mod access;
pub mod contracts;
pub mod export;
pub mod migration;
pub mod my_products;
pub mod reporting;
pub mod search;
pub mod team;
pub mod team_import;
pub mod user_list;

use super::{apply, Account, Actor, Command, DomainError, Event};

/// What a command would do, without doing it: the events of applying it to a copy of the account. A preview
/// built on this can't disagree with what the command does.
pub fn preview(
    acc: &Account,
    actor: Actor,
    command: Command,
    today: chrono::NaiveDate,
) -> Result<(Account, Vec<Event>), DomainError> {
    let mut copy = acc.clone();
    let events = apply(&mut copy, actor, command, today)?;
    Ok((copy, events))
}
