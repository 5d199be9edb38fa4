//! One account shared by several admins through CouchDB replication (issue 15), pure and natively tested.
//! Every change is an immutable op: a command with its author, device and Lamport clock. Every replica
//! applies the same ops in the same order, (lamport, device, seq), through `apply`, from the same snapshot;
//! so every replica holds the same account and refuses the same ops, whatever order the feed brought them in.
//! Ids an op creates come from its author's own range (`ids`), so a later op of the same author still names
//! them after other admins' ops sort in before it.

use crate::domain::{apply_at, Account, Actor, Command, DomainError, Event};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod checkpoint;
mod link;
mod op;
mod replica;

pub use checkpoint::*;
pub use link::*;
pub use op::*;
pub use replica::*;

/// A checksum of a snapshot's text (FNV-1a, 64 bits), kept in its document: a joining browser checks it.
pub fn checksum(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::seed::demo_account;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn device(acc: &Account, slot: u32, name: &str) -> (Device, Actor) {
        let (user, person) = acc.users.iter().find(|(id, _)| acc.name_of(**id) == name).unwrap();
        let id = device_name(&person.email, &format!("{slot:08x}"));
        (Device::new(id, slot, person.email.clone()), Actor::User(*user))
    }

    fn add(email: &str) -> Command {
        Command::AddUser { email: email.into(), first_name: "Shared".into(), last_name: "Person".into() }
    }

    #[test]
    fn a_server_address_and_a_database_name_are_checked_where_typed() {
        assert_eq!(server_address(" https://couch.contoso-eng.com/ "), Ok("https://couch.contoso-eng.com".into()));
        assert_eq!(server_address("http://127.0.0.1:5984"), Ok("http://127.0.0.1:5984".into()));
        assert!(server_address("couch.contoso-eng.com").unwrap_err().contains("https://couch.example.com"));
        assert!(server_address("https://").is_err());
        assert!(server_address("https://x.com; script-src *").is_err(), "nothing that would widen the policy");
        assert!(server_address("http://dana:secret@127.0.0.1:5984").unwrap_err().contains("sign in below"));
        assert!(server_address("http://127.0.0.1:5984/x?y=1").is_err() && server_address(" ").is_err());
        assert_eq!(database_name("contoso-account"), Ok("contoso-account".into()));
        assert!(database_name("Contoso").is_err() && database_name("").is_err() && database_name("a b").is_err());
    }

    #[test]
    fn an_op_is_a_document_and_back() {
        let base = demo_account(today());
        let (mut d, dana) = device(&base, 1, "Dana Reyes");
        let (mut replica, mut acc) = (Replica::default(), base.clone());
        let op = d.author(&mut replica, &mut acc, dana, add("one@x.com"), today(), None).unwrap().0.unwrap();
        let doc: serde_json::Value = serde_json::from_str(&op.to_doc()).unwrap();
        assert_eq!(doc["_id"], "op:000000000001:dana.reyes@contoso-eng.com~00000001:00000001");
        assert_eq!(SharedOp::from_doc(&doc), Ok(op));
        assert!(SharedOp::from_doc(&serde_json::json!({"type": "device", "author": "x"})).is_err());
    }

    #[test]
    fn ids_come_from_the_authors_range_so_later_ops_still_name_them() {
        let base = demo_account(today());
        let (mut a, dana) = device(&base, 1, "Dana Reyes");
        let (mut b, _) = device(&base, 2, "Dana Reyes");
        let (mut ra, mut acc_a) = (Replica::default(), base.clone());
        let (mut rb, mut acc_b) = (Replica::default(), base.clone());
        let op_a = a.author(&mut ra, &mut acc_a, dana, add("from.a@x.com"), today(), None).unwrap().0.unwrap();
        let op_b = b.author(&mut rb, &mut acc_b, dana, add("from.b@x.com"), today(), None).unwrap().0.unwrap();
        let id_a = acc_a.user_by_email("from.a@x.com").unwrap();
        assert!(id_a.0 > 1 << SLOT_BITS && id_a.0 < 2 << SLOT_BITS);
        // A's second op names the user it created; B's op sorts before it on both replicas.
        let remove = Command::RemoveUsers { users: vec![id_a] };
        let op_a2 = a.author(&mut ra, &mut acc_a, dana, remove, today(), None).unwrap().0.unwrap();
        rb.take(&base, &mut acc_b, [op_a2.clone(), op_a.clone()]);
        ra.take(&base, &mut acc_a, [op_b]);
        assert_eq!(acc_a, acc_b);
        assert!(acc_a.user_by_email("from.a@x.com").is_none() && acc_a.user_by_email("from.b@x.com").is_some());
        assert!(ra.refused.is_empty() && rb.refused.is_empty());
    }

    #[test]
    fn an_op_acting_as_someone_else_than_its_author_is_refused_everywhere() {
        let base = demo_account(today());
        let (mut d, _) = device(&base, 1, "Dana Reyes");
        let other = base.users.iter().find(|(_, u)| u.email != d.author).map(|(id, _)| *id).unwrap();
        let (mut replica, mut acc) = (Replica::default(), base.clone());
        let refused = d.author(&mut replica, &mut acc, Actor::User(other), add("x@x.com"), today(), None);
        assert!(matches!(refused, Err(DomainError::NotAuthor { .. })));
        assert_eq!((d.seq, acc == base), (0, true));
        let forged = SharedOp {
            lamport: 1,
            device: d.id.clone(),
            seq: 1,
            author: d.author.clone(),
            actor: Actor::Autodesk,
            on: today(),
            at: None,
            ids: 1 << SLOT_BITS,
            command: add("y@x.com"),
        };
        replica.take(&base, &mut acc, [forged.clone()]);
        assert!(matches!(replica.refused.get(&forged.key()), Some(DomainError::NotAuthor { .. })));
        assert_eq!(acc, base);
    }

    /// Review of issue 15: an op replayed after others may find an id of its range taken; it takes the next
    /// free one and never writes over a person (nor an email id over an email).
    #[test]
    fn an_id_already_taken_is_skipped_not_written_over() {
        let mut acc = demo_account(today());
        let (d, dana) = device(&acc, 1, "Dana Reyes");
        let (&taken, person) = acc.users.iter().next().map(|(id, u)| (id, u.clone())).unwrap();
        let forged = SharedOp {
            lamport: 1,
            device: d.id.clone(),
            seq: 1,
            author: d.author.clone(),
            actor: dana,
            on: today(),
            at: None,
            ids: taken.0 - 1,
            command: add("new.person@x.com"),
        };
        let emails = acc.outbox.len();
        apply_shared(&mut acc, &forged).unwrap();
        assert_eq!(acc.users[&taken], person, "nobody is written over");
        let new = acc.user_by_email("new.person@x.com").unwrap();
        assert_ne!(new, taken);
        let ids: std::collections::BTreeSet<u32> = acc.outbox.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), acc.outbox.len(), "email ids stay unique ({} emails before)", emails);
    }
}
