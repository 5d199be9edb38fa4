//! Who administers a contract: the software coordinator of each serial number (W7; rules 3–4) and the
//! contract manager, who names the next one (W5; rules 1–2, 34–36).

use super::*;

/// Only the contract manager names software coordinators, one per serial number; the previous one
/// loses the role for these serial numbers only (rules 3–4, W7). Naming the CM clears the slot (rule 2).
pub fn assign_coordinator(tx: &mut Tx, no: &ContractNo, serials: &[SerialNo], user: UserId) -> Result<(), DomainError> {
    let contract = tx.acc.contract(no)?;
    require_manager(tx, no, "assign software coordinators")?;
    if serials.is_empty() {
        return Err(DomainError::NothingEntered);
    }
    if let Some(s) = serials.iter().find(|s| !contract.serials.contains_key(s)) {
        return Err(DomainError::Unknown { what: "serial number", id: s.to_string() });
    }
    let name = active_named_user(tx.acc, user)?;
    if serials.iter().all(|s| contract.coordinator(s) == Some(user)) {
        return Err(DomainError::AlreadyCoordinator { user: name, serial: serials[0].to_string() });
    }
    let slot = (user != contract.contract_manager).then_some(user);
    let mut replaced = BTreeSet::new();
    let c = tx.acc.contracts.get_mut(no).expect("checked");
    for s in serials {
        let serial = c.serials.get_mut(s).expect("checked");
        replaced.extend(serial.coordinator.filter(|old| *old != user));
        serial.coordinator = slot;
    }
    let list = serials.iter().map(SerialNo::to_string).collect::<Vec<_>>().join(", ");
    let to = tx.acc.users[&user].email.clone();
    tx.send(
        EmailKind::RoleChange,
        &to,
        format!("You are now the software coordinator for contract {no}"),
        format!("Hi {name},\n\nYou are now the software coordinator for serial number(s) {list} on contract {no}. You can add users and assign them products and services, and you will receive new-release notices."),
    );
    for old in replaced {
        let (to, old_name) = (tx.acc.users[&old].email.clone(), tx.acc.name_of(old));
        tx.send(
            EmailKind::RoleChange,
            &to,
            format!("You are no longer a software coordinator for contract {no}"),
            format!("Hi {old_name},\n\n{name} is now the software coordinator for serial number(s) {list} on contract {no}."),
        );
    }
    for s in serials {
        tx.events.push(Event::CoordinatorAssigned { contract: no.clone(), serial: s.clone(), user });
    }
    tx.log(format!("Made {name} software coordinator for {list} on contract {no}"));
    Ok(())
}

/// The current contract manager hands the role on; store purchases can't be transferred (rules 34–36, W5).
/// The new manager becomes a secondary admin of the contract's teams; the primary admin stays (rule 29).
pub fn change_contract_manager(tx: &mut Tx, no: &ContractNo, user: UserId) -> Result<(), DomainError> {
    let contract = tx.acc.contract(no)?;
    require_manager(tx, no, "change the contract manager")?;
    if contract.channel == Channel::OnlineStore {
        return Err(DomainError::TransferNotAllowed { contract: no.to_string() });
    }
    let name = active_named_user(tx.acc, user)?;
    let old = contract.contract_manager;
    if old == user {
        return Err(DomainError::AlreadyContractManager { user: name, contract: no.to_string() });
    }
    let c = tx.acc.contracts.get_mut(no).expect("checked");
    c.contract_manager = user;
    // A named coordinator who becomes CM holds the role through the CM slot from now on (rule 2).
    for s in c.serials.values_mut().filter(|s| s.coordinator == Some(user)) {
        s.coordinator = None;
    }
    let linked: Vec<TeamId> = tx
        .acc
        .teams
        .iter()
        .filter(|(_, t)| t.subscriptions.values().any(|s| s.contract.as_ref() == Some(no)))
        .map(|(id, _)| *id)
        .collect();
    let teams = if linked.is_empty() { tx.acc.teams.keys().take(1).copied().collect() } else { linked };
    let today = tx.today;
    for t in teams {
        let team = tx.acc.teams.get_mut(&t).expect("listed");
        for sub in team.subscriptions.values_mut().filter(|s| s.contract.as_ref() == Some(no)) {
            sub.owner = user;
        }
        let member = team.members.entry(user).or_insert(TeamMember::new(TeamRole::User, TeamStatus::Verified, today));
        if member.role == TeamRole::User {
            member.role = TeamRole::SecondaryAdmin;
        }
        // The owner of the team's subscriptions administers them: no limit (issue 30).
        member.limit = None;
    }
    let old_name = tx.acc.name_of(old);
    for (who, subject, body) in [
        (user, format!("You are now the contract manager of {no}"), format!("Hi {name},\n\n{old_name} has made you the contract manager of contract {no}. Renewal notices, invoices and subscription emails now come to you.")),
        (old, format!("You are no longer the contract manager of {no}"), format!("Hi {old_name},\n\n{name} is now the contract manager of contract {no}.")),
    ] {
        let to = tx.acc.users[&who].email.clone();
        tx.send(EmailKind::RoleChange, &to, subject, body);
    }
    tx.log(format!("Made {name} contract manager of {no} (was {old_name})"));
    tx.events.push(Event::ContractManagerChanged { contract: no.clone(), user });
    Ok(())
}
