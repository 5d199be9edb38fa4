//! A compact stored form for "who holds what" maps: users are grouped by what they hold, so a seat costs a
//! few bytes instead of repeating the service names per user. Keeps a 10,000-user account well inside
//! local storage (README, scale benchmark).

use serde::de::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

#[derive(Serialize, Deserialize)]
struct Group<K, V> {
    holds: V,
    users: Vec<K>,
}

pub fn serialize<K, V, S>(map: &BTreeMap<K, V>, s: S) -> Result<S::Ok, S::Error>
where
    K: Serialize + Ord + Copy,
    V: Serialize + Ord,
    S: Serializer,
{
    let mut groups: BTreeMap<&V, Vec<K>> = BTreeMap::new();
    for (k, v) in map {
        groups.entry(v).or_default().push(*k);
    }
    s.collect_seq(groups.into_iter().map(|(holds, users)| Group { holds, users }))
}

pub fn deserialize<'de, K, V, D>(d: D) -> Result<BTreeMap<K, V>, D::Error>
where
    K: Deserialize<'de> + Ord + Copy + std::fmt::Display,
    V: Deserialize<'de> + Clone,
    D: Deserializer<'de>,
{
    let mut map = BTreeMap::new();
    for g in Vec::<Group<K, V>>::deserialize(d)? {
        for k in g.users {
            if map.insert(k, g.holds.clone()).is_some() {
                return Err(D::Error::custom(format!("user {k} is listed twice")));
            }
        }
    }
    Ok(map)
}
