//! Who is in a team: invitations (single, multiple, a CSV of up to 5,000), Invited or Verified (rules 20–22),
//! and removal (rules 24–25).

use super::*;

/// Adds a person to a team: Verified if they already have an Autodesk account here, else Invited
/// with 7 days to accept (rule 20). Membership of other teams is untouched (rule 23).
/// `existing` is the person with that email, if any (a scan for one invite, an index for an import).
pub(in crate::domain) fn add_member(
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
            let id = UserId(tx.new_id());
            let user = User { email: p.email.clone(), first_name: p.first_name, last_name: p.last_name, classic: None };
            tx.acc.users.insert(id, user);
            id
        }
    };
    let status = if verified { TeamStatus::Verified } else { TeamStatus::Invited };
    let today = tx.today;
    team_mut(tx.acc, team).members.insert(id, TeamMember::new(TeamRole::User, status, today));
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
    let mut refused = auto_assign::Refused::new();
    auto_assign::apply_to(tx, id, AddedTo::Team(team), &mut refused);
    auto_assign::report(tx, refused);
    Ok(())
}

/// A team's invitation sent again (Pending invitations, issue 30): 7 more days to accept (rule 20).
pub fn resend_invite(tx: &mut Tx, team: TeamId, user: UserId) -> Result<(), DomainError> {
    require_admin(tx, team, "resend invitations")?;
    let name = tx.acc.user(user)?.full_name();
    if member(tx.acc, team, user)?.status != TeamStatus::Invited {
        return Err(DomainError::NotPending { user: name });
    }
    let today = tx.today;
    let t = team_mut(tx.acc, team);
    t.members.get_mut(&user).expect("checked").resent_on = Some(today);
    let team_name = t.name.clone();
    let to = tx.acc.users[&user].email.clone();
    tx.send(
        EmailKind::InvitationResent,
        &to,
        format!("Reminder: you've been invited to the team {team_name}"),
        format!(
            "Hi {name},\n\n{} sent your invitation to the Autodesk team {team_name} again. Accept within 7 days.",
            tx.actor_name()
        ),
    );
    let about = Targets { users: vec![user], team: Some(team), ..Default::default() };
    tx.log_about(today, format!("Resent the invitation to {name} for {team_name}"), about);
    tx.events.push(Event::InviteSent { user });
    Ok(())
}

/// "Invite multiple": up to 50 people separated by `;` (or `,`, new lines), each as in Bulk Add; people who
/// can't be invited are reported and the others invited (W2', rule 22).
pub fn invite_many(tx: &mut Tx, team: TeamId, text: &str) -> Result<(), DomainError> {
    require_admin(tx, team, "invite users")?;
    let entries = input::bulk_entries(text)?;
    add_each(tx, team, entries.into_iter().map(|e| (input::parse_invite_entry(&e), e)));
    Ok(())
}

/// CSV import of up to 5,000 users; existing members are skipped, not duplicated (rule 22).
pub fn import(tx: &mut Tx, team: TeamId, csv: &str) -> Result<(), DomainError> {
    require_admin(tx, team, "import users")?;
    let rows = input::parse_users_csv(csv)?;
    add_each(tx, team, rows.into_iter().map(|(row, p)| (p, format!("row {row}"))));
    Ok(())
}

/// Adds each well-formed person in turn (one already in the team, or twice in the list, is passed over with the
/// reason under its entry's name: rule 22), gives each what the auto-assign rules say, and reports what they
/// could not give.
fn add_each(tx: &mut Tx, team: TeamId, people: impl IntoIterator<Item = (Result<NewPerson, String>, String)>) {
    let people: Vec<_> = people.into_iter().collect();
    // Only the account's people the list names: an import of 5,000 into 10,000 indexes no one else.
    let mut known: std::collections::HashMap<String, UserId> = {
        let named: std::collections::HashSet<&str> =
            people.iter().filter_map(|(p, _)| p.as_ref().ok().map(|p| p.email.as_str())).collect();
        tx.acc
            .users
            .iter()
            .filter(|(_, u)| named.contains(u.email.as_str()))
            .map(|(id, u)| (u.email.clone(), *id))
            .collect()
    };
    let mut refused = auto_assign::Refused::new();
    for (parsed, entry) in people {
        let added = parsed.and_then(|p| {
            let email = p.email.clone();
            let id = add_member(tx, team, p, known.get(&email).copied()).map_err(|e| e.to_string())?;
            known.insert(email, id);
            Ok(id)
        });
        match added {
            Ok(id) => auto_assign::apply_to(tx, id, AddedTo::Team(team), &mut refused),
            Err(reason) => tx.events.push(Event::EntrySkipped { entry, reason }),
        }
    }
    auto_assign::report(tx, refused);
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
/// Takes a member out of a team with their seats, items and groups, and out of the account when nothing else
/// holds them (Remove, and a refresh whose exports no longer list them). Returns whether they left the account.
pub(in crate::domain) fn drop_member(acc: &mut Account, team: TeamId, user: UserId) -> bool {
    let t = team_mut(acc, team);
    t.members.remove(&user);
    t.direct.remove(&user);
    t.items.remove(&user);
    for g in t.groups.values_mut() {
        g.members.remove(&user);
    }
    let gone = !acc.is_referenced(user);
    if gone {
        acc.users.remove(&user);
    }
    gone
}

pub fn remove(tx: &mut Tx, team: TeamId, user: UserId) -> Result<(), DomainError> {
    member(tx.acc, team, user)?;
    require_admin(tx, team, "remove users")?;
    if let Some(blocked) = removal_blocker(tx.acc, team, user) {
        return Err(blocked);
    }
    let (name, team_name) = (tx.acc.name_of(user), team_mut(tx.acc, team).name.clone());
    drop_member(tx.acc, team, user);
    tx.log_for(format!("Removed {name} from {team_name}"), user, None);
    tx.events.push(Event::TeamUserRemoved { team, name });
    Ok(())
}
