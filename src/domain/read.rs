//! Read models: what the screens show, derived from the account and never changing it. Each is pure and
//! tested natively; the commands live beside this module, not in it.

pub mod access;
pub mod consequences;
pub mod contracts;
pub mod export;
pub mod home;
pub mod invitations;
pub mod my_products;
pub mod reporting;
pub mod requests;
pub mod search;
pub mod seat_queue;
pub mod seats;
pub mod team;
pub mod team_import;
pub mod team_migration;
pub mod usage;
pub mod user_list;
pub mod whatif;

use super::{apply, Account, Actor, Command, DomainError, Event};

/// What a command would do, without doing it: the events of applying it to a copy of the account. A preview
/// built on this can't disagree with what the command does.
pub fn preview(
    acc: &Account,
    actor: Actor,
    command: Command,
    today: chrono::NaiveDate,
) -> Result<(Account, Vec<Event>), DomainError> {
    preview_on(acc.clone(), actor, command, today)
}

/// `preview` on a copy of the account made earlier (a dialog makes it in a task of its own: issue 28).
pub fn preview_on(
    mut copy: Account,
    actor: Actor,
    command: Command,
    today: chrono::NaiveDate,
) -> Result<(Account, Vec<Event>), DomainError> {
    let events = apply(&mut copy, actor, command, today)?;
    Ok((copy, events))
}

/// The read models' tests share the demo account on a fixed day and people by name.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::domain::{Account, UserId};
    use chrono::NaiveDate;

    pub fn demo() -> (Account, NaiveDate) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        (crate::storage::seed::demo_account(today), today)
    }

    pub fn id(acc: &Account, name: &str) -> UserId {
        *acc.users.iter().find(|(_, u)| u.full_name() == name).unwrap_or_else(|| panic!("no {name}")).0
    }
}
