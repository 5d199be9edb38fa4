//! The thin CouchDB client of a shared account (issue 15): HTTP over the browser's `fetch`, signed in with
//! CouchDB's `_session` cookie. It only moves documents; what they mean is `shared` and the session's.

use super::shared::checksum;
use super::{decode, encode, Envelope};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestCredentials, RequestInit, RequestMode, Response};

pub use super::sync_loop::NetError;

/// Sends one request with the session cookie; the answer's JSON, or why there is none.
async fn call(method: &str, url: &str, body: Option<String>) -> Result<Value, NetError> {
    let text = call_text(method, url, body).await?;
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Sends one request with the session cookie; the answer's text, or why there is none.
async fn call_text(method: &str, url: &str, body: Option<String>) -> Result<String, NetError> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::Include);
    init.set_mode(RequestMode::Cors);
    if let Some(body) = body {
        let headers = web_sys::Headers::new().map_err(|_| NetError::Offline)?;
        let _ = headers.set("Content-Type", "application/json");
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&body));
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| NetError::Offline)?;
    let window = web_sys::window().ok_or(NetError::Offline)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| NetError::Offline)?
        .dyn_into()
        .map_err(|_| NetError::Offline)?;
    let text = JsFuture::from(response.text().map_err(|_| NetError::Offline)?).await.map_err(|_| NetError::Offline)?;
    let text = text.as_string().unwrap_or_default();
    if response.ok() {
        Ok(text)
    } else {
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let why = value["reason"].as_str().or(value["error"].as_str()).unwrap_or("no reason given").to_string();
        Err(NetError::Status(response.status(), why))
    }
}

fn text(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}

/// Signs in with CouchDB's cookie session; the browser keeps the cookie for the server.
pub async fn sign_in(server: &str, name: &str, password: &str) -> Result<(), NetError> {
    call("POST", &format!("{server}/_session"), Some(json!({ "name": name, "password": password }).to_string()))
        .await?;
    Ok(())
}

/// Who the server's session cookie names, if the browser sent one it accepts.
pub async fn signed_in_as(server: &str) -> Result<Option<String>, NetError> {
    let session = call("GET", &format!("{server}/_session"), None).await?;
    Ok(session["userCtx"]["name"].as_str().map(str::to_string))
}

/// The reason a database refused someone, told as what to do: signed in but no member, or signed out.
pub async fn refusal(server: &str, db: &str, e: NetError) -> NetError {
    if !matches!(e, NetError::Status(401 | 403, _)) {
        return e;
    }
    match signed_in_as(server).await {
        Ok(Some(name)) => NetError::NotMember { name, db: db.to_string() },
        _ => e,
    }
}

/// At most this many documents per read of the feed.
const FEED_BATCH: u32 = 1000;

/// What the server did with a push.
#[derive(Debug, Default)]
pub struct Pushed {
    pub held: Vec<String>,
    pub taken: Vec<(String, String)>,
    pub refused: Vec<String>,
}

/// The same document, but for what the server adds (`_rev`).
fn same_doc(sent: &Value, stored: &Value) -> bool {
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(o) = v.as_object_mut() {
            o.remove("_rev");
            o.remove("_revisions");
            // The server answers with an attachment's stub, not its data.
            o.remove("_attachments");
        }
        v
    };
    strip(sent) == strip(stored)
}

/// The snapshot's document: before every op.
const SNAPSHOT: &str = "snapshot:000000000000";

/// One account's database on one server.
#[derive(Clone, Debug, PartialEq)]
pub struct Couch {
    pub server: String,
    pub db: String,
}

impl Couch {
    fn url(&self, path: &str) -> String {
        format!("{}/{}{path}", self.server, text(&self.db))
    }

    /// The ids of the documents whose id starts with `prefix`, in order.
    async fn ids(&self, prefix: &str) -> Result<Vec<String>, NetError> {
        let range =
            format!("?startkey={}&endkey={}", text(&format!("\"{prefix}\"")), text(&format!("\"{prefix}\u{fff0}\"")));
        let all = call("GET", &self.url(&format!("/_all_docs{range}")), None).await?;
        let rows = all["rows"].as_array().ok_or_else(|| NetError::Unexpected("no rows".into()))?;
        Ok(rows.iter().filter_map(|r| r["id"].as_str().map(str::to_string)).collect())
    }

    /// Checks that the signed-in person may read the database.
    pub async fn open(&self) -> Result<(), NetError> {
        call("GET", &self.url(""), None).await.map(|_| ())
    }

    /// Claims this browser's id range: the first free `device:<n>`. A document is created once only, so two
    /// browsers claiming at the same moment get different numbers.
    pub async fn claim_slot(&self, device: &str, author: &str) -> Result<u32, NetError> {
        // The first number not claimed (ids that are no number, which the design document refuses, don't count).
        let claimed: std::collections::BTreeSet<u32> =
            self.ids("device:").await?.iter().filter_map(|id| id["device:".len()..].parse().ok()).collect();
        let mut n = (1..).find(|n| !claimed.contains(n)).unwrap_or(1);
        loop {
            // Each slot is 2^20 ids of a u32: 4,095 browsers per database.
            if n >= 1 << (32 - super::shared::SLOT_BITS) {
                return Err(NetError::Unexpected(
                    "this database has had 4,095 browsers: share the account into a new one".into(),
                ));
            }
            let doc = json!({ "type": "device", "device": device, "author": author });
            match call("PUT", &self.url(&format!("/device:{n}")), Some(doc.to_string())).await {
                Ok(_) => return Ok(n),
                Err(NetError::Status(409, _)) => n = (n + 1..).find(|n| !claimed.contains(n)).unwrap_or(n + 1),
                Err(e) => return Err(e),
            }
        }
    }

    /// The snapshot every op starts from (the one written when the account was shared; no other is read),
    /// checked against its checksum.
    pub async fn snapshot(&self) -> Result<Option<(Envelope, String)>, NetError> {
        let doc = match call("GET", &self.url(&format!("/{SNAPSHOT}?attachments=true")), None).await {
            Err(NetError::Status(404, _)) => return Ok(None),
            found => found?,
        };
        let data = doc["_attachments"]["account.json"]["data"].as_str().unwrap_or_default();
        let bytes = web_sys::window().and_then(|w| w.atob(data).ok()).unwrap_or_default();
        let bytes: Vec<u8> = bytes.chars().map(|c| c as u8).collect();
        let body = String::from_utf8(bytes).map_err(|_| NetError::Unexpected("the snapshot is not text".into()))?;
        let hash = checksum(&body);
        if doc["hash"].as_str() != Some(hash.as_str()) {
            return Err(NetError::Unexpected("the snapshot's checksum does not match".into()));
        }
        let env = decode(&body).map_err(|e| NetError::Unexpected(e.to_string()))?;
        Ok(Some((env, hash)))
    }

    /// Puts the account as the snapshot every op starts from: the account as an attachment, with its checksum
    /// (returned: the database's identity from now on).
    pub async fn put_snapshot(&self, author: &str, env: &Envelope) -> Result<String, NetError> {
        let body = encode(env);
        let hash = checksum(&body);
        let data = base64(&body);
        let doc = json!({
            "type": "snapshot", "author": author, "hash": hash,
            "_attachments": { "account.json": { "content_type": "application/json", "data": data } },
        });
        match call("PUT", &self.url(&format!("/{SNAPSHOT}")), Some(doc.to_string())).await {
            Err(NetError::Status(409, _)) => Err(NetError::Unexpected(
                "another admin has just shared an account in this database: sign in again to join it".into(),
            )),
            done => done.map(|_| hash),
        }
    }

    /// Pushes ops (documents as text, by id); returns the ids the server now holds this browser's very
    /// document under, the ids under which it holds another one (with that one's author), and the reasons
    /// of those it refused. A `conflict` is checked, not assumed: the stored document is read and compared.
    pub async fn push(&self, docs: Vec<(String, String)>) -> Result<Pushed, NetError> {
        let texts: Vec<&str> = docs.iter().map(|(_, d)| d.as_str()).collect();
        let answer =
            call("POST", &self.url("/_bulk_docs"), Some(format!(r#"{{"docs":[{}]}}"#, texts.join(",")))).await?;
        let mut pushed = Pushed::default();
        for r in answer.as_array().ok_or_else(|| NetError::Unexpected("no results".into()))? {
            let id = r["id"].as_str().unwrap_or_default().to_string();
            match r["error"].as_str() {
                None => pushed.held.push(id),
                Some("conflict") => {
                    let Some((_, sent)) = docs.iter().find(|(d, _)| *d == id) else { continue };
                    let stored = call("GET", &self.url(&format!("/{}", text(&id))), None).await?;
                    let sent: Value = serde_json::from_str(sent).unwrap_or(Value::Null);
                    if same_doc(&sent, &stored) {
                        pushed.held.push(id);
                    } else {
                        let author = stored["author"].as_str().unwrap_or("someone unknown").to_string();
                        pushed.taken.push((id, author));
                    }
                }
                Some(_) => pushed.refused.push(r["reason"].as_str().unwrap_or("refused").to_string()),
            }
        }
        Ok(pushed)
    }

    /// The documents whose id starts with `prefix`, from `from` on (an id), in id order.
    pub async fn docs(&self, prefix: &str, from: Option<&str>) -> Result<Vec<Value>, NetError> {
        let start = from.unwrap_or(prefix);
        let range = format!(
            "?include_docs=true&startkey={}&endkey={}",
            text(&format!("\"{start}\"")),
            text(&format!("\"{prefix}\u{fff0}\""))
        );
        let all = call("GET", &self.url(&format!("/_all_docs{range}")), None).await?;
        let rows = all["rows"].as_array().ok_or_else(|| NetError::Unexpected("no rows".into()))?;
        Ok(rows.iter().map(|r| r["doc"].clone()).collect())
    }

    /// The account a checkpoint document carries, as text.
    pub async fn account_of(&self, doc: &str) -> Result<String, NetError> {
        call_text("GET", &self.url(&format!("/{}/account.json", text(doc))), None).await
    }

    /// The checksum of the database's snapshot (none: it has none) and its newest sequence: which database
    /// this is, and how far it goes.
    pub async fn identity(&self) -> Result<(Option<String>, String), NetError> {
        let info = call("GET", &self.url(""), None).await?;
        let seq = match &info["update_seq"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let snapshot = match call("GET", &self.url(&format!("/{SNAPSHOT}")), None).await {
            Err(NetError::Status(404, _)) => None,
            found => found?["hash"].as_str().map(str::to_string),
        };
        Ok((snapshot, seq))
    }

    /// The ops after `since`, and the new checkpoint. `wait`: when there are none, wait for the next one
    /// (a long poll) for up to this many milliseconds; without it, answer at once.
    pub async fn changes(&self, since: &str, wait: Option<u32>) -> Result<(Vec<Value>, String), NetError> {
        let feed = wait.map_or("normal".to_string(), |ms| format!("longpoll&timeout={ms}"));
        // A bounded batch: a long feed comes in steps, each stored and checkpointed before the next.
        let path = format!("/_changes?feed={feed}&include_docs=true&limit={FEED_BATCH}&since={}", text(since));
        let feed = call("GET", &self.url(&path), None).await?;
        let docs = feed["results"].as_array().map(|r| r.iter().map(|c| c["doc"].clone()).collect()).unwrap_or_default();
        let last = match &feed["last_seq"] {
            Value::String(s) => s.clone(),
            Value::Null => return Err(NetError::Unexpected("no last_seq".into())),
            other => other.to_string(),
        };
        Ok((docs, last))
    }
}

/// Text as base64, for an attachment: btoa takes one byte per character, so the text's UTF-8 bytes, each
/// as a character.
pub fn base64(text: &str) -> String {
    let latin1: String = text.bytes().map(char::from).collect();
    web_sys::window().and_then(|w| w.btoa(&latin1).ok()).unwrap_or_default()
}

/// Waits `ms` milliseconds (0: the browser's next turn, after it has painted and handled input).
pub async fn sleep(ms: u32) {
    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(wait).await;
}
