//! The new view: team members and admins, product pools, seat sources and groups (W2', W3', W4, W6; rules 20–31, 37–43).

use super::apply::{require, Tx};
use super::command::Actor;
use super::command::Event;
use super::error::DomainError;
use super::ids::*;
use super::input::{self, NewPerson};
use super::model::*;
use super::rules::{self, AddedTo};
use std::collections::BTreeSet;

const ADMINS: &str = "a primary, secondary or SSO admin of the team";

pub(crate) fn require_admin(tx: &Tx, team: TeamId, action: &'static str) -> Result<(), DomainError> {
    tx.acc.team(team)?;
    tx.require(move |acc, u| acc.team_role(team, u).is_some_and(TeamRole::is_admin), action, ADMINS)
}

fn member(acc: &Account, team: TeamId, user: UserId) -> Result<&TeamMember, DomainError> {
    let t = acc.team(team)?;
    let name = acc.user(user)?.full_name();
    t.members.get(&user).ok_or(DomainError::NotTeamMember { user: name, team: t.name.clone() })
}

fn team_mut(acc: &mut Account, team: TeamId) -> &mut Team {
    acc.teams.get_mut(&team).expect("checked")
}

fn group(acc: &Account, team: TeamId, id: GroupId) -> Result<&Group, DomainError> {
    acc.team(team)?.groups.get(&id).ok_or(DomainError::Unknown { what: "group", id: id.to_string() })
}

pub(crate) fn known_product(t: &Team, product: &str) -> Result<(), DomainError> {
    if t.subscriptions.values().any(|s| s.product == product) {
        Ok(())
    } else {
        Err(DomainError::Unknown { what: "product in this team", id: product.to_string() })
    }
}

/// Adds a person to a team: Verified if they already have an Autodesk account here, else Invited
/// with 7 days to accept (rule 20). Membership of other teams is untouched (rule 23).
/// `existing` is the person with that email, if any (a scan for one invite, an index for an import).
pub(super) fn add_member(
    tx: &mut Tx,
    team: TeamId,
    p: NewPerson,
    existing: Option<UserId>,
) -> Result<UserId, DomainError> {
    let t = &tx.acc.teams[&team];
    if let Some(id) = existing.filter(|id| t.members.contains_key(id)) {
        return Err(DomainError::AlreadyTeamMember { user: tx.acc.name_of(id), team: t.name.clone() });
    }
    let team_name = t.name.clone();
    let verified = existing.is_some_and(|id| {
        let active = tx.acc.users[&id].classic.as_ref().is_some_and(|c| c.status == UserStatus::Active);
        active || tx.acc.teams.values().any(|t| t.members.get(&id).is_some_and(|m| m.status == TeamStatus::Verified))
    });
    let id = match existing {
        Some(id) => id,
        None => {
            let id = UserId(tx.acc.next_id());
            let user = User { email: p.email.clone(), first_name: p.first_name, last_name: p.last_name, classic: None };
            tx.acc.users.insert(id, user);
            id
        }
    };
    let status = if verified { TeamStatus::Verified } else { TeamStatus::Invited };
    let today = tx.today;
    team_mut(tx.acc, team)
        .members
        .insert(id, TeamMember { role: TeamRole::User, status, invited_on: today, synced: false });
    let name = tx.acc.name_of(id);
    tx.send(
        EmailKind::Invitation,
        &p.email,
        format!("You've been invited to the team {team_name}"),
        format!(
            "Hi {name},\n\n{} has invited you to the Autodesk team {team_name}. Accept within 7 days.",
            tx.actor_name()
        ),
    );
    tx.log_for(format!("Invited {name} to {team_name}"), id, None);
    tx.events.push(Event::TeamUserInvited { team, user: id });
    Ok(id)
}

pub fn invite(tx: &mut Tx, team: TeamId, email: &str, first: &str, last: &str) -> Result<(), DomainError> {
    require_admin(tx, team, "invite users")?;
    let person = input::check_person(email, first, last)?;
    let existing = tx.acc.user_by_email(&person.email);
    let id = add_member(tx, team, person, existing)?;
    let mut refused = rules::Refused::new();
    rules::apply_to(tx, id, AddedTo::Team(team), &mut refused);
    rules::report(tx, refused);
    Ok(())
}

/// "Invite multiple": up to 50 people separated by `;` (or `,`, new lines), each as in Bulk Add; people who
/// can't be invited are reported and the others invited (W2', rule 22).
pub fn invite_many(tx: &mut Tx, team: TeamId, text: &str) -> Result<(), DomainError> {
    require_admin(tx, team, "invite users")?;
    let entries = input::bulk_entries(text)?;
    let mut known = tx.acc.email_index();
    let mut refused = rules::Refused::new();
    for entry in entries {
        let added = input::parse_bulk_entry(&entry).and_then(|p| {
            let email = p.email.clone();
            let id = add_member(tx, team, p, known.get(&email).copied()).map_err(|e| e.to_string())?;
            known.insert(email, id);
            Ok(id)
        });
        match added {
            Ok(id) => rules::apply_to(tx, id, AddedTo::Team(team), &mut refused),
            Err(reason) => tx.events.push(Event::EntrySkipped { entry, reason }),
        }
    }
    rules::report(tx, refused);
    Ok(())
}

/// CSV import of up to 5,000 users; existing members are skipped, not duplicated (rule 22).
pub fn import(tx: &mut Tx, team: TeamId, csv: &str) -> Result<(), DomainError> {
    require_admin(tx, team, "import users")?;
    let rows = input::parse_users_csv(csv)?;
    let mut known = tx.acc.email_index();
    let mut refused = rules::Refused::new();
    for (row, parsed) in rows {
        let entry = format!("row {row}");
        let added = parsed.and_then(|p| {
            let email = p.email.clone();
            let id = add_member(tx, team, p, known.get(&email).copied()).map_err(|e| e.to_string())?;
            known.insert(email, id);
            Ok(id)
        });
        match added {
            Ok(id) => rules::apply_to(tx, id, AddedTo::Team(team), &mut refused),
            Err(reason) => tx.events.push(Event::EntrySkipped { entry, reason }),
        }
    }
    rules::report(tx, refused);
    Ok(())
}

/// Roles in bulk from a CSV of Email, Role: each row as if changed by hand, with the same permissions;
/// rows that can't be applied are reported, the others applied (rule 31).
pub fn import_roles(tx: &mut Tx, team: TeamId, csv: &str) -> Result<(), DomainError> {
    require_admin(tx, team, "change roles")?;
    let rows = input::parse_roles_csv(csv)?;
    let known = tx.acc.email_index();
    for (row, parsed) in rows {
        let applied = parsed.and_then(|(email, role)| {
            let t = &tx.acc.teams[&team];
            let user = known.get(&email).copied().filter(|u| t.members.contains_key(u));
            let user = user.ok_or_else(|| format!("{email} is not in the team {}.", t.name))?;
            set_role(tx, team, user, role).map_err(|e| e.to_string())
        });
        if let Err(reason) = applied {
            tx.events.push(Event::EntrySkipped { entry: format!("row {row}"), reason });
        }
    }
    Ok(())
}

/// Change role on several selected members (§4b.6 "Multi-select"): each as if changed by hand; the ones that
/// can't be changed are reported by name, the others changed. The primary admin changes only one at a time,
/// by the confirmed swap (rule 28).
pub fn set_roles(tx: &mut Tx, team: TeamId, users: &[UserId], role: TeamRole) -> Result<(), DomainError> {
    require_admin(tx, team, "change roles")?;
    if users.is_empty() {
        return Err(DomainError::NoneSelected);
    }
    if role == TeamRole::PrimaryAdmin {
        return match users {
            [one] => make_primary_admin(tx, team, *one),
            _ => Err(DomainError::OnePrimaryAdmin),
        };
    }
    for &user in users {
        if let Err(e) = set_role(tx, team, user, role) {
            tx.events.push(Event::EntrySkipped { entry: tx.acc.name_of(user), reason: e.to_string() });
        }
    }
    Ok(())
}

/// Why a member can't be removed: the primary admin (rule 24) or a user added by directory sync (rule 25).
/// Asked by Remove's confirmation before the admin confirms, and by `remove`.
pub fn removal_blocker(acc: &Account, team: TeamId, user: UserId) -> Option<DomainError> {
    let m = acc.teams.get(&team)?.members.get(&user)?;
    let name = acc.name_of(user);
    if m.role == TeamRole::PrimaryAdmin {
        Some(DomainError::IsPrimaryAdmin { user: name })
    } else if m.synced {
        Some(DomainError::Synced { user: name })
    } else {
        None
    }
}

/// Removes a member and their assignments in this team; never the primary admin or a synced user (rules 24–25).
pub fn remove(tx: &mut Tx, team: TeamId, user: UserId) -> Result<(), DomainError> {
    member(tx.acc, team, user)?;
    require_admin(tx, team, "remove users")?;
    if let Some(blocked) = removal_blocker(tx.acc, team, user) {
        return Err(blocked);
    }
    let name = tx.acc.name_of(user);
    let t = team_mut(tx.acc, team);
    t.members.remove(&user);
    t.direct.remove(&user);
    t.items.remove(&user);
    for g in t.groups.values_mut() {
        g.members.remove(&user);
    }
    let team_name = t.name.clone();
    if !tx.acc.is_referenced(user) {
        tx.acc.users.remove(&user);
    }
    tx.log_for(format!("Removed {name} from {team_name}"), user, None);
    tx.events.push(Event::TeamUserRemoved { team, name });
    Ok(())
}

/// A name with its spaces tidied, refused when empty.
fn clean_name(raw: &str, what: &'static str) -> Result<String, DomainError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(DomainError::EmptyName { what });
    }
    if name.chars().count() > NAME_MAX {
        return Err(DomainError::NameTooLong { what, max: NAME_MAX });
    }
    Ok(name)
}

/// A team or group name fits a drop-down and a table cell.
const NAME_MAX: usize = 100;

/// The primary admin and secondary admins rename their team (domain.md §4b.1, "Team settings").
pub fn rename_team(tx: &mut Tx, team: TeamId, name: &str) -> Result<(), DomainError> {
    tx.acc.team(team)?;
    tx.require(
        move |acc, u| matches!(acc.team_role(team, u), Some(TeamRole::PrimaryAdmin | TeamRole::SecondaryAdmin)),
        "rename the team",
        "the primary admin or a secondary admin",
    )?;
    let name = clean_name(name, "team")?;
    let old = tx.acc.teams[&team].name.clone();
    if old == name {
        return Err(DomainError::SameName { name });
    }
    if tx.acc.teams.iter().any(|(id, t)| *id != team && t.name.eq_ignore_ascii_case(&name)) {
        return Err(DomainError::TeamNameTaken { name });
    }
    team_mut(tx.acc, team).name = name.clone();
    tx.log(format!("Renamed the team {old} to {name}"));
    tx.events.push(Event::TeamRenamed { team });
    Ok(())
}

/// Secondary admins are named by any admin, SSO admins by the primary admin only (rule 30, the stricter
/// reading of the matrix's "?"); the primary admin changes only by the swap of rule 28.
pub fn set_role(tx: &mut Tx, team: TeamId, user: UserId, role: TeamRole) -> Result<(), DomainError> {
    if role == TeamRole::PrimaryAdmin {
        return make_primary_admin(tx, team, user);
    }
    let current = member(tx.acc, team, user)?.role;
    if role == TeamRole::SsoAdmin {
        tx.require(
            move |acc, u| acc.team_role(team, u) == Some(TeamRole::PrimaryAdmin),
            "assign SSO admins",
            "the primary admin",
        )?;
    } else {
        require_admin(tx, team, "change roles")?;
    }
    let name = tx.acc.name_of(user);
    if current == TeamRole::PrimaryAdmin {
        return Err(DomainError::IsPrimaryAdmin { user: name });
    }
    if current == role {
        return Err(DomainError::AlreadyHasRole { user: name, role: role.label() });
    }
    team_mut(tx.acc, team).members.get_mut(&user).expect("checked").role = role;
    notify_role(tx, team, user, role);
    tx.events.push(Event::TeamRoleSet { team, user, role });
    Ok(())
}

fn notify_role(tx: &mut Tx, team: TeamId, user: UserId, role: TeamRole) {
    let (to, name, team_name) =
        (tx.acc.users[&user].email.clone(), tx.acc.name_of(user), tx.acc.teams[&team].name.clone());
    tx.send(
        EmailKind::RoleChange,
        &to,
        format!("Your role in {team_name} is now {}", role.label()),
        format!("Hi {name},\n\n{} changed your role in {team_name} to {}.", tx.actor_name(), role.label()),
    );
    tx.log_for(format!("Made {name} {} of {team_name}", role.label()), user, None);
}

/// The check half of the swap, asked by Change role before it asks the admin to confirm (rules 27–28).
pub fn check_make_primary_admin(acc: &Account, actor: Actor, team: TeamId, user: UserId) -> Result<(), DomainError> {
    let role = member(acc, team, user)?.role;
    require(
        acc,
        actor,
        move |acc, u| matches!(acc.team_role(team, u), Some(TeamRole::PrimaryAdmin | TeamRole::SecondaryAdmin)),
        "change the primary admin",
        "the primary admin or a secondary admin",
    )?;
    if role != TeamRole::SecondaryAdmin {
        return Err(DomainError::NotSecondaryAdmin { user: acc.name_of(user) });
    }
    Ok(())
}

/// The roles a person may give in a team, for Change role's list: secondary admin and user by any admin, SSO
/// admin by the primary admin only (rule 30), primary admin by the primary admin or a secondary admin (rule 28).
pub fn roles_to_give(acc: &Account, team: TeamId, actor: UserId) -> Vec<TeamRole> {
    let given_by = |role: TeamRole| match (role, acc.team_role(team, actor)) {
        (_, None | Some(TeamRole::User)) => false,
        (TeamRole::SsoAdmin, mine) => mine == Some(TeamRole::PrimaryAdmin),
        (TeamRole::PrimaryAdmin, mine) => mine != Some(TeamRole::SsoAdmin),
        _ => true,
    };
    [TeamRole::SecondaryAdmin, TeamRole::SsoAdmin, TeamRole::User, TeamRole::PrimaryAdmin]
        .into_iter()
        .filter(|r| given_by(*r))
        .collect()
}

/// Only a secondary admin can become primary admin; the old one becomes a secondary admin in the
/// same step, and the contract manager is untouched (rules 27–29, W6).
pub fn make_primary_admin(tx: &mut Tx, team: TeamId, user: UserId) -> Result<(), DomainError> {
    check_make_primary_admin(tx.acc, tx.actor, team, user)?;
    let t = team_mut(tx.acc, team);
    let old = t.primary_admin().expect("a team has exactly one primary admin (rule 27)");
    t.members.get_mut(&old).expect("member").role = TeamRole::SecondaryAdmin;
    t.members.get_mut(&user).expect("checked").role = TeamRole::PrimaryAdmin;
    notify_role(tx, team, user, TeamRole::PrimaryAdmin);
    notify_role(tx, team, old, TeamRole::SecondaryAdmin);
    tx.events.push(Event::PrimaryAdminChanged { team, user });
    Ok(())
}

/// By User / By Product: one seat per user and product, from the pool or pinned to a subscription (rules 40, 42–43).
/// `items` customises the included services; `None` gives them all.
pub fn assign(
    tx: &mut Tx,
    team: TeamId,
    user: UserId,
    product: &str,
    source: SeatSource,
    items: Option<BTreeSet<String>>,
) -> Result<(), DomainError> {
    member(tx.acc, team, user)?;
    require_admin(tx, team, "assign products")?;
    let t = &tx.acc.teams[&team];
    known_product(t, product)?;
    let name = tx.acc.name_of(user);
    if t.direct.get(&user).is_some_and(|p| p.contains_key(product)) {
        return Err(DomainError::AlreadyAssigned { user: name, product: product.into() });
    }
    if let SeatSource::Subscription(sub) = &source {
        let s = t.subscriptions.get(sub).ok_or(DomainError::Unknown { what: "subscription", id: sub.to_string() })?;
        if s.product != product {
            return Err(DomainError::WrongProduct { subscription: sub.to_string(), product: product.into() });
        }
        let live = super::lifecycle::status(s.end_date, s.term, tx.today).grants_access();
        if !live || t.pinned(sub) as u32 >= s.seats {
            return Err(DomainError::SubscriptionFull { subscription: sub.to_string(), product: product.into() });
        }
    }
    let new_seat = !t.holders(product).contains(&user);
    if new_seat && t.free_seats(product, tx.today) == 0 {
        return Err(DomainError::NoPoolSeat { product: product.into(), team: t.name.clone() });
    }
    let items = customised(t, product, items)?;
    let t = team_mut(tx.acc, team);
    t.direct.entry(user).or_default().insert(product.to_string(), source);
    if let Some(items) = items {
        t.items.entry(user).or_default().insert(product.to_string(), items);
    }
    tx.log_for(format!("Assigned {product} to {name}"), user, Some(product));
    tx.events.push(Event::ProductAssigned { team, user, product: product.into() });
    Ok(())
}

/// By Product → Assign users: several members at once, all or none, never past the seats there are
/// (rules 39–40, 43).
pub fn assign_users(
    tx: &mut Tx,
    team: TeamId,
    users: &[UserId],
    product: &str,
    source: SeatSource,
    items: Option<BTreeSet<String>>,
) -> Result<(), DomainError> {
    require_admin(tx, team, "assign products")?;
    let t = &tx.acc.teams[&team];
    known_product(t, product)?;
    let users: BTreeSet<UserId> = users.iter().copied().collect();
    if users.is_empty() {
        return Err(DomainError::NoneSelected);
    }
    for &u in &users {
        member(tx.acc, team, u)?;
        if t.direct.get(&u).is_some_and(|p| p.contains_key(product)) {
            return Err(DomainError::AlreadyAssigned { user: tx.acc.name_of(u), product: product.into() });
        }
    }
    let holders = t.holders(product);
    let needed = users.iter().filter(|u| !holders.contains(u)).count();
    let available = t.free_seats(product, tx.today);
    if needed > available {
        return Err(DomainError::PoolSeats { product: product.into(), team: t.name.clone(), needed, available });
    }
    if let SeatSource::Subscription(sub) = &source {
        let s = t.subscriptions.get(sub).ok_or(DomainError::Unknown { what: "subscription", id: sub.to_string() })?;
        if s.product == product && (s.seats as usize).saturating_sub(t.pinned(sub)) < users.len() {
            return Err(DomainError::SubscriptionFull { subscription: sub.to_string(), product: product.into() });
        }
    }
    customised(t, product, items.clone())?;
    for u in users {
        assign(tx, team, u, product, source.clone(), items.clone())?;
    }
    Ok(())
}

/// A product that comes from a group can only be removed at the group (rule 41).
pub fn unassign(tx: &mut Tx, team: TeamId, user: UserId, product: &str) -> Result<(), DomainError> {
    member(tx.acc, team, user)?;
    require_admin(tx, team, "unassign products")?;
    let t = &tx.acc.teams[&team];
    let name = tx.acc.name_of(user);
    if let Some(g) = t.granting_group(user, product) {
        return Err(DomainError::GroupGranted { user: name, product: product.into(), group: g.name.clone() });
    }
    if !t.direct.get(&user).is_some_and(|p| p.contains_key(product)) {
        return Err(DomainError::NotAssigned { user: name, product: product.into() });
    }
    let t = team_mut(tx.acc, team);
    let products = t.direct.get_mut(&user).expect("checked");
    products.remove(product);
    if products.is_empty() {
        t.direct.remove(&user);
    }
    set_items(t, user, product, None);
    tx.log_for(format!("Unassigned {product} from {name}"), user, Some(product));
    tx.events.push(Event::ProductUnassigned { team, user, product: product.into() });
    Ok(())
}

/// The items of a product a user holds directly: all of them, or the ones ticked (W3' "Customize").
pub fn customize(
    tx: &mut Tx,
    team: TeamId,
    user: UserId,
    product: &str,
    items: Option<BTreeSet<String>>,
) -> Result<(), DomainError> {
    member(tx.acc, team, user)?;
    require_admin(tx, team, "change product items")?;
    let t = &tx.acc.teams[&team];
    let name = tx.acc.name_of(user);
    if !t.direct.get(&user).is_some_and(|p| p.contains_key(product)) {
        return Err(DomainError::NotAssigned { user: name, product: product.into() });
    }
    let items = customised(t, product, items)?;
    set_items(team_mut(tx.acc, team), user, product, items);
    tx.log_for(format!("Changed the items of {product} for {name}"), user, Some(product));
    tx.events.push(Event::ProductAssigned { team, user, product: product.into() });
    Ok(())
}

/// Checks ticked items against the product's; ticking every item is the same as "all" (stored as nothing).
fn customised(
    t: &Team,
    product: &str,
    items: Option<BTreeSet<String>>,
) -> Result<Option<BTreeSet<String>>, DomainError> {
    let Some(items) = items else { return Ok(None) };
    let all = t.services(product);
    if let Some(item) = items.iter().find(|i| !all.contains(*i)) {
        return Err(DomainError::UnknownItem { product: product.into(), item: item.clone() });
    }
    if items.is_empty() && !all.is_empty() {
        return Err(DomainError::NoItemChosen { product: product.into() });
    }
    Ok((items.len() < all.len()).then_some(items))
}

fn set_items(t: &mut Team, user: UserId, product: &str, items: Option<BTreeSet<String>>) {
    let held = t.items.entry(user).or_default();
    match items {
        Some(items) => held.insert(product.to_string(), items),
        None => held.remove(product),
    };
    if held.is_empty() {
        t.items.remove(&user);
    }
}

pub fn create_group(tx: &mut Tx, team: TeamId, name: &str) -> Result<(), DomainError> {
    require_admin(tx, team, "create groups")?;
    let name = group_name(tx.acc, team, None, name)?;
    let id = GroupId(tx.acc.next_id());
    let g = Group { name: name.clone(), members: Default::default(), products: Default::default() };
    team_mut(tx.acc, team).groups.insert(id, g);
    tx.log(format!("Created the group {name}"));
    tx.events.push(Event::GroupCreated { team, group: id });
    Ok(())
}

/// A group's name: tidied, not empty, and unique in its team whatever the case (rule 38).
fn group_name(acc: &Account, team: TeamId, renamed: Option<GroupId>, raw: &str) -> Result<String, DomainError> {
    let name = clean_name(raw, "group")?;
    let groups = &acc.teams[&team].groups;
    if let Some(g) = renamed.and_then(|id| groups.get(&id)).filter(|g| g.name == name) {
        return Err(DomainError::SameName { name: g.name.clone() });
    }
    if groups.iter().any(|(id, g)| Some(*id) != renamed && g.name.eq_ignore_ascii_case(&name)) {
        return Err(DomainError::GroupNameTaken { name });
    }
    Ok(name)
}

pub fn rename_group(tx: &mut Tx, team: TeamId, gid: GroupId, name: &str) -> Result<(), DomainError> {
    let old = group(tx.acc, team, gid)?.name.clone();
    require_admin(tx, team, "rename groups")?;
    let name = group_name(tx.acc, team, Some(gid), name)?;
    team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked").name = name.clone();
    tx.log(format!("Renamed the group {old} to {name}"));
    tx.events.push(Event::GroupChanged { team, group: gid });
    Ok(())
}

/// Deleting a group frees the seats its members held only through it; their own assignments stay (rule 40).
pub fn delete_group(tx: &mut Tx, team: TeamId, gid: GroupId) -> Result<(), DomainError> {
    let name = group(tx.acc, team, gid)?.name.clone();
    require_admin(tx, team, "delete groups")?;
    team_mut(tx.acc, team).groups.remove(&gid);
    tx.log(format!("Deleted the group {name}"));
    tx.events.push(Event::GroupDeleted { team, name });
    Ok(())
}

/// New members of a group with products need a free seat of each product (rule 39).
pub fn add_group_members(tx: &mut Tx, team: TeamId, gid: GroupId, users: &[UserId]) -> Result<(), DomainError> {
    let g = group(tx.acc, team, gid)?;
    require_admin(tx, team, "change groups")?;
    if users.is_empty() {
        return Err(DomainError::NoneSelected);
    }
    for &u in users {
        member(tx.acc, team, u)?;
        if g.members.contains(&u) {
            return Err(DomainError::AlreadyInGroup { user: tx.acc.name_of(u), group: g.name.clone() });
        }
    }
    let t = &tx.acc.teams[&team];
    for product in &g.products {
        let holders = t.holders(product);
        let needed = users.iter().filter(|u| !holders.contains(u)).count();
        let available = t.free_seats(product, tx.today);
        if needed > available {
            return Err(DomainError::GroupSeats { group: g.name.clone(), product: product.clone(), needed, available });
        }
    }
    let g = team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked");
    g.members.extend(users.iter().copied());
    let group_name = g.name.clone();
    tx.log(format!("Added {} user(s) to the group {group_name}", users.len()));
    tx.events.push(Event::GroupChanged { team, group: gid });
    Ok(())
}

pub fn remove_group_member(tx: &mut Tx, team: TeamId, gid: GroupId, user: UserId) -> Result<(), DomainError> {
    let g = group(tx.acc, team, gid)?;
    require_admin(tx, team, "change groups")?;
    if !g.members.contains(&user) {
        return Err(DomainError::NotInGroup { user: tx.acc.name_of(user), group: g.name.clone() });
    }
    let g = team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked");
    g.members.remove(&user);
    let group_name = g.name.clone();
    let name = tx.acc.name_of(user);
    tx.log_for(format!("Removed {name} from the group {group_name}"), user, None);
    tx.events.push(Event::GroupChanged { team, group: gid });
    Ok(())
}

/// A group takes its products from the pool only, and only with a seat for every member (rules 39, 42).
pub fn assign_group_product(tx: &mut Tx, team: TeamId, gid: GroupId, product: &str) -> Result<(), DomainError> {
    let g = group(tx.acc, team, gid)?;
    require_admin(tx, team, "assign products to groups")?;
    let t = &tx.acc.teams[&team];
    known_product(t, product)?;
    if g.products.contains(product) {
        return Err(DomainError::GroupAlreadyHasProduct { group: g.name.clone(), product: product.into() });
    }
    let holders = t.holders(product);
    let needed = g.members.iter().filter(|u| !holders.contains(u)).count();
    let available = t.free_seats(product, tx.today);
    if needed > available {
        return Err(DomainError::GroupSeats { group: g.name.clone(), product: product.into(), needed, available });
    }
    let g = team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked");
    g.products.insert(product.to_string());
    let group_name = g.name.clone();
    tx.log(format!("Assigned {product} to the group {group_name}"));
    tx.events.push(Event::GroupChanged { team, group: gid });
    Ok(())
}

pub fn unassign_group_product(tx: &mut Tx, team: TeamId, gid: GroupId, product: &str) -> Result<(), DomainError> {
    let g = group(tx.acc, team, gid)?;
    require_admin(tx, team, "unassign products from groups")?;
    if !g.products.contains(product) {
        return Err(DomainError::GroupLacksProduct { group: g.name.clone(), product: product.into() });
    }
    let g = team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked");
    g.products.remove(product);
    let group_name = g.name.clone();
    tx.log(format!("Unassigned {product} from the group {group_name}"));
    tx.events.push(Event::GroupChanged { team, group: gid });
    Ok(())
}
