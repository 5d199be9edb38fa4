// The sharing benchmark (issue 25): a shared account on pouchdb-server in memory, with 1,000, 10,000 and
// 100,000 ops in the database, each a small change (an email opened) so that the numbers are sync's own.
// Dana and Priya stay connected while the ops arrive (their browsers vouch for the checkpoints); then a new
// browser joins and is timed: the join, a new op's arrival, a late op's replay, and local storage used.
// Prints numbers, never fails on a slow machine. Run by `./x bench-sync` after a release build.
import { randomBytes } from 'node:crypto';
import { serve, browser } from '../tests/e2e/harness.mjs';
import { DANA, PRIYA, join, share, signIn } from '../tests/e2e/sharing.mjs';
import { http, setupAccount, startCouch } from './couch.mjs';

const SIZES = (process.env.BENCH_OPS ?? '1000,10000,100000').split(',').map(Number);
const DB = `bench-${randomBytes(4).toString('hex')}`;
const DEVICE = `${DANA.name}~be0c0001`;
const pad = (n, w) => String(n).padStart(w, '0');
const today = new Date().toISOString().slice(0, 10);

const couch = await startCouch();
const dbUrl = `${couch.url}/${DB}`;
await setupAccount(couch.url, { db: DB, members: [DANA, PRIYA] });
const server = await serve();
const chromium = await browser();

/** The highest clock of an op in the database. */
async function head() {
  const r = await http(`${dbUrl}/_all_docs?descending=true&limit=1&startkey=${encodeURIComponent('"op:\ufff0"')}&endkey=${encodeURIComponent('"op:"')}`, { auth: DANA });
  return r.body.rows.length ? Number(r.body.rows[0].id.split(':')[1]) : 0;
}

let seq = 0;
const op = (lamport) => {
  seq += 1;
  return { _id: `op:${pad(lamport, 12)}:${DEVICE}:${pad(seq, 8)}`, type: 'op', schema: 1, lamport, device: DEVICE, seq,
    author: DANA.name, actor: { User: 1 }, on: today, ids: 4000 * 2 ** 20, command: { MarkEmailRead: { email: 1 } } };
};

async function push(docs) {
  const r = await http(`${dbUrl}/_bulk_docs`, { method: 'POST', auth: DANA, body: { docs } });
  const bad = r.body.filter?.((x) => x.error);
  if (r.status !== 201 || bad?.length) throw new Error(`push: ${r.status} ${JSON.stringify(bad ?? r.body).slice(0, 300)}`);
}

/** Adds ops, one chain after the head, until this benchmark has written `total` of them: 1,000 at a time,
 *  each time waiting until Dana's and Priya's browsers have read the feed that far (ops arrive as admins
 *  make them, not faster than the browsers that vouch for checkpoints read them). */
async function fill(total) {
  let at = await head();
  while (seq < total) {
    const n = Math.min(1000, total - seq);
    await push(Array.from({ length: n }, (_, i) => op(at + 1 + i)));
    at += n;
    const end = Number((await http(dbUrl, { auth: DANA })).body.update_seq);
    await until(`the feed read to ${end}`, async () => (await read(a)) >= end - 10 && (await read(b)) >= end - 10);
  }
}

const storageUsed = (page) => page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0));
const read = (page) => page.evaluate(() => Number(JSON.parse(localStorage.getItem('contract-console.shared') ?? '{}').since ?? 0));
const floor = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('contract-console.shared') ?? '{}').floor ?? 0);
const holds = (page, id) => page.evaluate((id) => localStorage.getItem(`contract-console.shared.op.${id}`) !== null, id);

const pages = [];
async function until(what, check, ms = 180_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) {
      for (const p of pages) {
        const state = await p.evaluate(() => {
          const link = JSON.parse(localStorage.getItem('contract-console.shared') ?? '{}');
          const seen = Object.entries(link.checkpoints?.seen ?? {}).slice(-4).map(([l, h]) => [l, Object.entries(h).map(([k, v]) => [k, v.length])]);
          const carriers = Object.keys(link.checkpoints?.carriers ?? {}).slice(-4);
          return { floor: link.floor, since: link.since, keys: localStorage.length, badge: document.querySelector('header a.sync-badge')?.textContent,
            seen, carriers, authors: link.checkpoints?.authors, vouched: (link.vouched ?? []).slice(-4) };
        }).catch((e) => String(e));
        console.error(JSON.stringify(state), p.errors.map(String));
      }
      const cps = await http(`${dbUrl}/_all_docs?include_docs=true&startkey=${encodeURIComponent('"checkpoint:"')}&endkey=${encodeURIComponent('"checkpoint:\ufff0"')}`, { auth: DANA });
      for (const r of cps.body.rows.slice(-4)) console.error(r.id, r.doc.hash, r.doc.ops, r.doc._attachments ? 'carries' : '');
      if (process.env.BENCH_HOLD) { console.error(dbUrl); await new Promise((r) => setTimeout(r, 600_000)); }
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

await http(`${dbUrl}/device:4000`, { method: 'PUT', auth: DANA, body: { type: 'device', device: DEVICE, author: DANA.name } });
const a = await signIn(chromium, server.url, couch.url, DB, DANA);
await share(a);
const b = await signIn(chromium, server.url, couch.url, DB, PRIYA);
await join(b);
pages.push(a, b);
const rows = [];
for (const total of SIZES) {
  const t0 = Date.now();
  await fill(total);
  const filled = Date.now() - t0;
  // Both admins' browsers take every op in and settle on the newest checkpoint.
  const due = Math.floor(((await head()) - 20) / 1000) * 1000;
  await until(`checkpoint ${due}`, async () => (await floor(a)) >= due && (await floor(b)) >= due);
  const settled = Date.now() - t0 - filled;
  const c = await signIn(chromium, server.url, couch.url, DB, PRIYA);
  await c.getByRole('button', { name: 'Join the shared account' }).waitFor();
  const j0 = Date.now();
  await join(c);
  const joinMs = Date.now() - j0;
  const top = await head();
  const fresh = op(top + 1);
  const n0 = Date.now();
  await push([fresh]);
  await until('the new op', () => holds(c, fresh._id));
  const arrival = Date.now() - n0;
  const late = op(top - 5);
  const l0 = Date.now();
  await push([late]);
  await until('the late op', () => holds(c, late._id));
  const replay = Date.now() - l0;
  const used = { joined: await storageUsed(c), admin: await storageUsed(a) };
  rows.push({ ops: total, fill_s: filled / 1000, settle_s: settled / 1000, join_ms: joinMs, new_op_ms: arrival, late_op_ms: replay,
    storage_joined_kb: Math.round(used.joined / 1024), storage_admin_kb: Math.round(used.admin / 1024) });
  console.log(JSON.stringify(rows.at(-1)));
  await c.context().close();
}
console.log('\n| ops in the database | Join | a new op arrives | a late op replayed | local storage, joined browser | local storage, Dana\'s browser | reading the ops in (two browsers) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.ops.toLocaleString('en')} | ${r.join_ms} ms | ${r.new_op_ms} ms | ${r.late_op_ms} ms | ${r.storage_joined_kb} KB | ${r.storage_admin_kb} KB | ${(r.fill_s + r.settle_s).toFixed(1)} s |`);
await chromium.close();
await server.stop();
await couch.stop();
