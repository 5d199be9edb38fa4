//! The activity log's event types and targets (rule 62): each command's entries are typed by the command and
//! point at the users, team, group, products, contract and serial numbers it concerned.

use super::command::{Command, Event};
use super::model::{Account, Targets};
use std::collections::BTreeSet;

/// The event type of Autodesk's renewal notices, whose entries are withdrawn with them.
pub const NOTICE: &str = "Renewal notice sent";

/// The event type of a command's entries, as the log's filter lists it.
pub fn kind(command: &Command) -> &'static str {
    use Command::*;
    match command {
        AddUser { .. } => "User added",
        BulkAdd { .. } => "Users added in bulk",
        RemoveUsers { .. } => "User removed",
        ResendInvite { .. } => "Invitation resent",
        AcceptInvite { .. } => "Invitation accepted",
        EditAccess { .. } | AssignAll { .. } => "Access changed",
        AssignCoordinator { .. } => "Software coordinator assigned",
        ChangeContractManager { .. } => "Contract manager changed",
        SetAutoRenew { .. } => "Auto-renew changed",
        CreateHub { .. } => "Team hub created",
        AssignContractToHub { .. } => "Contract assigned to a hub",
        MarkEmailRead { .. } => "Email opened",
        SendDueNotices => NOTICE,
        PublishRelease { .. } => "Release published",
        AddProductLine { .. } => "Product added to a contract",
        InviteTeamUser { .. } | InviteTeamUsers { .. } | ImportTeamUsers { .. } => "User invited",
        RenameTeam { .. } => "Team renamed",
        RemoveTeamUser { .. } => "User removed from a team",
        ImportTeamRoles { .. } | SetTeamRole { .. } | SetTeamRoles { .. } => "Role changed",
        MakePrimaryAdmin { .. } => "Primary admin changed",
        AssignProduct { .. } | AssignUsers { .. } => "Product assigned",
        UnassignProduct { .. } => "Product unassigned",
        CustomizeProduct { .. } => "Product items changed",
        CreateGroup { .. } => "Group created",
        RenameGroup { .. } | AddGroupMembers { .. } | RemoveGroupMember { .. } => "Group changed",
        DeleteGroup { .. } => "Group deleted",
        AssignGroupProduct { .. } => "Product assigned to a group",
        UnassignGroupProduct { .. } => "Product unassigned from a group",
        SaveMigrationPlan { .. } => "Migration planned",
        RunMigration { .. } => "Users migrated",
        ReclaimSeats { .. } => "Seats freed",
        AddAssignRule { .. } | DeleteAssignRule { .. } => "Auto-assign rule changed",
        RunAssignRules => "Auto-assign rules run",
    }
}

/// What a command names, read before it runs (a removed user's id, a line's product and serial number).
pub fn targets(acc: &Account, command: &Command) -> Targets {
    use Command::*;
    let mut t = Targets::default();
    let line_of = |contract: &super::ids::ContractNo, line: &super::ids::LineId| {
        acc.contracts.get(contract).and_then(|c| c.lines.get(line)).map(|l| (l.product.clone(), l.serial.clone()))
    };
    match command {
        RemoveUsers { users } | EditAccess { users, .. } | AssignAll { users, .. } => t.users = users.clone(),
        ResendInvite { user } | AcceptInvite { user } => t.users = vec![*user],
        AssignCoordinator { user, contract, serials } => {
            (t.users, t.contract, t.serials) = (vec![*user], Some(contract.clone()), serials.clone());
        }
        ChangeContractManager { user, contract } => (t.users, t.contract) = (vec![*user], Some(contract.clone())),
        SetAutoRenew { contract, .. } | AssignContractToHub { contract, .. } => t.contract = Some(contract.clone()),
        PublishRelease { contract, line, .. } => {
            t.contract = Some(contract.clone());
            if let Some((product, serial)) = line_of(contract, line) {
                (t.products, t.serials) = (vec![product], vec![serial]);
            }
        }
        AddProductLine { contract, serial, product, .. } => {
            (t.contract, t.serials, t.products) = (Some(contract.clone()), vec![serial.clone()], vec![product.clone()]);
        }
        InviteTeamUser { team, .. }
        | InviteTeamUsers { team, .. }
        | ImportTeamUsers { team, .. }
        | RenameTeam { team, .. }
        | ImportTeamRoles { team, .. }
        | CreateGroup { team, .. }
        | SaveMigrationPlan { team, .. } => t.team = Some(*team),
        RemoveTeamUser { team, user } | SetTeamRole { team, user, .. } | MakePrimaryAdmin { team, user } => {
            (t.team, t.users) = (Some(*team), vec![*user]);
        }
        SetTeamRoles { team, users, .. } => (t.team, t.users) = (Some(*team), users.clone()),
        AssignProduct { team, user, product, .. }
        | UnassignProduct { team, user, product }
        | CustomizeProduct { team, user, product, .. } => {
            (t.team, t.users, t.products) = (Some(*team), vec![*user], vec![product.clone()]);
        }
        AssignUsers { team, users, product, .. } => {
            (t.team, t.users, t.products) = (Some(*team), users.clone(), vec![product.clone()]);
        }
        RenameGroup { team, group, .. } | DeleteGroup { team, group } => {
            (t.team, t.group) = (Some(*team), Some(*group))
        }
        AddGroupMembers { team, group, users } => {
            (t.team, t.group, t.users) = (Some(*team), Some(*group), users.clone())
        }
        RemoveGroupMember { team, group, user } => {
            (t.team, t.group, t.users) = (Some(*team), Some(*group), vec![*user])
        }
        AssignGroupProduct { team, group, product } | UnassignGroupProduct { team, group, product } => {
            (t.team, t.group, t.products) = (Some(*team), Some(*group), vec![product.clone()]);
        }
        RunMigration { team, people } => {
            t.team = Some(*team);
            t.users = people.iter().map(|p| p.user).collect();
        }
        // Each reclaimed seat's entry names its own person, product and place (`usage::reclaim`).
        AddUser { .. }
        | BulkAdd { .. }
        | CreateHub { .. }
        | MarkEmailRead { .. }
        | SendDueNotices
        | ReclaimSeats { .. }
        | AddAssignRule { .. }
        | DeleteAssignRule { .. }
        | RunAssignRules => {}
    }
    if let EditAccess { lines, .. } = command {
        let mut contracts = BTreeSet::new();
        for l in lines {
            contracts.insert(l.contract.clone());
            if let Some((product, serial)) = line_of(&l.contract, &l.line) {
                t.products.push(product);
                t.serials.push(serial);
            }
        }
        // One contract names it; Edit Access over several is found by its users and products.
        if contracts.len() == 1 {
            t.contract = contracts.pop_first();
        }
    }
    t
}

/// The people a command added or invited, known only once it ran (Add, Bulk Add, invitations, imports).
pub fn from_events(events: &[Event]) -> Targets {
    let users = events
        .iter()
        .filter_map(|e| match e {
            Event::UserAdded { user } | Event::TeamUserInvited { user, .. } => Some(*user),
            _ => None,
        })
        .collect();
    Targets { users, ..Default::default() }
}

impl Targets {
    /// What an entry left unnamed, from what its command names: the people only when the entry named none.
    pub fn fill_from(&mut self, command: &Targets) {
        if self.users.is_empty() {
            self.users = command.users.clone();
        }
        if self.products.is_empty() {
            self.products = command.products.clone();
        }
        if self.serials.is_empty() {
            self.serials = command.serials.clone();
        }
        self.team = self.team.or(command.team);
        self.group = self.group.or(command.group);
        if self.contract.is_none() {
            self.contract = command.contract.clone();
        }
    }

    /// These targets with the other's users added.
    pub fn merge(mut self, other: Targets) -> Targets {
        for u in other.users {
            if !self.users.contains(&u) {
                self.users.push(u);
            }
        }
        self
    }
}
