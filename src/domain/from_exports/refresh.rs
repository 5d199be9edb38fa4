//! Newer exports applied as what changed since (issue 31): subscriptions added, renewed, resized or ended;
//! people joining and leaving a team; roles; assignments from a team's pool. Each difference is one
//! `Refresh`, named by team, subscription ID and email (never by ids, which differ between browsers), and
//! they are applied together as one command: one Undo, one shared op, a "Refreshed from Autodesk exports"
//! entry in the activity log per difference.

use crate::domain::apply::Tx;
use crate::domain::usage::UseRecord;
use crate::domain::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What the Subscriptions export says of one subscription.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Terms {
    pub product: String,
    pub seats: u32,
    pub contract: Option<ContractNo>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub term: Term,
    pub auto_renew: bool,
}

impl Terms {
    pub fn of(s: &Subscription) -> Terms {
        let (product, contract) = (s.product.clone(), s.contract.clone());
        let (start_date, end_date, term) = (s.start_date, s.end_date, s.term);
        Terms { product, seats: s.seats, contract, start_date, end_date, term, auto_renew: s.auto_renew }
    }
}

/// One difference between the account and newer exports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Refresh {
    /// The company's name as the admin gives it now.
    Company {
        name: String,
    },
    /// A team the exports name that the account has not (its people and subscriptions follow).
    Team {
        name: String,
    },
    /// A subscription new to the team, or one whose seats, dates or renewal changed.
    Subscription {
        team: String,
        id: SubscriptionId,
        terms: Terms,
    },
    /// A subscription no longer in the export: ended or cancelled.
    Ended {
        team: String,
        id: SubscriptionId,
    },
    Join {
        team: String,
        email: String,
        first_name: String,
        last_name: String,
        role: TeamRole,
        invited: bool,
    },
    Leave {
        team: String,
        email: String,
    },
    Role {
        team: String,
        email: String,
        role: TeamRole,
    },
    Assign {
        team: String,
        email: String,
        product: String,
    },
    Unassign {
        team: String,
        email: String,
        product: String,
    },
    /// A group new to the team (its members follow as `GroupJoin`).
    Group {
        team: String,
        group: String,
    },
    GroupJoin {
        team: String,
        group: String,
        email: String,
    },
    GroupLeave {
        team: String,
        group: String,
        email: String,
    },
    /// A group the Groups export no longer lists: its products' seats go with it (rule 40).
    GroupGone {
        team: String,
        group: String,
    },
    /// Days of use the Seat Usage export adds, by email and product (rule 61): merged, never replacing.
    Usage {
        records: Vec<(String, String, UseRecord)>,
    },
}

pub(super) fn team_named<'a>(acc: &'a Account, name: &str) -> Option<(TeamId, &'a Team)> {
    acc.teams.iter().find(|(_, t)| t.name.eq_ignore_ascii_case(name)).map(|(id, t)| (*id, t))
}

impl Refresh {
    /// The difference in words, as the preview lists it and the activity log keeps it.
    /// `people`: everyone by email (`Account::email_index`), built once for thousands of differences.
    fn told(&self, acc: &Account, people: &HashMap<String, UserId>) -> String {
        let name = |email: &str| people.get(email).map_or_else(|| email.to_string(), |u| acc.name_of(*u));
        self.told_with(acc, people, &name)
    }

    /// `people`: everyone by email, to find a member of thousands without walking them all; `name`: how to name
    /// someone by email.
    fn told_with(&self, acc: &Account, people: &HashMap<String, UserId>, name: &dyn Fn(&str) -> String) -> String {
        let sub = |team: &str, id: &SubscriptionId| team_named(acc, team).and_then(|(_, t)| t.subscriptions.get(id));
        match self {
            Refresh::Company { name } => format!("The company's name: {} → {name}", acc.company),
            Refresh::Team { name } => format!("New team {name}"),
            Refresh::Subscription { team, id, terms } => match sub(team, id) {
                None => format!(
                    "{} subscription {} added to {team}: {} seats until {}",
                    terms.product, id.0, terms.seats, terms.end_date
                ),
                Some(s) => {
                    let mut what = Vec::new();
                    if s.seats != terms.seats {
                        what.push(format!("seats {} → {}", s.seats, terms.seats));
                    }
                    if (s.start_date, s.end_date) != (terms.start_date, terms.end_date) {
                        what.push(format!("ends {} → {}", s.end_date, terms.end_date));
                    }
                    if s.auto_renew != terms.auto_renew {
                        what.push(format!("auto-renew {}", if terms.auto_renew { "on" } else { "off" }));
                    }
                    if what.is_empty() {
                        what.push("its details".into());
                    }
                    format!("{} subscription {} in {team}: {}", terms.product, id.0, what.join(", "))
                }
            },
            Refresh::Ended { team, id } => {
                let product = sub(team, id).map_or("A", |s| s.product.as_str());
                format!("{product} subscription {} in {team} ended", id.0)
            }
            Refresh::Join { team, email, first_name, last_name, role, invited } => {
                let status = if *invited { "invited" } else { "verified" };
                format!("{first_name} {last_name} ({email}) joins {team} as {}, {status}", role.label())
            }
            Refresh::Leave { team, email } => format!("{} leaves {team}", name(email)),
            Refresh::Role { team, email, role } => {
                let member = |u: &UserId| team_named(acc, team).and_then(|(_, t)| t.members.get(u));
                let was = people.get(email).and_then(member).map(|m| m.role);
                let was = was.map_or(String::new(), |r| format!("{} → ", r.label()));
                format!("{} in {team}: {was}{}", name(email), role.label())
            }
            Refresh::Assign { team, email, product } => format!("{} is assigned {product} in {team}", name(email)),
            Refresh::Unassign { team, email, product } => {
                format!("{} no longer has {product} in {team}", name(email))
            }
            Refresh::Group { team, group } => format!("New group {group} in {team}"),
            Refresh::GroupJoin { team, group, email } => format!("{} joins the group {group} in {team}", name(email)),
            Refresh::GroupLeave { team, group, email } => format!("{} leaves the group {group} in {team}", name(email)),
            Refresh::GroupGone { team, group } => format!("The group {group} in {team} is gone"),
            Refresh::Usage { records } => {
                let people = records.iter().map(|(e, _, _)| e).collect::<std::collections::BTreeSet<_>>().len();
                let people = if people == 1 { "1 person's".to_string() } else { format!("{people} people's") };
                let last = records.iter().map(|(_, _, r)| r.last_used()).max().map_or(String::new(), |d| d.to_string());
                format!("Days of use from the Seat Usage export: {people}, up to {last}")
            }
        }
    }
}

/// Each difference in words, before any is applied: people who join are named as the export names them.
pub fn told(changes: &[Refresh], acc: &Account) -> Vec<String> {
    let people = acc.email_index();
    let joining: HashMap<&str, String> = changes
        .iter()
        .filter_map(|c| match c {
            Refresh::Join { email, first_name, last_name, .. } => {
                Some((email.as_str(), format!("{first_name} {last_name}")))
            }
            _ => None,
        })
        .collect();
    let name = |email: &str| match (people.get(email), joining.get(email)) {
        (Some(u), _) => acc.name_of(*u),
        (None, Some(n)) => n.clone(),
        (None, None) => email.to_string(),
    };
    changes.iter().map(|c| c.told_with(acc, &people, &name)).collect()
}

fn group_named(t: &Team, name: &str) -> Option<GroupId> {
    t.groups.iter().find(|(_, g)| g.name.eq_ignore_ascii_case(name)).map(|(id, _)| *id)
}

/// The refusal of a difference that no longer fits the account (another admin changed it since).
fn stale(change: &Refresh, acc: &Account, people: &HashMap<String, UserId>, why: &str) -> DomainError {
    DomainError::Refresh { change: change.told(acc, people), why: why.into() }
}

/// Applies the differences, all or none: each on a copy of the account, which must keep every invariant
/// (seats never over-assigned, one primary admin per team) before it replaces the account.
pub(crate) fn refresh(tx: &mut Tx, changes: &[Refresh]) -> Result<(), DomainError> {
    crate::domain::account_actions::may(tx.acc, tx.actor, crate::domain::account_actions::AccountAction::ImportData)?;
    if changes.is_empty() {
        return Err(DomainError::NothingEntered);
    }
    let owner = tx.acting_user().unwrap_or(UserId(0));
    let mut acc = tx.acc.clone();
    let mut people = acc.email_index();
    let mut told = Vec::new();
    for change in changes {
        let what = change.told(&acc, &people);
        told.push((what, one(&mut acc, &mut people, change, owner, tx.today)?));
    }
    if let Err(why) = crate::domain::invariants::check(&acc) {
        let why = format!("the account would break a rule: {why}");
        return Err(DomainError::Refresh { change: "these exports".into(), why });
    }
    *tx.acc = acc;
    // Each entry is about its team, person and product, so filters find it and the team's admins see it.
    for (what, about) in told {
        tx.log_about(tx.today, format!("Refreshed from Autodesk exports: {what}"), about);
    }
    Ok(())
}

fn one(
    acc: &mut Account,
    people: &mut HashMap<String, UserId>,
    change: &Refresh,
    owner: UserId,
    today: NaiveDate,
) -> Result<Targets, DomainError> {
    let team_of = |acc: &Account, name: &str| team_named(acc, name).map(|(id, _)| id);
    let (team, email) = match change {
        Refresh::Company { name } => {
            acc.company = name.clone();
            return Ok(Targets::default());
        }
        Refresh::Usage { records } => {
            for (email, product, record) in records {
                let u = *people
                    .get(email)
                    .ok_or_else(|| stale(change, acc, people, "someone in it is not in this account"))?;
                let used = acc.usage.entry(product.clone()).or_default();
                let merged = used.get(&u).map_or_else(|| record.clone(), |known| known.merged(record));
                used.insert(u, merged);
            }
            return Ok(Targets::default());
        }
        Refresh::Team { name } => {
            if team_of(acc, name).is_some() {
                return Err(stale(change, acc, people, "a team has that name already"));
            }
            let id = TeamId(acc.next_id());
            acc.teams.insert(id, Team::named(name.clone()));
            return Ok(Targets { team: Some(id), ..Targets::default() });
        }
        Refresh::Subscription { team, .. }
        | Refresh::Ended { team, .. }
        | Refresh::Group { team, .. }
        | Refresh::GroupGone { team, .. } => (team, None),
        Refresh::Join { team, email, .. }
        | Refresh::Leave { team, email }
        | Refresh::Role { team, email, .. }
        | Refresh::Assign { team, email, .. }
        | Refresh::Unassign { team, email, .. }
        | Refresh::GroupJoin { team, email, .. }
        | Refresh::GroupLeave { team, email, .. } => (team, Some(email)),
    };
    let t = team_of(acc, team).ok_or_else(|| stale(change, acc, people, "there is no such team"))?;
    let user = email.and_then(|e| people.get(e).copied());
    let member = user.filter(|u| acc.teams[&t].members.contains_key(u));
    let mut about = Targets { team: Some(t), users: member.into_iter().collect(), ..Targets::default() };
    match (change, member) {
        (Refresh::Subscription { id, terms, .. }, _) => {
            // About the team, not its contract: the team's admins see it, not only the contract manager.
            about.products = vec![terms.product.clone()];
            let manager = terms.contract.as_ref().and_then(|c| acc.contracts.get(c)).map(|c| c.contract_manager);
            let team = acc.teams.get_mut(&t).expect("found above");
            let owner = team.subscriptions.get(id).map_or(manager.unwrap_or(owner), |s| s.owner);
            let services = team.subscriptions.get(id).map(|s| s.services.clone()).unwrap_or_default();
            let s = Subscription {
                product: terms.product.clone(),
                seats: terms.seats,
                contract: terms.contract.clone(),
                start_date: terms.start_date,
                end_date: terms.end_date,
                term: terms.term,
                owner,
                services,
                auto_renew: terms.auto_renew,
            };
            team.subscriptions.insert(id.clone(), s);
        }
        (Refresh::Ended { id, .. }, _) => {
            let Some(ended) = acc.teams.get_mut(&t).expect("found above").subscriptions.remove(id) else {
                return Err(stale(change, acc, people, "the team has no such subscription"));
            };
            about.products = vec![ended.product];
        }
        (Refresh::Group { group, .. }, _) => {
            if group_named(&acc.teams[&t], group).is_some() {
                return Err(stale(change, acc, people, "the team has a group of that name already"));
            }
            let id = GroupId(acc.next_id());
            let made = Group { name: group.clone(), members: Default::default(), products: Default::default() };
            acc.teams.get_mut(&t).expect("found above").groups.insert(id, made);
            about.group = Some(id);
        }
        (Refresh::GroupGone { group, .. }, _) => {
            let g = group_named(&acc.teams[&t], group)
                .ok_or_else(|| stale(change, acc, people, "the team has no such group"))?;
            acc.teams.get_mut(&t).expect("found above").groups.remove(&g);
            about.group = Some(g);
        }
        (Refresh::Join { .. }, Some(_)) => return Err(stale(change, acc, people, "they are a member already")),
        (Refresh::Join { email, first_name, last_name, role, invited, .. }, None) => {
            let id = user.unwrap_or_else(|| {
                let id = UserId(acc.next_id());
                let (first_name, last_name) = (first_name.clone(), last_name.clone());
                acc.users.insert(id, User { email: email.clone(), first_name, last_name, classic: None });
                people.insert(email.clone(), id);
                id
            });
            let status = if *invited { TeamStatus::Invited } else { TeamStatus::Verified };
            let member = TeamMember::new(*role, status, today);
            acc.teams.get_mut(&t).expect("found above").members.insert(id, member);
            about.users = vec![id];
        }
        (_, None) => return Err(stale(change, acc, people, "they are not a member of the team")),
        (Refresh::Leave { email, .. }, Some(u)) => {
            if crate::domain::team::drop_member(acc, t, u) {
                // Gone from the account, they can't be named by id: the entry's words name them.
                people.remove(email.as_str());
                about.users.clear();
            }
        }
        (Refresh::Role { role, .. }, Some(u)) => {
            let m = acc.teams.get_mut(&t).expect("found above").members.get_mut(&u).expect("a member");
            // A limit is a secondary admin's (issue 30); Autodesk's exports know none, so one kept stays.
            m.limit = m.limit.take().filter(|_| *role == TeamRole::SecondaryAdmin);
            m.role = *role;
        }
        (Refresh::Assign { product, .. }, Some(u)) => {
            about.products = vec![product.clone()];
            let team = acc.teams.get_mut(&t).expect("found above");
            team.direct.entry(u).or_default().insert(product.clone(), SeatSource::Pool);
        }
        (Refresh::Unassign { product, .. }, Some(u)) => {
            about.products = vec![product.clone()];
            let team = acc.teams.get_mut(&t).expect("found above");
            if team.direct.get_mut(&u).and_then(|held| held.remove(product)).is_none() {
                return Err(stale(change, acc, people, "they hold no such seat from the pool"));
            }
            let team = acc.teams.get_mut(&t).expect("found above");
            if team.direct.get(&u).is_some_and(BTreeMap::is_empty) {
                team.direct.remove(&u);
            }
            if let Some(items) = team.items.get_mut(&u) {
                items.remove(product);
            }
        }
        (Refresh::GroupJoin { group, .. } | Refresh::GroupLeave { group, .. }, Some(u)) => {
            let g = group_named(&acc.teams[&t], group)
                .ok_or_else(|| stale(change, acc, people, "the team has no such group"))?;
            let members = &mut acc.teams.get_mut(&t).expect("found above").groups.get_mut(&g).expect("found").members;
            let joins = matches!(change, Refresh::GroupJoin { .. });
            if !(if joins { members.insert(u) } else { members.remove(&u) }) {
                let why = if joins { "they are in the group already" } else { "they are not in the group" };
                return Err(stale(change, acc, people, why));
            }
            about.group = Some(g);
        }
        (Refresh::Team { .. } | Refresh::Company { .. } | Refresh::Usage { .. }, _) => unreachable!("handled above"),
    }
    Ok(about)
}
