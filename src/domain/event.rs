//! What a command did: the events `apply` returns. Never stored (the journal keeps commands and replays
//! them), so they may change freely.

use super::ids::*;
use super::model::*;
use serde::{Deserialize, Serialize};

/// What happened, for the confirmation line, the activity log and the bulk-add report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    UserAdded {
        user: UserId,
    },
    EntrySkipped {
        entry: String,
        reason: String,
    },
    /// Rule 44.
    SubscriptionMoved {
        from: TeamId,
        to: TeamId,
        subscription: SubscriptionId,
    },
    /// A rule (its index) reached a person, who was given what it gives or not (issue 27.5: the queue).
    RuleReached {
        rule: usize,
        user: UserId,
        given: bool,
    },
    /// A person added without what an auto-assign rule gives, and why (issue 12).
    RuleRefused {
        user: UserId,
        what: String,
    },
    UserRemoved {
        name: String,
    },
    InviteSent {
        user: UserId,
    },
    InviteAccepted {
        user: UserId,
    },
    AccessChanged {
        user: UserId,
    },
    CoordinatorAssigned {
        contract: ContractNo,
        serial: SerialNo,
        user: UserId,
    },
    ContractManagerChanged {
        contract: ContractNo,
        user: UserId,
    },
    AutoRenewSet {
        contract: ContractNo,
        on: bool,
    },
    HubCreated {
        hub: HubId,
    },
    ContractAssignedToHub {
        contract: ContractNo,
        hub: HubId,
    },
    EmailSent {
        to: String,
        subject: String,
    },
    EmailRead {
        email: u32,
    },
    /// "As of" moved back: renewal notices dated after the new day were withdrawn.
    NoticesWithdrawn {
        count: usize,
    },
    /// A person chose their alerts (issue 30).
    AlertsChosen {
        user: UserId,
    },
    /// The alerts' progress moved: days checked, a line with room again, or alerts dated after "As of"
    /// withdrawn when it moved back (how many).
    AlertsChecked {
        withdrawn: usize,
    },
    ProductRequested {
        request: u32,
    },
    RequestAnswered {
        request: u32,
        approved: bool,
    },
    AutoApproveSet {
        on: bool,
    },
    ReleasePublished {
        contract: ContractNo,
        line: LineId,
    },
    ProductLineAdded {
        contract: ContractNo,
        line: LineId,
    },
    TeamUserInvited {
        team: TeamId,
        user: UserId,
    },
    TeamUserRemoved {
        team: TeamId,
        name: String,
    },
    TeamRoleSet {
        team: TeamId,
        user: UserId,
        role: TeamRole,
        /// The role before, for "Tom Becker: User → Secondary Admin" (issue 27.4).
        was: TeamRole,
    },
    /// A roles CSV row that gives a person the role they have (issue 27.4): counted, not refused.
    TeamRoleUnchanged {
        user: UserId,
    },
    PrimaryAdminChanged {
        team: TeamId,
        user: UserId,
    },
    AdminLimited {
        team: TeamId,
        user: UserId,
    },
    ProductAssigned {
        team: TeamId,
        user: UserId,
        product: String,
    },
    ProductUnassigned {
        team: TeamId,
        user: UserId,
        product: String,
    },
    GroupCreated {
        team: TeamId,
        group: GroupId,
    },
    GroupChanged {
        team: TeamId,
        group: GroupId,
    },
    GroupDeleted {
        team: TeamId,
        name: String,
    },
    TeamRenamed {
        team: TeamId,
    },
    MigrationPlanSaved {
        team: TeamId,
        people: usize,
    },
}
