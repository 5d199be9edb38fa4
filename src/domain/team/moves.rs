//! Moving a subscription between teams (rule 44): its owner alone, and only while none of its seats is assigned
//! (no one tied to it, and the product's pool seats its holders without it); both teams' counts change.

use super::*;

pub fn move_subscription(tx: &mut Tx, from: TeamId, id: &SubscriptionId, to: TeamId) -> Result<(), DomainError> {
    let t = tx.acc.team(from)?;
    let s = t.subscriptions.get(id).ok_or_else(|| DomainError::Unknown { what: "subscription", id: id.to_string() })?;
    let owner = s.owner;
    tx.require(move |_, u| u == owner, "move a subscription", "its owner")?;
    let target = tx.acc.team(to)?.name.clone();
    if from == to {
        return Err(DomainError::SameTeam { team: target });
    }
    let (holders, left) = (t.holders(&s.product).len(), t.pool_seats(&s.product, None).saturating_sub(s.seats));
    if t.pinned(id) > 0 || holders > left as usize {
        let (product, team) = (s.product.clone(), t.name.clone());
        return Err(DomainError::SubscriptionInUse { id: id.to_string(), product, team, holders, left });
    }
    let (name, product) = (t.name.clone(), s.product.clone());
    let sub = team_mut(tx.acc, from).subscriptions.remove(id).expect("checked");
    team_mut(tx.acc, to).subscriptions.insert(id.clone(), sub);
    let about = Targets { team: Some(to), products: vec![product.clone()], ..Default::default() };
    tx.log_about(tx.today, format!("Moved {id} ({product}) from {name} to {target}"), about);
    tx.events.push(Event::SubscriptionMoved { from, to, subscription: id.clone() });
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::domain::read::test_support::{demo, id};
    use crate::domain::*;

    /// Rule 44: the owner alone moves a subscription, only while none of its seats is assigned; both teams'
    /// pools change.
    #[test]
    fn rule_44_the_owner_moves_a_subscription_with_no_seat_assigned_and_both_pools_change() {
        let (mut acc, today) = demo();
        let mut teams = acc.teams.keys().copied();
        let (from, to) = (teams.next().unwrap(), teams.next().unwrap());
        // In the demo every subscription's seats are in use: moving any is refused.
        let (busy, owner) = acc.teams[&from].subscriptions.iter().map(|(id, s)| (id.clone(), s.owner)).next().unwrap();
        let mv = |id: &str, to| Command::MoveSubscription { from, subscription: SubscriptionId(id.into()), to };
        let refused = apply(&mut acc, Actor::User(owner), mv(&busy.0, to), today).unwrap_err();
        assert!(refused.to_string().contains("can't move while its seats are assigned"), "{refused}");
        // A subscription bought since, none of its seats assigned yet.
        let mut bought = acc.teams[&from].subscriptions[&busy].clone();
        bought.seats = 3;
        let product = bought.product.clone();
        acc.teams.get_mut(&from).unwrap().subscriptions.insert(SubscriptionId("SUB-79999".into()), bought);
        let (before, there) = (acc.teams[&from].pool_seats(&product, None), acc.teams[&to].pool_seats(&product, None));
        let someone = id(&acc, if owner == id(&acc, "Tom Becker") { "Dana Reyes" } else { "Tom Becker" });
        let not_owner = apply(&mut acc, Actor::User(someone), mv("SUB-79999", to), today);
        assert!(matches!(not_owner, Err(DomainError::NotAllowed { .. })));
        let same = apply(&mut acc, Actor::User(owner), mv("SUB-79999", from), today);
        assert!(matches!(same, Err(DomainError::SameTeam { .. })));
        apply(&mut acc, Actor::User(owner), mv("SUB-79999", to), today).unwrap();
        assert_eq!(acc.teams[&from].pool_seats(&product, None), before - 3);
        assert_eq!(acc.teams[&to].pool_seats(&product, None), there + 3);
        invariants::check(&acc).unwrap();
    }
}
