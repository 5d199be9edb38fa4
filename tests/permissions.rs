//! Every command kind × every role → allowed exactly as the permission matrix of domain.md section 2 says.
//! Each role is held by one person who holds no other role, so only the role decides.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use contract_console::domain::from_exports::{Refresh, Terms};
use contract_console::domain::*;
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    ContractManager,
    SoftwareCoordinator,
    NamedUser,
    PrimaryAdmin,
    SecondaryAdmin,
    SsoAdmin,
    TeamUser,
    Autodesk,
    /// A secondary admin limited to AutoCAD (issue 30).
    ProductAdmin,
    /// A secondary admin limited to reading Reporting (issue 30).
    ReportingAdmin,
}
use Role::*;
const ROLES: [Role; 10] = [
    ContractManager,
    SoftwareCoordinator,
    NamedUser,
    PrimaryAdmin,
    SecondaryAdmin,
    SsoAdmin,
    TeamUser,
    Autodesk,
    ProductAdmin,
    ReportingAdmin,
];

const CLASSIC: &[Role] = &[ContractManager, SoftwareCoordinator];
const CM_ONLY: &[Role] = &[ContractManager];
const TEAM_ADMINS: &[Role] = &[PrimaryAdmin, SecondaryAdmin, SsoAdmin];
const PA_ONLY: &[Role] = &[PrimaryAdmin];
const PA_SA: &[Role] = &[PrimaryAdmin, SecondaryAdmin];
const AUTODESK: &[Role] = &[Autodesk];
const NOBODY: &[Role] = &[];
const ADMINS: &[Role] =
    &[ContractManager, SoftwareCoordinator, PrimaryAdmin, SecondaryAdmin, SsoAdmin, ProductAdmin, ReportingAdmin];
/// AutoCAD's seats in the team: its admins and the product admin limited to AutoCAD (issue 30).
const AUTOCAD_SEATS: &[Role] = &[PrimaryAdmin, SecondaryAdmin, SsoAdmin, ProductAdmin];

/// The demo account with roles held apart: the CM and SC are not team members, the named user and the
/// team user hold nothing else, Oliver is the one secondary admin acting, Fatima the SA to promote.
fn fixture() -> Account {
    let mut acc = demo();
    let t = team(&acc);
    let ids = |names: &[&str]| names.iter().map(|n| user(&acc, n)).collect::<Vec<_>>();
    let names = ["Dana Reyes", "Priya Natarajan", "Oliver Smith", "Fatima Zahra", "Ethan Brooks", "Aisha Khan"];
    let [dana, priya, oliver, fatima, ethan, aisha] = ids(&names)[..] else { unreachable!() };
    let team = acc.teams.get_mut(&t).unwrap();
    team.members.remove(&dana);
    team.members.remove(&priya);
    team.members.get_mut(&oliver).unwrap().role = TeamRole::SecondaryAdmin;
    team.members.get_mut(&fatima).unwrap().role = TeamRole::SecondaryAdmin;
    // Issue 30: Ethan assigns AutoCAD only (and, out of Structural, holds nothing), Aisha reads Reporting only.
    team.groups.values_mut().for_each(|g| {
        g.members.remove(&ethan);
    });
    for (who, limit) in [(ethan, AdminLimit::Products(["AutoCAD".into()].into())), (aisha, AdminLimit::Reporting)] {
        let m = team.members.get_mut(&who).unwrap();
        (m.role, m.limit) = (TeamRole::SecondaryAdmin, Some(limit));
    }
    for sub in team.subscriptions.values_mut() {
        sub.owner = dana;
    }
    // One bought since, none of its seats assigned: it may move to another team (rule 44).
    let mut bought = team.subscriptions.values().next().unwrap().clone();
    bought.seats = 2;
    team.subscriptions.insert(SubscriptionId("SUB-79999".into()), bought);
    // One auto-assign rule to remove and run, for a line the CM and Priya (its coordinator) manage.
    let grant =
        auto_assign::RuleGrant::Line { contract: no("110012345678"), line: line(&acc, "110012345678", "Revit") };
    acc.assign_rules.push(auto_assign::AssignRule { domain: "rules.example.com".into(), grant, author: dana });
    // One open request to answer (issue 30): Felix, a member holding nothing, asks for Revit.
    let felix = user(&acc, "Felix Wagner");
    let wanted = requests::Wanted::Team { team: t, product: "Revit".into() };
    act_on(&mut acc, Actor::User(felix), Command::RequestProduct { wanted, reason: "Bridge model".into() }, today())
        .unwrap();
    invariants::check(&acc).unwrap();
    acc
}

fn actor(acc: &Account, role: Role) -> Actor {
    let name = match role {
        ContractManager => "Dana Reyes",
        SoftwareCoordinator => "Priya Natarajan",
        NamedUser => "Luis Ortega",
        PrimaryAdmin => "Sam Okafor",
        SecondaryAdmin => "Oliver Smith",
        SsoAdmin => "Elena Petrova",
        TeamUser => "Rosa Jimenez",
        ProductAdmin => "Ethan Brooks",
        ReportingAdmin => "Aisha Khan",
        Autodesk => return Actor::Autodesk,
    };
    Actor::User(user(acc, name))
}

fn refresh_seats(acc: &Account, t: TeamId) -> Command {
    let team = &acc.teams[&t];
    let (id, sub) = team.subscriptions.iter().next().expect("the demo team has subscriptions");
    let terms = Terms { seats: sub.seats + 2, ..Terms::of(sub) };
    Command::RefreshFromExports {
        changes: vec![Refresh::Subscription { team: team.name.clone(), id: id.clone(), terms }],
    }
}

/// One valid command of every kind, and who may apply it.
fn table(acc: &Account) -> Vec<(Command, &'static [Role])> {
    let u = |n: &str| user(acc, n);
    let t = team(acc);
    let g = group(acc, "Structural");
    let plan = no("110012345678");
    let revit = line(acc, "110012345678", "Revit");
    let csv = "First name,Last name,Email\nCsv,Person,csv.person@x.com\n".to_string();
    let other = *acc.teams.keys().find(|o| **o != t).expect("the demo has two teams");
    let invited = acc.teams[&t].members.iter().find(|(_, m)| m.status == TeamStatus::Invited).map(|(u, _)| *u);
    let invited = invited.expect("the demo team has someone invited");
    let pending = acc.users.iter().find(|(_, p)| p.classic.as_ref().is_some_and(|c| c.status == UserStatus::Pending));
    let pending = *pending.expect("the demo has a pending named user").0;
    vec![
        (Command::AddUser { email: "p@x.com".into(), first_name: "P".into(), last_name: "Q".into() }, CLASSIC),
        (Command::BulkAdd { text: "Bulk Person <bulk@x.com>".into() }, CLASSIC),
        (Command::RemoveUsers { users: vec![u("Kenji Tanaka")] }, CLASSIC),
        (Command::ResendInvite { user: u("Ben Carter") }, CLASSIC),
        (Command::AcceptInvite { user: u("Ben Carter") }, NOBODY),
        (edit(vec![u("Kenji Tanaka")], vec![give(acc, "110012345678", "Revit", &["Cloud Storage"])]), CLASSIC),
        (Command::AssignAll { users: vec![u("Kenji Tanaka")], contract: plan.clone() }, CLASSIC),
        (
            Command::AddAssignRule {
                domain: "new.example.com".into(),
                grant: auto_assign::RuleGrant::Line { contract: plan.clone(), line: revit },
            },
            CLASSIC,
        ),
        (Command::DeleteAssignRule { index: 0 }, CLASSIC),
        (Command::RunAssignRules, CLASSIC),
        (Command::RunAssignRulesInOrder { order: Default::default() }, CLASSIC),
        (Command::ResendInvites { invitations: vec![Invitation::Team { team: t, user: invited }] }, TEAM_ADMINS),
        (Command::ResendInvites { invitations: vec![Invitation::Classic { user: pending }] }, CLASSIC),
        (Command::MoveSubscription { from: t, subscription: SubscriptionId("SUB-79999".into()), to: other }, CM_ONLY),
        // Issue 30: a member asks for a product of their team; its admins answer.
        (
            Command::RequestProduct {
                wanted: requests::Wanted::Team { team: t, product: "Revit".into() },
                reason: "Rendering".into(),
            },
            &[PrimaryAdmin, SecondaryAdmin, SsoAdmin, TeamUser, ProductAdmin, ReportingAdmin],
        ),
        (
            Command::AnswerRequest {
                request: acc.requests[0].id,
                approve: false,
                reason: "No seat until March".into(),
            },
            TEAM_ADMINS,
        ),
        (
            Command::SetAutoApprove { wanted: requests::Wanted::Team { team: t, product: "Revit".into() }, on: true },
            TEAM_ADMINS,
        ),
        // Issue 30: an admin without a limit limits another secondary admin.
        (Command::LimitAdmin { team: t, user: u("Fatima Zahra"), limit: Some(AdminLimit::Reporting) }, TEAM_ADMINS),
        // Issue 30: each admin chooses their own alerts.
        (Command::ChooseAlerts { alerts: [alerts::Alert::WeeklyDigest].into() }, ADMINS),
        (
            Command::AssignCoordinator {
                contract: plan.clone(),
                serials: vec![SerialNo::new("399-11111111")],
                user: u("Kenji Tanaka"),
            },
            CM_ONLY,
        ),
        (Command::ChangeContractManager { contract: plan.clone(), user: u("Kenji Tanaka") }, CM_ONLY),
        (Command::SetAutoRenew { contract: no("110044443333"), on: false }, CM_ONLY),
        (
            Command::CreateHub {
                name: "H".into(),
                url: "https://h.autodesk360.com".into(),
                kind: String::new(),
                team: None,
            },
            CM_ONLY,
        ),
        // Rule 57: a team's admins create Fusion Team hubs for their team.
        (
            Command::CreateHub {
                name: "F".into(),
                url: "https://f.autodesk360.com".into(),
                kind: "Fusion Team".into(),
                team: Some(t),
            },
            &[ContractManager, PrimaryAdmin, SecondaryAdmin, SsoAdmin],
        ),
        (
            Command::AssignContractToHub {
                contract: plan.clone(),
                hub: HubChoice::Url("https://plan-hub.autodesk360.com".into()),
                confirmed: true,
            },
            CM_ONLY,
        ),
        // Email 1 is the contract manager's: only its recipient opens it (issue 26).
        (Command::MarkEmailRead { email: 1 }, CM_ONLY),
        (Command::SendDueNotices, AUTODESK),
        // Issue 31: two more seats bought, as a newer Subscriptions export says.
        (refresh_seats(acc, t), CM_ONLY),
        (Command::PublishRelease { contract: plan.clone(), line: revit, release: "2027".into() }, AUTODESK),
        (
            Command::AddProductLine {
                contract: plan,
                serial: SerialNo::new("399-11111111"),
                product: "Recap Pro".into(),
                release: "2027".into(),
                seats: 1,
                services: vec![],
            },
            AUTODESK,
        ),
        (
            Command::InviteTeamUser {
                team: t,
                email: "i@x.com".into(),
                first_name: "I".into(),
                last_name: "J".into(),
                groups: vec![],
            },
            TEAM_ADMINS,
        ),
        (
            Command::InviteTeamUsers { team: t, text: "Ann Lee <ann.lee@x.com>; bo.wu@x.com".into(), groups: vec![] },
            TEAM_ADMINS,
        ),
        (Command::ImportTeamUsers { team: t, csv, groups: vec![] }, TEAM_ADMINS),
        (Command::RenameTeam { team: t, name: "Contoso Design".into() }, PA_SA),
        (Command::RemoveTeamUser { team: t, user: u("Leila Haddad") }, TEAM_ADMINS),
        (
            Command::ImportTeamRoles {
                team: t,
                csv: "Email,Role\nleila.haddad@contoso-eng.com,Secondary Admin\n".into(),
            },
            TEAM_ADMINS,
        ),
        (Command::SetTeamRole { team: t, user: u("Leila Haddad"), role: TeamRole::SecondaryAdmin }, TEAM_ADMINS),
        (Command::SetTeamRole { team: t, user: u("Leila Haddad"), role: TeamRole::SsoAdmin }, PA_ONLY),
        (Command::SetTeamRole { team: t, user: u("Fatima Zahra"), role: TeamRole::User }, TEAM_ADMINS),
        (Command::MakePrimaryAdmin { team: t, user: u("Fatima Zahra") }, PA_SA),
        (
            Command::SetTeamRoles {
                team: t,
                users: vec![u("Leila Haddad"), u("Tom Becker")],
                role: TeamRole::SecondaryAdmin,
            },
            TEAM_ADMINS,
        ),
        (
            Command::AssignUsers {
                team: t,
                users: vec![u("Leila Haddad"), u("Ethan Brooks")],
                product: "AutoCAD".into(),
                source: SeatSource::Pool,
                items: None,
            },
            AUTOCAD_SEATS,
        ),
        (
            Command::AssignProduct {
                team: t,
                user: u("Leila Haddad"),
                product: "AutoCAD".into(),
                source: SeatSource::Pool,
                items: None,
            },
            AUTOCAD_SEATS,
        ),
        (Command::UnassignProduct { team: t, user: u("Tom Becker"), product: "AutoCAD".into() }, AUTOCAD_SEATS),
        (
            Command::ReclaimSeats {
                seats: vec![SeatRef::Team { user: u("Tom Becker"), team: t, product: "AutoCAD".into() }],
            },
            AUTOCAD_SEATS,
        ),
        (
            Command::CustomizeProduct {
                team: t,
                user: u("Tom Becker"),
                product: "AutoCAD".into(),
                items: Some(["Cloud Storage".to_string()].into()),
            },
            AUTOCAD_SEATS,
        ),
        (Command::CreateGroup { team: t, name: "MEP".into() }, TEAM_ADMINS),
        (Command::RenameGroup { team: t, group: g, name: "Structural design".into() }, TEAM_ADMINS),
        (Command::DeleteGroup { team: t, group: g }, TEAM_ADMINS),
        (Command::AddGroupMembers { team: t, group: g, users: vec![u("Tom Becker")] }, TEAM_ADMINS),
        (Command::RemoveGroupMember { team: t, group: g, user: u("Daniel Novak") }, TEAM_ADMINS),
        (Command::AssignGroupProduct { team: t, group: g, product: "AutoCAD".into() }, AUTOCAD_SEATS),
        (Command::UnassignGroupProduct { team: t, group: g, product: "Revit".into() }, TEAM_ADMINS),
        (
            Command::SaveMigrationPlan {
                team: t,
                people: vec![PlannedPerson { user: u("Kenji Tanaka"), role: TeamRole::User, products: vec![] }],
            },
            TEAM_ADMINS,
        ),
        (
            Command::RunMigration {
                team: t,
                people: vec![PlannedPerson { user: u("Kenji Tanaka"), role: TeamRole::User, products: vec![] }],
            },
            TEAM_ADMINS,
        ),
    ]
}

/// The name of a command's kind. No wildcard arm: a new command kind fails to compile until it is named
/// here, and the test below fails until the table covers it.
fn kind(c: &Command) -> &'static str {
    use Command::*;
    match c {
        AddUser { .. } => "AddUser",
        BulkAdd { .. } => "BulkAdd",
        RemoveUsers { .. } => "RemoveUsers",
        ResendInvite { .. } => "ResendInvite",
        AcceptInvite { .. } => "AcceptInvite",
        EditAccess { .. } => "EditAccess",
        AssignAll { .. } => "AssignAll",
        AssignCoordinator { .. } => "AssignCoordinator",
        ChangeContractManager { .. } => "ChangeContractManager",
        SetAutoRenew { .. } => "SetAutoRenew",
        CreateHub { .. } => "CreateHub",
        AssignContractToHub { .. } => "AssignContractToHub",
        MarkEmailRead { .. } => "MarkEmailRead",
        SendDueNotices => "SendDueNotices",
        PublishRelease { .. } => "PublishRelease",
        AddProductLine { .. } => "AddProductLine",
        InviteTeamUser { .. } => "InviteTeamUser",
        InviteTeamUsers { .. } => "InviteTeamUsers",
        ImportTeamUsers { .. } => "ImportTeamUsers",
        RenameTeam { .. } => "RenameTeam",
        RemoveTeamUser { .. } => "RemoveTeamUser",
        ImportTeamRoles { .. } => "ImportTeamRoles",
        SetTeamRole { .. } => "SetTeamRole",
        MakePrimaryAdmin { .. } => "MakePrimaryAdmin",
        SetTeamRoles { .. } => "SetTeamRoles",
        AssignUsers { .. } => "AssignUsers",
        AssignProduct { .. } => "AssignProduct",
        UnassignProduct { .. } => "UnassignProduct",
        ReclaimSeats { .. } => "ReclaimSeats",
        AddAssignRule { .. } => "AddAssignRule",
        DeleteAssignRule { .. } => "DeleteAssignRule",
        RunAssignRules => "RunAssignRules",
        RunAssignRulesInOrder { .. } => "RunAssignRulesInOrder",
        ResendInvites { .. } => "ResendInvites",
        MoveSubscription { .. } => "MoveSubscription",
        ChooseAlerts { .. } => "ChooseAlerts",
        RequestProduct { .. } => "RequestProduct",
        AnswerRequest { .. } => "AnswerRequest",
        SetAutoApprove { .. } => "SetAutoApprove",
        LimitAdmin { .. } => "LimitAdmin",
        RefreshFromExports { .. } => "RefreshFromExports",
        CustomizeProduct { .. } => "CustomizeProduct",
        CreateGroup { .. } => "CreateGroup",
        RenameGroup { .. } => "RenameGroup",
        DeleteGroup { .. } => "DeleteGroup",
        AddGroupMembers { .. } => "AddGroupMembers",
        RemoveGroupMember { .. } => "RemoveGroupMember",
        AssignGroupProduct { .. } => "AssignGroupProduct",
        UnassignGroupProduct { .. } => "UnassignGroupProduct",
        SaveMigrationPlan { .. } => "SaveMigrationPlan",
        RunMigration { .. } => "RunMigration",
    }
}
const KINDS: usize = 51;

#[test]
fn every_command_kind_by_every_role_is_allowed_exactly_as_the_matrix_says() {
    let base = fixture();
    let rows = table(&base);
    let covered: BTreeSet<&str> = rows.iter().map(|(c, _)| kind(c)).collect();
    assert_eq!(covered.len(), KINDS, "every command kind is in the table");
    let expected_checks = rows.len() * ROLES.len();
    let mut checked = 0;
    for (command, allowed) in rows {
        for role in ROLES {
            let mut acc = base.clone();
            let who = actor(&acc, role);
            let result = act_on(&mut acc, who, command.clone(), today());
            match (allowed.contains(&role), result) {
                (true, Ok(_)) => {}
                (false, Err(DomainError::NotAllowed { .. })) => {}
                // A limited admin's refusal names their limit.
                (false, Err(DomainError::AdminLimited { .. })) if matches!(role, ProductAdmin | ReportingAdmin) => {}
                (expected, got) => panic!("{} as {role:?}: expected allowed={expected}, got {got:?}", kind(&command)),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, expected_checks);
}

#[test]
fn an_invitation_is_accepted_only_by_the_invited_person() {
    let mut acc = fixture();
    let ben = user(&acc, "Ben Carter");
    act_on(&mut acc, Actor::User(ben), Command::AcceptInvite { user: ben }, today()).unwrap();
}

#[test]
fn a_coordinator_manages_only_the_serial_numbers_they_coordinate() {
    let mut acc = fixture();
    let kenji = user(&acc, "Kenji Tanaka");
    let priya = Actor::User(user(&acc, "Priya Natarajan"));
    let autocad = edit(vec![kenji], vec![give(&acc, "110012345678", "AutoCAD", &[])]);
    assert!(matches!(act_on(&mut acc, priya, autocad, today()), Err(DomainError::NotAllowed { .. })));
}
