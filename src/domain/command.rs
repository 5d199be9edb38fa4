//! Every change to an account is one of these commands; `apply` is the only function that performs them.

use super::event::Event;
use super::ids::*;
use super::model::{AdminLimit, PlannedPerson, SeatSource, TeamRole};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Who is acting: a person of the account, or Autodesk itself (renewal notices, new releases).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    User(UserId),
    Autodesk,
}

/// The access one user should have on one product line after Edit Access:
/// `None` frees the seat; `Some(services)` holds a seat with those cloud services.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineAccess {
    pub contract: ContractNo,
    pub line: LineId,
    pub services: Option<BTreeSet<String>>,
    /// The admin confirms a second seat for a product the user already has through a collection, or
    /// the other way round.
    #[serde(default)]
    pub second_seat: bool,
}

/// The support benefits users should hold on one contract after Edit Access (rule 14).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenefitAccess {
    pub contract: ContractNo,
    pub benefits: BTreeSet<BenefitId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    // Classic User Management (W1–W4)
    AddUser {
        email: String,
        first_name: String,
        last_name: String,
    },
    BulkAdd {
        text: String,
    },
    /// One or several users, all or none (W4).
    RemoveUsers {
        users: Vec<UserId>,
    },
    ResendInvite {
        user: UserId,
    },
    AcceptInvite {
        user: UserId,
    },
    EditAccess {
        users: Vec<UserId>,
        lines: Vec<LineAccess>,
        benefits: Vec<BenefitAccess>,
    },
    AssignAll {
        users: Vec<UserId>,
        contract: ContractNo,
    },
    // Contracts and roles (W5, W7, W8)
    AssignCoordinator {
        contract: ContractNo,
        serials: Vec<SerialNo>,
        user: UserId,
    },
    ChangeContractManager {
        contract: ContractNo,
        user: UserId,
    },
    SetAutoRenew {
        contract: ContractNo,
        on: bool,
    },
    CreateHub {
        name: String,
        url: String,
        kind: String,
        /// The team it is for: a team's admins create Fusion Team hubs for their team (rule 57).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team: Option<TeamId>,
    },
    /// `confirmed`: the admin saw what the assignment does (a hub created, another hub left) and agreed.
    AssignContractToHub {
        contract: ContractNo,
        hub: HubChoice,
        #[serde(default)]
        confirmed: bool,
    },
    /// The Outbox: an email was opened (its `Email::id`).
    MarkEmailRead {
        email: u32,
    },
    // Autodesk's own events
    SendDueNotices,
    PublishRelease {
        contract: ContractNo,
        line: LineId,
        release: String,
    },
    AddProductLine {
        contract: ContractNo,
        serial: SerialNo,
        product: String,
        release: String,
        seats: u32,
        services: Vec<String>,
    },
    // New view (W2', W3', W4, W6)
    InviteTeamUser {
        team: TeamId,
        email: String,
        first_name: String,
        last_name: String,
        /// Existing groups of the team the people join as they are invited (W2' step 3, issue 27.6).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        groups: Vec<GroupId>,
    },
    /// "Invite multiple": people separated by `;`, as in Bulk Add.
    InviteTeamUsers {
        team: TeamId,
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        groups: Vec<GroupId>,
    },
    ImportTeamUsers {
        team: TeamId,
        csv: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        groups: Vec<GroupId>,
    },
    RenameTeam {
        team: TeamId,
        name: String,
    },
    /// Roles in bulk by CSV (Email, Role); the primary admin can't be changed this way (rule 31).
    ImportTeamRoles {
        team: TeamId,
        csv: String,
    },
    RemoveTeamUser {
        team: TeamId,
        user: UserId,
    },
    SetTeamRole {
        team: TeamId,
        user: UserId,
        role: TeamRole,
    },
    /// Change role on several selected members; the ones that can't be changed are reported (rule 31).
    SetTeamRoles {
        team: TeamId,
        users: Vec<UserId>,
        role: TeamRole,
    },
    MakePrimaryAdmin {
        team: TeamId,
        user: UserId,
    },
    AssignProduct {
        team: TeamId,
        user: UserId,
        product: String,
        source: SeatSource,
        /// The included services customised; `None` assigns them all.
        #[serde(default)]
        items: Option<BTreeSet<String>>,
    },
    /// By Product → Assign users: all of them or none.
    AssignUsers {
        team: TeamId,
        users: Vec<UserId>,
        product: String,
        source: SeatSource,
        #[serde(default)]
        items: Option<BTreeSet<String>>,
    },
    /// Changes the items of a product the user holds directly.
    CustomizeProduct {
        team: TeamId,
        user: UserId,
        product: String,
        items: Option<BTreeSet<String>>,
    },
    UnassignProduct {
        team: TeamId,
        user: UserId,
        product: String,
    },
    CreateGroup {
        team: TeamId,
        name: String,
    },
    RenameGroup {
        team: TeamId,
        group: GroupId,
        name: String,
    },
    DeleteGroup {
        team: TeamId,
        group: GroupId,
    },
    AddGroupMembers {
        team: TeamId,
        group: GroupId,
        users: Vec<UserId>,
    },
    RemoveGroupMember {
        team: TeamId,
        group: GroupId,
        user: UserId,
    },
    AssignGroupProduct {
        team: TeamId,
        group: GroupId,
        product: String,
    },
    UnassignGroupProduct {
        team: TeamId,
        group: GroupId,
        product: String,
    },
    // Migration from classic (issue 18)
    /// Keeps the plan for a team (an empty list clears it).
    SaveMigrationPlan {
        team: TeamId,
        people: Vec<PlannedPerson>,
    },
    /// Moves these people into the team as planned: each step as the ordinary command would; a step that is
    /// refused is reported and not applied. They leave the saved plan.
    RunMigration {
        team: TeamId,
        people: Vec<PlannedPerson>,
    },
    /// Auto-assign rules (issue 12): added at the end of the list, removed by position, run once over everyone.
    AddAssignRule {
        domain: String,
        grant: super::auto_assign::RuleGrant,
    },
    DeleteAssignRule {
        index: usize,
    },
    /// As stored before issue 27.5: the rules run in the users lists' order (`RunAssignRulesInOrder` with none
    /// put first).
    RunAssignRules,
    /// Free the chosen seats, all or none: Reporting → Idle seats (issue 11), a renewal with fewer seats (issue 12).
    ReclaimSeats {
        seats: Vec<SeatRef>,
    },
    /// Newer Autodesk exports applied as what changed since (issue 31), all or none: a contract manager's.
    RefreshFromExports {
        changes: Vec<super::from_exports::Refresh>,
    },
    /// Pending invitations → Resend (issue 30): classic ones and teams' at once; one that can't be sent again
    /// is reported and the others sent.
    ResendInvites {
        invitations: Vec<Invitation>,
    },
    /// Subscriptions → Move to another team (rule 44): the subscription's owner, none of its seats assigned.
    MoveSubscription {
        from: TeamId,
        subscription: SubscriptionId,
        to: TeamId,
    },
    /// "Run the rules now" with the order the admin chose for seats that run short (issue 27.5).
    RunAssignRulesInOrder {
        order: super::auto_assign::SeatOrder,
    },
    /// The Notifications page: the alerts the acting admin wants (issue 30).
    ChooseAlerts {
        alerts: BTreeSet<super::alerts::Alert>,
    },
    /// A member asks for a product they don't have, with a reason (issue 30).
    RequestProduct {
        wanted: super::requests::Wanted,
        reason: String,
    },
    /// An admin who may assign it approves (the assignment itself) or declines with a reason.
    AnswerRequest {
        request: u32,
        approve: bool,
        reason: String,
    },
    /// Requests for a product there approved automatically while seats remain, or no longer.
    SetAutoApprove {
        wanted: super::requests::Wanted,
        on: bool,
    },
    /// A secondary admin limited to some products or to Reporting, or no longer (`None`; issue 30).
    LimitAdmin {
        team: TeamId,
        user: UserId,
        limit: Option<AdminLimit>,
    },
}

/// A pending invitation: to Classic User Management, or to a team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Invitation {
    Classic { user: UserId },
    Team { team: TeamId, user: UserId },
}

/// One person's seat: on a classic product line, or a product in a team.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SeatRef {
    Line { user: UserId, contract: ContractNo, line: LineId },
    Team { user: UserId, team: TeamId, product: String },
}

impl Command {
    /// An admin's change, which Undo can take back. Opening an email and Autodesk's own notices are not
    /// (issue 16.11): they never enter the undo history.
    pub fn is_admin_change(&self) -> bool {
        !matches!(self, Command::MarkEmailRead { .. } | Command::SendDueNotices)
    }

    /// The only people a change touched, when the command says it exactly (people added or removed), so that
    /// the index of people is patched for them alone (`UserIndex::patched`); None: anyone may have changed.
    pub fn people_touched(&self, events: &[Event]) -> Option<Vec<UserId>> {
        match self {
            Command::AddUser { .. } | Command::BulkAdd { .. } => Some(
                events
                    .iter()
                    .filter_map(|e| if let Event::UserAdded { user } = e { Some(*user) } else { None })
                    .collect(),
            ),
            Command::RemoveUsers { users } => Some(users.clone()),
            _ => None,
        }
    }

    /// Whether the command may change the people: who they are, their names, emails and roles (classic and
    /// team), what the user lists' search index and the person picker read, rebuilt only after such a change
    /// (issue 28.5). No wildcard arm, so a new kind must say; `tests/properties.rs` checks every kind the random
    /// sequences apply.
    pub fn may_change_people(&self) -> bool {
        use Command::*;
        match self {
            AddUser { .. } | BulkAdd { .. } | RemoveUsers { .. } | AssignCoordinator { .. } => true,
            ChangeContractManager { .. } | InviteTeamUser { .. } | InviteTeamUsers { .. } => true,
            ImportTeamUsers { .. } | RemoveTeamUser { .. } | RunMigration { .. } => true,
            ImportTeamRoles { .. } | SetTeamRole { .. } | SetTeamRoles { .. } | MakePrimaryAdmin { .. } => true,
            LimitAdmin { .. } => true,
            // Autodesk's notices and releases can end contracts and the roles on them.
            SendDueNotices | PublishRelease { .. } | RefreshFromExports { .. } => true,
            ResendInvite { .. } | AcceptInvite { .. } | EditAccess { .. } | AssignAll { .. } => false,
            SetAutoRenew { .. } | CreateHub { .. } | AssignContractToHub { .. } | MarkEmailRead { .. } => false,
            AddProductLine { .. } | RenameTeam { .. } | AssignProduct { .. } | AssignUsers { .. } => false,
            CustomizeProduct { .. } | UnassignProduct { .. } | CreateGroup { .. } | RenameGroup { .. } => false,
            DeleteGroup { .. } | AddGroupMembers { .. } | RemoveGroupMember { .. } => false,
            AssignGroupProduct { .. } | UnassignGroupProduct { .. } | SaveMigrationPlan { .. } => false,
            AddAssignRule { .. } | DeleteAssignRule { .. } | RunAssignRules | ReclaimSeats { .. } => false,
            RunAssignRulesInOrder { .. } | ResendInvites { .. } | MoveSubscription { .. } => false,
            ChooseAlerts { .. } | RequestProduct { .. } | AnswerRequest { .. } | SetAutoApprove { .. } => false,
        }
    }
}

/// A Team hub picked from the drop-down, or typed by address when it is missing (rule 55).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HubChoice {
    Existing(HubId),
    Url(String),
}
