// An in-memory CouchDB-protocol server (pouchdb-server from npm) for the sync tests of shared accounts.
//   import { startCouch, setupAccount } from '../../scripts/couch.mjs'
//   node scripts/couch.mjs serve [port]   runs one until killed and prints its URL on one line
// The server binds 127.0.0.1 only, keeps everything in memory, and runs in a temporary directory (its
// config.json and log.txt go there and are removed on stop). Once started it has one server admin,
// ADMIN (no "admin party"), and answers CORS requests with credentials from any origin (see configureCors).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, 'node_modules', '.bin', 'pouchdb-server');
export const ADMIN = { name: 'admin', password: 'admin-secret' };
export const DESIGN = JSON.parse(readFileSync(join(here, 'couch-design.json'), 'utf8'));

/** A port that was free a moment ago (the kernel's pick on 127.0.0.1). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// pouchdb-server is run by this one-line wrapper: the same bin/pouchdb-server, in the same node, but it
// exits when its stdin closes, i.e. when the process that started it is gone, even by SIGKILL.
// (node -e CODE BIN FLAGS... gives process.argv = [node, BIN, FLAGS...], as running BIN would.)
// An error thrown outside a request (once, a database deleted under a pending long-poll `_changes`) is
// written out instead of ending the server, so one test's server-side failure doesn't fail every later test
// that shares it; CouchDB itself answers such a feed and goes on.
const WATCHDOG = "process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume();" +
  "for (const e of ['uncaughtException', 'unhandledRejection']) process.on(e, (x) => console.error('pouchdb-server:', e, x));" +
  'require(process.argv[1]);';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const basic = ({ name, password }) =>
  'Basic ' + Buffer.from(`${name}:${password}`).toString('base64');

/** fetch() that returns { status, headers, body } with body parsed as JSON when it is JSON. */
export async function http(url, { method = 'GET', headers = {}, body, auth } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (auth) h.Authorization = basic(auth);
  if (body !== undefined && typeof body !== 'string') {
    body = JSON.stringify(body);
    h['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(url, { method, headers: h, body });
  const text = await res.text();
  let parsed = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, body: parsed };
}

async function must(what, promise, ok = (s) => s >= 200 && s < 300) {
  const r = await promise;
  if (!ok(r.status)) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/**
 * pouchdb-server 4.2 (express-pouchdb + corser): CORS is on by default with credentials and origins "*",
 * which with credentials reflects the request's Origin. Origins are matched exactly against a
 * ", "-separated list: there are no wildcards such as http://127.0.0.1:*, so "*" is the only way to
 * admit every port. Values PUT to _config are JSON strings that are parsed once more, so "true" becomes
 * the boolean corser needs. Methods and headers are ", "-separated (exactly a comma and a space).
 */
async function configureCors(url, origins = '*') {
  const settings = [
    ['httpd', 'enable_cors', 'true'],
    ['cors', 'credentials', 'true'],
    ['cors', 'origins', Array.isArray(origins) ? origins.join(', ') : origins],
    ['cors', 'methods', 'GET, HEAD, POST, PUT, DELETE, COPY, OPTIONS'],
    ['cors', 'headers', 'accept, accept-language, content-language, content-type, authorization, origin, referer, if-match, if-none-match, x-requested-with'],
  ];
  for (const [section, key, value] of settings) {
    await must(`PUT /_config/${section}/${key}`, http(`${url}/_config/${section}/${key}`, { method: 'PUT', body: JSON.stringify(value) }));
  }
}

/**
 * Starts pouchdb-server in memory on 127.0.0.1:port (a free port if none), waits until it answers,
 * configures CORS and creates the server admin. Returns { url, port, stop }; stop() kills it and waits.
 */
export async function startCouch({ port, origins } = {}) {
  const choose = port === undefined;
  for (let attempt = 1; ; attempt++) {
    const p = choose ? await freePort() : port;
    try {
      return await startOn(p, origins);
    } catch (e) {
      if (!choose || !e.portInUse || attempt >= 5) throw e;
    }
  }
}

async function startOn(port, origins) {
  const dir = mkdtempSync(join(tmpdir(), 'pouchdb-server-'));
  const args = ['--in-memory', '--no-stdout-logs', '--no-color', '-o', '127.0.0.1', '-p', String(port), '-c', join(dir, 'config.json')];
  const child = spawn(process.execPath, ['-e', WATCHDOG, BIN, ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => { output = (output + chunk).slice(-4000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(); }));
  child.on('error', (e) => { keep(String(e)); exited ??= { code: -1 }; });
  // A process that exits without calling stop() takes its server with it (see WATCHDOG for a killed one).
  const killOnExit = () => { try { child.kill('SIGKILL'); } catch { /* gone */ } rmSync(dir, { recursive: true, force: true }); };
  process.on('exit', killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited || /already in use/.test(output)) {
        const e = new Error(`pouchdb-server on port ${port} did not start:\n${output}`);
        e.portInUse = /already in use/.test(output);
        throw e;
      }
      try {
        const r = await fetch(url + '/');
        const body = await r.json();
        if (r.ok && body.version) break; // {"express-pouchdb":"Welcome!","version":"4.2.0",...}
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) throw new Error(`pouchdb-server on port ${port} did not answer in 60 s:\n${output}`);
      await sleep(100);
    }
    // Admin party until the admin exists: configure first, then end it.
    await configureCors(url, origins);
    await must('PUT /_config/admins/admin', http(`${url}/_config/admins/${ADMIN.name}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) }));
    const s = await must('GET /_session as admin', http(`${url}/_session`, { auth: ADMIN }));
    if (!s.body.userCtx?.roles?.includes('_admin')) throw new Error(`the server admin is not an admin: ${JSON.stringify(s.body)}`);
    const anon = await http(`${url}/_config`);
    if (anon.status !== 401) throw new Error(`still an admin party: GET /_config without credentials gave ${anon.status}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, stop };
}

/**
 * Prepares the database of a shared account, as the server admin: a CouchDB user per member
 * ({ name, password }), the database, its _security (members.names = the members) and the design
 * document _design/console (validate_doc_update). Existing users, database and design document are
 * updated, so it can be called again on the same server.
 */
export async function setupAccount(url, { db, members }) {
  const auth = ADMIN;
  for (const { name, password } of members) {
    const id = `org.couchdb.user:${name}`;
    const at = `${url}/_users/${encodeURIComponent(id)}`;
    const old = await http(at, { auth });
    const doc = { _id: id, name, password, roles: [], type: 'user' };
    if (old.status === 200) doc._rev = old.body._rev;
    await must(`PUT /_users/${id}`, http(at, { method: 'PUT', auth, body: doc }));
  }
  const dbUrl = `${url}/${encodeURIComponent(db)}`;
  await must(`PUT /${db}`, http(dbUrl, { method: 'PUT', auth }), (s) => s === 201 || s === 412);
  await must(`PUT /${db}/_security`, http(`${dbUrl}/_security`, {
    method: 'PUT', auth,
    body: { admins: { names: [], roles: [] }, members: { names: members.map((m) => m.name), roles: [] } },
  }));
  const ddocUrl = `${dbUrl}/_design/console`;
  const old = await http(ddocUrl, { auth });
  const ddoc = { ...DESIGN };
  if (old.status === 200) ddoc._rev = old.body._rev;
  await must(`PUT /${db}/_design/console`, http(ddocUrl, { method: 'PUT', auth, body: ddoc }));
  return { url: dbUrl };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [cmd, port] = process.argv.slice(2);
  if (cmd !== 'serve') {
    console.error('usage: node scripts/couch.mjs serve [port]');
    process.exit(2);
  }
  // Signals end the server, also while it is starting ('exit' handlers then kill it and remove its directory).
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(0));
  const couch = await startCouch({ port: port ? Number(port) : undefined });
  console.log(couch.url);
  // Keep running until a signal arrives.
  setInterval(() => {}, 1 << 30);
}
