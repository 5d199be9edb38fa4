//! Auto-assign rules (issue 12): "new users whose email ends in @structural.contoso-eng.com get Revit from the
//! team pool" or "… get AutoCAD on contract 110012345678". Rules apply in order when a person is added (Add and
//! Bulk Add for a classic line; Invite, Invite multiple and the CSV import for a team), and can be run once over
//! the people already there. Each grant goes through the ordinary handler (Edit Access, Assign) with the
//! permission of the rule's author, so a rule never over-assigns: when the seats run out the person is added
//! without the product, the report names the rule and the reason, and the author gets one email listing them.

use super::apply::Tx;
use super::command::LineAccess;
use super::error::DomainError;
use super::event::Event;
use super::ids::*;
use super::model::{Account, EmailKind, SeatSource};
use super::{classic, team, Actor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignRule {
    /// The part of the email after "@", lower-case.
    pub domain: String,
    pub grant: RuleGrant,
    /// Who wrote it: the rule assigns with their permission.
    pub author: UserId,
}

/// Who the rules serve first when seats run short (issue 27.5): `first` in this order, then everyone else in
/// the users lists' order (by name); the people `left_out` get nothing from this run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatOrder {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub first: Vec<UserId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<UserId>,
}

impl SeatOrder {
    /// `items` in this order: those of the people put first, in that order, then the rest as they were; none
    /// of the people left out (a migration plan's people: issue 27.5).
    pub fn arrange<T>(&self, items: Vec<T>, user: impl Fn(&T) -> UserId) -> Vec<T> {
        let (rank, left_out) = self.sorting();
        let mut items: Vec<T> = items.into_iter().filter(|i| !left_out.contains(&user(i))).collect();
        items.sort_by_key(|i| rank(user(i)));
        items
    }

    /// A person's place (their index among those put first, else after all of them) and who is left out.
    fn sorting(&self) -> (impl Fn(UserId) -> usize, BTreeSet<UserId>) {
        let first: std::collections::HashMap<UserId, usize> =
            self.first.iter().enumerate().map(|(i, u)| (*u, i)).collect();
        (move |u| first.get(&u).copied().unwrap_or(usize::MAX), self.left_out.iter().copied().collect())
    }
}

/// What a rule gives: a seat on a classic product line, or a product from a team's pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleGrant {
    Line { contract: ContractNo, line: LineId },
    Team { team: TeamId, product: String },
}

impl AssignRule {
    pub fn matches(&self, email: &str) -> bool {
        email.rsplit_once('@').is_some_and(|(_, d)| d == self.domain)
    }

    /// "AutoCAD on contract 110012345678 · 399-11111111" or "Revit from the Contoso Engineering pool".
    pub fn gives(&self, acc: &Account) -> String {
        match &self.grant {
            RuleGrant::Line { contract, line } => match acc.contracts.get(contract).and_then(|c| c.lines.get(line)) {
                Some(l) => format!("{} on contract {contract} · {}", l.product, l.serial),
                None => format!("a product line no longer on contract {contract}"),
            },
            RuleGrant::Team { team, product } => {
                let name = acc.teams.get(team).map_or("a team no longer in the account", |t| t.name.as_str());
                format!("{product} from the {name} pool")
            }
        }
    }

    /// The product it gives, as Usage names it.
    pub fn product(&self, acc: &Account) -> Option<String> {
        match &self.grant {
            RuleGrant::Line { contract, line } => {
                acc.contracts.get(contract).and_then(|c| c.lines.get(line)).map(|l| l.product.clone())
            }
            RuleGrant::Team { product, .. } => Some(product.clone()),
        }
    }

    /// The rule in words, as the rules page lists it.
    pub fn describe(&self, acc: &Account) -> String {
        format!("New users whose email ends in @{} get {}", self.domain, self.gives(acc))
    }
}

/// A domain as the admin typed it ("@Structural.Contoso-Eng.com ") made plain, or why it is not one.
pub fn check_domain(text: &str) -> Result<String, DomainError> {
    let d = text.trim().trim_start_matches('@').to_lowercase();
    let labels_ok = d
        .split('.')
        .all(|l| !l.is_empty() && !l.starts_with('-') && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if d.contains('.') && labels_ok {
        Ok(d)
    } else {
        Err(DomainError::BadRuleDomain { text: text.trim().to_string() })
    }
}

/// May `actor` write or remove a rule with this grant: whoever may assign that product (issue 12).
fn require_grant(tx: &Tx, grant: &RuleGrant, action: &'static str) -> Result<(), DomainError> {
    match grant {
        RuleGrant::Line { contract, line } => {
            let c = tx.acc.contract(contract)?;
            let l =
                c.lines.get(line).ok_or_else(|| DomainError::Unknown { what: "product line", id: line.to_string() })?;
            let (acc, c) = (&*tx.acc, c);
            tx.require(
                |_, u| acc.manages_line(u, c, l),
                action,
                "its contract manager or its serial number's software coordinator",
            )
        }
        RuleGrant::Team { team: t, product } => {
            team::require_admin(tx, *t, action)?;
            team::known_product(&tx.acc.teams[t], product)
        }
    }
}

pub fn add(tx: &mut Tx, domain: &str, grant: RuleGrant) -> Result<(), DomainError> {
    require_grant(tx, &grant, "write auto-assign rules for this product")?;
    // A suspended or canceled contract gives no seat (rule 46): a rule on it could never apply.
    if let RuleGrant::Line { contract, .. } = &grant {
        let status = tx.acc.contracts.get(contract).map(|c| tx.acc.contract_status(c, tx.today));
        if let Some(status) = status.filter(|s| !s.grants_access()) {
            return Err(DomainError::ContractUnusable { contract: contract.to_string(), status: status.label() });
        }
    }
    let domain = check_domain(domain)?;
    let author = tx.acting_user().expect("a person passed require");
    let rule = AssignRule { domain, grant, author };
    if tx.acc.assign_rules.iter().any(|r| r.domain == rule.domain && r.grant == rule.grant) {
        return Err(DomainError::SameRule { rule: rule.describe(tx.acc) });
    }
    tx.log(format!("Added the auto-assign rule: {}", rule.describe(tx.acc)));
    tx.acc.assign_rules.push(rule);
    Ok(())
}

pub fn delete(tx: &mut Tx, index: usize) -> Result<(), DomainError> {
    let rule = tx.acc.assign_rules.get(index).cloned();
    let rule = rule.ok_or_else(|| DomainError::Unknown { what: "auto-assign rule", id: (index + 1).to_string() })?;
    require_grant(tx, &rule.grant, "remove auto-assign rules for this product")?;
    tx.log(format!("Removed the auto-assign rule: {}", rule.describe(tx.acc)));
    tx.acc.assign_rules.remove(index);
    Ok(())
}

/// Where a person was just added: as a classic named user, or to a team.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AddedTo {
    Classic,
    Team(TeamId),
}

/// The rules that could not give someone their product in this command: (author, line for the email).
pub type Refused = Vec<(UserId, String)>;

/// Applies, in order, the rules for `user`'s email that fit where they were added; a grant refused (no seat
/// left, the author no longer allowed) leaves them without it, reported and kept for the author's email.
pub fn apply_to(tx: &mut Tx, user: UserId, to: AddedTo, refused: &mut Refused) {
    let email = tx.acc.users[&user].email.clone();
    let rules: Vec<(usize, AssignRule)> =
        tx.acc.assign_rules.iter().cloned().enumerate().filter(|(_, r)| r.matches(&email)).collect();
    for (i, rule) in rules {
        let fits = match (&rule.grant, to) {
            (RuleGrant::Line { .. }, AddedTo::Classic) => true,
            (RuleGrant::Team { team, .. }, AddedTo::Team(t)) => *team == t,
            _ => false,
        };
        if !fits || holds(tx.acc, user, &rule.grant) {
            continue;
        }
        let written = tx.acc.activity.len();
        let acting = std::mem::replace(&mut tx.actor, Actor::User(rule.author));
        let done = grant(tx, user, &rule.grant);
        tx.actor = acting;
        tx.events.push(Event::RuleReached { rule: i, user, given: done.is_ok() });
        let name = tx.acc.name_of(user);
        match done {
            Ok(()) => {
                for a in &mut tx.acc.activity[written..] {
                    a.what = format!("{} (auto-assign rule {}: @{})", a.what, i + 1, rule.domain);
                }
            }
            Err(e) => {
                let line =
                    format!("{name}: rule {} (@{}) could not give {}: {e}", i + 1, rule.domain, rule.gives(tx.acc));
                tx.events.push(Event::RuleRefused { user, what: line.clone() });
                refused.push((rule.author, line));
            }
        }
    }
}

/// Whether `user` holds what a rule gives (or a request asks for) already.
pub(crate) fn holds(acc: &Account, user: UserId, grant: &RuleGrant) -> bool {
    match grant {
        RuleGrant::Line { contract, line } => {
            acc.contracts.get(contract).and_then(|c| c.lines.get(line)).is_some_and(|l| l.holders.contains_key(&user))
        }
        RuleGrant::Team { team, product } => acc.teams.get(team).is_some_and(|t| t.holds(user, product)),
    }
}

/// Gives `user` what a rule gives (or an approved request asks for), as the acting admin, every rule checked.
pub(crate) fn grant(tx: &mut Tx, user: UserId, grant: &RuleGrant) -> Result<(), DomainError> {
    match grant {
        RuleGrant::Line { contract, line } => {
            let l = tx.acc.contract(contract)?.lines.get(line);
            let services =
                l.ok_or_else(|| DomainError::Unknown { what: "product line", id: line.to_string() })?.services.clone();
            let access = LineAccess {
                contract: contract.clone(),
                line: *line,
                services: Some(services.into_iter().collect()),
                second_seat: true,
            };
            classic::edit_access(tx, &[user], vec![access], Vec::new())
        }
        RuleGrant::Team { team: t, product } => team::assign(tx, *t, user, product, SeatSource::Pool, None),
    }
}

/// What the rules could not give in a command, for its confirmation: " Added without what a rule gives: …".
pub fn refusals_note(events: &[Event]) -> String {
    let lines: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::RuleRefused { what, .. } => Some(what.as_str()),
            _ => None,
        })
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!(" Added without what a rule gives (the rule's author was emailed): {}", lines.join("; "))
    }
}

/// One email to each author whose rules could not be applied in this command, listing them.
pub fn report(tx: &mut Tx, refused: Refused) {
    let mut authors: Vec<UserId> = refused.iter().map(|(a, _)| *a).collect();
    authors.dedup();
    for author in authors {
        let lines: Vec<&str> = refused.iter().filter(|(a, _)| *a == author).map(|(_, l)| l.as_str()).collect();
        let Some(u) = tx.acc.users.get(&author) else { continue };
        let (to, first) = (u.email.clone(), u.first_name.clone());
        let subject = if lines.len() == 1 {
            "An auto-assign rule could not give 1 person their product".to_string()
        } else {
            format!("Auto-assign rules could not give {} people their product", lines.len())
        };
        let body = format!(
            "Hi {first},\n\nThese people were added without the product a rule gives them:\n{}\n\nFree or buy seats, then assign them by hand or run the rules again.",
            lines.join("\n")
        );
        tx.send(EmailKind::RuleRefused, &to, subject, body);
    }
}

/// Runs every rule once over the people already there, in order (issue 12: "run once, with a preview first"),
/// serving people in `order` (issue 27.5).
pub fn run(tx: &mut Tx, order: &SeatOrder) -> Result<(), DomainError> {
    if tx.acc.assign_rules.is_empty() {
        return Err(DomainError::NoRules);
    }
    let author_may = tx.acc.assign_rules.iter().any(|r| require_grant(tx, &r.grant, "run auto-assign rules").is_ok());
    if !author_may {
        require_grant(tx, &tx.acc.assign_rules[0].grant.clone(), "run auto-assign rules")?;
    }
    let mut refused = Refused::new();
    // Scarce seats go to the people the admin put first, then in the order the users lists show, by name
    // (issue 27.5: they went by id, the admins first), so the preview's "Not given" are the last of that list.
    let (rank, left_out) = order.sorting();
    let place = |acc: &Account, u: &UserId| (rank(*u), super::names::name_key(&acc.users[u].full_name()), *u);
    let mut classic: Vec<UserId> = tx
        .acc
        .users
        .iter()
        .filter(|(id, u)| u.classic.is_some() && !left_out.contains(id))
        .map(|(id, _)| *id)
        .collect();
    classic.sort_by_cached_key(|u| place(tx.acc, u));
    for u in classic {
        apply_to(tx, u, AddedTo::Classic, &mut refused);
    }
    let mut members: Vec<(TeamId, UserId)> = tx
        .acc
        .teams
        .iter()
        .flat_map(|(t, team)| team.members.keys().map(move |u| (*t, *u)))
        .filter(|(_, u)| !left_out.contains(u))
        .collect();
    members.sort_by_cached_key(|(t, u)| (*t, place(tx.acc, u)));
    for (t, u) in members {
        apply_to(tx, u, AddedTo::Team(t), &mut refused);
    }
    report(tx, refused);
    Ok(())
}

/// The grants `viewer` may write rules for: lines they manage, and the products of teams they administer.
pub fn grant_choices(acc: &Account, viewer: UserId, today: chrono::NaiveDate) -> Vec<(RuleGrant, String)> {
    let mut out = Vec::new();
    for c in acc.contracts.values().filter(|c| acc.contract_status(c, today).grants_access()) {
        for (id, l) in c.lines.iter().filter(|(_, l)| acc.manages_line(viewer, c, l)) {
            let grant = RuleGrant::Line { contract: c.number.clone(), line: *id };
            out.push((grant, format!("{} on contract {} · {}", l.product, c.number, l.serial)));
        }
    }
    // Rules are an admin's without a limit (`team::require_admin`; issue 30).
    for (id, t) in acc.teams.iter().filter(|(_, t)| t.wholly_administered_by(viewer)) {
        for p in t.products() {
            out.push((RuleGrant::Team { team: *id, product: p.clone() }, format!("{p} from the {} pool", t.name)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::read::test_support::{demo, id};
    use crate::domain::{apply, Command};

    fn line_rule(acc: &Account, product: &str) -> (RuleGrant, UserId, ContractNo, LineId) {
        let (c, line) = acc
            .contracts
            .values()
            .find_map(|c| c.lines.iter().find(|(_, l)| l.product == product).map(|(id, _)| (c, *id)))
            .unwrap();
        (RuleGrant::Line { contract: c.number.clone(), line }, c.contract_manager, c.number.clone(), line)
    }

    #[test]
    fn a_rule_gives_its_product_to_a_new_user_of_its_domain_only() {
        let (mut acc, today) = demo();
        let (grant, cm, no, line) = line_rule(&acc, "Revit");
        let add = Command::AddAssignRule { domain: " @Structural.Contoso-Eng.com".into(), grant };
        apply(&mut acc, Actor::User(cm), add, today).unwrap();
        assert_eq!(acc.assign_rules[0].domain, "structural.contoso-eng.com");
        let person =
            |email: &str| Command::AddUser { email: email.into(), first_name: "Ana".into(), last_name: "Lima".into() };
        apply(&mut acc, Actor::User(cm), person("ana.lima@structural.contoso-eng.com"), today).unwrap();
        apply(&mut acc, Actor::User(cm), person("ana.other@contoso-eng.com"), today).unwrap();
        let holders = &acc.contracts[&no].lines[&line].holders;
        let ana = acc.user_by_email("ana.lima@structural.contoso-eng.com").unwrap();
        assert!(holders.contains_key(&ana), "the rule gave Revit with all its services");
        assert_eq!(holders[&ana].len(), acc.contracts[&no].lines[&line].services.len());
        assert!(!holders.contains_key(&acc.user_by_email("ana.other@contoso-eng.com").unwrap()));
        assert!(acc.activity.iter().any(|a| a.what.ends_with("(auto-assign rule 1: @structural.contoso-eng.com)")));
    }

    #[test]
    fn a_rule_never_over_assigns_it_reports_and_emails_its_author() {
        let (mut acc, today) = demo();
        let (grant, cm, no, line) = line_rule(&acc, "AutoCAD");
        apply(&mut acc, Actor::User(cm), Command::AddAssignRule { domain: "new.contoso-eng.com".into(), grant }, today)
            .unwrap();
        let free = {
            let c = &acc.contracts[&no];
            c.capacity(&c.lines[&line]) as usize - c.lines[&line].holders.len()
        };
        let text: Vec<String> = (0..free + 2).map(|i| format!("p{i}.x@new.contoso-eng.com")).collect();
        let events = apply(&mut acc, Actor::User(cm), Command::BulkAdd { text: text.join("; ") }, today).unwrap();
        let added = events.iter().filter(|e| matches!(e, Event::UserAdded { .. })).count();
        assert_eq!(added, free + 2, "everyone is added");
        let c = &acc.contracts[&no];
        assert_eq!(c.lines[&line].holders.len() as u32, c.capacity(&c.lines[&line]), "never over the seats (rule 9)");
        let refused: Vec<&Event> = events.iter().filter(|e| matches!(e, Event::RuleRefused { .. })).collect();
        assert_eq!(refused.len(), 2);
        assert!(!events.iter().any(|e| matches!(e, Event::EntrySkipped { .. })));
        let note = refusals_note(&events);
        assert!(
            note.starts_with(" Added without what a rule gives") && note.matches("could not give AutoCAD").count() == 2
        );
        let mail = acc.outbox.iter().rfind(|e| e.kind == EmailKind::RuleRefused).unwrap();
        assert_eq!(mail.to, acc.users[&cm].email);
        assert_eq!(mail.subject, "Auto-assign rules could not give 2 people their product");
        assert!(mail.body.contains("could not give AutoCAD on contract"), "{}", mail.body);
    }

    /// Issue 27.5: "Run the rules" gives scarce seats in the users lists' order, by name, not by id (which put
    /// the admins first): with two seats short, the last two names of the list are the ones not given.
    #[test]
    fn run_the_rules_gives_scarce_seats_in_the_lists_order_by_name() {
        let (mut acc, today) = demo();
        let (grant, cm, no, line) = line_rule(&acc, "AutoCAD");
        let free = {
            let c = &acc.contracts[&no];
            c.capacity(&c.lines[&line]) as usize - c.lines[&line].holders.len()
        };
        // Added before the rule, in an order that is not the names' (Zoe first, Adam last).
        let names = ["Zoe Young", "Mia Ng", "Bo Chen", "Ivy Fox", "Adam Abbot", "Eli Diaz", "Kim Lee", "Uma Roy"];
        let text: Vec<String> =
            names.iter().take(free + 2).map(|n| format!("{n} <{}@new.contoso-eng.com>", n.replace(' ', "."))).collect();
        apply(&mut acc, Actor::User(cm), Command::BulkAdd { text: text.join("; ") }, today).unwrap();
        apply(&mut acc, Actor::User(cm), Command::AddAssignRule { domain: "new.contoso-eng.com".into(), grant }, today)
            .unwrap();
        let events = apply(&mut acc, Actor::User(cm), Command::RunAssignRules, today).unwrap();
        let not_given: Vec<String> = events
            .iter()
            .filter_map(|e| match e {
                Event::RuleRefused { user, .. } => Some(acc.name_of(*user)),
                _ => None,
            })
            .collect();
        let mut by_name: Vec<&str> = names.iter().take(free + 2).copied().collect();
        by_name.sort_by_key(|n| n.to_lowercase());
        assert_eq!(not_given, by_name[free..], "the last of the list by name go without");
    }

    /// Issue 27.5: the admin changes the order before running: people put first get the seats, people left
    /// out get nothing, and the preview's queue shows it in the order the run gives.
    #[test]
    fn the_order_the_admin_chose_decides_who_gets_the_scarce_seats() {
        use crate::domain::read::{preview, seat_queue};
        let (mut acc, today) = demo();
        let (grant, cm, no, line) = line_rule(&acc, "AutoCAD");
        let free = {
            let c = &acc.contracts[&no];
            c.capacity(&c.lines[&line]) as usize - c.lines[&line].holders.len()
        };
        let names = ["Ángel Ruiz", "Bo Chen", "Eli Diaz", "Ivy Fox", "Kim Lee", "Mia Ng", "Uma Roy", "Zoe Young"];
        let names = &names[..free + 2];
        let text: Vec<String> =
            names.iter().enumerate().map(|(i, n)| format!("{n} <p{i}@new.contoso-eng.com>")).collect();
        apply(&mut acc, Actor::User(cm), Command::BulkAdd { text: text.join("; ") }, today).unwrap();
        apply(&mut acc, Actor::User(cm), Command::AddAssignRule { domain: "new.contoso-eng.com".into(), grant }, today)
            .unwrap();
        let run = |acc: &Account, order: SeatOrder| {
            let (_, events) = preview(acc, Actor::User(cm), Command::RunAssignRulesInOrder { order }, today).unwrap();
            seat_queue::of_rules(acc, &events)
        };
        // The lists' order: accents sort with their letter, so Ángel is first, not last.
        let queue = run(&acc, SeatOrder::default());
        let shown: Vec<&str> = queue.iter().map(|q| q.name.as_str()).collect();
        assert_eq!(shown, names);
        assert!(queue[..free].iter().all(|q| q.given) && queue[free..].iter().all(|q| !q.given));
        // The last one put first, the first one left out: the last is given, the one before them isn't.
        let (last, first) = (queue[free + 1].user, queue[0].user);
        let queue = run(&acc, SeatOrder { first: vec![last], left_out: vec![first] });
        assert_eq!(queue[0].user, last);
        assert!(queue[0].given && !queue.iter().any(|q| q.user == first));
        assert_eq!(queue.iter().filter(|q| !q.given).map(|q| q.name.as_str()).collect::<Vec<_>>(), [names[free]]);
        // Most recent use first: someone who used AutoCAD yesterday goes before everyone who never did.
        let product = acc.assign_rules[0].product(&acc).unwrap();
        let used = acc.usage.entry(product).or_default();
        used.insert(queue[free].user, crate::domain::usage::UseRecord::first(today.pred_opt().unwrap()));
        let queue = run(&acc, SeatOrder::default());
        assert_eq!(queue[free].last_used, today.pred_opt());
        assert_eq!(seat_queue::recent_first(&queue)[0], queue[free].user);
    }

    #[test]
    fn only_who_may_assign_the_product_writes_its_rule_and_bad_domains_are_refused() {
        let (mut acc, today) = demo();
        let (grant, cm, ..) = line_rule(&acc, "AutoCAD");
        let tom = id(&acc, "Tom Becker");
        let add = |d: &str| Command::AddAssignRule { domain: d.into(), grant: grant.clone() };
        let refused = apply(&mut acc, Actor::User(tom), add("x.com"), today).unwrap_err();
        assert!(matches!(refused, DomainError::NotAllowed { .. }), "{refused}");
        for bad in ["", "contoso", "a@b.com@", "x..com", "-x.com", "x y.com"] {
            let e = apply(&mut acc, Actor::User(cm), add(bad), today).unwrap_err();
            assert_eq!(e, DomainError::BadRuleDomain { text: bad.trim().into() });
        }
        apply(&mut acc, Actor::User(cm), add("x.com"), today).unwrap();
        assert!(matches!(apply(&mut acc, Actor::User(cm), add("X.com"), today), Err(DomainError::SameRule { .. })));
        assert!(matches!(
            apply(&mut acc, Actor::User(tom), Command::DeleteAssignRule { index: 0 }, today),
            Err(DomainError::NotAllowed { .. })
        ));
        apply(&mut acc, Actor::User(cm), Command::DeleteAssignRule { index: 0 }, today).unwrap();
        assert!(acc.assign_rules.is_empty());
    }

    #[test]
    fn a_team_rule_gives_from_the_pool_on_invite_and_running_the_rules_reaches_people_already_there() {
        let (mut acc, today) = demo();
        let (t, team) = acc.teams.iter().next().map(|(k, t)| (*k, t.clone())).unwrap();
        let admin = team.primary_admin().unwrap();
        let product = team.products().into_iter().find(|p| team.free_seats(p, today) >= 2).unwrap();
        let grant = RuleGrant::Team { team: t, product: product.clone() };
        apply(&mut acc, Actor::User(admin), Command::AddAssignRule { domain: "contoso-eng.com".into(), grant }, today)
            .unwrap();
        let invite = Command::InviteTeamUser {
            team: t,
            email: "nia.ode@contoso-eng.com".into(),
            first_name: "Nia".into(),
            last_name: "Ode".into(),
            groups: vec![],
        };
        apply(&mut acc, Actor::User(admin), invite, today).unwrap();
        let nia = acc.user_by_email("nia.ode@contoso-eng.com").unwrap();
        assert!(acc.teams[&t].holders(&product).contains(&nia));
        // Members already there without the product get it from what is free, never more.
        let free = acc.teams[&t].free_seats(&product, today);
        let before = acc.teams[&t].holders(&product).len();
        apply(&mut acc, Actor::User(admin), Command::RunAssignRules, today).unwrap();
        let after = acc.teams[&t].holders(&product).len();
        assert!(after > before || free == 0);
        assert!(after <= acc.teams[&t].pool_seats(&product, Some(today)) as usize);
    }

    /// A rule can't give seats of a contract that gives none (suspended or canceled, rule 46); such lines are
    /// not offered either.
    #[test]
    fn a_rule_on_a_contract_that_gives_no_seat_is_refused_and_not_offered() {
        let (mut acc, today) = demo();
        let (grant, cm, no, _) = line_rule(&acc, "Revit");
        let later = acc.contracts[&no].end_date + chrono::Duration::days(200);
        let refused = apply(&mut acc, Actor::User(cm), Command::AddAssignRule { domain: "x.com".into(), grant }, later);
        assert!(matches!(refused, Err(DomainError::ContractUnusable { .. })), "{refused:?}");
        assert!(grant_choices(&acc, cm, today).iter().any(|(_, l)| l.contains(no.as_str())));
        assert!(!grant_choices(&acc, cm, later).iter().any(|(_, l)| l.contains(no.as_str())));
    }
}
