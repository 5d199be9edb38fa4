//! The account built from the exports' rows: people, teams with their roles, subscriptions and assignments,
//! contracts with their contract manager, checked against every invariant before it is offered.

use super::classic;
use super::draft::Draft;
use super::read::{self, SubRow, UserRow};
use super::{Answers, Built, Exports, Problem};
use crate::domain::input::{names_from_email, normalise_email, parse_bulk_entry};
use crate::domain::invariants;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Builds the account the exports describe, or says what stands in the way; the preview lists every row
/// that can't be used whether or not the account can be built.
pub fn build(exports: &Exports, answers: &Answers, today: NaiveDate) -> Built {
    let mut problems = Vec::new();
    let mut built = assemble(exports, answers, today, &mut problems);
    // In file order: the Subscriptions export first, each by row.
    problems.sort_by_key(|p| (p.file != "Subscriptions", p.row));
    built.problems = problems;
    built
}

fn assemble(exports: &Exports, answers: &Answers, today: NaiveDate, problems: &mut Vec<Problem>) -> Built {
    let mut built = Built::default();
    let subs = read::subscriptions(&exports.subscriptions, problems);
    let users = exports.users.as_deref().map(|text| read::users(text, problems)).transpose();
    let usage = exports.usage.as_deref().map(|text| read::usage(text, problems)).transpose();
    let groups = exports.groups.as_deref().map(|text| read::groups(text, problems)).transpose();
    let classic = exports.classic.as_deref().map(|text| classic::read(text, problems)).transpose();
    let files = [subs.as_ref().err(), users.as_ref().err(), usage.as_ref().err(), groups.as_ref().err()];
    let files = files.into_iter().chain([classic.as_ref().err()]);
    for (file, why) in ["Subscriptions", "Users", "Usage", "Groups", classic::FILE].into_iter().zip(files) {
        built.at_field.extend(why.map(|why| (file.to_string(), why.clone())));
    }
    let (subs, users, (usage, hidden), groups, classic) = match (subs, users, usage, groups, classic) {
        (Ok(subs), Ok(users), Ok(usage), Ok(groups), Ok(classic)) => {
            let (users, usage) = (users.unwrap_or_default(), usage.unwrap_or_default());
            (unique(subs, problems), users, usage, groups.unwrap_or_default(), classic.unwrap_or_default())
        }
        (subs, users, usage, groups, classic) => {
            let refused = subs.err().into_iter().chain(users.err()).chain(usage.err()).chain(groups.err());
            built.blocked.extend(refused.chain(classic.err()));
            return built;
        }
    };
    // The contracts the classic user list names are classic: their subscriptions are its product lines.
    let (classic, on_list) = classic::usable(classic, &subs, problems);
    let named = classic::managers(&classic);
    let (mut classic_subs, subs): (Vec<SubRow>, Vec<SubRow>) =
        subs.into_iter().partition(|s| s.contract.as_ref().is_some_and(|c| on_list.contains(c)));
    for s in classic_subs.iter_mut().filter(|s| s.manager.is_none()) {
        s.manager = named.get(s.contract.as_ref().expect("on the list")).cloned();
    }
    let company = answers.company.trim().to_string();
    if company.is_empty() {
        built.blocked.push("Enter the company's name: the exports don't say it.".into());
    } else if company.chars().count() > crate::domain::team::NAME_MAX {
        built
            .blocked
            .push(format!("Shorten the company's name: at most {} characters.", crate::domain::team::NAME_MAX));
    }
    if subs.is_empty() && classic_subs.is_empty() {
        built.blocked.push("No row of the Subscriptions export can be used: see the rows below.".into());
    }
    let manager = manager(&answers.contract_manager, &users)
        .map_err(|why| {
            if !answers.contract_manager.trim().is_empty() {
                built.at_field.insert("manager".into(), why.clone());
            }
            built.blocked.push(why)
        })
        .ok();
    // A contract whose rows name no contract manager may have its own, asked per contract.
    let mut asked = BTreeMap::new();
    for (contract, answer) in answers.per_contract.iter().filter(|(_, a)| !a.trim().is_empty()) {
        match self::manager(answer, &users) {
            Ok(person) => drop(asked.insert(contract.clone(), person)),
            Err(why) => {
                built.at_field.insert(contract.clone(), why.clone());
                built.blocked.push(format!("Contract {contract}: {why}"));
            }
        }
    }
    let mut draft = Draft::new(company.clone(), today);
    draft.people(&users);
    draft.classic_people(&classic);
    let teams = draft.teams(&subs, &users, &company, problems);
    built.over = draft.assign(&subs, &users, &teams, problems);
    let (over, classic_notes) = draft.classic_lines(&classic, &classic_subs);
    built.over.extend(over);
    let numbers = subs.iter().chain(&classic_subs).filter_map(|s| s.contract.as_ref());
    built.contracts = numbers.collect::<BTreeSet<_>>().len();
    built.people = draft.acc.users.len();
    if !built.over.is_empty() && !answers.leave_out_over {
        built.blocked.push(
            "More people are assigned a product than its subscriptions have seats: choose to leave out the assignments past the seats, or correct the exports.".into(),
        );
    }
    let Some((email, first, last)) = manager.filter(|_| built.blocked.is_empty()) else { return built };
    for over in &built.over {
        for row in &over.rows[over.seats as usize..] {
            let (file, product, team, seats) = (over.file, &over.product, &over.team, over.seats);
            built.notes.push(format!("{file}, row {row}: {product} in {team} is left out, past its {seats} seats."));
        }
    }
    built.notes.extend(classic_notes);
    draft.leave_out(&built.over);
    let owner = draft.named(&email, &first, &last);
    let managers = draft.contracts(subs.iter().chain(&classic_subs), &users, (owner, &asked), problems);
    draft.place_lines(&classic, problems);
    built.notes.extend(draft.primary_admins(&subs, &teams, &managers, owner));
    draft.subscriptions(&subs, &teams, &managers, owner);
    (built.days_of_use, built.people_using) = draft.usage(&usage, problems);
    built.groups = draft.groups(&groups, &teams, problems);
    if groups.iter().any(|g| g.synced) {
        built.notes.push("Groups export: synced groups are kept as local groups here; their members are changed in your directory, and a refresh brings them.".into());
    }
    if !groups.is_empty() {
        built.notes.push("Groups export: the groups have no products here, as the Users export does not say which seats come through a group; assign products to them in By Group.".into());
    }
    if hidden > 0 {
        let rows = if hidden == 1 { "1 row has".to_string() } else { format!("{hidden} rows have") };
        built.notes.push(format!(
            "Usage export: {rows} the team's personal data off (*****): they can't be matched to a person and are left out."
        ));
    }
    draft.log(subs.len());
    built.people = draft.acc.users.len();
    built.teams = teams.values().map(|t| draft.summary(*t)).collect();
    match invariants::check(&draft.acc) {
        Ok(()) => built.account = Some(draft.acc),
        Err(e) => built.blocked.push(format!("The account built from these exports breaks a rule: {e}.")),
    }
    built
}

/// A subscription ID given twice: the later row is left out.
fn unique(subs: Vec<SubRow>, problems: &mut Vec<Problem>) -> Vec<SubRow> {
    let mut seen = BTreeMap::new();
    subs.into_iter()
        .filter(|s| match seen.insert(s.id.clone(), s.row) {
            None => true,
            Some(first) => {
                seen.insert(s.id.clone(), first);
                let why = format!("the subscription ID is also on row {first}.");
                problems.push(Problem { file: "Subscriptions", row: s.row, value: s.id.clone(), why });
                false
            }
        })
        .collect()
}

/// The contract manager the admin named: "First Last <email>", or an email whose name the Users export (or
/// the address itself) gives.
fn manager(answer: &str, users: &[UserRow]) -> Result<(String, String, String), String> {
    let answer = answer.trim();
    if answer.is_empty() {
        return Err("Enter the contract manager: the exports don't say who it is.".into());
    }
    if answer.matches('@').count() > 1 {
        return Err(format!("Enter one contract manager: \"{answer}\" names more than one."));
    }
    if let Ok(email) = normalise_email(answer) {
        if let Some(u) = users.iter().find(|u| u.email == email) {
            return Ok((email, u.first.clone(), u.last.clone()));
        }
        if let Some((first, last)) = names_from_email(&email) {
            return Ok((email, first, last));
        }
        return Err(format!(
            "{email} is not in the Users export and no name can be read from it: write the contract manager as \"First Last <{email}>\"."
        ));
    }
    let p = parse_bulk_entry(answer).map_err(|why| format!("The contract manager: {why}"))?;
    Ok((p.email, p.first_name, p.last_name))
}

/// Whether these exports are of `acc`: a team they name is one of its teams (a row naming none is the
/// company's team). Read from the Subscriptions export alone, before any answer is given.
pub fn of_account(subscriptions: &str, acc: &crate::domain::Account) -> bool {
    let subs = read::subscriptions(subscriptions, &mut Vec::new()).unwrap_or_default();
    let ours = |name: &str| acc.teams.values().any(|t| t.name.eq_ignore_ascii_case(name));
    subs.iter().any(|s| ours(if s.team.is_empty() { &acc.company } else { &s.team }))
}

/// The contracts whose rows name no contract manager, in the order of the file: asked one by one. Read from the
/// Subscriptions export alone, so the questions stay put while the answers change.
pub fn unnamed_contracts(subscriptions: &str) -> Vec<String> {
    let subs = read::subscriptions(subscriptions, &mut Vec::new()).unwrap_or_default();
    let named: BTreeSet<&String> =
        subs.iter().filter(|s| s.manager.is_some()).filter_map(|s| s.contract.as_ref()).collect();
    let mut out: Vec<String> = Vec::new();
    for no in subs.iter().filter_map(|s| s.contract.as_ref()).filter(|no| !named.contains(no)) {
        if !out.contains(no) {
            out.push(no.clone());
        }
    }
    out
}
