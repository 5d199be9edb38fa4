//! Team roles: primary, secondary and SSO admins and users, one at a time or from a CSV (W6; rules 26–31).

use super::*;

/// Roles in bulk from a CSV of Email, Role: each row as if changed by hand, with the same permissions;
/// rows that can't be applied are reported, the others applied (rule 31).
pub fn import_roles(tx: &mut Tx, team: TeamId, csv: &str) -> Result<(), DomainError> {
    require_admin(tx, team, "change roles")?;
    let rows = input::parse_roles_csv(csv)?;
    let known = tx.acc.email_index();
    // A person named twice is refused the second time, whatever it says (issue 27.4): which row wins is not a
    // guess the console makes.
    let mut first_row = std::collections::HashMap::new();
    for (row, parsed) in rows {
        let applied = parsed.and_then(|(email, role)| {
            if let Some(first) = first_row.get(&email) {
                return Err(format!("duplicate of row {first}: {email} is given a role once."));
            }
            first_row.insert(email.clone(), row);
            let t = &tx.acc.teams[&team];
            let user = known.get(&email).copied().filter(|u| t.members.contains_key(u));
            let user = user.ok_or_else(|| format!("{email} is not in the team {}.", t.name))?;
            if t.members[&user].role == role {
                tx.events.push(Event::TeamRoleUnchanged { user });
                return Ok(());
            }
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
    if current == TeamRole::PrimaryAdmin {
        return Err(DomainError::IsPrimaryAdmin { user: tx.acc.name_of(user) });
    }
    if current == role {
        return Err(DomainError::AlreadyHasRole { user: tx.acc.name_of(user), role: role.label() });
    }
    let m = team_mut(tx.acc, team).members.get_mut(&user).expect("checked");
    // A limit is a secondary admin's: any other role ends it.
    (m.role, m.limit) = (role, None);
    notify_role(tx, team, user, role);
    tx.events.push(Event::TeamRoleSet { team, user, role, was: current });
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
    limit_check(acc, actor, team, "change the primary admin", None)?;
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

/// The roles a person may give to `selected` people of a team, for Change role's list: secondary admin and
/// user by any admin, SSO admin by the primary admin only (rule 30), primary admin by the primary admin or a
/// secondary admin, and to one person at a time (rule 28).
pub fn roles_to_give(acc: &Account, team: TeamId, actor: UserId, selected: usize) -> Vec<TeamRole> {
    let given_by = |role: TeamRole| match (role, acc.team_role(team, actor)) {
        (_, None | Some(TeamRole::User)) => false,
        (TeamRole::SsoAdmin, mine) => mine == Some(TeamRole::PrimaryAdmin),
        (TeamRole::PrimaryAdmin, mine) => mine != Some(TeamRole::SsoAdmin) && selected == 1,
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
    let new = t.members.get_mut(&user).expect("checked");
    (new.role, new.limit) = (TeamRole::PrimaryAdmin, None);
    notify_role(tx, team, user, TeamRole::PrimaryAdmin);
    notify_role(tx, team, old, TeamRole::SecondaryAdmin);
    tx.events.push(Event::PrimaryAdminChanged { team, user });
    Ok(())
}

/// Limit a secondary admin to some of the team's products or to Reporting, or lift the limit (issue 30): decided
/// by an admin without a limit, never over their own role; the person is emailed.
pub fn limit_admin(tx: &mut Tx, team: TeamId, user: UserId, limit: Option<AdminLimit>) -> Result<(), DomainError> {
    require_admin(tx, team, "limit admins")?;
    let m = member(tx.acc, team, user)?;
    let name = tx.acc.name_of(user);
    if tx.acting_user() == Some(user) {
        return Err(DomainError::LimitOwnRole);
    }
    if m.role != TeamRole::SecondaryAdmin {
        return Err(DomainError::LimitOnlySecondaryAdmin { user: name });
    }
    if let Some(AdminLimit::Products(products)) = &limit {
        if products.is_empty() {
            return Err(DomainError::LimitNoProducts);
        }
        products.iter().try_for_each(|p| known_product(&tx.acc.teams[&team], p))?;
    }
    if m.limit == limit {
        return Err(DomainError::LimitUnchanged { user: name });
    }
    let t = team_mut(tx.acc, team);
    t.members.get_mut(&user).expect("checked").limit = limit.clone();
    let (to, team_name) = (tx.acc.users[&user].email.clone(), tx.acc.teams[&team].name.clone());
    let now = AdminLimit::now(limit.as_ref());
    let body = match &limit {
        Some(AdminLimit::Products(_)) => "You assign, and see, only these products there.",
        Some(AdminLimit::Reporting) => "You read Reporting there and change nothing.",
        None => "You administer the whole team again.",
    };
    tx.send(
        EmailKind::RoleChange,
        &to,
        format!("Your admin role in {team_name} is now {now}"),
        format!("Hi {name},\n\n{} made your admin role in {team_name} {now}. {body}", tx.actor_name()),
    );
    let products = match &limit {
        Some(AdminLimit::Products(p)) => p.iter().cloned().collect(),
        _ => Vec::new(),
    };
    let about = Targets { team: Some(team), users: vec![user], products, ..Default::default() };
    tx.log_about(tx.today, format!("Made {name}'s admin role in {team_name} {now}"), about);
    tx.events.push(Event::AdminLimited { team, user });
    Ok(())
}
