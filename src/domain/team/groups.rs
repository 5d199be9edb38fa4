//! Groups: create, rename, delete, members, and products given to every member (rules 39–41).

use super::*;

pub fn create_group(tx: &mut Tx, team: TeamId, name: &str) -> Result<(), DomainError> {
    require_admin(tx, team, "create groups")?;
    let name = group_name(tx.acc, team, None, name)?;
    let id = GroupId(tx.new_id());
    let g = Group { name: name.clone(), members: Default::default(), products: Default::default() };
    team_mut(tx.acc, team).groups.insert(id, g);
    tx.log(format!("Created the group {name}"));
    tx.events.push(Event::GroupCreated { team, group: id });
    Ok(())
}

/// A group's name: tidied, not empty, and unique in its team whatever the case (rule 38).
fn group_name(acc: &Account, team: TeamId, renamed: Option<GroupId>, raw: &str) -> Result<String, DomainError> {
    let name = clean_name(raw, "group")?;
    let groups = &acc.teams[&team].groups;
    if let Some(g) = renamed.and_then(|id| groups.get(&id)).filter(|g| g.name == name) {
        return Err(DomainError::SameName { name: g.name.clone() });
    }
    if groups.iter().any(|(id, g)| Some(*id) != renamed && g.name.eq_ignore_ascii_case(&name)) {
        return Err(DomainError::GroupNameTaken { name });
    }
    Ok(name)
}

pub fn rename_group(tx: &mut Tx, team: TeamId, gid: GroupId, name: &str) -> Result<(), DomainError> {
    let old = group(tx.acc, team, gid)?.name.clone();
    require_admin(tx, team, "rename groups")?;
    let name = group_name(tx.acc, team, Some(gid), name)?;
    team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked").name = name.clone();
    tx.log(format!("Renamed the group {old} to {name}"));
    tx.events.push(Event::GroupChanged { team, group: gid });
    Ok(())
}

/// Deleting a group frees the seats its members held only through it; their own assignments stay (rule 40).
pub fn delete_group(tx: &mut Tx, team: TeamId, gid: GroupId) -> Result<(), DomainError> {
    let name = group(tx.acc, team, gid)?.name.clone();
    require_admin(tx, team, "delete groups")?;
    team_mut(tx.acc, team).groups.remove(&gid);
    tx.log(format!("Deleted the group {name}"));
    tx.events.push(Event::GroupDeleted { team, name });
    Ok(())
}

/// New members of a group with products need a free seat of each product (rule 39).
pub fn add_group_members(tx: &mut Tx, team: TeamId, gid: GroupId, users: &[UserId]) -> Result<(), DomainError> {
    let g = group(tx.acc, team, gid)?;
    require_admin(tx, team, "change groups")?;
    if users.is_empty() {
        return Err(DomainError::NoneSelected);
    }
    for &u in users {
        member(tx.acc, team, u)?;
        if g.members.contains(&u) {
            return Err(DomainError::AlreadyInGroup { user: tx.acc.name_of(u), group: g.name.clone() });
        }
    }
    let t = &tx.acc.teams[&team];
    group_seats(t, &[gid], &needed_by(t, users), tx.today)?;
    let gains = gains(t, &[gid], users);
    let g = team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked");
    g.members.extend(users.iter().copied());
    let group_name = g.name.clone();
    tx.log(format!("Added {} user(s) to the group {group_name}", users.len()));
    tx.events.push(Event::GroupChanged { team, group: gid });
    for (product, people) in gains {
        ready_to_download(tx, team, &people, &product);
    }
    Ok(())
}

/// People invited straight into existing groups (W2' step 3, issue 27.6): everyone `invite` adds joins each of
/// `groups`, whose products need a free seat for each of them (rule 39); short of seats, nothing is invited.
pub fn joining(
    tx: &mut Tx,
    team: TeamId,
    groups: &[GroupId],
    invite: impl FnOnce(&mut Tx) -> Result<(), DomainError>,
) -> Result<(), DomainError> {
    if groups.is_empty() {
        return invite(tx);
    }
    for g in groups {
        group(tx.acc, team, *g)?;
    }
    // Invitations can't be checked before they are made (who is new is known only then): made on the account
    // and taken back whole when a group's seats fall short.
    let before = tx.acc.clone();
    let events = tx.events.len();
    invite(tx)?;
    let added: Vec<UserId> = tx.events[events..]
        .iter()
        .filter_map(|e| match e {
            Event::TeamUserInvited { user, .. } => Some(*user),
            _ => None,
        })
        .collect();
    let t = &tx.acc.teams[&team];
    let checked = group_seats(t, groups, &needed_by(t, &added), tx.today);
    let gains = gains(t, groups, &added);
    if let Err(e) = checked {
        *tx.acc = before;
        return Err(e);
    }
    for &gid in groups {
        let g = team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked");
        g.members.extend(added.iter().copied());
        let group_name = g.name.clone();
        if !added.is_empty() {
            tx.log(format!("Added {} user(s) to the group {group_name}", added.len()));
            tx.events.push(Event::GroupChanged { team, group: gid });
        }
    }
    for (product, people) in gains {
        ready_to_download(tx, team, &people, &product);
    }
    Ok(())
}

/// Who among `people` gains which product by joining `groups`: those who don't hold it yet (W3').
fn gains(t: &Team, groups: &[GroupId], people: &[UserId]) -> std::collections::BTreeMap<String, Vec<UserId>> {
    let products: BTreeSet<&String> = groups.iter().filter_map(|g| t.groups.get(g)).flat_map(|g| &g.products).collect();
    products
        .into_iter()
        .map(|p| {
            let holders = t.holders(p);
            (p.clone(), people.iter().copied().filter(|u| !holders.contains(u)).collect::<Vec<_>>())
        })
        .filter(|(_, gain)| !gain.is_empty())
        .collect()
}

/// The seats of a product that `people` need: one for each who doesn't hold it yet.
fn needed_by<'a>(t: &'a Team, people: &'a [UserId]) -> impl Fn(&str) -> usize + 'a {
    move |product| {
        let holders = t.holders(product);
        people.iter().filter(|u| !holders.contains(u)).count()
    }
}

/// Whether people can join `groups` (rule 39): each product of each group needs a free seat for each of them
/// who doesn't hold it yet (`needed`), a product of two groups counted once. The invite preview asks it too.
pub fn group_seats(
    t: &Team,
    groups: &[GroupId],
    needed: &dyn Fn(&str) -> usize,
    today: chrono::NaiveDate,
) -> Result<(), DomainError> {
    let mut counted = std::collections::BTreeSet::new();
    for g in groups.iter().filter_map(|g| t.groups.get(g)) {
        for product in g.products.iter().filter(|p| counted.insert(p.as_str())) {
            let (needed, available) = (needed(product), t.free_seats(product, today));
            if needed > available {
                return Err(DomainError::GroupSeats {
                    group: g.name.clone(),
                    product: product.clone(),
                    needed,
                    available,
                });
            }
        }
    }
    Ok(())
}

pub fn remove_group_member(tx: &mut Tx, team: TeamId, gid: GroupId, user: UserId) -> Result<(), DomainError> {
    let g = group(tx.acc, team, gid)?;
    require_admin(tx, team, "change groups")?;
    if !g.members.contains(&user) {
        return Err(DomainError::NotInGroup { user: tx.acc.name_of(user), group: g.name.clone() });
    }
    let g = team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked");
    g.members.remove(&user);
    let group_name = g.name.clone();
    let name = tx.acc.name_of(user);
    tx.log_for(format!("Removed {name} from the group {group_name}"), user, None);
    tx.events.push(Event::GroupChanged { team, group: gid });
    Ok(())
}

/// A group takes its products from the pool only, and only with a seat for every member (rules 39, 42).
pub fn assign_group_product(tx: &mut Tx, team: TeamId, gid: GroupId, product: &str) -> Result<(), DomainError> {
    let g = group(tx.acc, team, gid)?;
    require_product_admin(tx, team, product, "assign products to groups")?;
    let t = &tx.acc.teams[&team];
    known_product(t, product)?;
    if g.products.contains(product) {
        return Err(DomainError::GroupAlreadyHasProduct { group: g.name.clone(), product: product.into() });
    }
    let holders = t.holders(product);
    let needed = g.members.iter().filter(|u| !holders.contains(u)).count();
    let available = t.free_seats(product, tx.today);
    if needed > available {
        return Err(DomainError::GroupSeats { group: g.name.clone(), product: product.into(), needed, available });
    }
    let gain: Vec<UserId> = g.members.iter().copied().filter(|u| !holders.contains(u)).collect();
    let g = team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked");
    g.products.insert(product.to_string());
    let group_name = g.name.clone();
    tx.log(format!("Assigned {product} to the group {group_name}"));
    tx.events.push(Event::GroupChanged { team, group: gid });
    ready_to_download(tx, team, &gain, product);
    Ok(())
}

pub fn unassign_group_product(tx: &mut Tx, team: TeamId, gid: GroupId, product: &str) -> Result<(), DomainError> {
    let g = group(tx.acc, team, gid)?;
    require_product_admin(tx, team, product, "unassign products from groups")?;
    if !g.products.contains(product) {
        return Err(DomainError::GroupLacksProduct { group: g.name.clone(), product: product.into() });
    }
    let g = team_mut(tx.acc, team).groups.get_mut(&gid).expect("checked");
    g.products.remove(product);
    let group_name = g.name.clone();
    tx.log(format!("Unassigned {product} from the group {group_name}"));
    tx.events.push(Event::GroupChanged { team, group: gid });
    Ok(())
}
