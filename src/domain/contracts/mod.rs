//! Contract roles, Team hubs, renewal notices and Autodesk's own changes (W5, W7–W9; rules 1–4, 8, 29, 34–36,
//! 46–57), one file per part: `roles`, `hubs`, `autodesk`; here what they share and auto-renew.

use super::apply::{require, Tx};
use super::command::{Actor, HubChoice};
use super::error::DomainError;
use super::event::Event;
use super::ids::*;
use super::lifecycle;
use super::model::*;
use std::collections::BTreeSet;

mod autodesk;
mod hubs;
mod roles;

pub use autodesk::*;
pub use hubs::*;
pub use roles::*;

fn require_manager(tx: &Tx, contract: &ContractNo, action: &'static str) -> Result<(), DomainError> {
    let no = contract.clone();
    tx.require(
        move |acc, u| acc.contracts.get(&no).is_some_and(|c| c.contract_manager == u),
        action,
        "the contract's contract manager",
    )
}

/// A named user who has accepted the invitation, as every role holder must be.
pub(super) fn active_named_user(acc: &Account, id: UserId) -> Result<String, DomainError> {
    let user = acc.user(id)?;
    match &user.classic {
        None => Err(DomainError::NotNamedUser { user: user.full_name() }),
        Some(m) if m.status == UserStatus::Pending => Err(DomainError::NotYetAccepted { user: user.full_name() }),
        Some(_) => Ok(user.full_name()),
    }
}

/// Only store purchases renew online; reseller contracts renew through the reseller (rule 50),
/// and multi-user plans don't auto-renew (rule 49).
pub fn set_auto_renew(tx: &mut Tx, no: &ContractNo, on: bool) -> Result<(), DomainError> {
    let contract = tx.acc.contract(no)?;
    require_manager(tx, no, "change renewal settings")?;
    if contract.channel != Channel::OnlineStore || (on && contract.access == Access::MultiUser) {
        return Err(DomainError::AutoRenewNotOnline { contract: no.to_string() });
    }
    tx.acc.contracts.get_mut(no).expect("checked").auto_renew = on;
    tx.log(format!("Turned auto-renew {} for {no}", if on { "on" } else { "off" }));
    tx.events.push(Event::AutoRenewSet { contract: no.clone(), on });
    Ok(())
}
