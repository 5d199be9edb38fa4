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
    invariants::check(&acc).expect("the scale account keeps every rule");
    acc
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_scale_account_keeps_every_rule() {
        // `scale_account` checks every invariant before it returns (the role holders have accepted, W5, W7).
        let acc = super::scale_account(2_000, 200, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert_eq!(acc.contracts.len(), 200);
    }
}
