//! The draft's later exports: Seat Usage's days of use and the Groups export's groups.

use super::super::read::{GroupRow, UseRow};
use super::super::Problem;
use super::{team_of, Draft};
use crate::domain::*;
use std::collections::{BTreeMap, BTreeSet};

impl Draft {
    /// Each day of use on its person and product (rule 61); a row of someone the Users export doesn't name, or
    /// of a product no subscription holds, can't be used. Returns the days and the people.
    pub(in crate::domain::from_exports) fn usage(
        &mut self,
        rows: &[UseRow],
        problems: &mut Vec<Problem>,
    ) -> (usize, usize) {
        let products: BTreeMap<String, String> = self
            .acc
            .teams
            .values()
            .flat_map(|t| t.subscriptions.values().map(|s| (s.product.to_lowercase(), s.product.clone())))
            .collect();
        let (mut days, mut people) = (BTreeSet::new(), BTreeSet::new());
        for r in rows {
            let refused =
                |value: &str, why: &str| Problem { file: "Usage", row: r.row, value: value.into(), why: why.into() };
            let (Some(id), Some(product)) = (self.ids.get(&r.email), products.get(&r.product.to_lowercase())) else {
                problems.push(match self.ids.contains_key(&r.email) {
                    false => refused(&r.email, "is not in the Users export."),
                    true => refused(&r.product, "is not a product of the subscriptions."),
                });
                continue;
            };
            let used = self.acc.usage.entry(product.clone()).or_default();
            match used.get_mut(id) {
                Some(record) => record.record(r.day),
                None => {
                    used.insert(*id, crate::domain::usage::UseRecord::first(r.day));
                }
            }
            days.insert((*id, product.clone(), r.day));
            people.insert(*id);
        }
        (days.len(), people.len())
    }

    /// Each team's groups, with the members newer exports list (members of the team only). Returns how many.
    pub(in crate::domain::from_exports) fn groups(
        &mut self,
        rows: &[GroupRow],
        teams: &BTreeMap<String, TeamId>,
        problems: &mut Vec<Problem>,
    ) -> usize {
        let company = self.acc.company.clone();
        let mut made: BTreeMap<(TeamId, String), GroupId> = BTreeMap::new();
        for r in rows {
            let refused = |value: &str, why: String| Problem { file: "Groups", row: r.row, value: value.into(), why };
            let Some(t) = team_of(teams, &r.team, &company) else {
                problems.push(refused(&r.team, "is not a team of the Subscriptions export.".into()));
                continue;
            };
            let member = match &r.email {
                None => None,
                Some(email) => match self.ids.get(email).filter(|id| self.acc.teams[&t].members.contains_key(id)) {
                    Some(id) => Some(*id),
                    None => {
                        let team = &self.acc.teams[&t].name;
                        problems.push(refused(email, format!("is not a member of {team} in the Users export.")));
                        continue;
                    }
                },
            };
            let key = (t, r.group.to_lowercase());
            let id = match made.get(&key) {
                Some(id) => *id,
                None => {
                    let id = GroupId(self.acc.next_id());
                    let group = Group { name: r.group.clone(), members: BTreeSet::new(), products: BTreeSet::new() };
                    self.acc.teams.get_mut(&t).expect("made").groups.insert(id, group);
                    made.insert(key, id);
                    id
                }
            };
            if let Some(member) = member {
                self.acc.teams.get_mut(&t).expect("made").groups.get_mut(&id).expect("made").members.insert(member);
            }
        }
        made.len()
    }
}
