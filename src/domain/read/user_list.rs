//! The Classic User Management list: every named user with role, status and products, filtered by
//! contract, product, service, benefit, role and text (rule 58). Pure, so it is tested and benchmarked natively.

use crate::domain::ids::*;
use crate::domain::model::*;
use crate::domain::names::name_key;
use crate::domain::queries::{ClassicRole, ClassicRoles};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserFilter {
    pub contract: Option<ContractNo>,
    pub product: Option<String>,
    pub service: Option<String>,
    pub benefit: Option<String>,
    pub role: Option<ClassicRole>,
    pub text: String,
}

/// What the list's filters offer (rule 58): the contracts, and the products, services and benefits on them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterChoices {
    pub contracts: Vec<String>,
    pub products: BTreeSet<String>,
    pub services: BTreeSet<String>,
    pub benefits: BTreeSet<String>,
}

pub fn filter_choices(acc: &Account) -> FilterChoices {
    let lines = || acc.contracts.values().flat_map(|c| c.lines.values());
    FilterChoices {
        contracts: acc.contracts.keys().map(|n| n.to_string()).collect(),
        products: lines().map(|l| l.product.clone()).collect(),
        services: lines().flat_map(|l| l.services.iter().cloned()).collect(),
        benefits: acc.contracts.values().flat_map(|c| c.benefits.values().cloned()).collect(),
    }
}

/// How many contracts, product lines and benefits there are: no command that leaves people alone changes
/// `filter_choices` without changing this (`tests/properties.rs`), so the filters are read again only then.
pub fn catalog_size(acc: &Account) -> (usize, usize, usize) {
    let count = |f: fn(&Contract) -> usize| acc.contracts.values().map(f).sum();
    (acc.contracts.len(), count(|c| c.lines.len()), count(|c| c.benefits.len()))
}

impl UserFilter {
    /// The filter in words, for a bulk action's confirmation (issue 32.2): "contract 110012345678, role Software
    /// Coordinator, name or email “kenji”", or `None` for the whole list.
    pub fn describe(&self) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.contract.as_ref().map(|c| format!("contract {c}")));
        parts.extend(self.product.as_ref().map(|p| format!("product {p}")));
        parts.extend(self.service.as_ref().map(|s| format!("service {s}")));
        parts.extend(self.benefit.as_ref().map(|b| format!("benefit {b}")));
        parts.extend(self.role.map(|r| format!("role {}", r.label())));
        in_words(parts, &self.text)
    }
}

/// A list's filters and search text as one phrase, or `None` when nothing narrows the list.
pub(crate) fn in_words(mut parts: Vec<String>, text: &str) -> Option<String> {
    let text = text.trim();
    if !text.is_empty() {
        parts.push(format!("name or email “{text}”"));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UserRow {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: ClassicRole,
    pub status: UserStatus,
    /// A pending invitation older than 90 days (rule 19).
    pub needs_resend: bool,
    /// Product names the user holds, in contract order, without repeats.
    pub products: Vec<String>,
}

/// Which users hold which products: one pass over every line, for a whole list render. A seat on a contract
/// that gives no access today is named with its status, "3ds Max (Suspended)" (rule 46).
pub fn products_by_user(acc: &Account, today: NaiveDate, of: &BTreeSet<UserId>) -> BTreeMap<UserId, Vec<String>> {
    let mut map: BTreeMap<UserId, Vec<String>> = BTreeMap::new();
    for c in acc.contracts.values() {
        let status = acc.contract_status(c, today);
        for l in c.lines.values() {
            let name =
                if status.grants_access() { l.product.clone() } else { format!("{} ({})", l.product, status.label()) };
            for u in l.holders.keys().filter(|u| of.contains(u)) {
                let list = map.entry(*u).or_default();
                if !list.contains(&name) {
                    list.push(name.clone());
                }
            }
        }
    }
    map
}

/// Users matching the contract/product/service/benefit filters, found from the lines' holder maps
/// rather than by scanning every user; `None` when no such filter is set.
fn matching_holders(acc: &Account, f: &UserFilter) -> Option<BTreeSet<UserId>> {
    if f.contract.is_none() && f.product.is_none() && f.service.is_none() && f.benefit.is_none() {
        return None;
    }
    let contracts = acc.contracts.values().filter(|c| f.contract.as_ref().is_none_or(|n| &c.number == n));
    let mut found = BTreeSet::new();
    for c in contracts {
        let by_lines = f.product.is_some() || f.service.is_some() || f.benefit.is_none();
        let mut on_contract: BTreeSet<UserId> = BTreeSet::new();
        if by_lines {
            // A collection counts for each product in it.
            for l in
                c.lines.values().filter(|l| f.product.as_ref().is_none_or(|p| &l.product == p || l.bundle.contains(p)))
            {
                on_contract.extend(
                    l.holders
                        .iter()
                        .filter(|(_, s)| f.service.as_ref().is_none_or(|want| s.contains(want)))
                        .map(|(u, _)| *u),
                );
            }
        }
        if let Some(b) = &f.benefit {
            let ids: BTreeSet<BenefitId> = c.benefits.iter().filter(|(_, n)| *n == b).map(|(id, _)| *id).collect();
            let holders =
                c.benefit_holders.iter().filter(|(_, held)| held.iter().any(|h| ids.contains(h))).map(|(u, _)| *u);
            on_contract =
                if by_lines { holders.filter(|u| on_contract.contains(u)).collect() } else { holders.collect() };
        }
        found.extend(on_contract);
    }
    Some(found)
}

/// The named users in list order (role, then name) with what the search looks at, built once per change of
/// the account so that a keystroke only compares text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserIndex {
    people: Vec<(ClassicRole, String, UserId, String)>,
}

pub fn user_index(acc: &Account) -> UserIndex {
    let roles = ClassicRoles::of(acc);
    let mut people: Vec<_> = acc.users.iter().filter_map(|(id, u)| entry(&roles, *id, u)).collect();
    people.sort_unstable();
    UserIndex { people }
}

fn entry(roles: &ClassicRoles, id: UserId, u: &User) -> Option<(ClassicRole, String, UserId, String)> {
    u.classic.is_some().then(|| (roles.role(id), name_key(&u.full_name()), id, u.email.clone()))
}

impl UserIndex {
    /// The index after a change that touched only `ids` (`Command::people_touched`): their entries taken out
    /// and put back as `acc` has them, in list order, instead of the whole index built again (issue 28.5).
    pub fn patched(&self, acc: &Account, ids: &[UserId]) -> UserIndex {
        let mut people: Vec<_> = self.people.iter().filter(|p| !ids.contains(&p.2)).cloned().collect();
        let roles = ClassicRoles::of(acc);
        for id in ids {
            let Some(e) = acc.users.get(id).and_then(|u| entry(&roles, *id, u)) else { continue };
            if let Err(at) = people.binary_search(&e) {
                people.insert(at, e);
            }
        }
        UserIndex { people }
    }
}

/// The named users matching the filter, in list order: only ids, so a keystroke over 10,000 people builds no
/// rows; `user_rows` draws the ones a page shows.
pub fn classic_user_ids(acc: &Account, index: &UserIndex, f: &UserFilter) -> Vec<UserId> {
    let holders = matching_holders(acc, f);
    let text = name_key(f.text.trim());
    index
        .people
        .iter()
        .filter(|(role, name, id, email)| {
            holders.as_ref().is_none_or(|h| h.contains(id))
                && f.role.is_none_or(|r| *role == r)
                && (text.is_empty() || email.contains(&text) || name.contains(&text))
        })
        .map(|(_, _, id, _)| *id)
        .collect()
}

/// The rows of the given named users, as the list shows them.
pub fn user_rows(acc: &Account, ids: &[UserId], today: NaiveDate) -> Vec<UserRow> {
    let roles = ClassicRoles::of(acc);
    let wanted: BTreeSet<UserId> = ids.iter().copied().collect();
    let products = products_by_user(acc, today, &wanted);
    ids.iter()
        .filter_map(|id| {
            let u = acc.users.get(id)?;
            let m = u.classic.as_ref()?;
            Some(UserRow {
                id: *id,
                name: u.full_name(),
                email: u.email.clone(),
                role: roles.role(*id),
                status: m.status,
                needs_resend: m.needs_resend(today),
                products: products.get(id).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

pub fn classic_user_list(acc: &Account, f: &UserFilter, today: NaiveDate) -> Vec<UserRow> {
    user_rows(acc, &classic_user_ids(acc, &user_index(acc), f), today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_32_a_filter_in_words_for_a_bulk_confirmation() {
        assert_eq!(UserFilter::default().describe(), None, "the whole list");
        let f = UserFilter {
            contract: Some(ContractNo::new("110012345678")),
            role: Some(ClassicRole::SoftwareCoordinator),
            text: " kenji ".into(),
            ..Default::default()
        };
        assert_eq!(f.describe().unwrap(), "contract 110012345678, role Software Coordinator, name or email “kenji”");
    }
}
