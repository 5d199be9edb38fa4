// The CouchDB protocol a shared account relies on (issue 15), checked against a real server:
// pouchdb-server in memory (scripts/couch.mjs). `./x test` starts one and sets COUCH_URL; without it
// this file starts its own and stops it at the end.
//   node --test tests/sync/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { http, setupAccount, startCouch } from '../../scripts/couch.mjs';

const DANA = { name: 'dana.reyes@contoso-eng.com', password: 'dana-pw-1' };
const LEE = { name: 'lee.okafor@contoso-eng.com', password: 'lee-pw-2' };
const SAM = { name: 'sam.hill@fabrikam-ops.com', password: 'sam-pw-3' }; // signed in, not a member
const ORIGIN = 'http://127.0.0.1:8090';
const OPTS = { timeout: 30_000 };

// A fresh database per run, so a shared server (COUCH_URL) can run this file again.
const suffix = randomBytes(4).toString('hex');
const DB = `account-protocol-${suffix}`;
const OTHER_DB = `account-other-${suffix}`;

let couch; // ours to stop, or undefined when COUCH_URL is given
let url;
let db;
const cookies = {};

function op(n, author, device = 'd7') {
  return {
    _id: `op:${String(n).padStart(12, '0')}:${device}:${String(n).padStart(8, '0')}`,
    type: 'op', schema: 1, lamport: n, device, seq: n, author: author.name,
    actor: { User: 1 }, on: '2026-11-27', ids: 7340032 + n, command: { SendDueNotices: null },
  };
}

async function signIn(user) {
  const res = await fetch(`${url}/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ name: user.name, password: user.password }),
  });
  const body = await res.json();
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = /^AuthSession=[^;]+/.exec(setCookie)?.[0];
  return { status: res.status, body, setCookie, cookie };
}

const as = (user, init = {}) => ({ ...init, headers: { ...init.headers, Cookie: cookies[user.name] } });

before(async () => {
  if (process.env.COUCH_URL) {
    url = process.env.COUCH_URL.replace(/\/+$/, '');
  } else {
    couch = await startCouch();
    url = couch.url;
  }
  db = (await setupAccount(url, { db: DB, members: [DANA, LEE] })).url;
  await setupAccount(url, { db: OTHER_DB, members: [SAM] });
  for (const user of [DANA, LEE, SAM]) {
    const s = await signIn(user);
    assert.equal(s.status, 200, `sign in ${user.name}: ${JSON.stringify(s.body)}`);
    cookies[user.name] = s.cookie;
  }
});

after(async () => {
  await couch?.stop();
});

test('signing in gives an AuthSession cookie that names the user; only members open the account', OPTS, async () => {
  const s = await signIn(DANA);
  assert.equal(s.status, 200);
  assert.deepEqual({ ok: s.body.ok, name: s.body.name }, { ok: true, name: DANA.name });
  assert.match(s.setCookie, /^AuthSession=[^;]+;.*HttpOnly/i);

  const wrong = await signIn({ name: DANA.name, password: 'not-her-password' });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.cookie, undefined);

  const session = await http(`${url}/_session`, { headers: { Cookie: s.cookie } });
  assert.equal(session.status, 200);
  assert.equal(session.body.userCtx.name, DANA.name);
  assert.equal(session.body.info.authenticated, 'cookie');
  const anonymous = await http(`${url}/_session`);
  assert.equal(anonymous.body.userCtx.name, null);

  for (const member of [DANA, LEE]) {
    const r = await http(db, as(member));
    assert.equal(r.status, 200, `${member.name}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.db_name, DB);
  }
  const outsider = await http(db, as(SAM));
  assert.ok([401, 403].includes(outsider.status), `a signed-in non-member got ${outsider.status}`);
  const outsiderChanges = await http(`${db}/_changes`, as(SAM));
  assert.ok([401, 403].includes(outsiderChanges.status), `a non-member read _changes: ${outsiderChanges.status}`);
  const outsiderPush = await http(`${db}/_bulk_docs`, as(SAM, { method: 'POST', body: { docs: [op(900, SAM)] } }));
  const pushRefused = [401, 403].includes(outsiderPush.status) || outsiderPush.body?.[0]?.error !== undefined;
  assert.ok(pushRefused, `a non-member pushed: ${outsiderPush.status} ${JSON.stringify(outsiderPush.body)}`);
  const stranger = await http(db);
  assert.ok([401, 403].includes(stranger.status), `no cookie got ${stranger.status}`);
  // SAM's own account opens for SAM, so the refusals above are about membership.
  assert.equal((await http(`${url}/${OTHER_DB}`, as(SAM))).status, 200);
});

test('pushing the same op twice: ok, then a per-document conflict', OPTS, async () => {
  const doc = op(1, DANA);
  const first = await http(`${db}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [doc] } }));
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.length, 1);
  assert.equal(first.body[0].ok, true, JSON.stringify(first.body));
  assert.equal(first.body[0].id, doc._id);
  assert.match(first.body[0].rev, /^1-/);

  const again = await http(`${db}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [doc] } }));
  assert.equal(again.status, 201);
  assert.equal(again.body[0].id, doc._id);
  assert.equal(again.body[0].error, 'conflict', JSON.stringify(again.body));
  // Another member re-sending it gets the same conflict, as from CouchDB (not a validation error).
  const byLee = await http(`${db}/_bulk_docs`, as(LEE, { method: 'POST', body: { docs: [doc] } }));
  assert.equal(byLee.body[0].error, 'conflict', JSON.stringify(byLee.body));

  const stored = await http(`${db}/${encodeURIComponent(doc._id)}`, as(LEE));
  assert.equal(stored.status, 200);
  assert.equal(stored.body._rev, first.body[0].rev);
  assert.deepEqual(stored.body.command, { SendDueNotices: null });
});

test('a waiting longpoll _changes wakes within a second when another member pushes, with the doc', OPTS, async () => {
  const now = await http(`${db}/_changes`, as(LEE));
  assert.equal(now.status, 200);
  const since = now.body.last_seq;

  // pouchdb-server ignores timeout= on a longpoll (it waits for ever, with a newline every 6 s) and
  // answers with the first change only; CouchDB 3 honours timeout and may answer with several.
  let answered = false;
  const started = Date.now();
  const poll = http(`${db}/_changes?feed=longpoll&since=${encodeURIComponent(since)}&include_docs=true&timeout=20000`, as(LEE))
    .then((r) => { answered = Date.now(); return r; });
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(answered, false, 'the longpoll answered before anything changed');

  const doc = op(2, DANA);
  const push = await http(`${db}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [doc] } }));
  assert.equal(push.body[0].ok, true, JSON.stringify(push.body));
  const pushed = Date.now();
  const res = await poll;
  assert.equal(res.status, 200);
  assert.ok(answered - pushed < 1000, `woke ${answered - pushed} ms after the push`);
  assert.ok(answered - started >= 500);
  const row = res.body.results.find((r) => r.id === doc._id);
  assert.ok(row, `no ${doc._id} in ${JSON.stringify(res.body)}`);
  assert.equal(row.doc.author, DANA.name);
  assert.equal(row.doc.lamport, 2);
  assert.deepEqual(row.doc.command, doc.command);
  assert.equal(row.changes[0].rev, push.body[0].rev);
  assert.notEqual(res.body.last_seq, since);
});

test('validate_doc_update: no edits, no deletes, signed by the pusher, known id prefixes', OPTS, async () => {
  const doc = op(3, DANA);
  const put = await http(`${db}/${encodeURIComponent(doc._id)}`, as(DANA, { method: 'PUT', body: doc }));
  assert.equal(put.status, 201, JSON.stringify(put.body));
  const rev = put.body.rev;
  const at = `${db}/${encodeURIComponent(doc._id)}`;
  const NO_EDIT = 'Shared changes are never edited or deleted: make a new change instead.';

  const edit = await http(at, as(DANA, { method: 'PUT', body: { ...doc, _rev: rev, lamport: 99 } }));
  assert.equal(edit.status, 403, JSON.stringify(edit.body));
  assert.deepEqual(edit.body, { error: 'forbidden', reason: NO_EDIT });
  const editBulk = await http(`${db}/_bulk_docs`, as(LEE, { method: 'POST', body: { docs: [{ ...doc, _rev: rev, ids: 1 }] } }));
  assert.equal(editBulk.body[0].error, 'forbidden', JSON.stringify(editBulk.body));
  assert.equal(editBulk.body[0].reason, NO_EDIT);

  const del = await http(`${at}?rev=${rev}`, as(DANA, { method: 'DELETE' }));
  assert.equal(del.status, 403, JSON.stringify(del.body));
  assert.equal(del.body.reason, NO_EDIT);
  const delBulk = await http(`${db}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [{ _id: doc._id, _rev: rev, _deleted: true }] } }));
  assert.equal(delBulk.body[0].error, 'forbidden', JSON.stringify(delBulk.body));

  const still = await http(at, as(LEE));
  assert.equal(still.status, 200);
  assert.equal(still.body._rev, rev);
  assert.equal(still.body.lamport, 3);

  const forged = await http(`${db}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [op(4, LEE)] } }));
  assert.equal(forged.body[0].error, 'forbidden', JSON.stringify(forged.body));
  assert.equal(forged.body[0].reason, `A change must be signed by the person who made it (${DANA.name}).`);
  const forgedPut = await http(`${db}/${encodeURIComponent(op(4, LEE)._id)}`, as(DANA, { method: 'PUT', body: op(4, LEE) }));
  assert.equal(forgedPut.status, 403);

  const note = { _id: 'note:1', author: DANA.name, text: 'hello' };
  const prefix = await http(`${db}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [note] } }));
  assert.equal(prefix.body[0].error, 'forbidden', JSON.stringify(prefix.body));
  assert.equal(prefix.body[0].reason, 'Only changes, devices and snapshots are kept in a shared account.');

  const { command: _, ...noCommand } = op(5, DANA);
  const shapeless = await http(`${db}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [noCommand, { ...op(6, DANA), lamport: '6' }] } }));
  assert.deepEqual(shapeless.body.map((r) => r.error), ['forbidden', 'forbidden'], JSON.stringify(shapeless.body));

  // What is allowed still passes: devices, snapshots and ops signed by their author.
  const fine = await http(`${db}/_bulk_docs`, as(LEE, {
    method: 'POST',
    body: { docs: [{ _id: 'device:d9', author: LEE.name, name: 'Lee laptop' }, { _id: 'snapshot:000000000003', author: LEE.name }, op(7, LEE, 'd9')] },
  }));
  assert.deepEqual(fine.body.map((r) => r.ok), [true, true, true], JSON.stringify(fine.body));
  // The server admin maintains the database and is not bound by these rules.
  const byAdmin = await http(`${db}/_bulk_docs`, { method: 'POST', auth: { name: 'admin', password: 'admin-secret' }, body: { docs: [{ _id: 'maintenance:1' }] } });
  assert.equal(byAdmin.body[0].ok, true, JSON.stringify(byAdmin.body));
});

test('CORS with credentials for the console origin: preflight and the sign-in itself', OPTS, async () => {
  for (const origin of [ORIGIN, 'http://localhost:8080']) {
    const pre = await fetch(`${url}/_session`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.ok(pre.status === 200 || pre.status === 204, `preflight ${pre.status}`);
    assert.equal(pre.headers.get('access-control-allow-origin'), origin);
    assert.equal(pre.headers.get('access-control-allow-credentials'), 'true');
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /\bcontent-type\b/i);
  }

  const pushPre = await fetch(`${db}/_bulk_docs`, {
    method: 'OPTIONS',
    headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, accept' },
  });
  assert.equal(pushPre.headers.get('access-control-allow-origin'), ORIGIN);
  assert.equal(pushPre.headers.get('access-control-allow-credentials'), 'true');

  const res = await fetch(`${url}/_session`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: LEE.name, password: LEE.password }),
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
  assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  assert.match(res.headers.get('set-cookie') ?? '', /^AuthSession=/);
  assert.equal((await res.json()).name, LEE.name);
});
