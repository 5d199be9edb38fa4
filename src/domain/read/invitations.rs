//! Pending invitations (issue 30): everyone invited and not yet accepted that the viewer administers, classic
//! (90 days to accept, rule 19) and teams' (7 days, rule 20), with when each was sent, when it lapses and who
//! sent it, soonest to lapse first.

use crate::domain::command::Invitation;
use crate::domain::ids::{TeamId, UserId};
use crate::domain::lifecycle::{invite_expired, CLASSIC_INVITE_DAYS, TEAM_INVITE_DAYS};
use crate::domain::model::{Account, EmailKind, TeamStatus, UserStatus};
use crate::domain::names::name_key;
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub invitation: Invitation,
    pub name: String,
    pub email: String,
    /// "Classic User Management", or the team's name.
    pub place: String,
    pub team: Option<TeamId>,
    pub invited_on: NaiveDate,
    pub last_sent: NaiveDate,
    pub lapses_on: NaiveDate,
    pub lapsed: bool,
    /// Who sent it last, from the activity log; empty when the log doesn't say (the demo's own people).
    pub sent_by: String,
}

/// The activity log's event types that send an invitation.
const SENDS: [&str; 5] = ["User added", "Users added in bulk", "User invited", "Invitation resent", "Users migrated"];

pub fn pending(acc: &Account, viewer: UserId, today: NaiveDate) -> Vec<Pending> {
    let mut senders: HashMap<(UserId, Option<TeamId>), &str> = HashMap::new();
    for a in acc.activity.iter().filter(|a| SENDS.contains(&a.kind.as_str())) {
        for u in &a.targets.users {
            senders.insert((*u, a.targets.team), &a.actor);
        }
    }
    let row = |invitation: Invitation, place: String, team, invited_on, last_sent: NaiveDate, days: i64| {
        let user = match &invitation {
            Invitation::Classic { user } | Invitation::Team { user, .. } => *user,
        };
        let u = &acc.users[&user];
        Pending {
            invitation,
            name: u.full_name(),
            email: u.email.clone(),
            place,
            team,
            invited_on,
            last_sent,
            lapses_on: last_sent + Days::new(days as u64),
            lapsed: invite_expired(last_sent, today, days),
            sent_by: senders.get(&(user, team)).map_or_else(String::new, |s| s.to_string()),
        }
    };
    let mut out = Vec::new();
    if acc.is_classic_admin(viewer) {
        for (id, u) in &acc.users {
            let Some(m) = u.classic.as_ref().filter(|m| m.status == UserStatus::Pending) else { continue };
            let (invitation, place) = (Invitation::Classic { user: *id }, "Classic User Management".to_string());
            out.push(row(invitation, place, None, m.invited_on, m.last_invite_sent_on(), CLASSIC_INVITE_DAYS));
        }
    }
    // Resending is an admin's without a limit (issue 30).
    for (t, team) in acc.teams.iter().filter(|(_, t)| t.wholly_administered_by(viewer)) {
        for (id, m) in team.members.iter().filter(|(_, m)| m.status == TeamStatus::Invited) {
            let invitation = Invitation::Team { team: *t, user: *id };
            out.push(row(
                invitation,
                team.name.clone(),
                Some(*t),
                m.invited_on,
                m.last_invite_sent_on(),
                TEAM_INVITE_DAYS,
            ));
        }
    }
    out.sort_by_cached_key(|p| (p.lapses_on, name_key(&p.name)));
    out
}

/// The invitation's own email as it was last sent, to copy into a chat or another mail: subject and body.
pub fn invitation_text(acc: &Account, p: &Pending) -> Option<String> {
    let team_name = p.team.and_then(|t| acc.teams.get(&t)).map(|t| format!("the team {}", t.name));
    acc.outbox
        .iter()
        .rev()
        .filter(|e| e.to == p.email && matches!(e.kind, EmailKind::Invitation | EmailKind::InvitationResent))
        .find(|e| match &team_name {
            Some(t) => e.subject.contains(t.as_str()),
            None => !e.subject.contains("the team "),
        })
        .map(|e| format!("{}\n\n{}", e.subject, e.body))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{demo, id};
    use super::*;
    use crate::domain::{apply, Actor, Command, Event};

    /// Rules 19 and 20: a classic invitation lapses after 90 days, a team's after 7; sending it again gives
    /// the days back, names who sent it, and an accepted one can't be sent again.
    #[test]
    fn invitations_lapse_after_their_days_and_resending_gives_them_back() {
        let (mut acc, today) = demo();
        let dana = id(&acc, "Dana Reyes");
        let team = *acc.teams.keys().next().unwrap();
        apply(
            &mut acc,
            Actor::User(dana),
            Command::AddUser { email: "c.one@x.com".into(), first_name: "C".into(), last_name: "One".into() },
            today,
        )
        .unwrap();
        let invite = Command::InviteTeamUser {
            team,
            email: "t.one@x.com".into(),
            first_name: "T".into(),
            last_name: "One".into(),
            groups: vec![],
        };
        apply(&mut acc, Actor::User(dana), invite, today).unwrap();
        let find =
            |acc: &Account, day, email: &str| pending(acc, dana, day).into_iter().find(|p| p.email == email).unwrap();
        let (classic, member) = (find(&acc, today, "c.one@x.com"), find(&acc, today, "t.one@x.com"));
        assert_eq!((classic.lapses_on - today).num_days(), 90);
        assert_eq!((member.lapses_on - today).num_days(), 7);
        assert_eq!(member.sent_by, "Dana Reyes");
        assert!(invitation_text(&acc, &member).unwrap().contains("Accept within 7 days"));
        let later = today + Days::new(8);
        assert!(find(&acc, later, "t.one@x.com").lapsed && !find(&acc, later, "c.one@x.com").lapsed);
        let both = vec![classic.invitation.clone(), member.invitation.clone()];
        let events = apply(&mut acc, Actor::User(dana), Command::ResendInvites { invitations: both }, later).unwrap();
        assert_eq!(events.iter().filter(|e| matches!(e, Event::InviteSent { .. })).count(), 2);
        let again = find(&acc, later, "t.one@x.com");
        assert!(!again.lapsed && again.last_sent == later && again.invited_on == today);
        assert_eq!(
            (again.sent_by.as_str(), find(&acc, later, "c.one@x.com").sent_by.as_str()),
            ("Dana Reyes", "Dana Reyes")
        );
        assert!(invitation_text(&acc, &again).unwrap().starts_with("Reminder: you've been invited to the team"));
        // Tom administers nothing: refused whole; a Verified member can't be "resent".
        let tom = id(&acc, "Tom Becker");
        let resend = Command::ResendInvites { invitations: vec![member.invitation.clone()] };
        assert!(apply(&mut acc, Actor::User(tom), resend, later).is_err());
        let verified =
            acc.teams[&team].members.iter().find(|(_, m)| m.status == TeamStatus::Verified).map(|(u, _)| *u).unwrap();
        let resend = Command::ResendInvites { invitations: vec![Invitation::Team { team, user: verified }] };
        let events = apply(&mut acc, Actor::User(dana), resend, later).unwrap();
        assert!(matches!(&events[..], [Event::EntrySkipped { .. }]), "{events:?}");
    }
}
