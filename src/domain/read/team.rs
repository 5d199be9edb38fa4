//! The new view's lists: By User, By Product, By Group and the team's subscriptions (domain.md §1.2, §4b).
//! Pure, so they are tested and benchmarked natively.

use crate::domain::ids::*;
use crate::domain::lifecycle;
use crate::domain::model::*;
use crate::domain::names::name_key;
use crate::domain::read::seats::Seats;
use crate::domain::visibility;
use chrono::NaiveDate;
use std::collections::BTreeSet;

mod subscriptions;
pub use subscriptions::{subscription_rows, SubscriptionRow};

/// The teams whose screens a person opens (rule 30: admin rights apply only to those teams; an admin limited to
/// Reporting opens none, issue 30), by name.
pub fn admin_teams(acc: &Account, user: UserId) -> Vec<(TeamId, String)> {
    let mut teams: Vec<(TeamId, String)> =
        acc.teams.iter().filter(|(_, t)| t.managed_by(user)).map(|(id, t)| (*id, t.name.clone())).collect();
    teams.sort_by(|a, b| a.1.cmp(&b.1));
    teams
}

/// Where a held product comes from (rules 40–43).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Pool,
    Subscription(SubscriptionId),
    Group(String),
}

impl Source {
    pub fn label(&self) -> String {
        match self {
            Source::Pool => "Pool".into(),
            Source::Subscription(id) => format!("Subscription ID {id}"),
            Source::Group(g) => format!("Group {g}"),
        }
    }
}

/// Every source through which a user holds a product: the direct one first, then groups.
pub fn sources(t: &Team, user: UserId, product: &str) -> Vec<Source> {
    let direct = t.direct.get(&user).and_then(|p| p.get(product)).map(|s| match s {
        SeatSource::Pool => Source::Pool,
        SeatSource::Subscription(id) => Source::Subscription(id.clone()),
    });
    let groups = t
        .groups
        .values()
        .filter(|g| g.products.contains(product) && g.members.contains(&user))
        .map(|g| Source::Group(g.name.clone()));
    direct.into_iter().chain(groups).collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HeldProduct {
    pub product: String,
    pub sources: Vec<Source>,
}

impl HeldProduct {
    /// "AutoCAD (Pool)", "Revit (Group Structural)".
    pub fn label(&self) -> String {
        let from: Vec<String> = self.sources.iter().map(Source::label).collect();
        format!("{} ({})", self.product, from.join(", "))
    }
    /// A product from a group can only be unassigned at the group (rule 41).
    pub fn group(&self) -> Option<&str> {
        self.sources.iter().find_map(|s| match s {
            Source::Group(g) => Some(g.as_str()),
            _ => None,
        })
    }
    pub fn direct(&self) -> bool {
        self.sources.iter().any(|s| !matches!(s, Source::Group(_)))
    }
    /// The group that alone gives this product: it can't be unassigned from the person, only at the group; a
    /// direct seat can always be unassigned (rule 41).
    pub fn locked_by(&self) -> Option<&str> {
        self.group().filter(|_| !self.direct())
    }
}

/// A row of By Group: the group, how many members, its products.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GroupRow {
    pub id: GroupId,
    pub name: String,
    pub members: usize,
    pub products: Vec<String>,
}

/// By Group's rows, by name whatever the case; a product admin sees their products only (issue 30).
pub fn group_rows(t: &Team, viewer: UserId) -> Vec<GroupRow> {
    let seen = t.products_seen_by(viewer);
    let mut rows: Vec<GroupRow> = t
        .groups
        .iter()
        .map(|(id, g)| GroupRow {
            id: *id,
            name: g.name.clone(),
            members: g.members.len(),
            products: g.products.intersection(&seen).cloned().collect(),
        })
        .collect();
    rows.sort_by_cached_key(|r| name_key(&r.name));
    rows
}

/// Who in the team can be given `product` by Assign users: everyone who doesn't hold it yet by any source, as
/// (id, name, email) by name (rule 40: one seat of a product per person).
pub fn assignable(acc: &Account, t: &Team, product: &str) -> Vec<(UserId, String, String)> {
    let holders = t.holders(product);
    let mut people: Vec<(UserId, String, String)> = t
        .members
        .keys()
        .filter(|u| !holders.contains(u))
        .filter_map(|u| acc.users.get(u).map(|x| (*u, x.full_name(), x.email.clone())))
        .collect();
    people.sort_by(|a, b| a.1.cmp(&b.1));
    people
}

/// The products a member holds, by name.
pub fn held_products(t: &Team, user: UserId) -> Vec<HeldProduct> {
    let mut names: BTreeSet<&String> = t.direct.get(&user).map(|p| p.keys().collect()).unwrap_or_default();
    names.extend(t.groups.values().filter(|g| g.members.contains(&user)).flat_map(|g| g.products.iter()));
    names.into_iter().map(|p| HeldProduct { product: p.clone(), sources: sources(t, user, p) }).collect()
}

impl TeamStatus {
    pub fn label(self) -> &'static str {
        match self {
            TeamStatus::Invited => "Invited",
            TeamStatus::Verified => "Verified",
        }
    }
}

/// By User's filters (role, status, product, group) and search, kept in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamUserFilter {
    pub role: Option<TeamRole>,
    pub status: Option<TeamStatus>,
    pub product: Option<String>,
    pub group: Option<GroupId>,
    pub text: String,
}

impl TeamUserFilter {
    /// The filter in words, for a bulk action's confirmation (issue 32.2): "role User, group Structural,
    /// name or email “ann”", or `None` for the whole team.
    pub fn describe(&self, t: &Team) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.role.map(|r| format!("role {}", r.label())));
        parts.extend(self.status.map(|s| format!("account status {}", s.label())));
        parts.extend(self.product.as_ref().map(|p| format!("product {p}")));
        parts.extend(self.group.and_then(|g| t.groups.get(&g)).map(|g| format!("group {}", g.name)));
        super::user_list::in_words(parts, &self.text)
    }
}

/// The team's members matching the filter, by role (primary admin first) then name: ids only, so that a
/// keystroke over thousands of members builds no rows.
pub fn team_user_ids(acc: &Account, viewer: UserId, team: TeamId, f: &TeamUserFilter) -> Vec<UserId> {
    let Some(t) = acc.teams.get(&team) else { return Vec::new() };
    // A product outside a product admin's limit filters nothing: its holders are not theirs to list (issue 30).
    let product = f.product.as_ref().filter(|p| visibility::sees_team_product(t, viewer, p));
    let holders = product.map(|p| t.holders(p));
    let in_group = f.group.map(|g| t.groups.get(&g).map(|g| g.members.clone()).unwrap_or_default());
    let text = name_key(f.text.trim());
    let mut found: Vec<(TeamRole, String, UserId)> = t
        .members
        .iter()
        .filter(|(id, m)| {
            f.role.is_none_or(|r| m.role == r)
                && f.status.is_none_or(|s| m.status == s)
                && holders.as_ref().is_none_or(|h| h.contains(id))
                && in_group.as_ref().is_none_or(|g| g.contains(id))
        })
        .filter_map(|(id, m)| {
            let u = acc.users.get(id)?;
            let name = name_key(&u.full_name());
            (text.is_empty() || name.contains(&text) || u.email.contains(&text)).then_some((m.role, name, *id))
        })
        .collect();
    found.sort_unstable();
    found.into_iter().map(|(_, _, id)| id).collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TeamUserRow {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: TeamRole,
    pub status: TeamStatus,
    /// Added by directory sync: read-only (rule 25).
    pub synced: bool,
    /// A limited secondary admin's limit, "AutoCAD only" (issue 30).
    pub limit: Option<String>,
    pub products: Vec<HeldProduct>,
    /// The products among them that give no access today (`no_access_now`).
    pub no_access: Vec<String>,
}

impl TeamUserRow {
    /// "AutoCAD (Pool), Revit (Subscription ID SUB-70021) · No access now".
    pub fn products_text(&self) -> String {
        let label = |p: &HeldProduct| match self.no_access.contains(&p.product) {
            true => format!("{} · No access now", p.label()),
            false => p.label(),
        };
        self.products.iter().map(label).collect::<Vec<_>>().join(", ")
    }
}

/// Holds a product whose seats give no access today (issue 26): a subscription it is tied to is suspended or
/// canceled, or the pool it comes from has no live seat (rules 43, 46).
pub fn no_access_now(t: &Team, user: UserId, product: &str, today: NaiveDate) -> bool {
    match t.direct.get(&user).and_then(|p| p.get(product)) {
        Some(SeatSource::Subscription(s)) => {
            t.subscriptions.get(s).is_none_or(|s| !lifecycle::status(s.end_date, s.term, today).grants_access())
        }
        _ => Seats::pool(t, product, today).live == 0,
    }
}

/// By User's rows as `viewer` sees them: a product admin sees their products only (issue 30).
pub fn team_user_rows(
    acc: &Account,
    viewer: UserId,
    team: TeamId,
    ids: &[UserId],
    today: NaiveDate,
) -> Vec<TeamUserRow> {
    let Some(t) = acc.teams.get(&team) else { return Vec::new() };
    let seen = t.products_seen_by(viewer);
    ids.iter()
        .filter_map(|id| {
            let (u, m) = (acc.users.get(id)?, t.members.get(id)?);
            let mut products = held_products(t, *id);
            products.retain(|p| seen.contains(&p.product));
            Some(TeamUserRow {
                id: *id,
                name: u.full_name(),
                email: u.email.clone(),
                role: m.role,
                status: m.status,
                synced: m.synced,
                limit: m.limit.as_ref().map(AdminLimit::label),
                no_access: products
                    .iter()
                    .filter(|p| no_access_now(t, *id, &p.product, today))
                    .map(|p| p.product.clone())
                    .collect(),
                products,
            })
        })
        .collect()
}

/// By Product: a product's pool (`Seats::pool`: the seats of the subscriptions giving access today), use and
/// subscriptions.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductRow {
    pub product: String,
    pub pool: Seats,
    pub subscriptions: Vec<SubscriptionRow>,
}

pub fn product_rows(acc: &Account, viewer: UserId, team: TeamId, today: NaiveDate) -> Vec<ProductRow> {
    let Some(t) = acc.teams.get(&team) else { return Vec::new() };
    let subs = subscription_rows(acc, viewer, team, today);
    t.products_seen_by(viewer)
        .into_iter()
        .map(|p| ProductRow {
            pool: Seats::pool(t, &p, today),
            subscriptions: subs.iter().filter(|s| s.product == p).cloned().collect(),
            product: p,
        })
        .collect()
}

/// Who holds a product and from which sources, by name.
pub fn product_holders(acc: &Account, t: &Team, product: &str) -> Vec<(UserId, String, String, Vec<Source>)> {
    let mut rows: Vec<(UserId, String, String, Vec<Source>)> = t
        .holders(product)
        .into_iter()
        .filter_map(|u| {
            let user = acc.users.get(&u)?;
            Some((u, user.full_name(), user.email.clone(), sources(t, u, product)))
        })
        .collect();
    rows.sort_by(|a, b| a.1.cmp(&b.1));
    rows
}

/// A seat source offered when assigning (§4b.5 "Assign seats from"), with what is left of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceChoice {
    pub source: SeatSource,
    pub label: String,
    pub available: usize,
    pub seats: u32,
}

impl SourceChoice {
    /// "Pool · 4 of 8 seats available".
    pub fn text(&self) -> String {
        format!("{} · {} of {} seats available", self.label, self.available, self.seats)
    }
}

/// The pool and each subscription of the product still giving access (rule 43). A pinned seat is also a seat
/// of the pool, so a subscription never offers more than the pool has left.
pub fn seat_choices(t: &Team, product: &str, today: NaiveDate) -> Vec<SourceChoice> {
    let seats = t.pool_seats(product, Some(today));
    let pool_left = t.free_seats(product, today);
    let pool = SourceChoice { source: SeatSource::Pool, label: "Pool".into(), available: pool_left, seats };
    let subs = t
        .subscriptions
        .iter()
        .filter(|(_, s)| s.product == product && lifecycle::status(s.end_date, s.term, today).grants_access())
        .map(|(id, s)| SourceChoice {
            source: SeatSource::Subscription(id.clone()),
            label: format!("Subscription ID {id}"),
            available: (s.seats as usize).saturating_sub(t.pinned(id)).min(pool_left),
            seats: s.seats,
        });
    std::iter::once(pool).chain(subs).collect()
}

/// What a person loses when removed from the team (§4b.7): each product, the groups they leave, and the
/// cloud collaboration sites linked to the team (rule 26, newer note): the hubs created for it and those of
/// the contracts its subscriptions come from, with their projects.
pub fn removal_losses(acc: &Account, team: TeamId, user: UserId) -> Vec<String> {
    let Some(t) = acc.teams.get(&team) else { return Vec::new() };
    let products = held_products(t, user).into_iter().map(|p| format!("Assigned product: {}", p.label()));
    let groups = t.groups.values().filter(|g| g.members.contains(&user)).map(|g| format!("Group: {}", g.name));
    let contracts: BTreeSet<&ContractNo> = t.subscriptions.values().filter_map(|s| s.contract.as_ref()).collect();
    let linked = acc.hubs.iter().filter(|(id, h)| {
        h.team == Some(team) || contracts.iter().any(|c| acc.contracts.get(*c).is_some_and(|c| c.hub == Some(**id)))
    });
    let sites = linked.map(|(_, h)| format!("Cloud collaboration site: {} ({} hub) and its projects", h.name, h.kind));
    products.chain(groups).chain(sites).collect()
}

/// Who loses what when a group is deleted: the products its members hold through it alone (rule 40).
pub fn group_deletion_losses(acc: &Account, t: &Team, group: GroupId) -> Vec<String> {
    let Some(g) = t.groups.get(&group) else { return Vec::new() };
    let mut lost: Vec<String> = g
        .members
        .iter()
        .filter_map(|u| {
            let only_here: Vec<&str> =
                g.products.iter().filter(|p| sources(t, *u, p).len() == 1).map(String::as_str).collect();
            (!only_here.is_empty()).then(|| format!("{}: {}", acc.name_of(*u), only_here.join(", ")))
        })
        .collect();
    lost.sort();
    lost
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::read::test_support::{demo, id};

    fn setup() -> (Account, TeamId, NaiveDate) {
        let (acc, today) = demo();
        let t = *acc.teams.keys().next().unwrap();
        (acc, t, today)
    }

    #[test]
    fn by_user_lists_the_primary_admin_first_and_filters_by_product_group_status_and_text() {
        let (acc, t, _) = setup();
        let all = team_user_ids(&acc, acc.teams[&t].primary_admin().unwrap(), t, &TeamUserFilter::default());
        assert_eq!(all.len(), acc.teams[&t].members.len());
        assert_eq!(all[0], id(&acc, "Sam Okafor"));
        let revit = TeamUserFilter { product: Some("Revit".into()), ..Default::default() };
        assert_eq!(
            team_user_ids(&acc, acc.teams[&t].primary_admin().unwrap(), t, &revit).len(),
            4,
            "3 through Structural, Nina directly"
        );
        let invited = TeamUserFilter { status: Some(TeamStatus::Invited), ..Default::default() };
        assert_eq!(team_user_ids(&acc, acc.teams[&t].primary_admin().unwrap(), t, &invited).len(), 2);
        let g = *acc.teams[&t].groups.keys().next().unwrap();
        let text = TeamUserFilter { group: Some(g), text: "LEILA".into(), ..Default::default() };
        assert_eq!(
            team_user_ids(&acc, acc.teams[&t].primary_admin().unwrap(), t, &text),
            vec![id(&acc, "Leila Haddad")]
        );
    }

    #[test]
    fn issue_32_by_users_filter_in_words_for_a_bulk_confirmation() {
        let (acc, t, _) = setup();
        let team = &acc.teams[&t];
        assert_eq!(TeamUserFilter::default().describe(team), None, "the whole team");
        let g = *team.groups.keys().next().unwrap();
        let f = TeamUserFilter {
            role: Some(TeamRole::User),
            status: Some(TeamStatus::Invited),
            group: Some(g),
            text: " lei ".into(),
            ..Default::default()
        };
        let group = &team.groups[&g].name;
        assert_eq!(
            f.describe(team).unwrap(),
            format!("role User, account status Invited, group {group}, name or email “lei”")
        );
    }

    #[test]
    fn by_group_lists_each_group_with_its_members_and_products_by_name() {
        let (mut acc, t, _) = setup();
        let rows = group_rows(&acc.teams[&t], acc.teams[&t].primary_admin().unwrap());
        let structural = rows.iter().find(|r| r.name == "Structural").unwrap();
        assert_eq!(structural.products, ["Revit"]);
        assert_eq!(structural.members, 3, "the three who hold Revit through it");
        let g = *acc.teams[&t].groups.keys().next().unwrap();
        acc.teams.get_mut(&t).unwrap().groups.get_mut(&g).unwrap().name = "aaa first".into();
        assert_eq!(
            group_rows(&acc.teams[&t], acc.teams[&t].primary_admin().unwrap())[0].name,
            "aaa first",
            "by name, whatever the case"
        );
    }

    #[test]
    fn rules_40_41_who_can_be_assigned_a_product_and_which_seats_only_their_group_takes_back() {
        let (acc, t, _) = setup();
        let team = &acc.teams[&t];
        let revit_holders = team.holders("Revit");
        let can = assignable(&acc, team, "Revit");
        assert_eq!(can.len() + revit_holders.len(), team.members.len(), "everyone else, once (rule 40)");
        assert!(can.iter().all(|(u, _, _)| !revit_holders.contains(u)));
        assert!(can.windows(2).all(|w| w[0].1 <= w[1].1), "by name");
        let leila = held_products(team, id(&acc, "Leila Haddad"));
        let revit = leila.iter().find(|p| p.product == "Revit").unwrap();
        assert_eq!(revit.locked_by(), Some("Structural"), "from the group alone (rule 41)");
        let nina = held_products(team, id(&acc, "Nina Kowalski"));
        let revit = nina.iter().find(|p| p.product == "Revit").unwrap();
        assert_eq!(revit.locked_by(), None, "a direct seat can be unassigned");
    }

    #[test]
    fn rule_46_holders_of_a_suspended_subscription_have_no_access_now() {
        let (acc, t, _) = setup();
        let revit = &acc.teams[&t].subscriptions[&SubscriptionId::new("SUB-70021")];
        let day = revit.end_date + chrono::Duration::days(16);
        let holders: Vec<UserId> = acc.teams[&t].holders("Revit").into_iter().collect();
        let rows = team_user_rows(&acc, acc.teams[&t].primary_admin().unwrap(), t, &holders, day);
        assert!(!rows.is_empty());
        assert!(
            rows.iter()
                .all(|r| r.products_text().contains("Revit (") && r.products_text().contains(") · No access now")),
            "{:?}",
            rows.iter().map(TeamUserRow::products_text).collect::<Vec<_>>()
        );
        assert!(
            team_user_rows(&acc, acc.teams[&t].primary_admin().unwrap(), t, &holders, revit.end_date)
                .iter()
                .all(|r| r.no_access.is_empty()),
            "expired keeps access"
        );
    }

    #[test]
    fn rule_40_41_a_row_names_every_source_and_group_products_are_marked() {
        let (acc, t, today) = setup();
        let rows = team_user_rows(
            &acc,
            acc.teams[&t].primary_admin().unwrap(),
            t,
            &[id(&acc, "Leila Haddad"), id(&acc, "Aisha Khan")],
            today,
        );
        assert_eq!(rows[0].products[0].label(), "Revit (Group Structural)");
        assert_eq!(rows[0].products[0].group(), Some("Structural"));
        assert_eq!(rows[1].products[0].label(), "AutoCAD (Subscription ID SUB-70012)");
    }

    #[test]
    fn by_product_counts_the_pool_of_subscriptions_giving_access_today() {
        let (acc, t, today) = setup();
        let dana = id(&acc, "Dana Reyes");
        let rows = product_rows(&acc, dana, t, today);
        let autocad = rows.iter().find(|r| r.product == "AutoCAD").unwrap();
        assert_eq!((autocad.pool.live, autocad.pool.used, autocad.pool.free()), (8, 4, 4));
        assert_eq!(autocad.subscriptions.len(), 2);
        let subs = subscription_rows(&acc, dana, t, today);
        let store = subs.iter().find(|s| s.id.as_str() == "SUB-70012").unwrap();
        assert_eq!((store.pinned, store.auto_renew, store.reseller.is_none()), (1, true, true));
        assert!(subs.iter().find(|s| s.id.as_str() == "SUB-70011").unwrap().reseller.is_some());
        // Section 2: an SSO admin sees the subscriptions, not their contract numbers, reseller or renewal terms.
        let elena = subscription_rows(&acc, id(&acc, "Elena Petrova"), t, today);
        assert!(elena.iter().all(|s| !s.billing && s.contract.is_none() && s.reseller.is_none() && !s.auto_renew));
        // Rule 44: Move is offered to the subscription's owner alone.
        assert!(subs.iter().all(|s| s.movable) && elena.iter().all(|s| !s.movable));
    }

    #[test]
    fn rule_60_exports_in_autodesks_columns_with_formulas_neutralised() {
        use crate::domain::read::export::{groups_csv, subscriptions_csv, team_users_csv};
        let (mut acc, t, today) = setup();
        let (aisha, omar) = (id(&acc, "Aisha Khan"), id(&acc, "Omar Farouk"));
        acc.users.get_mut(&aisha).unwrap().first_name = "=HYPERLINK(1)".into();
        let rows = team_user_rows(&acc, acc.teams[&t].primary_admin().unwrap(), t, &[aisha, omar], today);
        let users = team_users_csv("Contoso Engineering", &rows);
        let lines: Vec<&str> = users.lines().collect();
        assert_eq!(lines[0], "first_name,last_name,email,autodesk_id,role,team,product_name,account_status");
        assert_eq!(lines[1], "'=HYPERLINK(1),Khan,aisha.khan@contoso-eng.com,aisha.khan@contoso-eng.com,User,Contoso Engineering,AutoCAD,Verified");
        assert!(lines[2].ends_with(",User,Contoso Engineering,,Invited"), "a user with no product has one row");
        let subs = subscriptions_csv("Contoso Engineering", &subscription_rows(&acc, id(&acc, "Dana Reyes"), t, today));
        assert!(subs.starts_with("contract_number,subscription_id,offering_name,seat_quantity,start_date,end_date,autorenew_date,term,subscription_status,reseller_name,reseller_email,team\n110012345678,SUB-70011,AutoCAD,6,"));
        assert_eq!(groups_csv(&acc.teams[&t]), "group,group_type\nStructural,local\n");
    }

    #[test]
    fn rule_43_seat_choices_offer_the_pool_and_each_live_subscription() {
        let (acc, t, today) = setup();
        let texts: Vec<String> = seat_choices(&acc.teams[&t], "AutoCAD", today).iter().map(|c| c.text()).collect();
        assert_eq!(
            texts,
            [
                "Pool · 4 of 8 seats available",
                "Subscription ID SUB-70011 · 4 of 6 seats available",
                "Subscription ID SUB-70012 · 1 of 2 seats available"
            ]
        );
    }

    #[test]
    fn rule_40_deleting_a_group_lists_what_only_it_gave() {
        let (acc, t, _) = setup();
        let g = *acc.teams[&t].groups.keys().next().unwrap();
        let lost = group_deletion_losses(&acc, &acc.teams[&t], g);
        assert_eq!(lost, ["Daniel Novak: Revit", "Ethan Brooks: Revit", "Leila Haddad: Revit"]);
    }

    #[test]
    fn the_teams_a_person_administers() {
        let (acc, _, _) = setup();
        let names: Vec<String> = admin_teams(&acc, id(&acc, "Dana Reyes")).into_iter().map(|t| t.1).collect();
        assert_eq!(names, ["Contoso Engineering", "Contoso Site Services"]);
        assert!(admin_teams(&acc, id(&acc, "Rosa Jimenez")).is_empty());
    }
}
