//! The activity log's event types and targets (rule 62): each command's entries are typed by the command and
//! point at the users, team, group, products, contract and serial numbers it concerned.

use super::command::Command;
use super::event::Event;
use super::ids::{BenefitId, ContractNo, LineId, SerialNo, UserId};
use super::model::{Account, Targets};
use std::collections::{BTreeMap, BTreeSet};

/// The event type of Autodesk's renewal notices, whose entries are withdrawn with them.
pub const NOTICE: &str = "Renewal notice sent";
/// The event type of the entry that says notices were withdrawn.
pub const WITHDRAWN: &str = "Renewal notices withdrawn";

/// The event type of a command's entries, as the log's filter lists it.
pub fn kind(command: &Command) -> &'static str {
    use Command::*;
    match command {
        AddUser { .. } => "User added",
        BulkAdd { .. } => "Users added in bulk",
        RemoveUsers { .. } => "User removed",
        ResendInvite { .. } | ResendInvites { .. } => "Invitation resent",
        MoveSubscription { .. } => "Subscription moved",
        ChooseAlerts { .. } => "Alerts chosen",
        RequestProduct { .. } => "Product requested",
        AnswerRequest { .. } => "Request answered",
        SetAutoApprove { .. } => "Automatic approval changed",
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
        LimitAdmin { .. } => "Admin limit changed",
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
        RunAssignRules | RunAssignRulesInOrder { .. } => "Auto-assign rules run",
        RefreshFromExports { .. } => "Refreshed from Autodesk exports",
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
        RemoveTeamUser { team, user }
        | SetTeamRole { team, user, .. }
        | MakePrimaryAdmin { team, user }
        | LimitAdmin { team, user, .. } => {
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
        | RunAssignRules
        | RunAssignRulesInOrder { .. }
        | ResendInvites { .. }
        | MoveSubscription { .. }
        | ChooseAlerts { .. }
        | RefreshFromExports { .. } => {}
        RequestProduct { wanted, .. } | SetAutoApprove { wanted, .. } => wanted_place(acc, &mut t, wanted),
        // An answer is about the request's place and person: the team's admins read it (a trial found it
        // shown to classic admins alone).
        AnswerRequest { request, .. } => {
            if let Some(r) = acc.requests.iter().find(|r| r.id == *request) {
                wanted_place(acc, &mut t, &r.wanted);
                t.users = vec![r.by];
            }
        }
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

/// The team and product, or the contract, serial number and product, a request or policy is about.
fn wanted_place(acc: &Account, t: &mut Targets, wanted: &super::requests::Wanted) {
    match wanted {
        super::requests::Wanted::Team { team, product } => (t.team, t.products) = (Some(*team), vec![product.clone()]),
        super::requests::Wanted::Line { contract, line } => {
            t.contract = Some(contract.clone());
            if let Some(l) = acc.contracts.get(contract).and_then(|c| c.lines.get(line)) {
                (t.products, t.serials) = (vec![l.product.clone()], vec![l.serial.clone()]);
            }
        }
    }
}

/// What Edit Access changes for one person on one contract, as the log names it (issue 26): "gave AutoCAD
/// (399-11111111) with Cloud Storage; removed Revit (399-22222222)".
#[derive(Debug, PartialEq)]
pub struct AccessNote {
    pub user: UserId,
    pub contract: ContractNo,
    pub parts: Vec<String>,
    pub targets: Targets,
}

/// Held before and staged after Edit Access, per line and per contract's benefits: what changes for each user.
pub fn access_notes(
    acc: &Account,
    users: &[UserId],
    lines: &BTreeMap<(ContractNo, LineId), BTreeMap<UserId, BTreeSet<String>>>,
    benefits: &BTreeMap<ContractNo, BTreeMap<UserId, BTreeSet<BenefitId>>>,
) -> Vec<AccessNote> {
    let with =
        |items: Vec<String>| if items.is_empty() { String::new() } else { format!(" with {}", items.join(", ")) };
    let mut notes: BTreeMap<(UserId, ContractNo), AccessNote> = BTreeMap::new();
    let mut note = |user: UserId, no: &ContractNo, part: String, serial: Option<&SerialNo>, product: Option<&str>| {
        let n = notes.entry((user, no.clone())).or_insert_with(|| AccessNote {
            user,
            contract: no.clone(),
            parts: Vec::new(),
            targets: Targets { users: vec![user], contract: Some(no.clone()), ..Default::default() },
        });
        n.parts.push(part);
        n.targets.serials.extend(serial.filter(|s| !n.targets.serials.contains(s)).cloned());
        n.targets.products.extend(product.filter(|p| !n.targets.products.iter().any(|q| q == p)).map(str::to_string));
    };
    for ((no, id), staged) in lines {
        let Some(line) = acc.contracts.get(no).and_then(|c| c.lines.get(id)) else { continue };
        for &u in users {
            let items = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<String>>();
            let part = match (line.holders.get(&u), staged.get(&u)) {
                (None, Some(now)) => format!("gave {} ({}){}", line.product, line.serial, with(items(now))),
                (Some(_), None) => format!("removed {} ({})", line.product, line.serial),
                (Some(was), Some(now)) if was != now => match items(now) {
                    now if now.is_empty() => format!("{} ({}) now without services", line.product, line.serial),
                    now => format!("{} ({}) services now {}", line.product, line.serial, now.join(", ")),
                },
                _ => continue,
            };
            note(u, no, part, Some(&line.serial), Some(&line.product));
        }
    }
    for (no, staged) in benefits {
        let Some(c) = acc.contracts.get(no) else { continue };
        let names =
            |s: &BTreeSet<BenefitId>| s.iter().filter_map(|b| c.benefits.get(b).cloned()).collect::<Vec<String>>();
        for &u in users {
            let part = match (c.benefit_holders.get(&u), staged.get(&u)) {
                (None, Some(now)) => format!("gave support benefits {}", names(now).join(", ")),
                (Some(_), None) => "removed support benefits".to_string(),
                (Some(was), Some(now)) if was != now => format!("support benefits now {}", names(now).join(", ")),
                _ => continue,
            };
            note(u, no, part, None, None);
        }
    }
    notes.into_values().collect()
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

    /// These targets with the other's users added, each once (a set: an import names 5,000).
    pub fn merge(mut self, other: Targets) -> Targets {
        let mut named: BTreeSet<UserId> = self.users.iter().copied().collect();
        self.users.extend(other.users.into_iter().filter(|u| named.insert(*u)));
        self
    }
}
