//! Actions on the whole account rather than on one part of it — Export data, Import data, Reset demo
//! account — follow the permission matrix like commands do (issue 16.4).

use super::apply::require;
use super::command::Actor;
use super::error::DomainError;
use super::model::Account;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountAction {
    ExportData,
    ImportData,
    ResetDemo,
}

impl AccountAction {
    fn words(self) -> &'static str {
        match self {
            AccountAction::ExportData => "export the whole account",
            AccountAction::ImportData => "replace the account with imported data",
            AccountAction::ResetDemo => "reset the demo account",
        }
    }
}

/// Only a contract manager sees contracts and billing (matrix), so only a contract manager may take out, or
/// replace, the account as a whole.
pub fn may(acc: &Account, actor: Actor, action: AccountAction) -> Result<(), DomainError> {
    require(acc, actor, |acc, u| acc.is_contract_manager(u), action.words(), "a contract manager")
}
