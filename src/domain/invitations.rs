//! Pending invitations (issue 30): a classic invitation (90 days to accept, rule 19) and a team's (7 days,
//! rule 20) sent again, one or many at once. Each is sent with the permission its own screen asks for; one
//! that can't be sent again (accepted since, not allowed) is reported and the others sent.

use super::apply::Tx;
use super::command::Invitation;
use super::error::DomainError;
use super::event::Event;
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
            Invitation::Team { team, user } => (*user, team::resend_invite(tx, *team, *user)),
        };
        if let Err(e) = sent {
            tx.events.push(Event::EntrySkipped { entry: tx.acc.name_of(user), reason: e.to_string() });
        }
    }
    Ok(())
}
