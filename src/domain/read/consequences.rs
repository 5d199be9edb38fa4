//! What a change would do, told before Save (issue 12): seats taken and freed per line and pool, emails that
//! would be sent, roles that change, people who gain or lose a product. It compares the account before with
//! the account after the command was applied to a copy (`read::preview`), so it can't disagree with Save.

use crate::domain::ids::*;
use crate::domain::model::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Consequences {
    /// (product, where, holders before, holders after, seats after, seats before)
    pub seats: Vec<(String, String, usize, usize, u32, u32)>,
    /// (to, subject)
    pub emails: Vec<(String, String)>,
    /// (person, role given or taken, given?)
    pub roles: Vec<(String, String, bool)>,
    /// (person, "product · where")
    pub gaining: Vec<(String, String)>,
    pub losing: Vec<(String, String)>,
    /// (person, where): named users of Classic User Management and team members added or removed.
    pub joining: Vec<(String, String)>,
    pub leaving: Vec<(String, String)>,
}

impl Consequences {
    pub fn is_empty(&self) -> bool {
        *self == Consequences::default()
    }
}

/// Product, where, and the line's id (0 for a pool): one serial number can carry two lines of a product.
type Place = (String, String, u32);

/// Seats per line and pool: where, holders, seats.
fn seats(acc: &Account) -> BTreeMap<Place, (BTreeSet<UserId>, u32)> {
    let mut out = BTreeMap::new();
    for c in acc.contracts.values() {
        for (id, l) in &c.lines {
            let place = (l.product.clone(), format!("contract {} · {}", c.number, l.serial), id.0);
            out.insert(place, (l.holders.keys().copied().collect(), c.capacity(l)));
        }
    }
    for t in acc.teams.values() {
        for p in t.products() {
            let seats = t.pool_seats(&p, None);
            out.insert((p.clone(), format!("{} pool", t.name), 0), (t.holders(&p), seats));
        }
    }
    out
}

/// Where a person is a member: Classic User Management, or a team. Compared as keys, named only when they differ:
/// a change over thousands compares every membership and role of the account twice (issue 28).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Member {
    Classic,
    Team(TeamId),
}

/// Who is a named user in Classic User Management, and who is a member of which team.
fn memberships(acc: &Account) -> BTreeSet<(UserId, Member)> {
    let classic = acc.users.iter().filter(|(_, u)| u.classic.is_some()).map(|(id, _)| (*id, Member::Classic));
    let teams = acc.teams.iter().flat_map(|(t, team)| team.members.keys().map(|u| (*u, Member::Team(*t))));
    classic.chain(teams).collect()
}

/// A role of a person: the contract they manage, the serial number they coordinate, an admin role in a team
/// with its limit (issue 30: a limit that ends with the role is said with it).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Role<'a> {
    Manager(&'a ContractNo),
    Coordinator(&'a SerialNo),
    Team(TeamId, TeamRole, Option<String>),
}

/// The roles of contracts: one manager per contract, one coordinator per serial number, so a few.
fn contract_roles(acc: &Account) -> BTreeSet<(UserId, Role<'_>)> {
    let mut out = BTreeSet::new();
    for c in acc.contracts.values() {
        out.insert((c.contract_manager, Role::Manager(&c.number)));
        out.extend(c.serials.iter().filter_map(|(no, s)| s.coordinator.map(|u| (u, Role::Coordinator(no)))));
    }
    out
}

/// The admin roles in `teams` that `other` doesn't have: each member looked up in the other team, not two
/// sets of every admin built (a role changed over 8,000 people built 16,000: issue 28).
fn team_roles_only_in<'a>(
    teams: &'a BTreeMap<TeamId, Team>,
    other: &BTreeMap<TeamId, Team>,
) -> Vec<(UserId, Role<'a>)> {
    let mut out = Vec::new();
    for (id, t) in teams {
        let there = other.get(id).map(|o| &o.members);
        let admins = t.members.iter().filter(|(_, m)| m.role != TeamRole::User);
        let differ =
            admins.filter(|(u, m)| there.and_then(|o| o.get(u)).is_none_or(|o| o.role != m.role || o.limit != m.limit));
        out.extend(differ.map(|(u, m)| (*u, Role::Team(*id, m.role, m.limit.as_ref().map(AdminLimit::label)))));
    }
    out
}

/// Roles given by the change (true) and taken (false), each in the order of the person and the role.
fn roles_changed<'a>(before: &'a Account, after: &'a Account) -> Vec<(UserId, Role<'a>, bool)> {
    let (r0, r1) = (contract_roles(before), contract_roles(after));
    let mut given: Vec<_> =
        r1.difference(&r0).cloned().chain(team_roles_only_in(&after.teams, &before.teams)).collect();
    let mut taken: Vec<_> =
        r0.difference(&r1).cloned().chain(team_roles_only_in(&before.teams, &after.teams)).collect();
    given.sort();
    taken.sort();
    let given = given.into_iter().map(|(u, r)| (u, r, true));
    given.chain(taken.into_iter().map(|(u, r)| (u, r, false))).collect()
}

pub fn consequences(before: &Account, after: &Account) -> Consequences {
    // Every seat told by place is a map of thousands of holders: built only when a seat could have moved.
    let (was, now) = match same_seats(before, after) {
        true => Default::default(),
        false => (seats(before), seats(after)),
    };
    let mut c = Consequences::default();
    // Someone removed by the command is named from the account before it.
    let name =
        |u: &UserId| after.users.get(u).or(before.users.get(u)).map_or_else(|| after.name_of(*u), User::full_name);
    let empty = (BTreeSet::new(), 0);
    let places: BTreeSet<&Place> = was.keys().chain(now.keys()).collect();
    for place in places {
        let (a, b) = (was.get(place).unwrap_or(&empty), now.get(place).unwrap_or(&empty));
        // Holders taken or freed, or seats bought into or moved out of a pool (rule 44).
        if a.0.len() != b.0.len() || a.1 != b.1 {
            c.seats.push((place.0.clone(), place.1.clone(), a.0.len(), b.0.len(), b.1, a.1));
        }
        let what = format!("{} · {}", place.0, place.1);
        c.gaining.extend(b.0.difference(&a.0).map(|u| (name(u), what.clone())));
        c.losing.extend(a.0.difference(&b.0).map(|u| (name(u), what.clone())));
    }
    c.gaining.sort();
    c.losing.sort();
    c.emails = sent(&before.outbox, &after.outbox).iter().map(|e| (e.to.clone(), e.subject.clone())).collect();
    // A team is named as it is after the change, or as it was when the change removed it.
    let team = |t: &TeamId| after.teams.get(t).or(before.teams.get(t)).map_or_else(String::new, |t| t.name.clone());
    let role = |r: &Role| match r {
        Role::Manager(no) => format!("Contract manager of {no}"),
        Role::Coordinator(no) => format!("Software coordinator of {no}"),
        Role::Team(t, role, None) => format!("{} of {}", role.label(), team(t)),
        Role::Team(t, role, Some(limit)) => format!("{} of {} ({limit})", role.label(), team(t)),
    };
    c.roles = roles_changed(before, after).iter().map(|(u, r, given)| (name(u), role(r), *given)).collect();
    let place = |m: &Member| match m {
        Member::Classic => "Classic User Management".to_string(),
        Member::Team(t) => team(t),
    };
    if same_members(before, after) {
        return c;
    }
    let (m0, m1) = (memberships(before), memberships(after));
    c.joining = m1.difference(&m0).map(|(u, w)| (name(u), place(w))).collect();
    c.leaving = m0.difference(&m1).map(|(u, w)| (name(u), place(w))).collect();
    c
}

/// Whether the seats and where they are told stand as they were: the stored holders compared as they are
/// (a role changed over 8,000 people built 16,000 holders twice for nothing: issue 28).
fn same_seats(a: &Account, b: &Account) -> bool {
    let team = |t: &Team, u: &Team| {
        (&t.name, &t.direct, &t.groups, &t.subscriptions) == (&u.name, &u.direct, &u.groups, &u.subscriptions)
    };
    a.contracts == b.contracts
        && a.teams.len() == b.teams.len()
        && a.teams.iter().zip(&b.teams).all(|((i, t), (j, u))| i == j && team(t, u))
}

/// Whether everyone is a member where they were: compared in place, before two sets of every membership are
/// built to find no difference (issue 28).
fn same_members(a: &Account, b: &Account) -> bool {
    a.users.len() == b.users.len()
        && a.users.iter().zip(&b.users).all(|((i, u), (j, v))| i == j && u.classic.is_some() == v.classic.is_some())
        && a.teams.len() == b.teams.len()
        && a.teams.iter().zip(&b.teams).all(|((i, t), (j, u))| i == j && t.members.keys().eq(u.members.keys()))
}

/// The emails a change sent: a command only appends to the outbox, after withdrawing some (renewal notices
/// dated after a day "As of" moved back to), so what is left of `before` comes first, in order; being read
/// is the one thing a kept email may change.
fn sent<'a>(before: &[Email], after: &'a [Email]) -> &'a [Email] {
    let same =
        |a: &Email, b: &Email| a.kind == b.kind && a.to == b.to && a.subject == b.subject && a.sent_on == b.sent_on;
    let mut kept = 0;
    for e in before {
        if after.get(kept).is_some_and(|a| same(a, e)) {
            kept += 1;
        }
    }
    &after[kept..]
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{demo, id};
    use super::*;
    use crate::domain::read::preview;
    use crate::domain::{Actor, Command, LineAccess};

    #[test]
    fn an_edit_access_preview_tells_the_seat_taken_and_who_gains_it() {
        let (acc, today) = demo();
        let (dana, tom) = (id(&acc, "Dana Reyes"), id(&acc, "Tom Becker"));
        let c = acc
            .contracts
            .values()
            .find(|c| {
                c.lines.values().any(|l| !l.holders.contains_key(&tom) && (l.holders.len() as u32) < c.capacity(l))
            })
            .unwrap();
        let (line, l) = c
            .lines
            .iter()
            .find(|(_, l)| !l.holders.contains_key(&tom) && (l.holders.len() as u32) < c.capacity(l))
            .unwrap();
        let access = LineAccess {
            contract: c.number.clone(),
            line: *line,
            services: Some(Default::default()),
            second_seat: true,
        };
        let cmd = Command::EditAccess { users: vec![tom], lines: vec![access], benefits: vec![] };
        let (after, _) = preview(&acc, Actor::User(dana), cmd, today).unwrap();
        let told = consequences(&acc, &after);
        let place = format!("contract {} · {}", c.number, l.serial);
        assert!(told.seats.contains(&(
            l.product.clone(),
            place.clone(),
            l.holders.len(),
            l.holders.len() + 1,
            c.capacity(l),
            c.capacity(l)
        )));
        assert!(told.gaining.contains(&("Tom Becker".into(), format!("{} · {place}", l.product))));
        assert!(told.losing.is_empty() && told.roles.is_empty());
    }

    #[test]
    fn reassigning_the_primary_admin_tells_both_roles_of_both_people_and_no_membership() {
        let (acc, today) = demo();
        let (id, t) =
            acc.teams.iter().find(|(_, t)| t.members.values().any(|m| m.role == TeamRole::SecondaryAdmin)).unwrap();
        let primary = t.primary_admin().unwrap();
        let second = *t.members.iter().find(|(_, m)| m.role == TeamRole::SecondaryAdmin).unwrap().0;
        let cmd = Command::SetTeamRoles { team: *id, users: vec![second], role: TeamRole::PrimaryAdmin };
        let (after, _) = preview(&acc, Actor::User(primary), cmd, today).unwrap();
        let told = consequences(&acc, &after);
        let role = |r: &str| format!("{r} of {}", t.name);
        let (p, s) = (acc.name_of(primary), acc.name_of(second));
        // Rule 28: the secondary admin becomes primary, the primary admin secondary.
        let mut expected = vec![
            (p.clone(), role("Secondary Admin"), true),
            (s.clone(), role("Primary Admin"), true),
            (p, role("Primary Admin"), false),
            (s, role("Secondary Admin"), false),
        ];
        let mut roles = told.roles.clone();
        roles.sort();
        expected.sort();
        assert_eq!(roles, expected);
        assert!(told.joining.is_empty() && told.leaving.is_empty() && told.seats.is_empty());
    }

    #[test]
    fn a_contract_manager_change_tells_the_roles_and_the_email() {
        let (acc, today) = demo();
        let dana = id(&acc, "Dana Reyes");
        let c = acc.contracts.values().find(|c| c.contract_manager == dana && c.reseller.is_some()).unwrap();
        let to = acc.active_named_users().into_iter().map(|(u, _)| u).find(|u| *u != dana).unwrap();
        let cmd = Command::ChangeContractManager { contract: c.number.clone(), user: to };
        let (after, _) = preview(&acc, Actor::User(dana), cmd, today).unwrap();
        let told = consequences(&acc, &after);
        let role = format!("Contract manager of {}", c.number);
        assert!(told.roles.contains(&(acc.name_of(to), role.clone(), true)));
        assert!(told.roles.contains(&("Dana Reyes".into(), role, false)));
        assert!(told.emails.iter().any(|(email, _)| *email == acc.users[&to].email));
    }

    /// Found by the preview property test in CI: moving "As of" back withdraws notices, so the outbox shrinks.
    #[test]
    fn withdrawn_notices_are_not_told_as_sent() {
        let (mut acc, today) = demo();
        crate::domain::apply(&mut acc, Actor::Autodesk, Command::SendDueNotices, today + chrono::Duration::days(41))
            .unwrap();
        let (after, events) = preview(&acc, Actor::Autodesk, Command::SendDueNotices, today).unwrap();
        assert!(events.iter().any(|e| matches!(e, crate::domain::Event::NoticesWithdrawn { .. })));
        assert!(after.outbox.len() < acc.outbox.len());
        assert!(consequences(&acc, &after).emails.is_empty());
    }
}
