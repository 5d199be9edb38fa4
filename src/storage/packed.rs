//! Stored text packed small. Local storage holds about 5 MiB of UTF-16 text per site, and a journal fold
//! writes the new snapshot while the old one is still there, so a 2.4 MB account plus a year of usage did not
//! fit twice. LZ4 (lz4_flex: pure Rust, small, fast enough to pack a 10,000-user account in a few ms) makes the
//! JSON about 5 times smaller, and 15 bits are kept in each UTF-16 character (U+0100 to U+80FF: never a
//! quote, a backslash, a control character or a surrogate), twice as dense as bytes.
//!
//! A packed snapshot is still a JSON object that starts with its schema and revision
//! (`{"schema":1,"revision":7,"packed":"…"}`), so `revision_of` reads it unchanged; a packed journal entry is
//! `{"packed":"…"}`. Text that is not packed (older stores, small entries) is read as it is.

use std::borrow::Cow;

const FIELD: &str = "\"packed\":\"";
const BASE: u32 = 0x100;
/// An unpacked account larger than this is damaged data, not an account (local storage holds 5 MiB).
const LARGEST: usize = 64 << 20;

/// `{"schema":…,"revision":…,"packed":"…"}` for a snapshot's JSON text.
pub fn pack_snapshot(schema: u32, revision: u64, json: &str) -> String {
    format!("{{\"schema\":{schema},\"revision\":{revision},{FIELD}{}\"}}", pack(json))
}

/// `{"packed":"…"}` for a journal entry's JSON text.
pub fn pack_entry(json: &str) -> String {
    format!("{{{FIELD}{}\"}}", pack(json))
}

/// The first 64 bytes or so of a stored value, cut between characters (packed text is multi-byte).
pub fn head(stored: &str) -> &str {
    let end = (0..=stored.len().min(64)).rev().find(|i| stored.is_char_boundary(*i)).unwrap_or(0);
    &stored[..end]
}

/// The JSON text a stored value holds: itself, or what it packs.
pub fn unpack(stored: &str) -> Result<Cow<'_, str>, String> {
    let head = head(stored);
    let Some(at) = head.find(FIELD) else { return Ok(Cow::Borrowed(stored)) };
    let body = stored[at + FIELD.len()..].strip_suffix("\"}").ok_or("its packed text is cut short")?;
    let (len, chars) = body.split_once(':').ok_or("its packed text has no length")?;
    let len: usize = len.parse().map_err(|_| "its packed length is not a number")?;
    let bytes = from_chars(chars, len).ok_or("its packed text is damaged")?;
    let size = bytes.get(..4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    if size.is_none_or(|s| s > LARGEST) {
        return Err("its packed text is damaged".into());
    }
    let text = lz4_flex::block::decompress_size_prepended(&bytes).map_err(|_| "its packed text is damaged")?;
    String::from_utf8(text).map(Cow::Owned).map_err(|_| "its packed text is damaged".into())
}

fn pack(json: &str) -> String {
    to_chars(&lz4_flex::block::compress_prepend_size(json.as_bytes()))
}

/// `<byte count>:<characters>`.
fn to_chars(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 16);
    out.push_str(&bytes.len().to_string());
    out.push(':');
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(char::from_u32(BASE + ((acc >> bits) & 0x7FFF)).expect("below the surrogates"));
        }
    }
    if bits > 0 {
        out.push(char::from_u32(BASE + ((acc << (15 - bits)) & 0x7FFF)).expect("below the surrogates"));
    }
    out
}

fn from_chars(chars: &str, len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in chars.chars() {
        let v = (c as u32).checked_sub(BASE).filter(|v| *v <= 0x7FFF)?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && out.len() < len {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    (out.len() == len).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_text_unpacks_to_itself_and_plain_text_is_read_as_it_is() {
        for json in ["", "{}", "{\"a\":1}", &"{\"users\":[\"Ana\",\"Ben\"]}".repeat(500)] {
            let entry = pack_entry(json);
            assert_eq!(unpack(&entry).unwrap(), json);
            assert!(entry.chars().all(|c| c != '\\' && !c.is_control()));
        }
        let snapshot = pack_snapshot(1, 4711, "{\"schema\":1}");
        assert!(snapshot.starts_with("{\"schema\":1,\"revision\":4711,\"packed\":\""));
        assert_eq!(unpack(&snapshot).unwrap(), "{\"schema\":1}");
        assert!(matches!(unpack("{\"schema\":1}"), Ok(Cow::Borrowed("{\"schema\":1}"))));
    }

    #[test]
    fn damaged_packed_text_is_refused_with_a_reason() {
        let good = pack_entry(&"{\"a\":1}".repeat(100));
        assert!(unpack(&good[..good.len() - 5]).is_err());
        assert!(unpack("{\"packed\":\"abc\"}").unwrap_err().contains("no length"));
        assert!(unpack("{\"packed\":\"3:abc\"}").unwrap_err().contains("damaged"));
        // A claimed size of 4 GiB is refused before anything is allocated.
        let huge = format!("{{{FIELD}{}\"}}", to_chars(&[0xFF, 0xFF, 0xFF, 0xFF, 0x10, b'x']));
        assert!(unpack(&huge).unwrap_err().contains("damaged"));
    }
}
