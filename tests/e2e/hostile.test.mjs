// Issue 25: sharing that survives a careless or hostile member and a server that comes back empty. Two or
// three admins in their own browsers on a real CouchDB-protocol server (pouchdb-server in memory). What a
// member could write past a server without the design document is written here as the server's admin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DANA, PRIYA, addUser, badge, flash, join, row, setUp, share, signIn, toUsers } from './sharing.mjs';
import { ADMIN, DESIGN, http, setupAccount } from '../../scripts/couch.mjs';

const suffix = randomBytes(4).toString('hex');
const PRIYA_ELSEWHERE = `${PRIYA.name}~deadbeef`;
const OPTS = { timeout: 120_000 };

let server, chromium, couchUrl, stop;
before(async () => { ({ server, chromium, couchUrl, stop } = await setUp()); });
after(async () => { await stop?.(); });

const pad = (n, w) => String(n).padStart(w, '0');
const opId = (lamport, device, seq) => `op:${pad(lamport, 12)}:${device}:${pad(seq, 8)}`;

/** A document put straight into the database by its admin, past the design document. */
async function put(db, doc) {
  const r = await http(`${couchUrl}/${db}/${encodeURIComponent(doc._id)}`, { method: 'PUT', auth: ADMIN, body: doc });
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

/** An op document signed by Priya from a device of hers that no browser runs. */
function priyaOp(lamport, seq, command, extra = {}) {
  return {
    _id: opId(lamport, PRIYA_ELSEWHERE, seq), type: 'op', schema: 1, lamport, device: PRIYA_ELSEWHERE, seq,
    author: PRIYA.name, actor: { User: 2 }, on: '2026-12-03', ids: 4000000, command, ...extra,
  };
}

/** Dana and Priya share one account in a new database. */
async function twoAdmins(db) {
  await setupAccount(couchUrl, { db, members: [DANA, PRIYA] });
  const a = await signIn(chromium, server.url, couchUrl, db, DANA);
  await share(a);
  const b = await signIn(chromium, server.url, couchUrl, db, PRIYA);
  await join(b);
  return [a, b];
}

test('a change no console reads, a far-future clock and a squatted id stop no one, and no change is lost', OPTS, async () => {
  const db = `hostile-${suffix}`;
  const [a, b] = await twoAdmins(db);
  await toUsers(a, b);
  // A change of a kind no console knows, and one with a clock at the edge of what ids hold.
  await put(db, priyaOp(3, 1, { LaunchRockets: {} }));
  await put(db, priyaOp(999999999999, 2, 'SendDueNotices', { actor: 'Autodesk' }));
  await flash(a).getByText(/A change from Priya Natarajan in the shared account was left out by every browser: it is a kind of change this console doesn't know \(LaunchRockets\)/).waitFor();
  // Both go on: Dana's next change reaches Priya, with a clock that was not dragged forward.
  await addUser(a, 'After', 'Junk');
  await row(b, 'After Junk').waitFor({ timeout: 5000 });
  const clocks = await a.evaluate((me) => Object.keys(localStorage).filter((k) => k.startsWith(`contract-console.shared.op.`) && k.includes(me))
    .map((k) => Number(k.split(':')[1])), DANA.name);
  assert.deepEqual(clocks, [1], 'the forged clock is held, never followed');
  for (const page of [a, b]) await badge(page).getByText('Shared: synced').waitFor();
  await b.goto(`${server.url}/share`);
  await b.getByRole('heading', { name: 'Changes left out' }).waitFor();
  await b.getByText(/LaunchRockets/).waitFor();

  // Dana works offline; someone writes another document under the id her change will have.
  await a.context().setOffline(true);
  await addUser(a, 'Squatted', 'Change');
  await badge(a).getByText('Shared: offline, 1 change waiting').waitFor();
  const link = JSON.parse(await a.evaluate(() => localStorage.getItem('contract-console.shared')));
  const [mine] = link.pending;
  const squat = { ...priyaOp(mine.lamport, mine.seq, 'RunAssignRules'), _id: opId(mine.lamport, mine.device, mine.seq), device: mine.device };
  await put(db, squat);
  await a.context().setOffline(false);
  await flash(a).getByText(/The server already held a change by Priya Natarajan under the id of your change "User added": yours was sent again under a new id/).waitFor();
  await badge(a).getByText('Shared: synced').waitFor();
  await b.goto(`${server.url}/users/classic`);
  await row(b, 'Squatted Change').waitFor({ timeout: 5000 });
  assert.deepEqual(a.errors.concat(b.errors), []);
});

test('a server that comes back empty is never "synced": the copy is shared into it again, the other admin is told the database changed', OPTS, async () => {
  const db = `emptied-${suffix}`;
  const [a, b] = await twoAdmins(db);
  await toUsers(a, b);
  await addUser(a, 'Before', 'Restart');
  await row(b, 'Before Restart').waitFor({ timeout: 5000 });
  // The server restarts (the browsers lose the connection), having lost the database; it is made anew,
  // empty, with its members and design document.
  for (const page of [a, b]) await page.context().setOffline(true);
  const dbUrl = `${couchUrl}/${db}`;
  assert.equal((await http(dbUrl, { method: 'DELETE', auth: ADMIN })).status, 200);
  for (let i = 0; i < 50 && (await http(dbUrl, { method: 'PUT', auth: ADMIN })).status !== 201; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal((await http(dbUrl, { auth: ADMIN })).body.doc_count, 0, 'the database is there, empty');
  await http(`${dbUrl}/_security`, { method: 'PUT', auth: ADMIN, body: { admins: { names: [], roles: [] }, members: { names: [DANA.name, PRIYA.name], roles: [] } } });
  await http(`${dbUrl}/_design/console`, { method: 'PUT', auth: ADMIN, body: DESIGN });
  await addUser(a, 'During', 'Restart');
  for (const page of [a, b]) await page.context().setOffline(false);
  for (const page of [a, b]) await badge(page).getByText(/Shared: stopped, the database changed/).waitFor();
  await a.goto(`${server.url}/share`);
  await a.getByRole('alert').getByText(/The database on the server is empty now/).waitFor();
  await a.getByRole('button', { name: 'Share this copy into the empty database' }).click();
  await flash(a).getByText(/Shared again: this browser's copy, with the changes that waited here/).waitFor();
  await badge(a).getByText('Shared: synced').waitFor();
  // Priya's browser finds another account in the database now: it says so and exchanges nothing.
  await b.reload();
  await badge(b).getByText(/Shared: stopped, the database changed/).waitFor();
  await b.goto(`${server.url}/share`);
  await b.getByRole('alert').getByText(/holds another account than the one this browser shares/).waitFor();
  await b.getByRole('button', { name: 'Disconnect' }).click();
  await b.getByRole('dialog', { name: 'Disconnect' }).getByRole('button', { name: 'Disconnect' }).click();
  await b.getByLabel('Your email (your name on the server)').fill(PRIYA.name);
  await b.getByLabel('Password').fill(PRIYA.password);
  await b.getByRole('button', { name: 'Sign in' }).click();
  await join(b);
  await toUsers(b);
  await row(b, 'During Restart').waitFor();
  await row(b, 'Before Restart').waitFor();
  assert.deepEqual(a.errors.concat(b.errors), []);
});

test('a checkpoint both admins vouch for: a third browser joins from it and a back-dated change comes too late', OPTS, async () => {
  const db = `checkpoint-${suffix}`;
  const [a, b] = await twoAdmins(db);
  await toUsers(a, b);
  await addUser(a, 'Folded', 'One');
  await addUser(a, 'Folded', 'Two');
  await row(b, 'Folded Two').waitFor({ timeout: 5000 });
  await a.goto(`${server.url}/share`);
  await a.getByRole('button', { name: 'Make a checkpoint now' }).click();
  await a.getByRole('status').getByText(/Checkpoint sent/).waitFor();
  // Priya's browser reaches the same account and vouches for it: both start from it.
  await b.goto(`${server.url}/share`);
  for (const page of [a, b]) {
    await page.getByText(/starts from a checkpoint vouched for by Dana Reyes and Priya Natarajan and keeps the 0 changes since/).waitFor({ timeout: 10_000 });
  }
  // A change signed by Priya with an early clock, written after the checkpoint: too late, in every browser.
  await put(db, priyaOp(1, 7, { AddUser: { email: 'back.dated@contoso-eng.com', first_name: 'Back', last_name: 'Dated' } }));
  await flash(b).getByText(/Your change "User added" of 3 Dec 2026 came too late/).waitFor();
  // A third browser joins from the checkpoint.
  const c = await signIn(chromium, server.url, couchUrl, db, PRIYA);
  await join(c);
  await toUsers(a, c);
  await row(c, 'Folded Two').waitFor();
  await addUser(c, 'After', 'Checkpoint');
  await row(a, 'After Checkpoint').waitFor({ timeout: 5000 });
  for (const page of [a, c]) assert.equal(await row(page, 'Back Dated').count(), 0);
  assert.deepEqual(a.errors.concat(b.errors, c.errors), []);
});

test('storage full never moves the checkpoint: the badge says so, and the changes are kept once there is room', OPTS, async () => {
  const db = `full-${suffix}`;
  const [a, b] = await twoAdmins(db);
  await toUsers(a, b);
  // Dana's browser has no room left for this site.
  await a.evaluate(() => {
    let i = 0;
    for (const size of [1 << 20, 1 << 14, 1 << 8, 8]) {
      const text = 'x'.repeat(size);
      try { for (;;) localStorage.setItem(`junk.${i++}`, text); } catch { /* full at this size */ }
    }
  });
  await addUser(b, 'No', 'Room');
  await badge(a).getByText('Shared: not saved here, storage is full').waitFor({ timeout: 5000 });
  await row(a, 'No Room').waitFor();
  await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('junk.')).forEach((k) => localStorage.removeItem(k)));
  await addUser(b, 'Room', 'Again');
  await badge(a).getByText('Shared: synced').waitFor({ timeout: 5000 });
  await a.reload();
  await toUsers(a);
  await row(a, 'No Room').waitFor();
  await row(a, 'Room Again').waitFor();
  assert.deepEqual(a.errors.concat(b.errors), []);
});
