//! Seats from the team's pool: assign and unassign products, by user or by product, with items customised
//! (W3'; rules 37–43).

use super::*;

/// By User / By Product: one seat per user and product, from the pool or pinned to a subscription (rules 40, 42–43).
/// `items` customises the included services; `None` gives them all.
pub fn assign(
    tx: &mut Tx,
    team: TeamId,
    user: UserId,
    product: &str,
    source: SeatSource,
    items: Option<BTreeSet<String>>,
) -> Result<(), DomainError> {
    member(tx.acc, team, user)?;
    require_product_admin(tx, team, product, "assign products")?;
    let t = &tx.acc.teams[&team];
    known_product(t, product)?;
    let name = tx.acc.name_of(user);
    if t.direct.get(&user).is_some_and(|p| p.contains_key(product)) {
        return Err(DomainError::AlreadyAssigned { user: name, product: product.into() });
    }
    if let SeatSource::Subscription(sub) = &source {
        let s = t
            .subscriptions
            .get(sub)
            .ok_or_else(|| DomainError::Unknown { what: "subscription", id: sub.to_string() })?;
        if s.product != product {
            return Err(DomainError::WrongProduct { subscription: sub.to_string(), product: product.into() });
        }
        let live = crate::domain::lifecycle::status(s.end_date, s.term, tx.today).grants_access();
        if !live || t.pinned(sub) as u32 >= s.seats {
            return Err(DomainError::SubscriptionFull { subscription: sub.to_string(), product: product.into() });
        }
    }
    let new_seat = !t.holders(product).contains(&user);
    if new_seat && t.free_seats(product, tx.today) == 0 {
        return Err(DomainError::NoPoolSeat { product: product.into(), team: t.name.clone() });
    }
    let items = customised(t, product, items)?;
    let t = team_mut(tx.acc, team);
    t.direct.entry(user).or_default().insert(product.to_string(), source);
    if let Some(items) = items {
        t.items.entry(user).or_default().insert(product.to_string(), items);
    }
    tx.log_for(format!("Assigned {product} to {name}"), user, Some(product));
    tx.events.push(Event::ProductAssigned { team, user, product: product.into() });
    if new_seat {
        ready_to_download(tx, team, &[user], product);
    }
    Ok(())
}

/// W3': each person given a product they did not hold is emailed that it can be downloaded.
pub(super) fn ready_to_download(tx: &mut Tx, team: TeamId, users: &[UserId], product: &str) {
    let team_name = tx.acc.teams[&team].name.clone();
    for u in users {
        let Some(user) = tx.acc.users.get(u) else { continue };
        let (to, name) = (user.email.clone(), user.full_name());
        let invited = tx.acc.teams[&team].members.get(u).is_some_and(|m| m.status == TeamStatus::Invited);
        let first = if invited { "Accept your invitation to the team first; then open" } else { "Open" };
        let body = format!(
            "Hi {name},\n\n{product} is now assigned to you in the team {team_name}. {first} Products and Services \
             in your Autodesk Account and choose Download to install it."
        );
        tx.send(EmailKind::ReadyToDownload, &to, format!("{product} is ready to download"), body);
    }
}

/// By Product → Assign users: several members at once, all or none, never past the seats there are
/// (rules 39–40, 43).
pub fn assign_users(
    tx: &mut Tx,
    team: TeamId,
    users: &[UserId],
    product: &str,
    source: SeatSource,
    items: Option<BTreeSet<String>>,
) -> Result<(), DomainError> {
    require_product_admin(tx, team, product, "assign products")?;
    let t = &tx.acc.teams[&team];
    known_product(t, product)?;
    let users: BTreeSet<UserId> = users.iter().copied().collect();
    if users.is_empty() {
        return Err(DomainError::NoneSelected);
    }
    for &u in &users {
        member(tx.acc, team, u)?;
        if t.direct.get(&u).is_some_and(|p| p.contains_key(product)) {
            return Err(DomainError::AlreadyAssigned { user: tx.acc.name_of(u), product: product.into() });
        }
    }
    let holders = t.holders(product);
    let needed = users.iter().filter(|u| !holders.contains(u)).count();
    let available = t.free_seats(product, tx.today);
    if needed > available {
        return Err(DomainError::PoolSeats { product: product.into(), team: t.name.clone(), needed, available });
    }
    if let SeatSource::Subscription(sub) = &source {
        let s = t
            .subscriptions
            .get(sub)
            .ok_or_else(|| DomainError::Unknown { what: "subscription", id: sub.to_string() })?;
        if s.product == product && (s.seats as usize).saturating_sub(t.pinned(sub)) < users.len() {
            return Err(DomainError::SubscriptionFull { subscription: sub.to_string(), product: product.into() });
        }
    }
    customised(t, product, items.clone())?;
    for u in users {
        assign(tx, team, u, product, source.clone(), items.clone())?;
    }
    Ok(())
}

/// A product that comes from a group can only be removed at the group (rule 41).
pub fn unassign(tx: &mut Tx, team: TeamId, user: UserId, product: &str) -> Result<(), DomainError> {
    member(tx.acc, team, user)?;
    require_product_admin(tx, team, product, "unassign products")?;
    let t = &tx.acc.teams[&team];
    let name = tx.acc.name_of(user);
    if let Some(g) = t.granting_group(user, product) {
        return Err(DomainError::GroupGranted { user: name, product: product.into(), group: g.name.clone() });
    }
    if !t.direct.get(&user).is_some_and(|p| p.contains_key(product)) {
        return Err(DomainError::NotAssigned { user: name, product: product.into() });
    }
    let t = team_mut(tx.acc, team);
    let products = t.direct.get_mut(&user).expect("checked");
    products.remove(product);
    if products.is_empty() {
        t.direct.remove(&user);
    }
    set_items(t, user, product, None);
    tx.log_for(format!("Unassigned {product} from {name}"), user, Some(product));
    tx.events.push(Event::ProductUnassigned { team, user, product: product.into() });
    Ok(())
}

/// The items of a product a user holds directly: all of them, or the ones ticked (W3' "Customize").
pub fn customize(
    tx: &mut Tx,
    team: TeamId,
    user: UserId,
    product: &str,
    items: Option<BTreeSet<String>>,
) -> Result<(), DomainError> {
    member(tx.acc, team, user)?;
    require_product_admin(tx, team, product, "change product items")?;
    let t = &tx.acc.teams[&team];
    let name = tx.acc.name_of(user);
    if !t.direct.get(&user).is_some_and(|p| p.contains_key(product)) {
        return Err(DomainError::NotAssigned { user: name, product: product.into() });
    }
    let items = customised(t, product, items)?;
    set_items(team_mut(tx.acc, team), user, product, items);
    tx.log_for(format!("Changed the items of {product} for {name}"), user, Some(product));
    tx.events.push(Event::ProductAssigned { team, user, product: product.into() });
    Ok(())
}

/// Checks ticked items against the product's; ticking every item is the same as "all" (stored as nothing).
fn customised(
    t: &Team,
    product: &str,
    items: Option<BTreeSet<String>>,
) -> Result<Option<BTreeSet<String>>, DomainError> {
    let Some(items) = items else { return Ok(None) };
    let all = t.services(product);
    if let Some(item) = items.iter().find(|i| !all.contains(*i)) {
        return Err(DomainError::UnknownItem { product: product.into(), item: item.clone() });
    }
    if items.is_empty() && !all.is_empty() {
        return Err(DomainError::NoItemChosen { product: product.into() });
    }
    Ok((items.len() < all.len()).then_some(items))
}

fn set_items(t: &mut Team, user: UserId, product: &str, items: Option<BTreeSet<String>>) {
    let held = t.items.entry(user).or_default();
    match items {
        Some(items) => held.insert(product.to_string(), items),
        None => held.remove(product),
    };
    if held.is_empty() {
        t.items.remove(&user);
    }
}
