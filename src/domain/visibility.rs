//! Who sees what, in one place (issue 26; domain.md section 2). The navigation, the screens, search, the
//! Outbox, the activity log and the exports all ask here, so a person is never shown what they may not see
//! nor offered a screen that only says "no access".

use super::ids::*;
use super::model::*;

/// The screens a person may use; the navigation lists only these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Screens {
    /// Classic User Management: contract managers and software coordinators (section 2).
    pub classic: bool,
    /// By User, By Product, By Group, Subscriptions by team: team admins not limited to Reporting (the
    /// Migration assistant then says it is an admin's without a limit).
    pub teams: bool,
    /// Contracts & Subscriptions: contract managers alone (billing).
    pub billing: bool,
    /// Reporting and auto-assign rules: anyone who administers something.
    pub reporting: bool,
    /// Notifications, the console's alerts (issue 30): anyone who administers something.
    pub notifications: bool,
    /// Team hubs: contract managers, and team admins, who create Fusion Team hubs (rule 57).
    pub hubs: bool,
    /// The Migration assistant and a team's pending invitations: team admins without a limit (a product admin
    /// neither migrates nor resends, issue 30).
    pub whole_team: bool,
}

pub fn screens(acc: &Account, viewer: UserId) -> Screens {
    let whole_team = acc.teams.values().any(|t| t.wholly_administered_by(viewer));
    Screens {
        classic: acc.is_classic_admin(viewer),
        teams: acc.teams.values().any(|t| t.managed_by(viewer)),
        billing: acc.is_contract_manager(viewer),
        reporting: acc.is_admin(viewer),
        notifications: acc.is_admin(viewer),
        hubs: acc.is_contract_manager(viewer) || whole_team,
        whole_team,
    }
}

/// How far a team admin's rights reach (rule 30; issue 30's limited admins), from `Team::reach`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach<'a> {
    /// The primary admin, or a secondary or SSO admin without a limit.
    Whole,
    /// A product admin: these products only, in every screen, search, export, report and alert.
    Products(&'a std::collections::BTreeSet<String>),
    /// Reads Reporting only and changes nothing.
    Reporting,
}

impl Reach<'_> {
    /// Opens the team's management screens.
    pub fn manages(self) -> bool {
        self != Reach::Reporting
    }
    /// Assigns and unassigns this product, answers its requests.
    pub fn manages_product(self, product: &str) -> bool {
        match self {
            Reach::Whole => true,
            Reach::Products(p) => p.contains(product),
            Reach::Reporting => false,
        }
    }
    /// Sees this product in lists, search, exports, reports and alerts.
    pub fn sees_product(self, product: &str) -> bool {
        match self {
            Reach::Products(p) => p.contains(product),
            Reach::Whole | Reach::Reporting => true,
        }
    }
}

/// "Your admin role in Contoso Engineering is limited to Reporting only." for each team where `viewer`'s is:
/// what a refusal adds, so a limited secondary admin is not told that secondary admins may (issue 30).
pub fn limits(acc: &Account, viewer: UserId) -> Vec<String> {
    acc.teams
        .values()
        .filter_map(|t| {
            let limit = t.limit_of(viewer).flatten()?;
            Some(format!("Your admin role in {} is limited to {}.", t.name, limit.label()))
        })
        .collect()
}

/// May `viewer` see this product of this team anywhere (an admin of it, within their limit).
pub fn sees_team_product(t: &Team, viewer: UserId, product: &str) -> bool {
    t.reach(viewer).is_some_and(|r| r.sees_product(product))
}

/// Contract numbers' billing side (reseller, renewal terms, auto-renewal) is the contract manager's alone;
/// an online subscription's is its owner's (section 2: "See contract / billing details").
pub fn sees_billing(acc: &Account, viewer: UserId, s: &Subscription) -> bool {
    match &s.contract {
        Some(no) => acc.contracts.get(no).is_some_and(|c| c.contract_manager == viewer),
        None => s.owner == viewer,
    }
}

/// An email is its recipient's; a contract manager also sees the account's renewal notices (rule 48).
pub fn sees_email(acc: &Account, viewer: UserId, e: &Email) -> bool {
    let Some(me) = acc.users.get(&viewer) else { return false };
    e.to.eq_ignore_ascii_case(&me.email) || (e.kind == EmailKind::RenewalNotice && acc.is_contract_manager(viewer))
}

/// May `viewer` see this activity entry: their own action, a contract they manage (a coordinator: their serial
/// numbers' entries), a team they administer; entries about neither are classic admins' (users, hubs).
pub fn sees_activity(acc: &Account, viewer: UserId, a: &Activity) -> bool {
    if acc.users.get(&viewer).is_some_and(|u| u.full_name() == a.actor) {
        return true;
    }
    let t = &a.targets;
    if let Some(c) = t.contract.as_ref().and_then(|c| acc.contracts.get(c)) {
        return c.contract_manager == viewer
            || t.serials.iter().any(|s| c.serials.get(s).is_some_and(|s| s.coordinator == Some(viewer)));
    }
    if let Some(team) = t.team.and_then(|t| acc.teams.get(&t)) {
        // A product admin reads the entries about their products, and about themselves, only (issue 30).
        return match team.reach(viewer) {
            Some(Reach::Products(p)) => t.products.iter().any(|x| p.contains(x)) || t.users.contains(&viewer),
            reach => reach.is_some(),
        };
    }
    acc.is_classic_admin(viewer)
}

/// What a search matches on: lower case without spaces and hyphens, so "399 11111111", "39911111111" and
/// "SUB70011" find "399-11111111" and "SUB-70011".
pub fn searchable(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::read::test_support::{demo, id};

    #[test]
    fn section_2_a_plain_user_is_offered_no_admin_screen_and_reads_only_their_emails() {
        let (acc, _) = demo();
        let tom = id(&acc, "Tom Becker");
        assert_eq!(screens(&acc, tom), Screens::default());
        let dana = id(&acc, "Dana Reyes");
        assert_eq!(
            screens(&acc, dana),
            Screens {
                classic: true,
                teams: true,
                billing: true,
                reporting: true,
                notifications: true,
                hubs: true,
                whole_team: true
            }
        );
        let notices = acc.outbox.iter().filter(|e| e.kind == EmailKind::RenewalNotice).count();
        assert!(notices > 0);
        assert!(acc.outbox.iter().filter(|e| sees_email(&acc, tom, e)).all(|e| e.kind != EmailKind::RenewalNotice));
        assert_eq!(
            acc.outbox.iter().filter(|e| sees_email(&acc, dana, e) && e.kind == EmailKind::RenewalNotice).count(),
            notices
        );
    }

    #[test]
    fn search_text_ignores_spaces_hyphens_and_case() {
        assert_eq!(searchable("399 11111111"), searchable("399-11111111"));
        assert_eq!(searchable("SUB70011"), searchable("sub-70011"));
        assert!(searchable("Fusion Team").contains(&searchable("fusion te")));
    }
}
