//! What Autodesk itself does to an account: renewal notices on their days (W9; rules 46–52), new releases
//! and product lines.

use super::*;

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
    tx.acc.activity.retain(|a| a.kind != crate::domain::activity::NOTICE || a.on <= today);
    if tx.acc.outbox.len() < before {
        let count = before - tx.acc.outbox.len();
        let notices = if count == 1 { "1 renewal notice".to_string() } else { format!("{count} renewal notices") };
        let what = format!("Withdrew {notices} dated after {today}: \"As of\" moved back before them");
        tx.log_about(today, what, Default::default());
        if let Some(a) = tx.acc.activity.last_mut() {
            a.kind = crate::domain::activity::WITHDRAWN.into();
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
    crate::domain::alerts::send_due(tx);
    Ok(())
}

/// A new release reaches the serial number's software coordinator, who is the CM when none is named.
pub fn publish_release(tx: &mut Tx, no: &ContractNo, line: LineId, release: &str) -> Result<(), DomainError> {
    tx.require_autodesk("publish a release")?;
    let contract = tx.acc.contract(no)?;
    let l =
        contract.lines.get(&line).ok_or_else(|| DomainError::Unknown { what: "product line", id: line.to_string() })?;
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
    let holder = contract
        .coordinator(&serial)
        .ok_or_else(|| DomainError::Unknown { what: "serial number", id: serial.to_string() })?;
    if seats == 0 {
        return Err(DomainError::NothingEntered);
    }
    let download = contract.access == Access::SingleUser;
    let id = LineId(tx.new_id());
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
