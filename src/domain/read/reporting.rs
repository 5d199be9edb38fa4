//! Reporting (issue 11; rules 46, 62): the activity log a person may see, with its filters and CSV export;
//! seat use per product line and pool; the renewal timeline of the next 12 months.

use super::export::write_csv;
use super::seats::Seats;
use crate::domain::ids::*;
use crate::domain::lifecycle::{self, Status};
use crate::domain::model::*;
use crate::domain::visibility::sees_activity;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The log's filters, kept in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<String>,
    pub actor: Option<String>,
    pub user: Option<UserId>,
    pub group: Option<GroupId>,
    pub product: Option<String>,
    pub contract: Option<ContractNo>,
    pub text: String,
}

/// The entries `viewer` may see that match the filter, newest first, as positions in the log.
pub fn log_entries(acc: &Account, viewer: UserId, f: &LogFilter) -> Vec<usize> {
    let text = f.text.trim().to_lowercase();
    let mut found: Vec<usize> = acc
        .activity
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            let t = &a.targets;
            f.from.is_none_or(|d| a.on >= d)
                && f.to.is_none_or(|d| a.on <= d)
                && f.kind.as_ref().is_none_or(|k| &a.kind == k)
                && f.actor.as_ref().is_none_or(|x| &a.actor == x)
                && f.user.is_none_or(|u| t.users.contains(&u))
                && f.group.is_none_or(|g| t.group == Some(g))
                && f.product.as_ref().is_none_or(|p| t.products.contains(p))
                && f.contract.as_ref().is_none_or(|c| t.contract.as_ref() == Some(c))
                && (text.is_empty() || a.what.to_lowercase().contains(&text) || a.actor.to_lowercase().contains(&text))
                && sees_activity(acc, viewer, a)
        })
        .map(|(i, _)| i)
        .collect();
    // Newest first; entries of one day stay in the order they were written, newest first too.
    found.sort_by(|a, b| acc.activity[*b].on.cmp(&acc.activity[*a].on).then(b.cmp(a)));
    found
}

/// The values the filters offer: what the visible entries hold (event types, actors, users, products,
/// contracts, groups), each sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogChoices {
    pub kinds: BTreeSet<String>,
    pub actors: BTreeSet<String>,
    pub users: Vec<(UserId, String)>,
    pub groups: Vec<(GroupId, String)>,
    pub products: BTreeSet<String>,
    pub contracts: BTreeSet<ContractNo>,
}

pub fn log_choices(acc: &Account, viewer: UserId) -> LogChoices {
    let mut c = LogChoices::default();
    let (mut users, mut groups) = (BTreeSet::new(), BTreeSet::new());
    for a in acc.activity.iter().filter(|a| sees_activity(acc, viewer, a)) {
        c.kinds.insert(a.kind.clone());
        c.actors.insert(a.actor.clone());
        users.extend(a.targets.users.iter().copied());
        groups.extend(a.targets.team.zip(a.targets.group));
        c.products.extend(a.targets.products.iter().cloned());
        c.contracts.extend(a.targets.contract.clone());
    }
    c.kinds.remove("");
    c.users = users.into_iter().filter(|u| acc.users.contains_key(u)).map(|u| (u, acc.name_of(u))).collect();
    c.users.sort_by(|a, b| a.1.cmp(&b.1));
    c.groups = groups
        .into_iter()
        .filter_map(|(t, g)| acc.teams.get(&t)?.groups.get(&g).map(|x| (g, x.name.clone())))
        .collect();
    c
}

/// The filtered log as CSV (which Autodesk's cannot do), formula cells neutralised.
pub fn log_csv(acc: &Account, entries: &[usize]) -> String {
    // The day it acted on ("As of", or the real day) and the real moment with its zone (issue 26).
    let header = [
        "As of day",
        "Real time",
        "Actor",
        "Event type",
        "Description",
        "Users",
        "Team",
        "Group",
        "Products",
        "Contract",
        "Serial numbers",
    ];
    let rows = entries.iter().filter_map(|i| acc.activity.get(*i)).map(|a| {
        let t = &a.targets;
        let team = t.team.and_then(|id| acc.teams.get(&id));
        let group = team.zip(t.group).and_then(|(team, g)| team.groups.get(&g)).map(|g| g.name.clone());
        vec![
            a.on.to_string(),
            a.time(),
            a.actor.clone(),
            a.kind.clone(),
            a.what.clone(),
            t.users.iter().map(|u| acc.name_of(*u)).collect::<Vec<_>>().join("; "),
            team.map(|t| t.name.clone()).unwrap_or_default(),
            group.unwrap_or_default(),
            t.products.join("; "),
            t.contract.as_ref().map(|c| c.to_string()).unwrap_or_default(),
            t.serials.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("; "),
        ]
    });
    write_csv(&header, rows)
}

/// One bar of the seat-use picture: a classic product line or a team's pool, counted by `Seats`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SeatUse {
    pub product: String,
    /// Where the seats are: "contract 110012345678 · 399-11111111" or "Contoso Engineering pool".
    pub place: String,
    pub now: Seats,
    /// The user list that holds these seats.
    pub link: String,
}

/// Every product line and pool `viewer` manages, with assigned against live seats.
pub fn seat_use(acc: &Account, viewer: UserId, today: NaiveDate) -> Vec<SeatUse> {
    let mut rows = Vec::new();
    for c in acc.contracts.values() {
        for l in c.lines.values().filter(|l| acc.manages_line(viewer, c, l)) {
            rows.push(SeatUse {
                product: l.product.clone(),
                place: format!("contract {} · {}", c.number, l.serial),
                now: Seats::line(acc, c, l, today),
                link: format!("/users/classic?contract={}&product={}", c.number, l.product),
            });
        }
    }
    for (id, t) in acc.teams.iter() {
        for p in t.products_seen_by(viewer) {
            rows.push(SeatUse {
                now: Seats::pool(t, &p, today),
                place: format!("{} pool", t.name),
                link: team_link(t, viewer, format!("/users/by-user?team={id}&product={p}"), "/reporting/seats"),
                product: p,
            });
        }
    }
    rows
}

/// One contract or subscription on the renewal timeline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Renewal {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub status: Status,
    /// People who lose access at the end date if it is not renewed (classic holders; pinned subscription
    /// holders and, for the pool, those beyond the seats left, rule 43).
    pub losing: usize,
    /// The renewal notices Autodesk sends (90, 45, 30, 4 days before a contract's end, none before its start)
    /// and their dates.
    pub notices: Vec<(u16, NaiveDate)>,
    pub link: String,
}

/// The timeline shows this many days from "As of".
pub const TIMELINE_DAYS: i64 = 365;

/// Every contract `viewer` is the contract manager of and every subscription of a team they administer, by end date.
pub fn renewals(acc: &Account, viewer: UserId, today: NaiveDate) -> Vec<Renewal> {
    let mut rows: Vec<Renewal> = acc
        .contracts
        .values()
        // Renewals and billing are the contract manager's alone (matrix, section 2).
        .filter(|c| c.contract_manager == viewer)
        .map(|c| Renewal {
            label: format!("Contract {}", c.number),
            start: c.start_date,
            end: c.end_date,
            status: lifecycle::status(c.end_date, c.term, today),
            losing: super::whatif::contract_losers(c).len(),
            notices: lifecycle::notices(c.start_date, c.end_date).collect(),
            link: format!("/billing/contracts/{}", c.number),
        })
        .collect();
    for (id, t) in acc.teams.iter() {
        for (sid, s) in t.subscriptions_seen_by(viewer) {
            let losing = super::whatif::subscription_impact(acc, t, sid, today).map_or(0, |i| i.people());
            rows.push(Renewal {
                label: format!("{sid} · {} ({})", s.product, t.name),
                start: s.start_date,
                end: s.end_date,
                status: lifecycle::status(s.end_date, s.term, today),
                losing,
                // Autodesk's reminders are the contract's; a subscription gets none of its own (rule 47).
                notices: Vec::new(),
                link: team_link(t, viewer, format!("/billing/subscriptions?team={id}"), "/reporting/renewals"),
            });
        }
    }
    rows.sort_by(|a, b| a.end.cmp(&b.end).then(a.label.cmp(&b.label)));
    rows
}

/// A link into a team's screens, or to the Reporting page `reporting` for an admin limited to Reporting
/// (issue 30), who opens none of them.
pub(crate) fn team_link(t: &Team, viewer: UserId, url: String, reporting: &str) -> String {
    if t.managed_by(viewer) {
        url
    } else {
        reporting.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::read::test_support::{demo as setup, id};
    use crate::domain::{apply, Actor, Command};

    #[test]
    fn rule_62_each_command_writes_typed_entries_about_what_it_changed() {
        let (mut acc, today) = setup();
        let (sam, tom) = (id(&acc, "Sam Okafor"), id(&acc, "Tom Becker"));
        let t = *acc.teams.keys().next().unwrap();
        let cmd = Command::UnassignProduct { team: t, user: tom, product: "AutoCAD".into() };
        apply(&mut acc, Actor::User(sam), cmd, today).unwrap();
        let a = acc.activity.last().unwrap();
        assert_eq!(
            (a.kind.as_str(), a.actor.as_str(), a.what.as_str()),
            ("Product unassigned", "Sam Okafor", "Unassigned AutoCAD from Tom Becker")
        );
        assert_eq!(
            (a.targets.team, a.targets.users.clone(), a.targets.products.clone()),
            (Some(t), vec![tom], vec!["AutoCAD".to_string()])
        );
        // An import's entries name the people it invited.
        let csv = "First name,Last name,Email\nNew,Person,new.person@x.com\n".to_string();
        apply(&mut acc, Actor::User(sam), Command::ImportTeamUsers { team: t, csv, groups: vec![] }, today).unwrap();
        assert_eq!(acc.activity.last().unwrap().targets.users, vec![id(&acc, "New Person")]);
        // A run over several people writes one line per step, each naming its own person and product.
        let people = crate::domain::read::team_migration::propose(
            &acc,
            t,
            &[id(&acc, "Kenji Tanaka"), id(&acc, "Mateo Garcia")],
            TeamRole::User,
        );
        apply(&mut acc, Actor::User(sam), Command::RunMigration { team: t, people }, today).unwrap();
        let mateo = acc.activity.iter().find(|a| a.what == "Assigned Revit to Mateo Garcia").unwrap();
        assert_eq!(
            (mateo.targets.users.clone(), mateo.targets.products.clone(), mateo.targets.team),
            (vec![id(&acc, "Mateo Garcia")], vec!["Revit".to_string()], Some(t))
        );
        // Autodesk's notices are entries too, dated on their own day, about their contract.
        let notices: Vec<&Activity> = acc.activity.iter().filter(|a| a.kind == "Renewal notice sent").collect();
        assert!(!notices.is_empty() && notices.iter().all(|a| a.actor == "Autodesk" && a.targets.contract.is_some()));
    }

    #[test]
    fn rule_62_a_coordinator_sees_their_serial_numbers_entries_and_filters_narrow_the_log() {
        let (mut acc, today) = setup();
        let (dana, priya, marcus) = (id(&acc, "Dana Reyes"), id(&acc, "Priya Natarajan"), id(&acc, "Marcus Lee"));
        let no = ContractNo::new("110012345678");
        let revit = *acc.contracts[&no].lines.iter().find(|(_, l)| l.product == "Revit").unwrap().0;
        let give = crate::domain::LineAccess {
            contract: no.clone(),
            line: revit,
            services: Some(["Cloud Storage".to_string()].into()),
            second_seat: false,
        };
        let kenji = id(&acc, "Kenji Tanaka");
        let cmd = Command::EditAccess { users: vec![kenji], lines: vec![give], benefits: vec![] };
        apply(&mut acc, Actor::User(dana), cmd, today).unwrap();
        let f = LogFilter { user: Some(kenji), ..Default::default() };
        assert_eq!(log_entries(&acc, dana, &f).len(), 1);
        assert_eq!(log_entries(&acc, priya, &f).len(), 1, "Revit is on Priya's serial number");
        assert!(log_entries(&acc, marcus, &f).is_empty(), "not Marcus's");
        let f = LogFilter {
            kind: Some("Access changed".into()),
            from: Some(today),
            text: "kenji".into(),
            ..Default::default()
        };
        let found = log_entries(&acc, dana, &f);
        let csv = log_csv(&acc, &found);
        assert!(csv.lines().nth(1).unwrap().contains(",Dana Reyes,Access changed,Access for Kenji Tanaka on contract 110012345678: gave Revit (399-22222222) with Cloud Storage,Kenji Tanaka,,,Revit,110012345678,399-22222222"), "{csv}");
    }

    #[test]
    fn rule_46_after_a_contract_ends_its_holders_are_on_no_live_seat() {
        let (acc, _) = setup();
        let dana = id(&acc, "Dana Reyes");
        let plan = &acc.contracts[&ContractNo("110012345678".into())];
        let later = plan.end_date + chrono::Duration::days(60);
        let rows = seat_use(&acc, dana, later);
        let autocad =
            rows.iter().find(|r| r.product == "AutoCAD" && r.place.starts_with("contract 110012345678")).unwrap();
        assert_eq!(autocad.now.summary(), "4 assigned · 0 of 5 seats live (Canceled)");
        assert_eq!(
            (autocad.now.used, autocad.now.live, autocad.now.percent(), autocad.now.nearly_full()),
            (4, 0, None, true)
        );
    }

    #[test]
    fn seat_use_marks_nearly_full_lines_and_the_timeline_counts_who_loses_access() {
        let (mut acc, today) = setup();
        let dana = id(&acc, "Dana Reyes");
        let rows = seat_use(&acc, dana, today);
        // One nearly-full rule (`seats::NEARLY_FULL_PERCENT`): 4 of 5 is nearly full in a pool and on a line.
        let revit_pool = rows.iter().find(|r| r.product == "Revit" && r.place == "Contoso Engineering pool").unwrap();
        assert_eq!((revit_pool.now.used, revit_pool.now.live, revit_pool.now.nearly_full()), (4, 5, true));
        let autocad =
            rows.iter().find(|r| r.product == "AutoCAD" && r.place.starts_with("contract 110012345678")).unwrap();
        assert_eq!((autocad.now.used, autocad.now.live, autocad.now.nearly_full()), (4, 5, true));
        let home = super::super::home::attention(&acc, dana, today);
        let flagged = rows.iter().filter(|r| r.now.nearly_full()).count();
        assert_eq!(home.seats.len(), flagged, "Home and Seat use flag the same lines and pools: {:?}", home.seats);
        let t = *acc.teams.keys().next().unwrap();
        let oliver = id(&acc, "Oliver Smith");
        let assign = Command::AssignProduct {
            team: t,
            user: oliver,
            product: "Revit".into(),
            source: SeatSource::Pool,
            items: None,
        };
        apply(&mut acc, Actor::User(dana), assign, today).unwrap();
        let full: Vec<SeatUse> =
            seat_use(&acc, dana, today).into_iter().filter(|r| r.now.percent() == Some(100)).collect();
        assert_eq!((full.len(), full[0].link.as_str()), (1, "/users/by-user?team=1028&product=Revit"));
        let timeline = renewals(&acc, dana, today);
        let revit_sub = timeline.iter().find(|r| r.label.starts_with("SUB-70021")).unwrap();
        assert_eq!(revit_sub.losing, 5, "the Revit pool is this subscription alone: its 5 holders");
        assert!(timeline.windows(2).all(|w| w[0].end <= w[1].end));
        assert!(renewals(&acc, id(&acc, "Tom Becker"), today).is_empty());
        let priya = renewals(&acc, id(&acc, "Priya Natarajan"), today);
        assert!(priya.iter().all(|r| r.label.starts_with("SUB-")), "a coordinator sees no contract's renewal");
    }
}
