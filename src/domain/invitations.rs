//! Pending invitations (issue 30): a classic invitation (90 days to accept, rule 19) and a team's (7 days,
//! rule 20) sent again, one or many at once. Each is sent with the permission its own screen asks for; one
//! that can't be sent again (accepted since, not allowed) is reported and the others sent.

use super::apply::Tx;
use super::command::Invitation;
use super::error::DomainError;
use super::event::Event;
use super::ids::{TeamId, UserId};
use super::model::{EmailKind, Targets, TeamStatus};
use super::{classic, team};

fn allowed(tx: &Tx, invitation: &Invitation) -> Result<(), DomainError> {
    match invitation {
        Invitation::Classic { .. } => tx.require(
            |acc, u| acc.is_classic_admin(u),
            "resend invitations",
            "a contract manager or software coordinator",
        ),
        Invitation::Team { team, .. } => team::require_admin(tx, *team, "resend invitations"),
    }
}

pub fn resend(tx: &mut Tx, invitations: &[Invitation]) -> Result<(), DomainError> {
    let Some(first) = invitations.first() else { return Err(DomainError::NoneSelected) };
    // Someone who may resend none of them is refused, as every other command refuses them.
    if !invitations.iter().any(|i| allowed(tx, i).is_ok()) {
        return allowed(tx, first);
    }
    for invitation in invitations {
        let (user, sent) = match invitation {
            Invitation::Classic { user } => (*user, classic::resend_invite(tx, *user)),
            Invitation::Team { team, user } => (*user, resend_to_team(tx, *team, *user)),
        };
        if let Err(e) = sent {
            tx.events.push(Event::EntrySkipped { entry: tx.acc.name_of(user), reason: e.to_string() });
        }
    }
    Ok(())
}

/// A team's invitation sent again: 7 more days to accept (rule 20).
fn resend_to_team(tx: &mut Tx, team: TeamId, user: UserId) -> Result<(), DomainError> {
    team::require_admin(tx, team, "resend invitations")?;
    let t = tx.acc.team(team)?;
    let name = tx.acc.user(user)?.full_name();
    let member =
        t.members.get(&user).ok_or_else(|| DomainError::NotTeamMember { user: name.clone(), team: t.name.clone() })?;
    if member.status != TeamStatus::Invited {
        return Err(DomainError::NotPending { user: name });
    }
    let (team_name, today) = (t.name.clone(), tx.today);
    tx.acc.teams.get_mut(&team).and_then(|t| t.members.get_mut(&user)).expect("checked").resent_on = Some(today);
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
