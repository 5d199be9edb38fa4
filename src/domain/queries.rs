//! Derived facts about an account: roles, names, seat use. Nothing here changes the account.

use super::error::DomainError;
use super::ids::*;
use super::lifecycle::{self, Status};
use super::model::*;
use super::visibility::Reach;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// The classic role a user shows in the users list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClassicRole {
    ContractManager,
    SoftwareCoordinator,
    User,
}

impl ClassicRole {
    pub fn label(self) -> &'static str {
        match self {
            ClassicRole::ContractManager => "Contract Manager",
            ClassicRole::SoftwareCoordinator => "Software Coordinator",
            ClassicRole::User => "User",
        }
    }
}

impl TeamRole {
    pub fn label(self) -> &'static str {
        match self {
            TeamRole::PrimaryAdmin => "Primary Admin",
            TeamRole::SecondaryAdmin => "Secondary Admin",
            TeamRole::SsoAdmin => "SSO Admin",
            TeamRole::User => "User",
        }
    }
    pub fn is_admin(self) -> bool {
        self != TeamRole::User
    }
}

impl ContractKind {
    pub fn label(self) -> &'static str {
        match self {
            ContractKind::Subscription => "Subscription",
            ContractKind::MaintenancePlan => "Maintenance plan",
        }
    }
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::Reseller => "Reseller",
            Channel::AutodeskSales => "Autodesk sales",
            Channel::OnlineStore => "Autodesk store",
        }
    }
}

impl Access {
    pub fn label(self) -> &'static str {
        match self {
            Access::SingleUser => "Single-user",
            Access::MultiUser => "Multi-user",
        }
    }
}

impl Term {
    pub fn label(self) -> &'static str {
        match self {
            Term::Monthly => "Monthly",
            Term::Annual => "Annual",
            Term::ThreeYear => "3-year",
        }
    }
}

impl LicenseType {
    pub fn label(self) -> &'static str {
        match self {
            LicenseType::StandAlone => "Stand-alone",
            LicenseType::Network => "Network",
            LicenseType::SignIn => "Autodesk ID (sign-in)",
        }
    }
}

impl EmailKind {
    pub const ALL: [EmailKind; 10] = [
        EmailKind::Welcome,
        EmailKind::Invitation,
        EmailKind::InvitationResent,
        EmailKind::RenewalNotice,
        EmailKind::RoleChange,
        EmailKind::NewRelease,
        EmailKind::RuleRefused,
        EmailKind::Alert,
        EmailKind::ReadyToDownload,
        EmailKind::RequestAnswered,
    ];
    pub fn label(self) -> &'static str {
        match self {
            EmailKind::Welcome => "Welcome",
            EmailKind::Invitation => "Invitation",
            EmailKind::InvitationResent => "Invitation resent",
            EmailKind::RenewalNotice => "Renewal notice",
            EmailKind::RoleChange => "Role change",
            EmailKind::NewRelease => "New release",
            EmailKind::RuleRefused => "Auto-assign rule refused",
            EmailKind::Alert | EmailKind::AlertOnChange => "Alert",
            EmailKind::ReadyToDownload => "Ready to download",
            EmailKind::RequestAnswered => "Request answered",
        }
    }
}

/// Who holds a classic role anywhere in the account, computed once per list render or filter.
#[derive(Default)]
pub struct ClassicRoles {
    pub managers: BTreeSet<UserId>,
    pub coordinators: BTreeSet<UserId>,
}

impl ClassicRoles {
    pub fn of(acc: &Account) -> Self {
        let mut roles = Self::default();
        for c in acc.contracts.values() {
            roles.managers.insert(c.contract_manager);
            roles.coordinators.extend(c.serials.values().filter_map(|s| s.coordinator));
        }
        roles
    }
    pub fn role(&self, user: UserId) -> ClassicRole {
        if self.managers.contains(&user) {
            ClassicRole::ContractManager
        } else if self.coordinators.contains(&user) {
            ClassicRole::SoftwareCoordinator
        } else {
            ClassicRole::User
        }
    }
}

impl Account {
    pub fn user(&self, id: UserId) -> Result<&User, DomainError> {
        self.users.get(&id).ok_or_else(|| DomainError::Unknown { what: "user", id: id.to_string() })
    }
    pub fn contract(&self, no: &ContractNo) -> Result<&Contract, DomainError> {
        self.contracts.get(no).ok_or_else(|| DomainError::Unknown { what: "contract", id: no.to_string() })
    }
    pub fn team(&self, id: TeamId) -> Result<&Team, DomainError> {
        self.teams.get(&id).ok_or_else(|| DomainError::Unknown { what: "team", id: id.to_string() })
    }
    pub fn name_of(&self, id: UserId) -> String {
        self.users.get(&id).map_or_else(|| format!("user {id}"), User::full_name)
    }
    /// Everyone by email, built once for a command that looks up many (bulk add, CSV imports).
    pub fn email_index(&self) -> HashMap<String, UserId> {
        self.users.iter().map(|(id, u)| (u.email.clone(), *id)).collect()
    }
    pub fn user_by_email(&self, email: &str) -> Option<UserId> {
        self.users.iter().find(|(_, u)| u.email == email).map(|(id, _)| *id)
    }
    pub fn is_contract_manager(&self, user: UserId) -> bool {
        self.contracts.values().any(|c| c.contract_manager == user)
    }
    pub fn is_named_coordinator(&self, user: UserId) -> bool {
        self.contracts.values().any(|c| c.serials.values().any(|s| s.coordinator == Some(user)))
    }
    /// Only contract managers and software coordinators use Classic User Management (rule 5).
    pub fn is_classic_admin(&self, user: UserId) -> bool {
        self.is_contract_manager(user) || self.is_named_coordinator(user)
    }
    /// May this user change access on this line: its contract's CM or its serial number's SC.
    pub fn manages_line(&self, user: UserId, contract: &Contract, line: &ProductLine) -> bool {
        contract.contract_manager == user || contract.coordinator(&line.serial) == Some(user)
    }
    /// May this user change benefits on this contract: its CM or one of its SCs.
    pub fn manages_contract_users(&self, user: UserId, contract: &Contract) -> bool {
        contract.contract_manager == user || contract.serials.keys().any(|s| contract.coordinator(s) == Some(user))
    }
    /// Administers something: a classic role or a team admin role (Reporting, auto-assign rules).
    pub fn is_admin(&self, user: UserId) -> bool {
        self.is_classic_admin(user) || self.is_team_admin(user)
    }
    /// An admin of any team (primary, secondary or SSO).
    pub fn is_team_admin(&self, user: UserId) -> bool {
        self.teams.values().any(|t| t.administered_by(user))
    }
    pub fn team_role(&self, team: TeamId, user: UserId) -> Option<TeamRole> {
        self.teams.get(&team)?.members.get(&user).map(|m| m.role)
    }
    /// Still needed as a record: a classic named user, a team member or a subscription owner.
    pub fn is_referenced(&self, user: UserId) -> bool {
        self.users.get(&user).is_some_and(|u| u.classic.is_some())
            || self
                .teams
                .values()
                .any(|t| t.members.contains_key(&user) || t.subscriptions.values().any(|s| s.owner == user))
    }
    pub fn contract_status(&self, contract: &Contract, today: NaiveDate) -> Status {
        lifecycle::status(contract.end_date, contract.term, today)
    }
    pub fn is_pending(&self, user: UserId) -> bool {
        self.users.get(&user).and_then(|u| u.classic.as_ref()).is_some_and(|c| c.status == UserStatus::Pending)
    }
    /// The role shown beside a person's name: the classic admin role first, else their highest team role.
    pub fn role_label(&self, roles: &ClassicRoles, user: UserId) -> &'static str {
        match roles.role(user) {
            ClassicRole::User => self
                .teams
                .values()
                .filter_map(|t| t.members.get(&user).map(|m| m.role))
                .min()
                .map_or("User", TeamRole::label),
            admin => admin.label(),
        }
    }
    /// Named users who have accepted, for the role pickers (coordinator, contract manager).
    pub fn active_named_users(&self) -> Vec<(UserId, String)> {
        let mut list: Vec<(UserId, String)> = self
            .users
            .iter()
            .filter(|(_, u)| u.classic.as_ref().is_some_and(|c| c.status == UserStatus::Active))
            .map(|(id, u)| (*id, u.full_name()))
            .collect();
        list.sort_by(|a, b| a.1.cmp(&b.1));
        list
    }
    /// A hub is a trial until a contract is assigned to it (rule 53–55).
    pub fn hub_contracts(&self, hub: HubId) -> Vec<&ContractNo> {
        self.contracts.values().filter(|c| c.hub == Some(hub)).map(|c| &c.number).collect()
    }
    /// A hub is a Trial until a contract is assigned to it (rules 53–55); while none of its contracts gives
    /// access it is Suspended (rule 46).
    pub fn hub_state(&self, hub: HubId, today: NaiveDate) -> &'static str {
        let mut contracts = self.contracts.values().filter(|c| c.hub == Some(hub)).peekable();
        if contracts.peek().is_none() {
            "Trial"
        } else if contracts.any(|c| self.contract_status(c, today).grants_access()) {
            "Subscribed"
        } else {
            "Suspended"
        }
    }
    /// Gives emails kept before they had ids (0) an id each, in outbox order.
    pub fn number_emails(&mut self) {
        if self.outbox.iter().any(|e| e.id == 0) {
            for e in &mut self.outbox {
                self.last_email += 1;
                e.id = self.last_email;
            }
        }
    }

    /// The next numeric id that nothing holds. Locally the counter is always past every id; in a shared
    /// account an op allocates from its author's range, and an op replayed after other admins' ones may find
    /// an id of that range taken: it is skipped, never overwritten (issue 15).
    pub fn next_id(&mut self) -> u32 {
        self.next_id += 1;
        while self.id_taken(self.next_id) {
            self.next_id += 1;
        }
        self.next_id
    }

    /// Every numeric id something holds (`next_id`'s test, gathered once for a command that makes many).
    pub fn ids_taken(&self) -> BTreeSet<u32> {
        let groups = self.teams.values().flat_map(|t| t.groups.keys().map(|g| g.0));
        let lines =
            self.contracts.values().flat_map(|c| c.lines.keys().map(|l| l.0).chain(c.benefits.keys().map(|b| b.0)));
        let (users, hubs) = (self.users.keys().map(|u| u.0), self.hubs.keys().map(|h| h.0));
        users.chain(hubs).chain(self.teams.keys().map(|t| t.0)).chain(groups).chain(lines).collect()
    }

    fn id_taken(&self, id: u32) -> bool {
        self.users.contains_key(&UserId(id))
            || self.hubs.contains_key(&HubId(id))
            || self.teams.contains_key(&TeamId(id))
            || self.teams.values().any(|t| t.groups.contains_key(&GroupId(id)))
            || self
                .contracts
                .values()
                .any(|c| c.lines.contains_key(&LineId(id)) || c.benefits.contains_key(&BenefitId(id)))
    }
}

impl Team {
    /// Everyone holding a seat of this product: direct or through a group, one seat each (rule 40).
    pub fn holders(&self, product: &str) -> BTreeSet<UserId> {
        let direct = self.direct.iter().filter(|(_, p)| p.contains_key(product)).map(|(u, _)| *u);
        let grouped =
            self.groups.values().filter(|g| g.products.contains(product)).flat_map(|g| g.members.iter().copied());
        direct.chain(grouped).collect()
    }
    /// Whether one user holds a product, directly or through a group, without gathering every holder.
    pub fn holds(&self, user: UserId, product: &str) -> bool {
        self.direct.get(&user).is_some_and(|p| p.contains_key(product)) || self.granting_group(user, product).is_some()
    }
    /// The group through which a user holds a product, if any (rule 41).
    pub fn granting_group(&self, user: UserId, product: &str) -> Option<&Group> {
        self.groups.values().find(|g| g.products.contains(product) && g.members.contains(&user))
    }
    /// Seats of a product in the pool: every subscription, or only those still giving access on `today` (rule 43).
    pub fn pool_seats(&self, product: &str, today: Option<NaiveDate>) -> u32 {
        self.subscriptions
            .values()
            .filter(|s| s.product == product)
            .filter(|s| today.is_none_or(|t| lifecycle::status(s.end_date, s.term, t).grants_access()))
            .map(|s| s.seats)
            .sum()
    }
    /// Seats of a product still free for new holders on `today`: the live pool less its holders (rules 39–40).
    pub fn free_seats(&self, product: &str, today: NaiveDate) -> usize {
        (self.pool_seats(product, Some(today)) as usize).saturating_sub(self.holders(product).len())
    }
    /// Users tied to one subscription by their seat source.
    pub fn pinned(&self, sub: &SubscriptionId) -> usize {
        let source = SeatSource::Subscription(sub.clone());
        self.direct.values().flat_map(|p| p.values()).filter(|s| **s == source).count()
    }
    /// The items (services) included with a product, over all its subscriptions.
    pub fn services(&self, product: &str) -> BTreeSet<String> {
        self.subscriptions.values().filter(|s| s.product == product).flat_map(|s| s.services.iter().cloned()).collect()
    }
    /// The items a user has of a product: customised for a direct assignment, else all (W3').
    pub fn items_of(&self, user: UserId, product: &str) -> BTreeSet<String> {
        match self.items.get(&user).and_then(|p| p.get(product)) {
            Some(items) if self.granting_group(user, product).is_none() => items.clone(),
            _ => self.services(product),
        }
    }
    pub fn products(&self) -> BTreeSet<String> {
        self.subscriptions.values().map(|s| s.product.clone()).collect()
    }
    /// A primary, secondary or SSO admin of this team, limited or not: Home's summary, the navigation.
    pub fn administered_by(&self, user: UserId) -> bool {
        self.members.get(&user).is_some_and(|m| m.role.is_admin())
    }
    /// How far this person's admin rights reach here; None: not an admin of the team (rule 30, issue 30).
    pub fn reach(&self, user: UserId) -> Option<Reach<'_>> {
        Some(match self.limit_of(user)? {
            None => Reach::Whole,
            Some(AdminLimit::Products(p)) => Reach::Products(p),
            Some(AdminLimit::Reporting) => Reach::Reporting,
        })
    }
    /// An admin's limit here (`Some(None)`: an admin without one); None: not an admin of the team.
    pub fn limit_of(&self, user: UserId) -> Option<Option<&AdminLimit>> {
        self.members.get(&user).filter(|m| m.role.is_admin()).map(|m| m.limit.as_ref())
    }
    /// Opens the team's By User, By Product, By Group and Subscriptions: an admin not limited to Reporting.
    pub fn managed_by(&self, user: UserId) -> bool {
        self.reach(user).is_some_and(Reach::manages)
    }
    /// The team's products this person sees as an admin: all of them, or a product admin's own (issue 30).
    pub fn products_seen_by(&self, user: UserId) -> BTreeSet<String> {
        let Some(reach) = self.reach(user) else { return BTreeSet::new() };
        self.products().into_iter().filter(|p| reach.sees_product(p)).collect()
    }
    /// The subscriptions of the products this person sees as an admin (`products_seen_by`).
    pub fn subscriptions_seen_by(&self, user: UserId) -> impl Iterator<Item = (&SubscriptionId, &Subscription)> {
        let seen = self.products_seen_by(user);
        self.subscriptions.iter().filter(move |(_, s)| seen.contains(&s.product))
    }
    /// An admin without a limit: invites, removes, roles, groups, rules, migration, hubs.
    pub fn wholly_administered_by(&self, user: UserId) -> bool {
        self.reach(user) == Some(Reach::Whole)
    }
    pub fn primary_admin(&self) -> Option<UserId> {
        self.members.iter().find(|(_, m)| m.role == TeamRole::PrimaryAdmin).map(|(u, _)| *u)
    }
}
