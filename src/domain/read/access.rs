//! What Edit Access and Remove show: the lines a person manages with their seat use, and everything a
//! user would lose. Pure, so the live seat counts are tested natively.

use crate::domain::classic::{benefit_check, seat_check};
use crate::domain::error::DomainError;
use crate::domain::ids::*;
use crate::domain::lifecycle::status;
use crate::domain::model::*;
use crate::domain::read::seats::Seats;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// One product line in Edit Access, as seen for the selected users.
#[derive(Clone, Debug, PartialEq)]
pub struct AccessLine {
    pub line: LineId,
    pub product: String,
    pub release: String,
    pub serial: SerialNo,
    pub services: Vec<String>,
    /// The line's seats as every screen counts them: none live on a suspended contract (rule 46, issue 26).
    pub now: Seats,
    /// Holders outside the selection.
    pub others: usize,
    /// Holders among the selection.
    pub selected_holding: usize,
    /// What every selected user holds in common: `Some(services)` when all hold a seat.
    pub common: Option<BTreeSet<String>>,
    /// Products of an Industry Collection; empty for a single product.
    pub bundle: Vec<String>,
    /// Another line through which a selected user already has a product of this one (a second seat).
    pub overlap: Option<String>,
}

impl AccessLine {
    /// The seat check Save applies, for a live tick: giving the selected users a seat here (rules 9, 11).
    pub fn check(&self, contract: &ContractNo, access: Access, selected: usize) -> Result<(), DomainError> {
        let needed = selected.saturating_sub(self.selected_holding);
        if let (Some(status), true) = (self.now.no_access, needed > 0) {
            return Err(DomainError::ContractUnusable { contract: contract.to_string(), status: status.label() });
        }
        seat_check(&self.product, contract, access, self.now.seats, self.others + self.selected_holding, needed)
    }
    /// "1 of 3 seats available" with the draft saved, or why none is.
    pub fn available(&self, draft: Option<&Option<BTreeSet<String>>>, selected: usize) -> String {
        self.now.available(self.used_with(draft, selected))
    }

    /// Seats in use if the draft for this line is saved; `None` = untouched.
    pub fn used_with(&self, draft: Option<&Option<BTreeSet<String>>>, selected: usize) -> usize {
        match draft {
            None => self.others + self.selected_holding,
            Some(None) => self.others,
            Some(Some(_)) => self.others + selected,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AccessContract {
    pub number: ContractNo,
    pub multi_user: bool,
    pub status: &'static str,
    pub lines: Vec<AccessLine>,
    pub benefits: Vec<(BenefitId, String)>,
    pub benefit_capacity: usize,
    pub benefit_others: usize,
    pub benefit_selected_holding: usize,
    pub common_benefits: BTreeSet<BenefitId>,
}

impl AccessContract {
    /// "4 of 12 support places available (6 per seat)", with `used` places taken by the draft (rule 13).
    pub fn benefit_places(&self, used: usize) -> String {
        let free = self.benefit_capacity.saturating_sub(used);
        format!("{free} of {} support places available ({BENEFIT_PLACES_PER_SEAT} per seat)", self.benefit_capacity)
    }
    /// The support-benefit check Save applies, for a live tick: benefits for the selected users (rule 13).
    pub fn benefit_check(&self, selected: usize) -> Result<(), DomainError> {
        let needed = selected.saturating_sub(self.benefit_selected_holding);
        let kept = self.benefit_others + self.benefit_selected_holding;
        benefit_check(&self.number, self.benefit_capacity as u32, kept, needed)
    }
}

/// The contracts and lines `actor` may change for `users`: the CM sees whole contracts, a software
/// coordinator the lines of their serial numbers (rule 5).
pub fn edit_access_view(acc: &Account, actor: UserId, users: &[UserId], today: NaiveDate) -> Vec<AccessContract> {
    let selected: BTreeSet<UserId> = users.iter().copied().collect();
    // The lines any selected user already holds, for the second-seat check of each line shown.
    let held: Vec<(&ContractNo, LineId, &ProductLine)> = acc
        .contracts
        .values()
        .flat_map(|c| c.lines.iter().map(move |(id, l)| (&c.number, *id, l)))
        .filter(|(_, _, l)| selected.iter().any(|u| l.holders.contains_key(u)))
        .collect();
    acc.contracts
        .values()
        .filter(|c| acc.manages_contract_users(actor, c))
        .map(|c| {
            let lines = c
                .lines
                .iter()
                .filter(|(_, l)| acc.manages_line(actor, c, l))
                .map(|(id, l)| {
                    let selected_holding = selected.iter().filter(|u| l.holders.contains_key(u)).count();
                    let common = common_of(users.iter().map(|u| l.holders.get(u)));
                    let overlap = held
                        .iter()
                        .find(|(no2, id2, o)| (*no2, *id2) != (&c.number, *id) && Contract::overlaps(l, o))
                        .map(|(no2, _, o)| format!("{} on contract {no2}", o.product));
                    AccessLine {
                        bundle: l.bundle.clone(),
                        overlap,
                        line: *id,
                        product: l.product.clone(),
                        release: l.release.clone(),
                        serial: l.serial.clone(),
                        services: l.services.clone(),
                        now: Seats::line(acc, c, l, today),
                        others: l.holders.len() - selected_holding,
                        selected_holding,
                        common,
                    }
                })
                .collect();
            let benefit_selected_holding = selected.iter().filter(|u| c.benefit_holders.contains_key(u)).count();
            AccessContract {
                number: c.number.clone(),
                multi_user: c.access == Access::MultiUser,
                status: status(c.end_date, c.term, today).label(),
                lines,
                benefits: c.benefits.iter().map(|(id, n)| (*id, n.clone())).collect(),
                benefit_capacity: c.benefit_capacity() as usize,
                benefit_others: c.benefit_holders.len() - benefit_selected_holding,
                benefit_selected_holding,
                common_benefits: common_of(users.iter().map(|u| c.benefit_holders.get(u))).unwrap_or_default(),
            }
        })
        .collect()
}

/// The intersection of what each user holds, or `None` when someone holds nothing.
fn common_of<'a, T: Ord + Clone + 'a>(mut held: impl Iterator<Item = Option<&'a BTreeSet<T>>>) -> Option<BTreeSet<T>> {
    let mut common = held.next()??.clone();
    for h in held {
        common = common.intersection(h?).cloned().collect();
    }
    Some(common)
}

/// Who of a selection Remove takes, and who stays for a role (rule 6), found in one pass over the contracts
/// so that a selection of 10,000 opens at once (issue 32.3).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Removal {
    pub removable: Vec<UserId>,
    /// Each person kept, with why (a sentence naming the contract or serial number).
    pub kept: Vec<(UserId, String)>,
}

pub fn removal(acc: &Account, users: &[UserId]) -> Removal {
    let roles = crate::domain::ClassicRoles::of(acc);
    let mut r = Removal::default();
    for &u in users.iter().filter(|u| acc.users.contains_key(u)) {
        if roles.managers.contains(&u) || roles.coordinators.contains(&u) {
            let why = crate::domain::classic::removal_blocker(acc, u).map(|e| e.to_string()).unwrap_or_default();
            r.kept.push((u, why));
        } else {
            r.removable.push(u);
        }
    }
    r
}

/// What a user holds in the new view, which removing them from Classic User Management leaves as it is:
/// classic and new views keep separate user lists (rule 63). "AutoCAD in Contoso Engineering (Pool)".
pub fn team_seats_kept(acc: &Account, user: UserId) -> Vec<String> {
    acc.teams
        .values()
        .flat_map(|t| {
            super::team::held_products(t, user).into_iter().map(move |p| format!("{} in {}", p.label(), t.name))
        })
        .collect()
}

/// Everything a user holds, one line each, as the Remove confirmation lists it (rule 7).
pub fn access_of(acc: &Account, user: UserId) -> Vec<String> {
    access_of_each(acc, &[user]).remove(&user).unwrap_or_default()
}

/// `access_of` for several people in one pass over the contracts (a removal of thousands: issue 32.3).
pub fn access_of_each(acc: &Account, users: &[UserId]) -> std::collections::BTreeMap<UserId, Vec<String>> {
    let mut lost: std::collections::BTreeMap<UserId, Vec<String>> = users.iter().map(|u| (*u, Vec::new())).collect();
    let users: Vec<UserId> = lost.keys().copied().collect();
    let users = &users[..];
    for c in acc.contracts.values() {
        for l in c.lines.values() {
            for (u, services) in each_held(&l.holders, users) {
                let Some(mine) = lost.get_mut(u) else { continue };
                let services: Vec<&str> = services.iter().map(String::as_str).collect();
                let with = if services.is_empty() { String::new() } else { format!(" with {}", services.join(", ")) };
                mine.push(format!("{} {} on contract {}{with}", l.product, l.release, c.number));
            }
        }
        for (u, held) in each_held(&c.benefit_holders, users) {
            let Some(mine) = lost.get_mut(u) else { continue };
            let names: Vec<&str> = held.iter().filter_map(|b| c.benefits.get(b).map(String::as_str)).collect();
            mine.push(format!("Support benefits on contract {}: {}", c.number, names.join(", ")));
        }
    }
    lost
}

/// The holdings of `users` among `holders`: looked up one by one for a few users (removing one person at
/// 10,000 users looks at 2,000 lines, not 20,000 seats), walked whole for many.
fn each_held<'a, T>(
    holders: &'a std::collections::BTreeMap<UserId, T>,
    users: &'a [UserId],
) -> Box<dyn Iterator<Item = (&'a UserId, &'a T)> + 'a> {
    if users.len() < holders.len() {
        Box::new(users.iter().filter_map(|u| holders.get_key_value(u)))
    } else {
        Box::new(holders.iter())
    }
}
