//! A large generated account, for the scale benchmark and the 10,000-user browser test.

use crate::domain::*;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

const SERIALS_PER_CONTRACT: u32 = 10;
const PRODUCTS: u32 = 50;
const SEATS: u32 = 12;

/// A generated account of `users` named users and `contracts` contracts of 10 serial numbers each, one
/// product line (of 50 products, 12 seats, 10 taken) per serial number. It keeps every rule.
pub fn scale_account(users: u32, contracts: u32, today: NaiveDate) -> Account {
    let d = |days: i64| today + chrono::Duration::days(days);
    let mut acc = Account { company: "Scale Test Engineering".into(), ..Default::default() };
    // Contract managers and coordinators have accepted, as every role holder must (W5, W7).
    let role_holders = 100 + contracts * 5 + SERIALS_PER_CONTRACT;
    for i in 1..=users {
        let status = if i % 7 == 0 && i > role_holders { UserStatus::Pending } else { UserStatus::Active };
        let classic = Some(ClassicMembership { status, invited_on: d(-(i as i64 % 200)), resent_on: None });
        let user = User {
            email: format!("user{i}@scale-eng.com"),
            first_name: format!("First{i}"),
            last_name: format!("Last{i}"),
            classic,
        };
        acc.users.insert(UserId(i), user);
    }
    let mut next = users;
    let mut holder = 0u32;
    for c in 0..contracts {
        let number = ContractNo(format!("11{:010}", c));
        let mut serials = BTreeMap::new();
        let mut lines = BTreeMap::new();
        for s in 0..SERIALS_PER_CONTRACT {
            let serial = SerialNo(format!("{:03}-{:08}", 300 + c % 500, c * SERIALS_PER_CONTRACT + s));
            let coordinator = (s % 2 == 0).then_some(UserId(100 + c * 5 + s));
            serials.insert(serial.clone(), SerialNumber { license_type: LicenseType::StandAlone, coordinator });
            let services = vec!["Cloud Storage".to_string(), "Cloud Rendering".to_string(), "Web app".to_string()];
            let mut holders = BTreeMap::new();
            for _ in 0..SEATS - 2 {
                holders.insert(UserId(holder % users + 1), services.iter().take(2).cloned().collect::<BTreeSet<_>>());
                holder += 1;
            }
            next += 1;
            let product = format!("Product {:02}", (c * SERIALS_PER_CONTRACT + s) % PRODUCTS);
            lines.insert(
                LineId(next),
                ProductLine {
                    serial,
                    product,
                    release: "2027".into(),
                    seats: SEATS,
                    services,
                    download: true,
                    bundle: Vec::new(),
                    holders,
                },
            );
        }
        let benefits: BTreeMap<BenefitId, String> = ["Web support", "Software downloads"]
            .iter()
            .map(|b| {
                next += 1;
                (BenefitId(next), b.to_string())
            })
            .collect();
        let first_benefit = *benefits.keys().next().unwrap();
        let benefit_holders =
            (0..20).map(|k| (UserId((c * 37 + k) % users + 1), BTreeSet::from([first_benefit]))).collect();
        acc.contracts.insert(
            number.clone(),
            Contract {
                number,
                kind: ContractKind::Subscription,
                channel: Channel::Reseller,
                access: Access::SingleUser,
                start_date: d(-100),
                end_date: d(100 + c as i64),
                term: Term::Annual,
                auto_renew: false,
                reseller: Some(Reseller { name: "Reseller".into(), email: "r@x.com".into() }),
                support_level: "Standard".into(),
                contract_manager: UserId(1 + c % 20),
                serials,
                lines,
                benefits,
                benefit_holders,
                hub: None,
                renewal_notices_sent: BTreeSet::new(),
            },
        );
    }
    acc.next_id = next;
    add_teams(&mut acc, users, today);
    super::seed::seed_usage(&mut acc, today);
    invariants::check(&acc).expect("the scale account keeps every rule");
    acc
}

/// Members of the big team; the small one has a tenth of them. User 1, a contract manager, is primary admin of
/// the big team and secondary admin of the small one, so both show in the team switcher.
const TEAM_MEMBERS: u32 = 3_000;

/// The new view at scale: a team of up to 3,000 members with ten products from the pool (a third of
/// them hold one), groups, and a second, small team (issue 10).
fn add_teams(acc: &mut Account, users: u32, today: NaiveDate) {
    let d = |days: i64| today + chrono::Duration::days(days);
    for (k, name) in ["Scale Engineering", "Scale Site Services"].into_iter().enumerate() {
        let size = (TEAM_MEMBERS / (1 + 9 * k as u32)).min(users);
        let (pa, sa) = if k == 0 { (1, 2) } else { (3, 1) };
        let members = (1..=size)
            .map(|i| {
                let role = match i {
                    _ if i == pa => TeamRole::PrimaryAdmin,
                    _ if i == sa => TeamRole::SecondaryAdmin,
                    _ => TeamRole::User,
                };
                let status = if i % 11 == 0 { TeamStatus::Invited } else { TeamStatus::Verified };
                (UserId(i), TeamMember::new(role, status, d(-(i as i64 % 300))))
            })
            .collect();
        let products = 10 / (1 + k as u32 * 4);
        let services = vec!["Cloud Storage".to_string(), "Web app".to_string()];
        let subscriptions = (0..products * 2)
            .map(|p| {
                let id = SubscriptionId(format!("SUB-{}{:04}", 8 + k, p));
                let sub = Subscription {
                    product: format!("Product {:02}", p / 2),
                    seats: size / 5,
                    contract: None,
                    start_date: d(-200),
                    end_date: d(165 + p as i64 * 20),
                    term: Term::Annual,
                    owner: UserId(1),
                    services: services.clone(),
                    auto_renew: p % 2 == 0,
                };
                (id, sub)
            })
            .collect();
        // A third of the members hold one product each, spread over the products.
        let direct = (1..=size)
            .filter(|i| i % 3 == 0)
            .map(|i| (UserId(i), BTreeMap::from([(format!("Product {:02}", i % products), SeatSource::Pool)])))
            .collect();
        let groups = (0..3)
            .map(|g| {
                acc.next_id += 1;
                let members = (1..=size).filter(|i| i % 3 != 0 && i % 7 == g).map(UserId).take(50).collect();
                let products = if g == 0 { BTreeSet::from(["Product 00".to_string()]) } else { BTreeSet::new() };
                (GroupId(acc.next_id), Group { name: format!("Group {}", g + 1), members, products })
            })
            .collect();
        acc.next_id += 1;
        let team = Team { name: name.into(), members, subscriptions, groups, direct, items: BTreeMap::new() };
        acc.teams.insert(TeamId(acc.next_id), team);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_scale_account_keeps_every_rule() {
        // `scale_account` checks every invariant before it returns (the role holders have accepted, W5, W7).
        let acc = super::scale_account(2_000, 200, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert_eq!(acc.contracts.len(), 200);
        assert_eq!(acc.teams.len(), 2);
    }

    #[test]
    fn the_10000_user_account_with_its_teams_and_usage_fits_local_storage() {
        let acc = super::scale_account(10_000, 200, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert_eq!(acc.teams.values().map(|t| t.members.len()).collect::<Vec<_>>(), [3_000, 300]);
        assert!(acc.usage.values().map(|u| u.len()).sum::<usize>() > 10_000, "every seat holder's use");
        let env = crate::storage::Envelope::new(acc);
        // Folding the journal rewrites the snapshot while the old one is still stored: two packed copies, the
        // journal must fit in the browser's 5 MiB of UTF-16 (README, issue 13).
        let stored = crate::storage::encode_stored(&env).chars().count();
        assert!(stored < 400_000, "{stored} characters");
        // The backup file (Export data) is plain JSON, within what Import data accepts.
        let backup = crate::storage::encode(&env).len();
        assert!(backup < crate::storage::MAX_IMPORT_BYTES * 7 / 10, "{backup} bytes");
    }
}
