use super::*;
use crate::domain::read::seats::Seats;
use crate::domain::read::test_support::{demo, id};
use crate::domain::read::{home, invitations};
use crate::domain::{apply, lifecycle, Actor, Command, LineAccess};
use chrono::Days;

fn alerts_to(acc: &Account, who: UserId) -> Vec<(NaiveDate, String)> {
    let to = &acc.users[&who].email;
    acc.outbox
        .iter()
        .filter(|e| matches!(e.kind, EmailKind::Alert | EmailKind::AlertOnChange) && &e.to == to)
        .map(|e| (e.sent_on, e.subject.clone()))
        .collect()
}

fn choose(acc: &mut Account, who: UserId, alerts: &[Alert], today: NaiveDate) -> Result<Vec<Event>, DomainError> {
    apply(acc, Actor::User(who), Command::ChooseAlerts { alerts: alerts.iter().copied().collect() }, today)
}

/// Autodesk's check for due notices on `day`, as a move of "As of" makes it.
fn pass(acc: &mut Account, day: NaiveDate) {
    apply(acc, Actor::Autodesk, Command::SendDueNotices, day).unwrap();
}

#[test]
fn issue_30_only_admins_choose_alerts_their_own_and_the_log_says_so() {
    let (mut acc, today) = demo();
    let (tom, dana) = (id(&acc, "Tom Becker"), id(&acc, "Dana Reyes"));
    assert!(matches!(choose(&mut acc, tom, &[Alert::WeeklyDigest], today), Err(DomainError::NotAllowed { .. })));
    assert!(acc.alerts.is_empty());
    choose(&mut acc, dana, &[Alert::WeeklyDigest, Alert::Renewals], today).unwrap();
    assert_eq!(acc.alerts[&dana].alerts, [Alert::Renewals, Alert::WeeklyDigest].into());
    let logged = acc.activity.iter().rev().find(|a| a.kind == "Alerts chosen").unwrap();
    assert_eq!(logged.what, "Chose the alerts: Renewal milestones, Weekly digest");
    choose(&mut acc, dana, &[], today).unwrap();
    assert!(acc.alerts[&dana].alerts.is_empty());
    assert_eq!(acc.activity.last().unwrap().what, "Stopped every alert");
}

#[test]
fn rules_47_48_a_milestone_reaches_whoever_chose_it_once_and_goes_back_with_as_of() {
    let (mut acc, today) = demo();
    let dana = id(&acc, "Dana Reyes");
    // The next 4-day milestone of a contract Dana manages, and what it will say.
    let (no, on) = acc
        .contracts
        .values()
        .filter(|c| c.contract_manager == dana)
        .map(|c| (c.number.clone(), lifecycle::notice_date(c.end_date, 4)))
        .filter(|(_, on)| *on > today)
        .min_by_key(|(_, on)| *on)
        .unwrap();
    let subject = format!("Alert: Contract {no} ends in 4 days");
    choose(&mut acc, dana, &[Alert::Renewals], today).unwrap();
    let told = |acc: &Account| alerts_to(acc, dana).iter().filter(|(_, s)| *s == subject).count();
    pass(&mut acc, on - Days::new(1));
    assert_eq!(told(&acc), 0, "not before its day");
    pass(&mut acc, on + Days::new(3));
    assert_eq!(told(&acc), 1);
    assert!(alerts_to(&acc, dana).contains(&(on, subject.clone())), "dated on its own day");
    pass(&mut acc, on + Days::new(3));
    pass(&mut acc, on + Days::new(4));
    assert_eq!(told(&acc), 1, "once, however often the check runs");
    pass(&mut acc, on - Days::new(1));
    assert_eq!(told(&acc), 0, "\"As of\" moved back before it: withdrawn");
    pass(&mut acc, on);
    assert_eq!(told(&acc), 1, "and sent again on its day");
    let body = &acc.outbox.iter().find(|e| e.subject == subject).unwrap().body;
    assert!(body.contains("Why you got this: you chose \"Renewal milestones\" on the Notifications page"), "{body}");
}

#[test]
fn rule_46_expired_suspended_and_canceled_are_told_on_their_days() {
    let (mut acc, today) = demo();
    let sam = id(&acc, "Sam Okafor");
    let t = *acc.teams.keys().next().unwrap();
    let (sub, s) = acc.teams[&t].subscriptions.iter().min_by_key(|(_, s)| s.end_date).unwrap();
    let (sub, end, product) = (sub.clone(), s.end_date, s.product.clone());
    choose(&mut acc, sam, &[Alert::Renewals], today).unwrap();
    pass(&mut acc, end + Days::new(120));
    let subjects: Vec<String> = alerts_to(&acc, sam).into_iter().map(|(_, s)| s).collect();
    let what = format!("{product} subscription {sub} in {}", acc.teams[&t].name);
    for status in ["Expired", "Suspended", "Canceled"] {
        assert!(subjects.contains(&format!("Alert: {what} is {status}")), "{status}: {subjects:?}");
    }
}

#[test]
fn nearly_full_is_told_once_at_once_and_again_only_after_the_line_had_room() {
    let (mut acc, today) = demo();
    let dana = id(&acc, "Dana Reyes");
    let expected = home::attention(&acc, dana, today).seats.len();
    assert!(expected > 0, "the demo has nearly full seats");
    choose(&mut acc, dana, &[Alert::NearlyFull], today).unwrap();
    assert_eq!(alerts_to(&acc, dana).len(), expected, "every nearly full line and pool, at once");
    pass(&mut acc, today + Days::new(1));
    choose(&mut acc, dana, &[Alert::NearlyFull, Alert::WeeklyDigest], today + Days::new(1)).unwrap();
    assert_eq!(alerts_to(&acc, dana).len(), expected, "not again while still full");
    // A line emptied has room: told again when it fills.
    let (no, line, holders) = acc
        .contracts
        .values()
        .flat_map(|c| c.lines.iter().map(move |(l, x)| (c, *l, x)))
        .filter(|(c, _, l)| c.contract_manager == dana && Seats::line(&acc, c, l, today).nearly_full())
        .map(|(c, l, x)| (c.number.clone(), l, x.holders.clone()))
        .next()
        .unwrap();
    let set = |acc: &mut Account, give: bool| {
        let access: Vec<LineAccess> = vec![LineAccess {
            contract: no.clone(),
            line,
            services: give.then(|| holders.values().next().unwrap().clone()),
            second_seat: true,
        }];
        let users = holders.keys().copied().collect();
        apply(acc, Actor::User(dana), Command::EditAccess { users, lines: access, benefits: vec![] }, today).unwrap();
    };
    set(&mut acc, false);
    assert!(!acc.alerts[&dana].full.keys().any(|k| k.starts_with(&format!("line {no} {line}"))));
    set(&mut acc, true);
    assert_eq!(alerts_to(&acc, dana).len(), expected + 1, "full again: told again");
}

#[test]
fn rules_19_20_an_invitation_is_told_on_its_last_day_and_on_the_day_it_lapsed() {
    let (mut acc, today) = demo();
    let sam = id(&acc, "Sam Okafor");
    let ava = invitations::pending(&acc, sam, today).into_iter().find(|p| p.name == "Ava Thompson").unwrap();
    choose(&mut acc, sam, &[Alert::Invitations], today).unwrap();
    assert!(alerts_to(&acc, sam).is_empty(), "invitations lapsed before the choice are not told");
    pass(&mut acc, ava.lapses_on + Days::new(2));
    let told = alerts_to(&acc, sam);
    assert!(told.iter().any(|(on, s)| *on == ava.lapses_on && s.ends_with("can be accepted today only")), "{told:?}");
    assert!(told.iter().any(|(on, s)| *on == ava.lapses_on + Days::new(1) && s.ends_with("lapsed")), "{told:?}");
    let last_day = acc.outbox.iter().find(|e| e.kind == EmailKind::Alert && e.sent_on == ava.lapses_on).unwrap();
    assert!(last_day.body.contains("Ava Thompson <"), "{}", last_day.body);
}

#[test]
fn the_weekly_digest_goes_out_once_on_the_latest_monday_passed() {
    let (mut acc, today) = demo();
    let dana = id(&acc, "Dana Reyes");
    choose(&mut acc, dana, &[Alert::WeeklyDigest], today).unwrap();
    // Three Mondays pass (30 Nov, 7 and 14 Dec): one digest, the latest week's.
    let wednesday = NaiveDate::from_ymd_opt(2026, 12, 16).unwrap();
    pass(&mut acc, wednesday);
    pass(&mut acc, wednesday);
    let monday = NaiveDate::from_ymd_opt(2026, 12, 14).unwrap();
    assert_eq!(alerts_to(&acc, dana), vec![(monday, "Alert: Your week of 2026-12-14".to_string())]);
    let body = &acc.outbox.iter().rev().find(|e| e.kind == EmailKind::Alert).unwrap().body;
    assert!(body.contains("Seats at risk in the next 30 days") && body.contains("Waiting for you"), "{body}");
}

#[test]
fn a_rule_s_shortfall_reaches_the_admins_who_chose_it_and_not_its_author_twice() {
    let (mut acc, today) = demo();
    let (dana, priya) = (id(&acc, "Dana Reyes"), id(&acc, "Priya Natarajan"));
    let no = ContractNo("110012345678".into());
    let (line, _) = acc.contracts[&no].lines.iter().find(|(_, l)| l.product == "Revit").unwrap();
    let line = *line;
    // The line full: the rule can't give its seat.
    let l = acc.contracts.get_mut(&no).unwrap().lines.get_mut(&line).unwrap();
    l.seats = l.holders.len() as u32;
    let grant = crate::domain::auto_assign::RuleGrant::Line { contract: no.clone(), line };
    apply(&mut acc, Actor::User(dana), Command::AddAssignRule { domain: "rules.example.com".into(), grant }, today)
        .unwrap();
    choose(&mut acc, priya, &[Alert::RuleShortfalls], today).unwrap();
    choose(&mut acc, dana, &[Alert::RuleShortfalls], today).unwrap();
    let add = Command::AddUser {
        email: "new@rules.example.com".into(),
        first_name: "New".into(),
        last_name: "Person".into(),
    };
    apply(&mut acc, Actor::User(dana), add, today).unwrap();
    let told = alerts_to(&acc, priya);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].1.contains("A rule could not give a seat"));
    assert!(alerts_to(&acc, dana).is_empty(), "the author has the rule's own email");
    assert!(acc.outbox.iter().any(|e| e.kind == EmailKind::RuleRefused && e.to == acc.users[&dana].email));
}

#[test]
fn a_choice_ticked_again_or_as_of_moved_before_it_sends_nothing_twice_nor_from_before_it() {
    let (mut acc, today) = demo();
    let dana = id(&acc, "Dana Reyes");
    choose(&mut acc, dana, &[Alert::NearlyFull, Alert::Renewals], today).unwrap();
    let told = alerts_to(&acc, dana).len();
    choose(&mut acc, dana, &[], today).unwrap();
    choose(&mut acc, dana, &[Alert::NearlyFull, Alert::Renewals], today).unwrap();
    assert_eq!(alerts_to(&acc, dana).len(), told, "unticked and ticked again the same day: nothing twice");
    // "As of" a month back and on again: nothing dated before the choice was made.
    pass(&mut acc, today - Days::new(30));
    pass(&mut acc, today);
    assert!(alerts_to(&acc, dana).iter().all(|(on, _)| *on >= today));
}

#[test]
fn someone_who_left_the_account_gets_no_alert_and_breaks_nothing() {
    let (mut acc, today) = demo();
    let sam = id(&acc, "Sam Okafor");
    choose(&mut acc, sam, &[Alert::WeeklyDigest], today).unwrap();
    acc.users.remove(&sam);
    pass(&mut acc, NaiveDate::from_ymd_opt(2026, 12, 16).unwrap());
    assert!(acc.outbox.iter().all(|e| e.kind != EmailKind::Alert || !e.to.contains("sam")));
}
