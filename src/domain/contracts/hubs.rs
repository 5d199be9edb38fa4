//! Team hubs: create one, and assign contracts to a hub of their type (W8; rules 53–57).

use super::*;

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
/// a name or an address. The contract manager creates any; a team's primary admin, and the secondary and SSO
/// admins they name, create Fusion Team hubs for their team (rule 57).
pub fn create_hub(tx: &mut Tx, name: &str, url: &str, kind: &str, team: Option<TeamId>) -> Result<HubId, DomainError> {
    let fusion = kind.trim() == "Fusion Team";
    let team_admin =
        |acc: &Account, u| team.and_then(|t| acc.teams.get(&t)).is_some_and(|t| t.wholly_administered_by(u));
    let who = match fusion {
        true => "a contract manager, or an admin of the team the hub is for (rule 57)",
        false => "a contract manager (a team's admins create Fusion Team hubs, rule 57)",
    };
    tx.require(|acc, u| acc.is_contract_manager(u) || fusion && team_admin(acc, u), "create a Team hub", who)?;
    if let Some(t) = team.filter(|t| !tx.acc.teams.contains_key(t)) {
        return Err(DomainError::Unknown { what: "team", id: t.to_string() });
    }
    let url = check_hub_url(url)?;
    if let Some(h) = tx.acc.hubs.values().find(|h| h.url == url) {
        return Err(DomainError::HubUrlTaken { url, hub: h.name.clone() });
    }
    // Spaces count once and at most 50 characters, as for a person's name, so no two hubs look alike.
    let name = match name.trim() {
        "" => name_from_url(&url),
        n => crate::domain::input::check_name("hub name", n)?,
    };
    check_hub_name(tx.acc, &name)?;
    let kind = match kind.trim() {
        "" => "BIM 360 Team",
        k if HUB_KINDS.contains(&k) => k,
        other => return Err(DomainError::Unknown { what: "hub type", id: other.to_string() }),
    };
    let id = HubId(tx.new_id());
    tx.acc.hubs.insert(id, TeamHub { name: name.clone(), url, kind: kind.to_string(), team });
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
            let h = acc.hubs.get(id).ok_or_else(|| DomainError::Unknown { what: "Team hub", id: id.to_string() })?;
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
        None => create_hub(tx, &plan.hub_name, &plan.url, &plan.kind, None)?,
    };
    tx.acc.contracts.get_mut(no).expect("checked").hub = Some(hub);
    if let Some((_, old, _)) = &plan.leaves {
        tx.log(format!("Moved contract {no} off the Team hub {old}"));
    }
    tx.log(format!("Assigned contract {no} to the Team hub {}", plan.hub_name));
    tx.events.push(Event::ContractAssignedToHub { contract: no.clone(), hub });
    Ok(())
}
