// The CouchDB protocol a shared account relies on (issue 15), checked against a real server:
// pouchdb-server in memory (scripts/couch.mjs). `./x test` starts one and sets COUCH_URL; without it
// this file starts its own and stops it at the end.
//   node --test tests/sync/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ADMIN, DESIGN, http, setupAccount, startCouch } from '../../scripts/couch.mjs';

const DANA = { name: 'dana.reyes@contoso-eng.com', password: 'dana-pw-1' };
const LEE = { name: 'lee.okafor@contoso-eng.com', password: 'lee-pw-2' };
const SAM = { name: 'sam.hill@fabrikam-ops.com', password: 'sam-pw-3' }; // signed in, not a member
const ORIGIN = 'http://127.0.0.1:8090';
const OPTS = { timeout: 30_000 };

// A fresh database per run, so a shared server (COUCH_URL) can run this file again.
const suffix = randomBytes(4).toString('hex');
const DB = `account-protocol-${suffix}`;
const OTHER_DB = `account-other-${suffix}`;
const UPGRADE_DB = `account-upgrade-${suffix}`; // its design document is upgraded by a test

let couch; // ours to stop, or undefined when COUCH_URL is given
let url;
let db;
const cookies = {};

// Documents as the console writes them (issue 25): a device name carries its author.
const device = (user, tag = '0000abcd') => `${user.name}~${tag}`;
const pad = (n, width) => String(n).padStart(width, '0');

function op(n, author, dev = device(author)) {
  return {
    _id: `op:${pad(n, 12)}:${dev}:${pad(n, 8)}`,
    type: 'op', schema: 1, lamport: n, device: dev, seq: n, author: author.name,
    actor: { User: 1 }, on: '2026-11-27', ids: 7340032 + n, command: { SendDueNotices: null },
  };
}

/** An op with some fields changed and its _id built again from its fields. */
function opWith(n, author, fields) {
  const doc = { ...op(n, author), ...fields };
  doc._id = `op:${pad(doc.lamport, 12)}:${doc.device}:${pad(doc.seq, 8)}`;
  return doc;
}

function checkpoint(lamport, author, fields = {}) {
  const doc = { type: 'checkpoint', lamport, device: device(author), author: author.name, hash: '0123456789abcdef', ops: lamport, ...fields };
  return { _id: `checkpoint:${pad(doc.lamport, 12)}:${doc.device}`, ...doc };
}

const ACCOUNT = { 'account.json': { content_type: 'application/json', data: Buffer.from('{"schema":1}').toString('base64') } };

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

/** Pushes documents as `user` with _bulk_docs; the per-document answers. */
async function push(user, ...docs) {
  const res = await http(`${db}/_bulk_docs`, as(user, { method: 'POST', body: { docs } }));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.length, docs.length, JSON.stringify(res.body));
  return res.body;
}

/** Each document, pushed alone as `user`, is refused as forbidden with exactly `reason`. */
async function refused(user, docs, reason) {
  for (const doc of docs) {
    const [row] = await push(user, doc);
    assert.deepEqual({ error: row.error, reason: row.reason }, { error: 'forbidden', reason }, `${JSON.stringify(doc)} got ${JSON.stringify(row)}`);
  }
}

/** The documents, pushed together as `user`, are all written. */
async function accepted(user, ...docs) {
  const rows = await push(user, ...docs);
  assert.deepEqual(rows.map((r) => r.ok), docs.map(() => true), JSON.stringify(rows));
}

before(async () => {
  if (process.env.COUCH_URL) {
    url = process.env.COUCH_URL.replace(/\/+$/, '');
  } else {
    couch = await startCouch();
    url = couch.url;
  }
  db = (await setupAccount(url, { db: DB, members: [DANA, LEE] })).url;
  await setupAccount(url, { db: OTHER_DB, members: [SAM] });
  // Before signing in: setupAccount sets each member's password again, which ends their sessions.
  await setupAccount(url, { db: UPGRADE_DB, members: [DANA] });
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
  assert.equal(prefix.body[0].reason, 'Only changes, devices, snapshots and checkpoints are kept in a shared account.');

  const { command: _, ...noCommand } = op(5, DANA);
  const shapeless = await http(`${db}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [noCommand, { ...op(6, DANA), lamport: '6' }] } }));
  assert.deepEqual(shapeless.body.map((r) => r.error), ['forbidden', 'forbidden'], JSON.stringify(shapeless.body));

  // What is allowed still passes: a device, a checkpoint and an op signed by their author (the snapshot: its own test).
  const fine = await http(`${db}/_bulk_docs`, as(LEE, {
    method: 'POST',
    body: { docs: [{ _id: 'device:9', type: 'device', device: device(LEE), author: LEE.name }, checkpoint(7, LEE), op(7, LEE)] },
  }));
  assert.deepEqual(fine.body.map((r) => r.ok), [true, true, true], JSON.stringify(fine.body));
  // The server admin maintains the database and is not bound by these rules.
  const byAdmin = await http(`${db}/_bulk_docs`, { method: 'POST', auth: { name: 'admin', password: 'admin-secret' }, body: { docs: [{ _id: 'maintenance:1' }] } });
  assert.equal(byAdmin.body[0].ok, true, JSON.stringify(byAdmin.body));
});

// Issue 25: the server refuses what the console can't take. Each refusal names the field that is wrong.
const UNKNOWN = (kind) => `A change of an unknown kind (${kind}): upgrade the database's design document (README, "Upgrading the design document").`;
const OWN_DEVICE = 'A change\'s device must be your own: your name, "~" and 8 hex digits.';
const withoutField = (doc, field) => { const copy = { ...doc }; delete copy[field]; return copy; };

test('ops: well-formed changes pass, at the edges of every range, with every actor, time and command form', OPTS, async () => {
  await accepted(DANA,
    op(100, DANA),
    opWith(101, DANA, { actor: 'Autodesk', command: 'SendDueNotices', at: '09:15:00' }),
    opWith(102, DANA, { at: '09:15', command: { AddUser: { email: 'kim.lo@contoso-eng.com', first_name: 'Kim', last_name: 'Lo' } } }),
    opWith(103, DANA, { at: '23:59:59.123456789', actor: { User: 4294967295 }, ids: 4294967295 }),
    opWith(104, DANA, { on: '2028-02-29', command: 'RunAssignRules', actor: { User: 0 } }),
    opWith(105, DANA, { device: device(DANA, 'ffffffff') }), // another browser of the same person
    opWith(999999999999, DANA, { seq: 99999999, ids: 0 }),
  );
  await accepted(LEE, op(106, LEE));
});

test('ops: a command kind the design document does not list is refused, naming the kind and the upgrade', OPTS, async () => {
  await refused(DANA, [opWith(110, DANA, { command: { LaunchRockets: { count: 3 } } })], UNKNOWN('LaunchRockets'));
  await refused(DANA, [opWith(110, DANA, { command: 'LaunchRockets' })], UNKNOWN('LaunchRockets'));
  await refused(DANA, [opWith(110, DANA, { command: { constructor: null } })], UNKNOWN('constructor'));
  await refused(DANA, [opWith(110, DANA, { command: { sendDueNotices: null } })], UNKNOWN('sendDueNotices'));
});

test('ops: a command is exactly one kind: two keys, no key, an array, null, a number or no command are refused', OPTS, async () => {
  await refused(DANA, [
    opWith(111, DANA, { command: { SendDueNotices: null, RunAssignRules: null } }),
    opWith(111, DANA, { command: {} }),
    opWith(111, DANA, { command: ['SendDueNotices'] }),
    opWith(111, DANA, { command: null }),
    opWith(111, DANA, { command: 7 }),
    withoutField(op(111, DANA), 'command'),
  ], 'A change\'s command must be the name of its kind or an object with exactly one key, its kind.');
});

test('ops: type must be "op" and schema 1: no type, another type, schema 2 or no schema are refused', OPTS, async () => {
  await refused(DANA, [withoutField(op(112, DANA), 'type'), opWith(112, DANA, { type: 'device' })], 'A change\'s type must be "op".');
  await refused(DANA, [opWith(112, DANA, { schema: 2 }), opWith(112, DANA, { schema: '1' }), withoutField(op(112, DANA), 'schema')],
    'A change\'s schema must be 1.');
});

test('ops: lamport is a whole number from 1 to 999999999999: 2**48, 1e12, 0, -1, 1.5 and "6" are refused', OPTS, async () => {
  await refused(DANA, [2 ** 48, 1e12, 0, -1, 1.5, '6'].map((lamport) => opWith(113, DANA, { lamport })),
    'A change\'s lamport must be a whole number from 1 to 999999999999.');
  await refused(DANA, [withoutField(op(113, DANA), 'lamport')], 'A change\'s lamport must be a whole number from 1 to 999999999999.');
});

test('ops: seq is from 1 to 99999999 and ids from 0 to 4294967295: seq 0 and 1e8, ids -1, 2**32, 1.5 and "7" are refused', OPTS, async () => {
  await refused(DANA, [0, 1e8, -3, 2.5, '5'].map((seq) => opWith(114, DANA, { seq })), 'A change\'s seq must be a whole number from 1 to 99999999.');
  await refused(DANA, [-1, 2 ** 32, 1.5, '7', null].map((ids) => opWith(114, DANA, { ids })),
    'A change\'s ids must be a whole number from 0 to 4294967295.');
});

test('ops: the _id must be built from the op\'s own lamport, device and seq', OPTS, async () => {
  const doc = op(115, DANA);
  await refused(DANA, [
    { ...doc, lamport: 116 },
    { ...doc, seq: 116 },
    { ...doc, device: device(DANA, '0000beef') },
    { ...doc, _id: `op:115:${doc.device}:115` },
    { ...doc, _id: `${doc._id}:x` },
    { ...doc, _id: `op:${pad(115, 12)}:${device(LEE)}:${pad(115, 8)}` },
  ], 'A change\'s _id must be op:<lamport 12 digits>:<device>:<seq 8 digits> of its own fields.');
});

test('ops: another member\'s device is refused even when signed as oneself, and so is a device not named "<name>~<8 hex>"', OPTS, async () => {
  // Dana writes under Lee's device: her op would take the place of Lee's next one.
  const squat = opWith(116, DANA, { device: device(LEE) });
  await refused(DANA, [squat], OWN_DEVICE);
  const put = await http(`${db}/${encodeURIComponent(squat._id)}`, as(DANA, { method: 'PUT', body: squat }));
  assert.deepEqual([put.status, put.body], [403, { error: 'forbidden', reason: OWN_DEVICE }]);
  await refused(LEE, [opWith(116, LEE, { device: device(DANA) })], OWN_DEVICE);
  await refused(DANA, [
    '0000abcd', 'd7', device(DANA, '0000ABCD'), device(DANA, 'abcd'), device(DANA, '0000abcde'), device(DANA, '0000abcg'),
    `${DANA.name}0000abcd`, `${DANA.name}~0000abcd~0000abcd`, `x${DANA.name}~0000abcd`, `${DANA.name.toUpperCase()}~0000abcd`,
  ].map((dev) => opWith(116, DANA, { device: dev })), OWN_DEVICE);
  await refused(DANA, [withoutField(op(116, DANA), 'device'), { ...op(116, DANA), device: 42 }], OWN_DEVICE);
});

test('ops: a field outside the format is refused, naming it', OPTS, async () => {
  await refused(DANA, [{ ...op(117, DANA), note: 'hi' }], 'A change may not have the field note.');
  await refused(DANA, [{ ...op(117, DANA), Lamport: 3 }], 'A change may not have the field Lamport.');
  await refused(DANA, [{ ...op(117, DANA), _attachments: ACCOUNT }], 'A change may not have the field _attachments.');
});

test('ops: the actor is "Autodesk" or {"User": n}: anything else is refused', OPTS, async () => {
  await refused(DANA, [
    'autodesk', 'User', 1, null, [1], {}, { User: -1 }, { User: 1.5 }, { User: '1' }, { User: 2 ** 32 },
    { User: 1, Autodesk: null }, { Admin: 1 }, { Autodesk: null },
  ].map((actor) => opWith(118, DANA, { actor })).concat([withoutField(op(118, DANA), 'actor')]),
  'A change\'s actor must be "Autodesk" or {"User": a whole number from 0 to 4294967295}.');
});

test('ops: on is a real day, YYYY-MM-DD, and at, when there, a time of day: bad dates and times are refused', OPTS, async () => {
  await refused(DANA, [
    '2026-11-7', '27.11.2026', '2026-11-27T09:00:00', '2026-13-01', '2026-00-10', '2026-02-29', '2026-04-31', '2026-11-00',
    '+2026-11-27', 20261127, null,
  ].map((on) => opWith(119, DANA, { on })).concat([withoutField(op(119, DANA), 'on')]), 'A change\'s on must be a day, YYYY-MM-DD.');
  await refused(DANA, ['9:15', '24:00', '12:60', '12:00:60', '12:00:00Z', '12:00:00.', '12', '', null, 0]
    .map((at) => opWith(119, DANA, { at })), 'A change\'s at must be a time of day, HH:MM:SS, or absent.');
});

test('device documents: the id is device:<n>, n from 1 to 4095 without leading zeros', OPTS, async () => {
  const dev = (id) => ({ _id: id, type: 'device', device: device(DANA), author: DANA.name });
  await refused(DANA, ['device:abc', 'device:0', 'device:007', 'device:4096', 'device:', 'device:1.5', 'device:-1', 'device:1e3', 'device:12 ']
    .map(dev), 'A device document\'s _id must be device:<n>, n a whole number from 1 to 4095 without leading zeros.');
  await accepted(DANA, dev('device:1'), dev('device:4095'));
});

test('device documents: the device is the pusher\'s own, the type "device", and nothing else is in it', OPTS, async () => {
  const dev = { _id: 'device:2', type: 'device', device: device(DANA), author: DANA.name };
  const OWN = 'A device document\'s device must be your own: your name, "~" and 8 hex digits.';
  await refused(DANA, [{ ...dev, device: device(LEE) }, { ...dev, device: '0000abcd' }, withoutField(dev, 'device')], OWN);
  await refused(DANA, [withoutField(dev, 'type'), { ...dev, type: 'op' }], 'A device document\'s type must be "device".');
  await refused(DANA, [{ ...dev, name: 'Dana laptop' }], 'A device document may not have the field name.');
  await refused(LEE, [{ ...dev, author: LEE.name }], OWN);
  await accepted(DANA, dev);
});

test('the snapshot: only snapshot:000000000000, with a 16-hex hash and account.json, written once', OPTS, async () => {
  const snap = { _id: 'snapshot:000000000000', type: 'snapshot', author: DANA.name, hash: 'cbf29ce484222325', _attachments: ACCOUNT };
  await refused(DANA, ['snapshot:000000000003', 'snapshot:1', 'snapshot:', 'snapshot:000000000000x'].map((_id) => ({ ...snap, _id })),
    'The snapshot\'s _id must be snapshot:000000000000: a shared account has one.');
  await refused(DANA, [withoutField(snap, 'type'), { ...snap, type: 'op' }], 'The snapshot\'s type must be "snapshot".');
  await refused(DANA, ['CBF29CE484222325', 'cbf29ce48422232', 'cbf29ce4842223250', 'xbf29ce484222325', 1, null].map((hash) => ({ ...snap, hash })),
    'The snapshot\'s hash must be 16 lowercase hex digits.');
  await refused(DANA, [withoutField(snap, 'hash')], 'The snapshot\'s hash must be 16 lowercase hex digits.');
  await refused(DANA, [withoutField(snap, '_attachments'), { ...snap, _attachments: { 'other.json': ACCOUNT['account.json'] } }],
    'The snapshot must hold the account as its attachment account.json.');
  await refused(DANA, [{ ...snap, lamport: 0 }], 'The snapshot may not have the field lamport.');

  await accepted(DANA, snap);
  // Another member's snapshot can't replace it: a conflict, as for any document already there.
  const [again] = await push(LEE, { ...snap, author: LEE.name, hash: '0000000000000000' });
  assert.equal(again.error, 'conflict', JSON.stringify(again));
  const stored = await http(`${db}/snapshot:000000000000?attachments=true`, as(LEE));
  assert.equal(stored.body.hash, snap.hash);
  assert.equal(stored.body._attachments['account.json'].data, ACCOUNT['account.json'].data);
});

test('checkpoints: named by their own lamport and device, with a hash and a count of ops, with or without account.json', OPTS, async () => {
  await accepted(DANA, checkpoint(200, DANA), checkpoint(201, DANA, { _attachments: ACCOUNT }), checkpoint(999999999999, DANA, { ops: 0 }));
  await accepted(LEE, checkpoint(200, LEE, { ops: 999999999999 }));
  const stored = await http(`${db}/${encodeURIComponent(checkpoint(201, DANA)._id)}?attachments=true`, as(LEE));
  assert.equal(stored.body._attachments['account.json'].data, ACCOUNT['account.json'].data);
});

test('checkpoints: another\'s device, an _id not of its fields, a bad lamport, hash or ops, or a stray field are refused', OPTS, async () => {
  const cp = checkpoint(210, DANA);
  await refused(DANA, [{ ...cp, lamport: 211 }, { ...cp, _id: `checkpoint:210:${cp.device}` }, { ...cp, _id: `${cp._id}:${pad(1, 8)}` }],
    'A checkpoint\'s _id must be checkpoint:<lamport 12 digits>:<device> of its own fields.');
  await refused(DANA, [checkpoint(210, DANA, { device: device(LEE) }), checkpoint(210, DANA, { device: '0000abcd' })],
    'A checkpoint\'s device must be your own: your name, "~" and 8 hex digits.');
  await refused(DANA, [0, -1, 1e12, 2 ** 48, 1.5, '210'].map((lamport) => checkpoint(210, DANA, { lamport })),
    'A checkpoint\'s lamport must be a whole number from 1 to 999999999999.');
  await refused(DANA, ['ABCDEF0123456789', 'abc', null].map((hash) => checkpoint(210, DANA, { hash })).concat([withoutField(cp, 'hash')]),
    'A checkpoint\'s hash must be 16 lowercase hex digits.');
  await refused(DANA, [-1, 1e12, 1.5, '3', null].map((ops) => checkpoint(210, DANA, { ops })).concat([withoutField(cp, 'ops')]),
    'A checkpoint\'s ops must be a whole number from 0 to 999999999999.');
  await refused(DANA, [withoutField(cp, 'type'), { ...cp, type: 'snapshot' }], 'A checkpoint\'s type must be "checkpoint".');
  await refused(DANA, [{ ...cp, seq: 1 }], 'A checkpoint may not have the field seq.');
  await refused(DANA, [{ ...cp, _attachments: { 'other.json': ACCOUNT['account.json'] } }],
    'A checkpoint must hold the account as its attachment account.json.');
  await refused(LEE, [checkpoint(210, LEE, { author: DANA.name })], `A change must be signed by the person who made it (${LEE.name}).`);
});

test('other ids are refused, naming the four kinds of documents a shared account keeps', OPTS, async () => {
  await refused(DANA, ['note:1', 'ops:1', 'Op:1', 'op', 'device', 'snapshot', 'checkpoints:1', 'devices:1', ' op:1']
    .map((_id) => ({ ...op(120, DANA), _id })), 'Only changes, devices, snapshots and checkpoints are kept in a shared account.');
});

test('replication (new_edits=false) is held to the same rules: a well-formed op passes, a malformed one is refused', OPTS, async () => {
  const asReplicated = (doc, hash) => ({ ...doc, _rev: `1-${hash}`, _revisions: { start: 1, ids: [hash] } });
  const replicate = (doc) => http(`${db}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [doc], new_edits: false } }));
  const fine = await replicate(asReplicated(op(130, DANA), 'a1'.repeat(16)));
  assert.deepEqual(fine.body, [], JSON.stringify(fine.body)); // new_edits=false answers only the errors
  const stored = await http(`${db}/${encodeURIComponent(op(130, DANA)._id)}`, as(LEE));
  assert.equal(stored.body._rev, `1-${'a1'.repeat(16)}`);
  const squat = await replicate(asReplicated(opWith(131, DANA, { device: device(LEE) }), 'b2'.repeat(16)));
  assert.deepEqual(squat.body.map((r) => [r.error, r.reason]), [['forbidden', OWN_DEVICE]]);
});

test('a newer console\'s kind passes once the database\'s admin puts the newer design document; older changes still pass', OPTS, async () => {
  const upgraded = `${url}/${UPGRADE_DB}`;
  const pushTo = (doc) => http(`${upgraded}/_bulk_docs`, as(DANA, { method: 'POST', body: { docs: [doc] } }));
  const newer = opWith(1, DANA, { command: { LaunchRockets: { count: 3 } } });
  assert.equal((await pushTo(newer)).body[0].reason, UNKNOWN('LaunchRockets'));

  // What README "Upgrading the design document" says: PUT the newer file as _design/console, with the current _rev.
  const source = DESIGN.validate_doc_update.replace(/^( {2}var KINDS = \[.*)\];$/m, '$1, "LaunchRockets"];');
  assert.notEqual(source, DESIGN.validate_doc_update);
  const ddoc = `${upgraded}/_design/console`;
  const stale = await http(ddoc, { method: 'PUT', auth: ADMIN, body: { ...DESIGN, validate_doc_update: source } });
  assert.equal(stale.status, 409, 'a PUT without the current _rev must not replace the design document');
  const { _rev } = (await http(ddoc, { auth: ADMIN })).body;
  const put = await http(ddoc, { method: 'PUT', auth: ADMIN, body: { ...DESIGN, _rev, validate_doc_update: source } });
  assert.equal(put.status, 201, JSON.stringify(put.body));

  assert.equal((await pushTo(newer)).body[0].ok, true);
  assert.equal((await pushTo(op(2, DANA))).body[0].ok, true, 'an older console\'s change still passes');
  // A member can't do this upgrade: the design document is the server admin's.
  const byMember = await http(ddoc, as(DANA, { method: 'PUT', body: { ...DESIGN, _rev: put.body.rev } }));
  assert.ok([401, 403].includes(byMember.status), `a member put the design document: ${byMember.status}`);
});

test('the design document is ES5 for CouchDB 3\'s SpiderMonkey and lists its kinds on one KINDS line', () => {
  const source = DESIGN.validate_doc_update;
  assert.equal(typeof new Function(`return (${source});`)(), 'function');
  // The code without its comments and string literals (neither holds "//" or a quote of the other kind).
  const code = source.replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  for (const later of [/=>/, /`/, /\blet\b/, /\bconst\b/, /\bclass\b/, /\.\.\./, /\.padStart\(/, /\.padEnd\(/,
    /Object\.(entries|values|assign)\(/, /\.includes\(/, /\.startsWith\(/, /\.endsWith\(/, /\.repeat\(/]) {
    assert.doesNotMatch(code, later);
  }
  const lines = source.split('\n').filter((line) => line.includes('KINDS = '));
  assert.equal(lines.length, 1, 'one KINDS line');
  const [, list] = /^ {2}var KINDS = (\[.*\]);$/.exec(lines[0]) ?? [];
  assert.ok(list, lines[0]);
  const kinds = JSON.parse(list);
  assert.equal(lines[0], `  var KINDS = ${JSON.stringify(kinds).replaceAll('","', '", "')};`, 'JSON strings separated by ", "');
  assert.equal(new Set(kinds).size, kinds.length, 'no kind twice');
  for (const kind of kinds) assert.match(kind, /^[A-Z][A-Za-z0-9]*$/);
  for (const kind of ['AddUser', 'SendDueNotices', 'RunAssignRules', 'ReclaimSeats']) assert.ok(kinds.includes(kind), kind);
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
