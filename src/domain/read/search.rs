//! "Where is this seat?" (issue 18): from a contract number, serial number, subscription ID, product name or a
//! person's email, every place it lives, who holds and who manages it, its status and end date, with links to
//! the pages that change it. A person finds only what they may see: contract managers their contracts,
//! coordinators their serial numbers, team admins their teams, anyone their own products.

use crate::domain::ids::*;
use crate::domain::lifecycle;
use crate::domain::model::*;
use crate::domain::queries::ClassicRoles;
use crate::domain::read::seats::Seats;
use crate::domain::visibility::{searchable, sees_billing};
use chrono::NaiveDate;

/// One place where what was searched for lives.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Hit {
    pub title: String,
    pub facts: Vec<String>,
    /// (label, address) of the pages that change it.
    pub links: Vec<(String, String)>,
}

/// At most this many places are listed; a narrower search finds the rest.
pub const MAX_HITS: usize = 50;

/// What `viewer` may see of a contract: all of it as its CM, only the serial numbers they coordinate as an SC.
fn visible_serials(c: &Contract, viewer: UserId) -> Option<Vec<&SerialNo>> {
    if c.contract_manager == viewer {
        return Some(c.serials.keys().collect());
    }
    let mine: Vec<&SerialNo> = c.serials.keys().filter(|s| c.serials[*s].coordinator == Some(viewer)).collect();
    (!mine.is_empty()).then_some(mine)
}

fn contract_link(c: &Contract, viewer: UserId) -> (String, String) {
    if c.contract_manager == viewer {
        (format!("Contract {}", c.number), format!("/billing/contracts/{}", c.number))
    } else {
        (format!("Users of contract {}", c.number), format!("/users/classic?contract={}", c.number))
    }
}

fn status_fact(end: NaiveDate, term: Term, today: NaiveDate) -> String {
    let status = lifecycle::status(end, term, today);
    match lifecycle::days_to_end(end, today) {
        days if days < 0 => format!("Status: {} · ended {end} ({} days ago)", status.label(), -days),
        days => format!("Status: {} · ends {end} (in {days} days)", status.label()),
    }
}

fn line_facts(acc: &Account, c: &Contract, l: &ProductLine, today: NaiveDate) -> Vec<String> {
    let holders: Vec<String> = l.holders.keys().map(|u| acc.name_of(*u)).collect();
    let coordinator = c.coordinator(&l.serial).map(|u| acc.name_of(u)).unwrap_or_default();
    vec![
        holders_fact(Seats::line(acc, c, l, today).summary(), &holders),
        format!("Contract manager: {} · software coordinator: {coordinator}", acc.name_of(c.contract_manager)),
    ]
}

fn team_facts(acc: &Account, t: &Team, product: &str, today: NaiveDate) -> Vec<String> {
    let holders: Vec<String> = t.holders(product).into_iter().map(|u| acc.name_of(u)).collect();
    let pa = t.primary_admin().map(|u| acc.name_of(u)).unwrap_or_default();
    vec![
        holders_fact(format!("Pool: {}", Seats::pool(t, product, today).summary()), &holders),
        format!("Primary admin: {pa}"),
    ]
}

/// "4 of 5 seats used: Ana Lee, Bo Wu", or the seats alone when nobody holds one.
fn holders_fact(seats: String, holders: &[String]) -> String {
    match holders {
        [] => format!("{seats} · nobody assigned"),
        held => format!("{seats}: {}", held.join(", ")),
    }
}

/// Everything `viewer` may see that `query` names, most specific first.
pub fn find(acc: &Account, viewer: UserId, query: &str, today: NaiveDate) -> Vec<Hit> {
    // Numbers match with or without their hyphens and spaces, names in any case (`searchable`).
    let q = searchable(query);
    if q.len() < 2 {
        return Vec::new();
    }
    let matches = |text: &str| searchable(text).contains(&q);
    let mut hits = Vec::new();
    // Search leads to the team's screens: an admin limited to Reporting finds nothing there (issue 30).
    let teams: Vec<(&TeamId, &Team)> = acc.teams.iter().filter(|(_, t)| t.managed_by(viewer)).collect();
    for c in acc.contracts.values() {
        let Some(serials) = visible_serials(c, viewer) else { continue };
        let whole = c.contract_manager == viewer;
        if whole && matches(c.number.as_str()) {
            let subs: Vec<String> = acc
                .teams
                .values()
                .flat_map(|t| {
                    t.subscriptions
                        .iter()
                        .filter(|(_, s)| s.contract.as_ref() == Some(&c.number))
                        .map(|(id, _)| format!("{id} in {}", t.name))
                })
                .collect();
            let products: Vec<String> = c
                .lines
                .values()
                .map(|l| format!("{} ({})", l.product, Seats::line(acc, c, l, today).summary()))
                .collect();
            let mut facts = vec![
                status_fact(c.end_date, c.term, today),
                format!("Contract manager: {}", acc.name_of(c.contract_manager)),
                format!("Products: {}", products.join(", ")),
            ];
            if let Some(hub) = c.hub.and_then(|h| acc.hubs.get(&h)) {
                facts.push(format!("Team hub: {}", hub.name));
            }
            if !subs.is_empty() {
                facts.push(format!("Subscriptions in the new view: {}", subs.join(", ")));
            }
            hits.push(Hit { title: format!("Contract {}", c.number), facts, links: vec![contract_link(c, viewer)] });
        }
        for serial in serials.iter().filter(|s| matches(s.as_str())) {
            let mut facts = vec![status_fact(c.end_date, c.term, today)];
            for l in c.lines.values().filter(|l| &&l.serial == serial) {
                facts.push(l.product.clone());
                facts.extend(line_facts(acc, c, l, today));
            }
            let title = format!("Serial number {serial} on contract {}", c.number);
            hits.push(Hit { title, facts, links: vec![contract_link(c, viewer)] });
        }
        // A coordinator is shown "Revit on contract 110012345678": the contract's number finds those lines too.
        let by_number = !whole && matches(c.number.as_str());
        for l in c.lines.values().filter(|l| serials.contains(&&l.serial) && (by_number || matches(&l.product))) {
            let mut facts = vec![status_fact(c.end_date, c.term, today)];
            facts.extend(line_facts(acc, c, l, today));
            let title = format!("{} on contract {} (serial {})", l.product, c.number, l.serial);
            let users = (
                format!("Who holds {}", l.product),
                format!("/users/classic?contract={}&product={}", c.number, l.product),
            );
            hits.push(Hit { title, facts, links: vec![users, contract_link(c, viewer)] });
        }
    }
    for (tid, t) in &teams {
        let seen = t.products_seen_by(viewer);
        for (id, s) in t.subscriptions.iter().filter(|(id, s)| matches(id.as_str()) && seen.contains(&s.product)) {
            let mut facts = vec![status_fact(s.end_date, s.term, today)];
            facts.push(format!("{}: {} seats, {} tied to this ID", s.product, s.seats, t.pinned(id)));
            // The contract behind it is billing: its contract manager's (section 2).
            let bought = match &s.contract {
                _ if !sees_billing(acc, viewer, s) => String::new(),
                Some(c) => format!(" · contract {c}"),
                None => " · bought online".into(),
            };
            facts.push(format!("Owner: {}{bought}", acc.name_of(s.owner)));
            facts.extend(team_facts(acc, t, &s.product, today));
            let links = vec![("Subscriptions".to_string(), format!("/billing/subscriptions?team={tid}"))];
            hits.push(Hit { title: format!("Subscription {id} in {}", t.name), facts, links });
        }
        for product in seen.into_iter().filter(|p| matches(p)) {
            let facts = team_facts(acc, t, &product, today);
            let links = vec![("By Product".to_string(), format!("/users/by-product?team={tid}"))];
            hits.push(Hit { title: format!("{product} in the team {}", t.name), facts, links });
        }
    }
    hits.extend(own_products(acc, viewer, &matches, today));
    hits.extend(people(acc, viewer, &teams, &matches));
    hits.truncate(MAX_HITS);
    hits
}

/// The viewer's own products found by name where they don't manage them: "Fusion Team, yours on contract …".
fn own_products(acc: &Account, viewer: UserId, matches: &dyn Fn(&str) -> bool, today: NaiveDate) -> Vec<Hit> {
    let mine = || ("My products".to_string(), "/products".to_string());
    let classic = acc.contracts.values().flat_map(|c| {
        c.lines
            .values()
            .filter(move |l| l.holders.contains_key(&viewer) && !acc.manages_line(viewer, c, l) && matches(&l.product))
            .map(move |l| Hit {
                title: format!("{}: yours, on contract {}", l.product, c.number),
                facts: vec![status_fact(c.end_date, c.term, today)],
                links: vec![mine()],
            })
    });
    let teams = acc.teams.values().flat_map(|t| {
        // Found as "yours" unless found in the team's own hits (an admin limited to Reporting gets none).
        let managed = if t.managed_by(viewer) { t.products_seen_by(viewer) } else { Default::default() };
        let theirs = super::team::held_products(t, viewer).into_iter().filter(move |p| !managed.contains(&p.product));
        theirs.filter(|p| matches(&p.product)).map(|p| Hit {
            title: format!("{}: yours, in the team {}", p.product, t.name),
            facts: vec![p.label()],
            links: vec![mine()],
        })
    });
    classic.chain(teams).collect()
}

/// People by email: where each is a member and what they hold, for a classic admin (the classic list) and a
/// team's admins (its members); anyone finds themselves.
fn people(acc: &Account, viewer: UserId, teams: &[(&TeamId, &Team)], matches: &dyn Fn(&str) -> bool) -> Vec<Hit> {
    let classic_admin = acc.is_classic_admin(viewer);
    let roles = ClassicRoles::of(acc);
    let seen = |t: &Team, p: &str| crate::domain::visibility::sees_team_product(t, viewer, p);
    acc.users
        .iter()
        .filter(|(_, u)| matches(&u.email) || matches(&u.full_name()))
        .filter_map(|(id, u)| {
            let in_classic = u.classic.as_ref().filter(|_| classic_admin || *id == viewer);
            let in_teams: Vec<&(&TeamId, &Team)> = teams.iter().filter(|(_, t)| t.members.contains_key(id)).collect();
            if in_classic.is_none() && in_teams.is_empty() && *id != viewer {
                return None;
            }
            let mut facts = Vec::new();
            let mut links = Vec::new();
            if let Some(m) = in_classic {
                let products: Vec<String> = acc
                    .contracts
                    .values()
                    .flat_map(|c| {
                        c.lines
                            .values()
                            // Only the seats of lines the viewer manages (or their own).
                            .filter(|l| l.holders.contains_key(id) && (*id == viewer || acc.manages_line(viewer, c, l)))
                            .map(move |l| format!("{} ({})", l.product, c.number))
                    })
                    .collect();
                let status = if m.status == UserStatus::Active { "Active" } else { "Pending" };
                let mut fact = format!("Classic: {} · {status}", roles.role(*id).label());
                if !products.is_empty() {
                    fact.push_str(&format!(" · {}", products.join(", ")));
                }
                facts.push(fact);
                if classic_admin {
                    links.push(("Classic User Management".to_string(), format!("/users/classic?q={}", u.email)));
                }
            }
            for (tid, t) in in_teams {
                let m = &t.members[id];
                let held =
                    super::team::held_products(t, *id).into_iter().filter(|p| *id == viewer || seen(t, &p.product));
                let held: Vec<String> = held.map(|p| p.label()).collect();
                facts.push(format!("{}: {} · {} · {}", t.name, m.role.label(), m.status.label(), held.join(", ")));
                links.push((format!("By User in {}", t.name), format!("/users/by-user?team={tid}&q={}", u.email)));
            }
            if *id == viewer {
                links.push(("My products".to_string(), "/products".to_string()));
            }
            Some(Hit { title: format!("{} <{}>", u.full_name(), u.email), facts, links })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::read::test_support::{demo as setup, id};

    fn titles(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.title.as_str()).collect()
    }

    #[test]
    fn the_contract_manager_finds_a_serial_number_with_its_holders_and_coordinator() {
        let (acc, today) = setup();
        let hits = find(&acc, id(&acc, "Dana Reyes"), " 399-22222222 ", today);
        assert_eq!(titles(&hits), ["Serial number 399-22222222 on contract 110012345678"]);
        assert!(hits[0].facts.iter().any(|f| f.contains("software coordinator: Priya Natarajan")));
        assert_eq!(hits[0].links[0].1, "/billing/contracts/110012345678");
    }

    #[test]
    fn a_coordinator_finds_only_their_serial_numbers_and_never_the_contract_page() {
        let (acc, today) = setup();
        let priya = id(&acc, "Priya Natarajan");
        let hits = find(&acc, priya, "399-22222222", today);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].links[0].1, "/users/classic?contract=110012345678");
        // Issue 26: the contract's number finds the lines she is shown on it, never the contract page.
        let hits = find(&acc, priya, "110012345678", today);
        assert_eq!(
            titles(&hits),
            [
                "Revit on contract 110012345678 (serial 399-22222222)",
                "Navisworks Manage on contract 110012345678 (serial 399-22222222)"
            ]
        );
        assert!(hits[0].links.iter().all(|(_, to)| !to.starts_with("/billing")));
        let marcus = id(&acc, "Marcus Lee");
        assert!(find(&acc, marcus, "399-22222222", today).is_empty(), "another coordinator's serial number");
    }

    #[test]
    fn a_subscription_id_names_its_team_pool_owner_and_primary_admin() {
        let (acc, today) = setup();
        let hits = find(&acc, id(&acc, "Dana Reyes"), "sub-70012", today);
        assert_eq!(titles(&hits), ["Subscription SUB-70012 in Contoso Engineering"]);
        assert!(hits[0].facts.iter().any(|f| f == "AutoCAD: 2 seats, 1 tied to this ID"));
        assert!(hits[0].facts.iter().any(|f| f == "Primary admin: Sam Okafor"));
        assert!(find(&acc, id(&acc, "Tom Becker"), "sub-70012", today).is_empty(), "a team user sees no subscriptions");
    }

    #[test]
    fn a_product_or_an_email_is_found_everywhere_the_person_may_look() {
        let (acc, today) = setup();
        let dana = id(&acc, "Dana Reyes");
        let hits = find(&acc, dana, "Civil 3D", today);
        assert!(
            titles(&hits).contains(&"Civil 3D on contract 110012345678 (serial 399-11111111)"),
            "{:?}",
            titles(&hits)
        );
        assert!(titles(&hits).contains(&"Civil 3D in the team Contoso Site Services"));
        let hits = find(&acc, dana, "nina.kowalski@", today);
        assert_eq!(hits[0].facts.len(), 2, "classic and the team: {:?}", hits[0].facts);
        // A coordinator sees someone's seats only on the lines they manage.
        let marcus = find(&acc, id(&acc, "Marcus Lee"), "ingrid.larsen@", today);
        assert_eq!(marcus[0].facts, ["Classic: User · Active"]);
        // Anyone finds themselves, and nobody else.
        let luis = id(&acc, "Luis Ortega");
        assert_eq!(find(&acc, luis, "contoso-eng.com", today).len(), 1);
    }

    #[test]
    fn issue_26_numbers_match_without_hyphens_and_spaces_and_a_user_finds_their_own_products() {
        let (acc, today) = setup();
        let dana = id(&acc, "Dana Reyes");
        assert_eq!(
            titles(&find(&acc, dana, "399 11111111", today))[0],
            "Serial number 399-11111111 on contract 110012345678"
        );
        assert_eq!(titles(&find(&acc, dana, "SUB70011", today)), ["Subscription SUB-70011 in Contoso Engineering"]);
        let holder = acc.contracts.values().flat_map(|c| c.lines.values()).filter(|l| l.product == "Fusion Team");
        let user = holder.flat_map(|l| l.holders.keys()).find(|u| !acc.is_admin(**u)).copied().unwrap();
        let hits = find(&acc, user, "fusion team", today);
        assert!(titles(&hits).iter().any(|t| t.starts_with("Fusion Team: yours, on contract ")), "{:?}", titles(&hits));
        // An SSO admin finds the subscription, not the contract behind it (section 2).
        let elena = find(&acc, id(&acc, "Elena Petrova"), "SUB-70011", today);
        assert!(elena[0].facts.iter().all(|f| !f.contains("110012345678")), "{:?}", elena[0].facts);
    }
}
