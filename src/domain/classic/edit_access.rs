//! Edit Access (W3; rules 9–14): products, services and support benefits for one or more named users at
//! once, seats never over-assigned, and the live checks a screen asks before Save (`seat_check`,
//! `benefit_check`).

use super::*;

/// Edit Access for one or several users at once: the seat check covers all of them together (rules 9–15, W3).
pub fn edit_access(
    tx: &mut Tx,
    users: &[UserId],
    lines: Vec<LineAccess>,
    benefits: Vec<BenefitAccess>,
) -> Result<(), DomainError> {
    if users.is_empty() {
        return Err(DomainError::NothingEntered);
    }
    for &u in users {
        classic_user(tx.acc, u)?;
    }
    require_classic_admin(tx, "change access")?;
    let actor = tx.acting_user().expect("a person passed require");
    let today = tx.today;

    // Stage the holder maps of every touched line, then check them whole.
    let mut staged: BTreeMap<LineKey, BTreeMap<UserId, BTreeSet<String>>> = BTreeMap::new();
    let confirmed: BTreeSet<LineKey> =
        lines.iter().filter(|c| c.second_seat).map(|c| (c.contract.clone(), c.line)).collect();
    for change in &lines {
        let contract = tx.acc.contract(&change.contract)?;
        let line = contract
            .lines
            .get(&change.line)
            .ok_or_else(|| DomainError::Unknown { what: "product line", id: change.line.to_string() })?;
        if !tx.acc.manages_line(actor, contract, line) {
            return Err(DomainError::NotAllowed {
                actor: tx.actor_name(),
                action: "change access to this product",
                who: "its contract manager or its serial number's software coordinator",
            });
        }
        if let Some(services) = &change.services {
            if let Some(unknown) = services.iter().find(|s| !line.services.contains(s)) {
                return Err(DomainError::UnknownService { product: line.product.clone(), service: unknown.clone() });
            }
            if contract.access == Access::MultiUser && services.is_empty() {
                return Err(DomainError::NoServiceChosen { product: line.product.clone() });
            }
        }
        let holders = staged.entry((change.contract.clone(), change.line)).or_insert_with(|| line.holders.clone());
        for &u in users {
            match &change.services {
                Some(s) => holders.insert(u, s.clone()),
                None => holders.remove(&u),
            };
        }
    }
    for ((no, id), holders) in &staged {
        let contract = &tx.acc.contracts[no];
        let line = &contract.lines[id];
        let grows = holders.keys().any(|u| !line.holders.contains_key(u));
        if !grows {
            continue;
        }
        let status = tx.acc.contract_status(contract, today);
        if !status.grants_access() {
            return Err(DomainError::ContractUnusable { contract: no.to_string(), status: status.label() });
        }
        if !confirmed.contains(&(no.clone(), *id)) {
            for u in holders.keys().filter(|u| !line.holders.contains_key(u)) {
                if let Some(err) = second_seat(tx.acc, &staged, (no, *id), *u) {
                    return Err(err);
                }
            }
        }
        let needed = holders.keys().filter(|u| !line.holders.contains_key(u)).count();
        seat_check(&line.product, no, contract.access, line.seats, holders.len() - needed, needed)?;
    }

    let mut staged_benefits: BTreeMap<ContractNo, BTreeMap<UserId, BTreeSet<BenefitId>>> = BTreeMap::new();
    for change in &benefits {
        let contract = tx.acc.contract(&change.contract)?;
        if !tx.acc.manages_contract_users(actor, contract) {
            return Err(DomainError::NotAllowed {
                actor: tx.actor_name(),
                action: "change support benefits on this contract",
                who: "its contract manager or one of its software coordinators",
            });
        }
        if let Some(b) = change.benefits.iter().find(|b| !contract.benefits.contains_key(b)) {
            return Err(DomainError::Unknown { what: "benefit", id: b.to_string() });
        }
        let holders =
            staged_benefits.entry(change.contract.clone()).or_insert_with(|| contract.benefit_holders.clone());
        for &u in users {
            if change.benefits.is_empty() {
                holders.remove(&u);
            } else {
                holders.insert(u, change.benefits.clone());
            }
        }
    }
    for (no, holders) in &staged_benefits {
        let contract = &tx.acc.contracts[no];
        let needed = holders.keys().filter(|u| !contract.benefit_holders.contains_key(u)).count();
        benefit_check(no, contract.benefit_capacity(), holders.len() - needed, needed)?;
    }

    // The log names, per person and contract, what was given, removed or changed (issue 26).
    let notes = crate::domain::activity::access_notes(tx.acc, users, &staged, &staged_benefits);
    for ((no, id), holders) in staged {
        tx.acc.contracts.get_mut(&no).expect("checked").lines.get_mut(&id).expect("checked").holders = holders;
    }
    for (no, holders) in staged_benefits {
        tx.acc.contracts.get_mut(&no).expect("checked").benefit_holders = holders;
    }
    for &u in users {
        let name = tx.acc.name_of(u);
        let mut mine = notes.iter().filter(|n| n.user == u).peekable();
        if mine.peek().is_none() {
            tx.log_for(format!("Saved access for {name}: nothing changed"), u, None);
        }
        for n in mine {
            let what = format!("Access for {name} on contract {}: {}", n.contract, n.parts.join("; "));
            tx.log_about(today, what, n.targets.clone());
        }
        tx.events.push(Event::AccessChanged { user: u });
    }
    Ok(())
}

/// Refuses giving `needed` more users a place on a line whose other `kept` holders stay: seats are never
/// over-assigned (rule 9), 3 named users per multi-user seat (rule 11). Edit Access's live check uses it too.
pub fn seat_check(
    product: &str,
    contract: &ContractNo,
    access: Access,
    seats: u32,
    kept: usize,
    needed: usize,
) -> Result<(), DomainError> {
    let capacity = access.capacity(seats) as usize;
    let available = capacity.saturating_sub(kept);
    if needed <= available {
        return Ok(());
    }
    let (product, contract) = (product.to_string(), contract.to_string());
    Err(match access {
        Access::SingleUser => DomainError::NoSeatLeft { product, contract, seats, needed, available },
        Access::MultiUser => {
            DomainError::MultiUserLimit { product, contract, limit: capacity as u32, needed, available }
        }
    })
}

/// Refuses support benefits for `needed` more users when `kept` others keep theirs: up to 6 users per
/// purchased seat (rule 13). Edit Access's live check uses it too.
pub fn benefit_check(contract: &ContractNo, capacity: u32, kept: usize, needed: usize) -> Result<(), DomainError> {
    let available = (capacity as usize).saturating_sub(kept);
    if needed <= available {
        return Ok(());
    }
    Err(DomainError::BenefitLimit { contract: contract.to_string(), limit: capacity, needed, available })
}

/// A collection and a stand-alone product in it are both held only on purpose (issue 7): finds the other
/// line, as staged, through which `user` already has a product of `key`'s line.
pub(super) fn second_seat(
    acc: &Account,
    staged: &BTreeMap<LineKey, BTreeMap<UserId, BTreeSet<String>>>,
    key: (&ContractNo, LineId),
    user: UserId,
) -> Option<DomainError> {
    let line = &acc.contracts[key.0].lines[&key.1];
    for c in acc.contracts.values() {
        for (id, other) in &c.lines {
            let other_key = (c.number.clone(), *id);
            if (&c.number, *id) == key || !Contract::overlaps(line, other) {
                continue;
            }
            let holds = staged.get(&other_key).map_or(other.holders.contains_key(&user), |h| h.contains_key(&user));
            if holds {
                let product = if line.bundle.contains(&other.product) {
                    other.product.clone()
                } else if other.bundle.contains(&line.product) {
                    line.product.clone()
                } else {
                    line.bundle.iter().find(|p| other.bundle.contains(p)).cloned().unwrap_or_default()
                };
                let held = format!("{} on contract {}", other.product, c.number);
                return Some(DomainError::SecondSeat { user: acc.name_of(user), product, held });
            }
        }
    }
    None
}

/// "Assign All": every product and every service of a contract that the actor manages (rule 14).
pub fn assign_all(tx: &mut Tx, users: &[UserId], contract: &ContractNo) -> Result<(), DomainError> {
    let c = tx.acc.contract(contract)?;
    let actor = tx.acting_user();
    let lines: Vec<LineAccess> = c
        .lines
        .iter()
        .filter(|(_, l)| actor.is_some_and(|a| tx.acc.manages_line(a, c, l)))
        .filter(|(_, l)| c.access == Access::SingleUser || !l.services.is_empty())
        .map(|(id, l)| LineAccess {
            second_seat: false,
            contract: contract.clone(),
            line: *id,
            services: Some(l.services.iter().cloned().collect()),
        })
        .collect();
    if lines.is_empty() {
        return Err(DomainError::NotAllowed {
            actor: tx.actor_name(),
            action: "assign this contract's products",
            who: "its contract manager or its software coordinators",
        });
    }
    edit_access(tx, users, lines, Vec::new())
}
