//! Contract roles, Team hubs, renewal notices and Autodesk's own changes (W5, W7–W9; rules 1–4, 8, 29, 34–36, 46–57).

use super::apply::{require, Tx};
use super::command::{Actor, Event, HubChoice};
use super::error::DomainError;
use super::ids::*;
use super::lifecycle;
use super::model::*;
use std::collections::BTreeSet;

fn require_manager(tx: &Tx, contract: &ContractNo, action: &'static str) -> Result<(), DomainError> {
    let no = contract.clone();
    tx.require(
        move |acc, u| acc.contracts.get(&no).is_some_and(|c| c.contract_manager == u),
        action,
        "the contract's contract manager",
    )
}

/// A named user who has accepted the invitation, as every role holder must be.
pub(super) fn active_named_user(acc: &Account, id: UserId) -> Result<String, DomainError> {
    let user = acc.user(id)?;
    match &user.classic {
        None => Err(DomainError::NotNamedUser { user: user.full_name() }),
        Some(m) if m.status == UserStatus::Pending => Err(DomainError::NotYetAccepted { user: user.full_name() }),
        Some(_) => Ok(user.full_name()),
    }
}

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
        let member = team.members.entry(user).or_insert(TeamMember {
            role: TeamRole::User,
            status: TeamStatus::Verified,
            invited_on: today,
            synced: false,
        });
        if member.role == TeamRole::User {
            member.role = TeamRole::SecondaryAdmin;
        }
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

/// Only store purchases renew online; reseller contracts renew through the reseller (rule 50),
/// and multi-user plans don't auto-renew (rule 49).
pub fn set_auto_renew(tx: &mut Tx, no: &ContractNo, on: bool) -> Result<(), DomainError> {
    let contract = tx.acc.contract(no)?;
    require_manager(tx, no, "change renewal settings")?;
    if contract.channel != Channel::OnlineStore || (on && contract.access == Access::MultiUser) {
        return Err(DomainError::AutoRenewNotOnline { contract: no.to_string() });
    }
    tx.acc.contracts.get_mut(no).expect("checked").auto_renew = on;
    tx.log(format!("Turned auto-renew {} for {no}", if on { "on" } else { "off" }));
    tx.events.push(Event::AutoRenewSet { contract: no.clone(), on });
    Ok(())
}

/// The Team hubs' own domain: a hub lives at https://<name>.autodesk360.com (rule 55). The scheme and host are
/// case-insensitive and a trailing slash or path is dropped, so the same hub is always written the same way.
pub const HUB_DOMAIN: &str = ".autodesk360.com";
/// The kinds of Team hub, named as the Team product whose contracts they take (rule 53).
pub const HUB_KINDS: [&str; 2] = ["BIM 360 Team", "Fusion Team"];

pub fn check_hub_url(raw: &str) -> Result<String, DomainError> {
    let lower = raw.trim().to_ascii_lowercase();
    let host = lower.strip_prefix("https://").unwrap_or("").split('/').next().unwrap_or("");
    // One name before the domain: https://contoso.autodesk360.com, never https://a.b.autodesk360.com.
    let label_ok = |l: &str| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && !l.contains('.');
    let ok = host.strip_suffix(HUB_DOMAIN).is_some_and(label_ok)
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !lower.contains(char::is_whitespace);
    if ok {
        Ok(format!("https://{host}"))
    } else {
        Err(DomainError::InvalidUrl(raw.trim().to_string()))
    }
}

fn check_hub_name(acc: &Account, name: &str) -> Result<(), DomainError> {
    match acc.hubs.values().find(|h| h.name.eq_ignore_ascii_case(name)) {
        Some(h) => Err(DomainError::HubNameTaken { name: h.name.clone() }),
        None => Ok(()),
    }
}

/// The name a hub created from its address gets: the first part of the host.
fn name_from_url(url: &str) -> String {
    url.trim_start_matches("https://").split('.').next().unwrap_or("Team hub").to_string()
}

/// A new hub starts as a trial until a contract is assigned to it (W8 "never signed up"). Two hubs never share
/// a name or an address.
pub fn create_hub(tx: &mut Tx, name: &str, url: &str, kind: &str) -> Result<HubId, DomainError> {
    tx.require(|acc, u| acc.is_contract_manager(u), "create a Team hub", "a contract manager")?;
    let url = check_hub_url(url)?;
    if let Some(h) = tx.acc.hubs.values().find(|h| h.url == url) {
        return Err(DomainError::HubUrlTaken { url, hub: h.name.clone() });
    }
    // Spaces count once and at most 50 characters, as for a person's name, so no two hubs look alike.
    let name = match name.trim() {
        "" => name_from_url(&url),
        n => super::input::check_name("hub name", n)?,
    };
    check_hub_name(tx.acc, &name)?;
    let kind = match kind.trim() {
        "" => "BIM 360 Team",
        k if HUB_KINDS.contains(&k) => k,
        other => return Err(DomainError::Unknown { what: "hub type", id: other.to_string() }),
    };
    let id = HubId(tx.acc.next_id());
    tx.acc.hubs.insert(id, TeamHub { name: name.clone(), url, kind: kind.to_string() });
    tx.log(format!("Created the Team hub {name}"));
    tx.events.push(Event::HubCreated { hub: id });
    Ok(id)
}

/// What assigning a contract to a hub will do, for the admin to see before it happens (rules 53–55).
#[derive(Clone, Debug, PartialEq)]
pub struct HubPlan {
    /// The hub chosen, or `None` when a typed address matches no hub and one will be created.
    pub hub: Option<HubId>,
    pub hub_name: String,
    pub url: String,
    pub kind: String,
    /// The hub the contract leaves, with whether it is then left without a contract (back to Trial).
    pub leaves: Option<(HubId, String, bool)>,
}

impl HubPlan {
    /// What the admin must confirm first, in words: a hub that will be created, or one that loses the contract.
    pub fn to_confirm(&self, contract: &ContractNo) -> Option<String> {
        let creates = self.hub.is_none().then(|| {
            format!(
                "No hub has the address {}: a new {} hub \"{}\" will be created for contract {contract}.",
                self.url, self.kind, self.hub_name
            )
        });
        let leaves = self.leaves.as_ref().map(|(_, old, empty)| {
            let then =
                if *empty { format!(" {old} then has no contract and falls back to Trial.") } else { String::new() };
            format!(
                "Contract {contract} moves off {old}: {old} loses its seats and subscription from this contract.{then}"
            )
        });
        match (creates, leaves) {
            (None, None) => None,
            (a, b) => Some([a, b].into_iter().flatten().collect::<Vec<_>>().join(" ")),
        }
    }
}

/// The check half of "Assign Contract": who may, which hub, and what changes (rules 53–56, W8).
pub fn plan_assign_to_hub(
    acc: &Account,
    actor: Actor,
    no: &ContractNo,
    choice: &HubChoice,
) -> Result<HubPlan, DomainError> {
    let contract = acc.contract(no)?;
    require(
        acc,
        actor,
        |acc, u| acc.contracts.get(no).is_some_and(|c| c.contract_manager == u),
        "assign this contract to a Team hub",
        "the contract's contract manager",
    )?;
    let team_lines: Vec<&ProductLine> = contract.lines.values().filter(|l| Contract::is_team_product_line(l)).collect();
    let Some(first) = team_lines.first() else {
        return Err(DomainError::NoTeamProduct { contract: no.to_string() });
    };
    let cm = contract.contract_manager;
    if !team_lines.iter().any(|l| l.holders.contains_key(&cm)) {
        return Err(DomainError::NoTeamSeat {
            user: acc.name_of(cm),
            product: first.product.clone(),
            contract: no.to_string(),
        });
    }
    let (hub, hub_name, url, kind) = match choice {
        HubChoice::Existing(id) => {
            let h = acc.hubs.get(id).ok_or(DomainError::Unknown { what: "Team hub", id: id.to_string() })?;
            (Some(*id), h.name.clone(), h.url.clone(), h.kind.clone())
        }
        HubChoice::Url(raw) => {
            let url = check_hub_url(raw)?;
            match acc.hubs.iter().find(|(_, h)| h.url == url) {
                Some((id, h)) => (Some(*id), h.name.clone(), url, h.kind.clone()),
                None => {
                    let name = name_from_url(&url);
                    check_hub_name(acc, &name)?;
                    (None, name, url, first.product.clone())
                }
            }
        }
    };
    // A BIM 360 Team contract goes to a BIM 360 Team hub, a Fusion Team contract to a Fusion Team hub.
    if !team_lines.iter().any(|l| l.product == kind) {
        return Err(DomainError::HubTypeMismatch {
            contract: no.to_string(),
            product: first.product.clone(),
            hub: hub_name,
            kind,
        });
    }
    if hub.is_some() && contract.hub == hub {
        return Err(DomainError::AlreadyOnHub { contract: no.to_string(), hub: hub_name });
    }
    let leaves = contract.hub.filter(|old| acc.hubs.contains_key(old)).map(|old| {
        let alone = acc.hub_contracts(old).len() == 1;
        (old, acc.hubs[&old].name.clone(), alone)
    });
    Ok(HubPlan { hub, hub_name, url, kind, leaves })
}

/// The contract manager, holding a seat of the Team product, assigns the contract to a hub; several contracts
/// may share one. Creating a hub or moving the contract off another happens only once the admin has seen what
/// it does and confirmed (rules 53–56, W8).
pub fn assign_to_hub(tx: &mut Tx, no: &ContractNo, choice: HubChoice, confirmed: bool) -> Result<(), DomainError> {
    let plan = plan_assign_to_hub(tx.acc, tx.actor, no, &choice)?;
    if let (Some(what), false) = (plan.to_confirm(no), confirmed) {
        return Err(DomainError::HubChangeNotConfirmed { what });
    }
    let hub = match plan.hub {
        Some(id) => id,
        None => create_hub(tx, &plan.hub_name, &plan.url, &plan.kind)?,
    };
    tx.acc.contracts.get_mut(no).expect("checked").hub = Some(hub);
    if let Some((_, old, _)) = &plan.leaves {
        tx.log(format!("Moved contract {no} off the Team hub {old}"));
    }
    tx.log(format!("Assigned contract {no} to the Team hub {}", plan.hub_name));
    tx.events.push(Event::ContractAssignedToHub { contract: no.clone(), hub });
    Ok(())
}

/// Renewal reminders to the contract manager 90, 45, 30 and 4 days before expiry (rules 47–48, W9), each
/// dated on its own day: a jump of "As of" past several sends each as of its date, once. Moving time back
/// withdraws the notices dated after the new day, so none arrives from the future.
pub fn send_due_notices(tx: &mut Tx) -> Result<(), DomainError> {
    tx.require_autodesk("send renewal notices")?;
    let today = tx.today;
    for c in tx.acc.contracts.values_mut() {
        let end = c.end_date;
        c.renewal_notices_sent.retain(|days| lifecycle::notice_date(end, *days) <= today);
    }
    let before = tx.acc.outbox.len();
    tx.acc.outbox.retain(|e| e.kind != EmailKind::RenewalNotice || e.sent_on <= today);
    // Their log entries go with them: the log never shows a notice that has not been sent yet. That is the one
    // thing moving "As of" back removes from the log, and the log says so (issue 26).
    tx.acc.activity.retain(|a| a.kind != super::activity::NOTICE || a.on <= today);
    if tx.acc.outbox.len() < before {
        let count = before - tx.acc.outbox.len();
        let notices = if count == 1 { "1 renewal notice".to_string() } else { format!("{count} renewal notices") };
        let what = format!("Withdrew {notices} dated after {today}: \"As of\" moved back before them");
        tx.log_about(today, what, Default::default());
        if let Some(a) = tx.acc.activity.last_mut() {
            a.kind = super::activity::WITHDRAWN.into();
        }
        tx.events.push(Event::NoticesWithdrawn { count });
    }
    tx.first_entry = tx.acc.activity.len();
    let mut due = Vec::new();
    for c in tx.acc.contracts.values() {
        for (days, on) in lifecycle::notices(c.start_date, c.end_date) {
            if on <= today && !c.renewal_notices_sent.contains(&days) {
                due.push((on, c.number.clone(), days));
            }
        }
    }
    due.sort();
    for (on, no, days) in due {
        let c = tx.acc.contracts.get_mut(&no).expect("listed");
        c.renewal_notices_sent.insert(days);
        let how = match c.channel {
            Channel::OnlineStore if c.auto_renew => "It will renew automatically; no action is needed.".to_string(),
            Channel::OnlineStore => "Renew it in Billing and Orders.".to_string(),
            _ => match &c.reseller {
                Some(r) => format!("Contact your reseller {} ({}) to renew.", r.name, r.email),
                None => "Contact your Autodesk sales representative to renew.".to_string(),
            },
        };
        let (end, cm) = (c.end_date, c.contract_manager);
        let (to, name) = (tx.acc.users[&cm].email.clone(), tx.acc.name_of(cm));
        tx.send_on(
            on,
            EmailKind::RenewalNotice,
            &to,
            format!("Contract {no} expires in {days} days ({days}-day notice)"),
            format!("Hi {name},\n\nContract {no} ends on {end}, {days} days from today. {how}"),
        );
        let about = Targets { contract: Some(no.clone()), users: vec![cm], ..Default::default() };
        tx.log_about(on, format!("Sent the {days}-day renewal notice for contract {no} to {name}"), about);
    }
    Ok(())
}

/// A new release reaches the serial number's software coordinator, who is the CM when none is named.
pub fn publish_release(tx: &mut Tx, no: &ContractNo, line: LineId, release: &str) -> Result<(), DomainError> {
    tx.require_autodesk("publish a release")?;
    let contract = tx.acc.contract(no)?;
    let l = contract.lines.get(&line).ok_or(DomainError::Unknown { what: "product line", id: line.to_string() })?;
    let to_user = contract.coordinator(&l.serial).expect("a line's serial number exists");
    let product = l.product.clone();
    tx.acc.contracts.get_mut(no).expect("checked").lines.get_mut(&line).expect("checked").release = release.to_string();
    let (to, name) = (tx.acc.users[&to_user].email.clone(), tx.acc.name_of(to_user));
    tx.send(
        EmailKind::NewRelease,
        &to,
        format!("{product} {release} is available"),
        format!("Hi {name},\n\n{product} {release} is now available to the users of contract {no}. Let them know they can download it."),
    );
    tx.log(format!("Published {product} {release} on contract {no}"));
    tx.events.push(Event::ReleasePublished { contract: no.clone(), line });
    Ok(())
}

/// A purchase adds a product line; its first seat goes to the coordinator, else the CM (rule 8).
pub fn add_product_line(
    tx: &mut Tx,
    no: &ContractNo,
    serial: SerialNo,
    product: String,
    release: String,
    seats: u32,
    services: Vec<String>,
) -> Result<(), DomainError> {
    tx.require_autodesk("add products to a contract")?;
    let contract = tx.acc.contract(no)?;
    let holder =
        contract.coordinator(&serial).ok_or(DomainError::Unknown { what: "serial number", id: serial.to_string() })?;
    if seats == 0 {
        return Err(DomainError::NothingEntered);
    }
    let download = contract.access == Access::SingleUser;
    let id = LineId(tx.acc.next_id());
    let mut line = ProductLine {
        serial,
        product,
        release,
        seats,
        services,
        download,
        bundle: Vec::new(),
        holders: Default::default(),
    };
    line.holders.insert(holder, line.services.iter().cloned().collect());
    let how = if download {
        "Download it from Products & Services in your Autodesk Account"
    } else {
        "Its multi-user seats are used through your licence server; assign its cloud services in Edit Access"
    };
    let (product, release) = (line.product.clone(), line.release.clone());
    let cm = tx.acc.contracts[no].contract_manager;
    tx.acc.contracts.get_mut(no).expect("checked").lines.insert(id, line);
    // The contract manager gets the welcome email explaining how to download (matrix: CM only).
    let (to, name, seat) = (tx.acc.users[&cm].email.clone(), tx.acc.name_of(cm), tx.acc.name_of(holder));
    tx.send(
        EmailKind::Welcome,
        &to,
        format!("Welcome to {product} {release}"),
        format!("Hi {name},\n\n{product} {release} ({seats} seats) was added to contract {no}. {how}. Its first seat is assigned to {seat}."),
    );
    tx.log(format!("Added {product} {release} ({seats} seats) to contract {no}"));
    tx.events.push(Event::ProductLineAdded { contract: no.clone(), line: id });
    Ok(())
}
