//! The account as it is being built from the exports' rows: people, teams with their roles, assignments,
//! contracts with their contract managers, primary admins and subscriptions.

use super::read::{SubRow, UserRow};
use super::{Over, Problem, TeamSummary};
use crate::domain::input::names_from_email;
use crate::domain::*;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

mod usage_groups;

/// Someone named by the admin: email, first name, last name.
pub(super) type Person = (String, String, String);

/// The account as it is being built: the ids given so far, the rows left out, and who is assigned what.
pub(super) struct Draft {
    pub acc: Account,
    pub(super) today: NaiveDate,
    pub(super) ids: BTreeMap<String, UserId>,
    /// A classic contract's product lines, until its contract is made (`place_lines`).
    pub(super) lines: Vec<(ContractNo, ProductLine)>,
    /// Users rows left out whole (a second primary admin, a team no subscription is in).
    rejected: BTreeSet<usize>,
    /// Per team and product, who the Users export assigns it to, in file order (row, person).
    assigned: BTreeMap<(TeamId, String), Vec<(usize, UserId)>>,
}

/// `id` as a member of `team`: as they are, or added as a User with `status`, invited on `today`.
fn member(team: &mut Team, id: UserId, status: TeamStatus, today: NaiveDate) -> &mut TeamMember {
    let fresh = TeamMember::new(TeamRole::User, status, today);
    team.members.entry(id).or_insert(fresh)
}

fn team_of(teams: &BTreeMap<String, TeamId>, team: &str, company: &str) -> Option<TeamId> {
    match team.is_empty() {
        true if teams.len() == 1 => teams.values().next().copied(),
        true => teams.get(&company.to_lowercase()).copied(),
        false => teams.get(&team.to_lowercase()).copied(),
    }
}

impl Draft {
    pub(super) fn new(company: String, today: NaiveDate) -> Self {
        let acc = Account { company, ..Account::default() };
        let (ids, rejected, assigned) = (BTreeMap::new(), BTreeSet::new(), BTreeMap::new());
        Draft { acc, today, ids, lines: Vec::new(), rejected, assigned }
    }

    pub(super) fn person(&mut self, email: &str, first: &str, last: &str) -> UserId {
        if let Some(id) = self.ids.get(email) {
            return *id;
        }
        let id = UserId(self.acc.next_id());
        let user = User { email: email.into(), first_name: first.into(), last_name: last.into(), classic: None };
        self.acc.users.insert(id, user);
        self.ids.insert(email.into(), id);
        id
    }

    pub(super) fn people(&mut self, users: &[UserRow]) {
        for u in users {
            self.person(&u.email, &u.first, &u.last);
        }
    }

    /// The teams, named by the Subscriptions export (a row naming none is the company's), with their members
    /// and roles from the Users export (the strongest a person's rows give).
    pub(super) fn teams(
        &mut self,
        subs: &[SubRow],
        users: &[UserRow],
        company: &str,
        problems: &mut Vec<Problem>,
    ) -> BTreeMap<String, TeamId> {
        let name = |team: &str| if team.is_empty() { company.to_string() } else { team.to_string() };
        let mut teams: BTreeMap<String, TeamId> = BTreeMap::new();
        for s in subs {
            if let std::collections::btree_map::Entry::Vacant(slot) = teams.entry(name(&s.team).to_lowercase()) {
                let id = TeamId(self.acc.next_id());
                let team = Team::named(name(&s.team));
                self.acc.teams.insert(id, team);
                slot.insert(id);
            }
        }
        let file = "Users";
        for u in users {
            let Some(t) = team_of(&teams, &u.team, company) else {
                let why = match u.team.is_empty() {
                    true => format!("no team is named, and the subscriptions are in {} teams.", teams.len()),
                    false => "no subscription in the Subscriptions export is in this team.".to_string(),
                };
                problems.push(Problem { file, row: u.row, value: u.team.clone(), why });
                self.rejected.insert(u.row);
                continue;
            };
            let id = self.ids[&u.email];
            let team = self.acc.teams.get_mut(&t).expect("made above");
            let primary = team.members.iter().find(|(m, r)| r.role == TeamRole::PrimaryAdmin && **m != id);
            if let (Some(TeamRole::PrimaryAdmin), Some((other, _))) = (u.role, primary) {
                let why =
                    format!("{} already has a primary admin, {} (rule 27).", team.name, self.acc.users[other].email);
                problems.push(Problem { file, row: u.row, value: "Primary Admin".into(), why });
                self.rejected.insert(u.row);
                continue;
            }
            let status = if u.invited { TeamStatus::Invited } else { TeamStatus::Verified };
            let member = member(team, id, status, self.today);
            if let Some(role) = u.role {
                member.role = member.role.min(role);
            }
        }
        teams
    }

    /// Who the Users export assigns each team's products to; the products and seats over-assigned.
    pub(super) fn assign(
        &mut self,
        subs: &[SubRow],
        users: &[UserRow],
        teams: &BTreeMap<String, TeamId>,
        problems: &mut Vec<Problem>,
    ) -> Vec<Over> {
        let company = self.acc.company.clone();
        let mut offered: BTreeMap<(TeamId, String), (String, u32)> = BTreeMap::new();
        for s in subs {
            let t = team_of(teams, &s.team, &company).expect("every subscription's team was made");
            offered.entry((t, s.product.to_lowercase())).or_insert((s.product.clone(), 0)).1 += s.seats;
        }
        for u in users.iter().filter(|u| !u.product.is_empty() && !self.rejected.contains(&u.row)) {
            let t = team_of(teams, &u.team, &company).expect("rejected above otherwise");
            let Some((product, _)) = offered.get(&(t, u.product.to_lowercase())) else {
                let names: Vec<&str> =
                    offered.iter().filter(|((team, _), _)| *team == t).map(|(_, (p, _))| p.as_str()).collect();
                let team = &self.acc.teams[&t].name;
                let why = format!("is not a product of {team}'s subscriptions ({}).", names.join(", "));
                problems.push(Problem { file: "Users", row: u.row, value: u.product.clone(), why });
                continue;
            };
            let holders = self.assigned.entry((t, product.clone())).or_default();
            let id = self.ids[&u.email];
            if !holders.iter().any(|(_, h)| *h == id) {
                holders.push((u.row, id));
            }
        }
        let seats = |t: TeamId, p: &str| offered.get(&(t, p.to_lowercase())).map_or(0, |o| o.1);
        self.assigned
            .iter()
            .filter(|((t, p), holders)| holders.len() > seats(*t, p) as usize)
            .map(|((t, p), holders)| Over {
                file: "Users export",
                team: self.acc.teams[t].name.clone(),
                product: p.clone(),
                seats: seats(*t, p),
                rows: holders.iter().map(|(row, _)| *row).collect(),
            })
            .collect()
    }

    /// The assignments written, past each product's seats left out where the admin chose so.
    pub(super) fn leave_out(&mut self, over: &[Over]) {
        for ((t, product), holders) in &mut self.assigned {
            let team = self.acc.teams.get_mut(t).expect("made");
            if let Some(o) = over.iter().find(|o| o.team == team.name && o.product == *product) {
                holders.truncate(o.seats as usize);
            }
            for (_, id) in holders.iter() {
                team.direct.entry(*id).or_default().insert(product.clone(), SeatSource::Pool);
            }
        }
    }

    /// A contract manager: a named user who has accepted (rule 1).
    pub(super) fn named(&mut self, email: &str, first: &str, last: &str) -> UserId {
        let id = self.person(email, first, last);
        let status = UserStatus::Active;
        let membership = ClassicMembership { status, invited_on: self.today, resent_on: None };
        self.acc.users.get_mut(&id).expect("just made").classic = Some(membership);
        id
    }

    /// The contracts the subscriptions name, each with its contract manager: the one its rows name (found in
    /// the Users export or read from the address), else the one the admin named. Returns who manages which.
    pub(super) fn contracts<'a>(
        &mut self,
        subs: impl IntoIterator<Item = &'a SubRow>,
        users: &[UserRow],
        (owner, asked): (UserId, &BTreeMap<String, Person>),
        problems: &mut Vec<Problem>,
    ) -> BTreeMap<String, UserId> {
        let mut managers = BTreeMap::new();
        for s in subs {
            let Some(no) = &s.contract else { continue };
            let manager = match (managers.get(no), &s.manager) {
                (Some(m), _) => *m,
                (None, None) => asked.get(no).map_or(owner, |(email, first, last)| self.named(email, first, last)),
                (None, Some(email)) => {
                    let names = users.iter().find(|u| &u.email == email).map(|u| (u.first.clone(), u.last.clone()));
                    // Or someone the classic user list names.
                    let known = self.ids.get(email).map(|u| &self.acc.users[u]);
                    let names = names.or_else(|| known.map(|u| (u.first_name.clone(), u.last_name.clone())));
                    match names.or_else(|| names_from_email(email)) {
                        Some((first, last)) => self.named(email, &first, &last),
                        None => {
                            let why = "is not in the Users export and no name can be read from it: the contract manager you named is used.".into();
                            problems.push(Problem { file: "Subscriptions", row: s.row, value: email.clone(), why });
                            owner
                        }
                    }
                }
            };
            managers.insert(no.clone(), manager);
            let number = ContractNo(no.clone());
            let contract = self.acc.contracts.entry(number.clone()).or_insert_with(|| Contract {
                number,
                kind: ContractKind::Subscription,
                channel: if s.reseller.is_some() { Channel::Reseller } else { Channel::AutodeskSales },
                access: Access::SingleUser,
                start_date: s.start,
                end_date: s.end,
                term: s.term,
                auto_renew: false,
                reseller: s.reseller.clone(),
                support_level: "Standard".into(),
                contract_manager: manager,
                serials: BTreeMap::new(),
                lines: BTreeMap::new(),
                benefits: BTreeMap::new(),
                benefit_holders: BTreeMap::new(),
                hub: None,
                renewal_notices_sent: BTreeSet::new(),
            });
            contract.start_date = contract.start_date.min(s.start);
            contract.end_date = contract.end_date.max(s.end);
            contract.auto_renew |= s.auto_renew;
        }
        // Autodesk has already sent the renewal notices dated before the exports: they are not sent again.
        for c in self.acc.contracts.values_mut() {
            let sent = crate::domain::lifecycle::notices(c.start_date, c.end_date).filter(|(_, on)| *on <= self.today);
            c.renewal_notices_sent = sent.map(|(days, _)| days).collect();
        }
        managers
    }

    /// A team the Users export names no primary admin for gets the contract manager of its first
    /// subscription's contract (rule 27 wants one): said in the preview, never silently.
    pub(super) fn primary_admins(
        &mut self,
        subs: &[SubRow],
        teams: &BTreeMap<String, TeamId>,
        managers: &BTreeMap<String, UserId>,
        owner: UserId,
    ) -> Vec<String> {
        let company = self.acc.company.clone();
        let mut notes = Vec::new();
        for t in teams.values() {
            let team = &self.acc.teams[t];
            if team.members.values().any(|m| m.role == TeamRole::PrimaryAdmin) {
                continue;
            }
            let first = subs.iter().find(|s| team_of(teams, &s.team, &company) == Some(*t));
            let admin = first.and_then(|s| s.contract.as_ref()).and_then(|c| managers.get(c)).copied().unwrap_or(owner);
            let (name, email) = (self.acc.name_of(admin), self.acc.users[&admin].email.clone());
            let today = self.today;
            let team = self.acc.teams.get_mut(t).expect("made");
            member(team, admin, TeamStatus::Verified, today).role = TeamRole::PrimaryAdmin;
            notes.push(format!(
                "{}: the Users export names no primary admin, so {name} ({email}), its contract manager, is made its primary admin.",
                team.name
            ));
        }
        notes
    }

    pub(super) fn subscriptions(
        &mut self,
        subs: &[SubRow],
        teams: &BTreeMap<String, TeamId>,
        managers: &BTreeMap<String, UserId>,
        owner: UserId,
    ) {
        let company = self.acc.company.clone();
        for s in subs {
            let t = team_of(teams, &s.team, &company).expect("made");
            let contract = s.contract.as_ref();
            let subscription = Subscription {
                product: s.product.clone(),
                seats: s.seats,
                contract: contract.map(|c| ContractNo(c.clone())),
                start_date: s.start,
                end_date: s.end,
                term: s.term,
                owner: contract.and_then(|c| managers.get(c)).copied().unwrap_or(owner),
                services: Vec::new(),
                auto_renew: s.auto_renew,
            };
            let team = self.acc.teams.get_mut(&t).expect("made");
            team.subscriptions.insert(SubscriptionId(s.id.clone()), subscription);
        }
    }

    pub(super) fn log(&mut self, subscriptions: usize) {
        let people = self.acc.users.len();
        self.acc.activity.push(Activity {
            on: self.today,
            at: None,
            stamp: None,
            actor: "Autodesk Account exports".into(),
            what: format!(
                "Account built from Autodesk Account's exports: {subscriptions} subscriptions, {people} people"
            ),
            kind: "Account built".into(),
            targets: Targets::default(),
        });
    }

    pub(super) fn summary(&self, t: TeamId) -> TeamSummary {
        let team = &self.acc.teams[&t];
        TeamSummary {
            name: team.name.clone(),
            members: team.members.len(),
            subscriptions: team.subscriptions.len(),
            seats: team.subscriptions.values().map(|s| s.seats).sum(),
            assigned: team.direct.values().map(BTreeMap::len).sum(),
        }
    }
}
