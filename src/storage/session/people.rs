//! What changes did to people (issue 28.5): the session counts them, so that a view of people is woken only
//! when they may have changed, and patched for the people touched when every change said exactly whom.

use crate::domain::{Command, Event, UserId};

#[derive(Default)]
pub(super) struct PeopleChanges {
    /// Changes that could not have changed people (`Command::may_change_people`).
    pub quiet: u64,
    /// Changes that touched only the people they name (`Command::people_touched`), and those people.
    pub patched: u64,
    pub touched: Vec<UserId>,
}

impl PeopleChanges {
    pub fn count(&mut self, command: &Command, events: &[Event]) {
        if !command.may_change_people() {
            self.quiet += 1;
        } else if let Some(ids) = command.people_touched(events) {
            self.patched += 1;
            self.touched.extend(ids);
        }
    }
}

/// The console's last changes to people, numbered, each with the people it touched where it said: a view of
/// people that saw version `v` is patched for `touched_since(v)`, or built again.
#[derive(Default)]
pub struct PeopleLog {
    version: u64,
    recent: Vec<(u64, Option<Vec<UserId>>)>,
}

impl PeopleLog {
    const KEPT: usize = 16;

    pub fn push(&mut self, touched: Option<Vec<UserId>>) {
        self.version += 1;
        self.recent.push((self.version, touched));
        if self.recent.len() > Self::KEPT {
            self.recent.remove(0);
        }
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// Everyone touched after `version`, if every change since said whom and is still kept.
    pub fn touched_since(&self, version: u64) -> Option<Vec<UserId>> {
        if version + (self.recent.len() as u64) < self.version {
            return None;
        }
        let mut touched = Vec::new();
        for (_, t) in self.recent.iter().filter(|(v, _)| *v > version) {
            touched.extend_from_slice(t.as_deref()?);
        }
        Some(touched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_is_patched_only_when_every_change_since_it_said_whom() {
        let mut log = PeopleLog::default();
        log.push(Some(vec![UserId(1)]));
        log.push(Some(vec![UserId(2), UserId(3)]));
        assert_eq!(log.touched_since(0), Some(vec![UserId(1), UserId(2), UserId(3)]));
        assert_eq!(log.touched_since(2), Some(vec![]), "nothing since");
        log.push(None);
        log.push(Some(vec![UserId(4)]));
        assert_eq!(log.touched_since(1), None, "a change since said nothing of whom");
        assert_eq!(log.touched_since(3), Some(vec![UserId(4)]));
        for n in 5..=30 {
            log.push(Some(vec![UserId(n)]));
        }
        assert_eq!(log.touched_since(3), None, "older changes are no longer kept");
        assert_eq!(log.touched_since(log.version() - 1), Some(vec![UserId(30)]));
    }
}
