// Issue 15: two admins in two browsers share one account through a real CouchDB-protocol server
// (pouchdb-server in memory: ./x test's COUCH_URL, or one started here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openConsole } from './harness.mjs';
import { DANA, PRIYA, addUser, badge, flash, row, setUp, share, signIn as signInTo } from './sharing.mjs';
import { ADMIN, http, setupAccount } from '../../scripts/couch.mjs';

const PLAN = 'Contract 110012345678';
const DB = `contoso-${randomBytes(4).toString('hex')}`;

let server, chromium, couchUrl, stop;
before(async () => {
  ({ server, chromium, couchUrl, stop } = await setUp());
  await setupAccount(couchUrl, { db: DB, members: [DANA, PRIYA] });
});
after(async () => { await stop?.(); });

const signIn = (user) => signInTo(chromium, server.url, couchUrl, DB, user);

async function giveNavisworks(page, name) {
  await page.getByRole('button', { name: `Edit Access for ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit Access — ${name}` });
  await dialog.getByRole('region', { name: PLAN }).getByRole('checkbox', { name: 'Navisworks Manage 2026' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}

test('two admins share one account: live, offline and back, the last seat refused for one of them, reload', { timeout: 120_000 }, async () => {
  // Dana shares her account; Priya joins it from another browser.
  const a = await signIn(DANA);
  await a.getByRole('button', { name: 'Share this account' }).click();
  await flash(a).getByText('Shared: other admins can join this account now.').waitFor();
  await badge(a).getByText('Shared: synced').waitFor();
  const b = await signIn(PRIYA);
  await b.getByText(/The database holds the account of Contoso/).waitFor();
  await b.getByRole('button', { name: 'Join the shared account' }).click();
  // Joining replaces this browser's account: it asks first, offering to export it.
  const join = b.getByRole('dialog', { name: 'Join the shared account' });
  await join.getByText(/The account in this browser \(41 people, 6 contracts\) is replaced by the shared one/).waitFor();
  await join.getByRole('button', { name: 'Join and replace' }).click();
  await flash(b).getByText('Joined: this browser now keeps the shared account.').waitFor();
  await badge(b).getByText('Shared: synced').waitFor();
  // Each acts as the person signed in.
  assert.equal(await b.locator('#viewing-as').isDisabled(), true);

  // Live: what Dana adds is in Priya's list within a second or so.
  for (const page of [a, b]) await page.getByRole('link', { name: 'Classic User Management' }).first().click();
  await addUser(a, 'Live', 'One');
  const start = Date.now();
  await row(b, 'Live One').waitFor({ timeout: 3000 });
  console.log(`# a change reached the other browser in ${Date.now() - start} ms`);

  // A second tab of Dana's browser: one tab talks to the server, the other's changes go through it.
  const a2 = await a.context().newPage();
  await a2.goto(`${server.url}/users/classic`);
  await badge(a2).getByText('Shared: synced by another tab').waitFor();
  await addUser(a2, 'Second', 'Tab');
  await row(b, 'Second Tab').waitFor({ timeout: 3000 });
  await row(a, 'Second Tab').waitFor();
  await a2.close();

  // Priya's password is changed on the server, which ends her session: she is told, her change waits, and
  // signing in again sends it.
  const userUrl = `${couchUrl}/_users/org.couchdb.user:${encodeURIComponent(PRIYA.name)}`;
  const priyaDoc = (await http(userUrl, { auth: ADMIN })).body;
  PRIYA.password = 'priya-pw-new';
  await http(userUrl, { method: 'PUT', auth: ADMIN, body: { ...priyaDoc, password: PRIYA.password } });
  await addUser(a, 'After', 'Signout');
  await badge(b).getByText('Shared: signed out').waitFor();
  await addUser(b, 'Waiting', 'Priya');
  await badge(b).click();
  await b.getByRole('alert').getByText('The server signed you out. Your changes wait here until you sign in again.').waitFor();
  await b.getByLabel('Password').fill(PRIYA.password);
  await b.getByRole('button', { name: 'Sign in again' }).click();
  await badge(b).getByText('Shared: synced').waitFor();
  await row(a, 'Waiting Priya').waitFor({ timeout: 3000 });
  await b.getByRole('link', { name: 'Classic User Management' }).first().click();
  await row(b, 'After Signout').waitFor();

  // Both offline, both edit; back online, both hold both changes.
  await a.context().setOffline(true);
  await b.context().setOffline(true);
  await addUser(a, 'Offline', 'Dana');
  await addUser(b, 'Offline', 'Priya');
  await badge(a).getByText('Shared: offline, 1 change waiting').waitFor();
  // The last Navisworks seat, given twice: to Kenji by Dana, to Ravi by Priya.
  await giveNavisworks(a, 'Kenji Tanaka');
  await giveNavisworks(b, 'Ravi Patel');
  await a.context().setOffline(false);
  await b.context().setOffline(false);
  for (const page of [a, b]) {
    await row(page, 'Offline Dana').waitFor();
    await row(page, 'Offline Priya').waitFor();
  }
  // Exactly one of them is refused, with the reason; both see the same holder.
  const refused = async (page) => (await badge(page).innerText()).includes('1 refused change');
  let states;
  for (let i = 0; i < 50; i++) {
    states = [await refused(a), await refused(b)];
    if (states[0] !== states[1]) break;
    await a.waitForTimeout(100);
  }
  assert.notEqual(states[0], states[1], 'exactly one admin is refused');
  const [loser, winner] = states[0] ? [a, b] : [b, a];
  await badge(winner).getByText('Shared: synced').waitFor();
  const holds = async (page, name) => /Navisworks/.test(await row(page, name).innerText());
  for (const page of [a, b]) {
    await page.waitForTimeout(200);
    assert.deepEqual([await holds(page, 'Kenji Tanaka'), await holds(page, 'Ravi Patel')], states[0] ? [false, true] : [true, false]);
  }
  await badge(loser).click();
  await loser.getByRole('heading', { name: 'Refused changes' }).waitFor();
  const who = states[0] ? 'Kenji Tanaka' : 'Ravi Patel';
  await loser.getByText(new RegExp(`Your change "Access changed" \\(${who} · Navisworks Manage · contract 110012345678\\) of .* was refused: All 2 seats of Navisworks Manage on contract 110012345678 are assigned`)).waitFor();

  // A reload keeps the account and the link; the page may reach the one server, and no other.
  await b.reload();
  await badge(b).getByText(/Shared: (synced|1 refused change)/).waitFor();
  await b.goto(`${server.url}/users/classic`);
  await row(b, 'Offline Dana').waitFor();
  const blocked = await b.evaluate(async (url) => {
    const seen = new Promise((r) => document.addEventListener('securitypolicyviolation', (e) => r(`${e.effectiveDirective} ${e.blockedURI}`), { once: true }));
    fetch(url).catch(() => {});
    return Promise.race([seen, new Promise((r) => setTimeout(() => r('not blocked'), 3000))]);
  }, 'http://127.0.0.1:9/');
  assert.match(blocked, /^connect-src http:\/\/127\.0\.0\.1:9/, 'connect-src names the configured server only');

  // The Share page while shared, with a refused change listed: no axe-core violation, light or dark.
  const axe = await readFile(new URL('../../scripts/node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  await loser.goto(`${server.url}/share`);
  await loser.getByRole('heading', { name: 'Refused changes' }).waitFor();
  await loser.evaluate(axe);
  for (const scheme of ['light', 'dark']) {
    await loser.emulateMedia({ colorScheme: scheme });
    const found = await loser.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    assert.deepEqual(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], scheme);
  }

  // Read, the refusal can be dismissed: it leaves the list and the header.
  await loser.getByRole('button', { name: 'Dismiss' }).click();
  await loser.getByText('None: every change you made is in the shared account.').waitFor();
  assert.doesNotMatch(await badge(loser).innerText(), /refused/);

  // Disconnect keeps the copy.
  await b.goto(`${server.url}/share`);
  await b.getByRole('button', { name: 'Disconnect' }).click();
  await b.getByRole('dialog', { name: 'Disconnect' }).getByRole('button', { name: 'Disconnect' }).click();
  await badge(b).waitFor({ state: 'detached' });
  await b.goto(`${server.url}/users/classic`);
  await row(b, 'Offline Priya').waitFor();
  assert.deepEqual(a.errors.concat(b.errors), []);
});

test('the Share page says what is wrong with what was typed or with who signed in, and changes nothing', { timeout: 60_000 }, async () => {
  const KENJI = { name: 'kenji.tanaka@contoso-eng.com', password: 'kenji-pw' }; // a member, but no admin
  const OUTSIDER = { name: 'outsider@example.com', password: 'out-pw' }; // a server user, no member
  const db = `${DB}-checks`;
  await setupAccount(couchUrl, { db, members: [KENJI] });
  await setupAccount(couchUrl, { db: `${DB}-other`, members: [OUTSIDER] });
  const page = await openConsole(chromium, `${server.url}/share`);
  const alert = page.locator('main [role=alert]');
  await page.getByRole('button', { name: 'Use this server' }).click();
  await alert.getByText("Enter the server's address, such as https://couch.example.com. Enter the database's name, such as contoso-account.").waitFor();
  await page.getByLabel('Server address').fill('couch.example.com');
  await page.getByLabel('Database').fill('Contoso');
  await page.getByRole('button', { name: 'Use this server' }).click();
  await alert.getByText('"couch.example.com" is not a server address: enter it as https://couch.example.com').waitFor();
  await alert.getByText('"Contoso" is not a database name').waitFor();
  await page.getByLabel('Server address').fill('http://dana:secret@127.0.0.1:5984');
  await page.getByRole('button', { name: 'Use this server' }).click();
  await alert.getByText(/has a name, password, query or fragment in it/).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('contract-console.connect')), null, 'nothing saved');

  await page.getByLabel('Server address').fill(couchUrl);
  await page.getByLabel('Database').fill(db);
  await page.getByRole('button', { name: 'Use this server' }).click();
  // After the reload, focus is on the email: the next step.
  await page.getByLabel('Your email (your name on the server)').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'share-name');
  const signIn = async (user, password = user.password) => {
    await page.getByLabel('Your email (your name on the server)').fill(user.name);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  // An email that can't be one is said at once, without asking the server (an admin trial).
  await signIn({ name: 'bad' }, 'x');
  await page.getByText('"bad" is not a valid email address; use the form name@company.com.').waitFor();
  await signIn(KENJI, 'wrong');
  await alert.getByText('The server did not accept your name and password: check them and sign in again.').waitFor();
  await signIn(OUTSIDER);
  await alert.getByText(`You are signed in as ${OUTSIDER.name}, but not as a member of the database ${db}`).waitFor();
  await signIn(KENJI);
  await page.getByRole('button', { name: 'Share this account' }).click();
  await alert.getByText(`${KENJI.name} is not an admin of this account: only its contract managers, software coordinators and team admins share it.`).waitFor();
  await badge(page).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => localStorage.getItem('contract-console.shared')), null, 'not shared');
  assert.deepEqual(page.errors, []);
});

test('a sharing part whose request is never answered is said after 10 s, and sharing goes on once it comes', { timeout: 60_000 }, async () => {
  const db = `${DB}-slow`;
  await setupAccount(couchUrl, { db, members: [DANA] });
  const page = await signInTo(chromium, server.url, couchUrl, db, DANA);
  await share(page);
  // Nothing from the service worker: this tab fetches the sharing part itself, and its first request hangs.
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
  });
  let asked = 0;
  await page.route('**/split_sharing.wasm', (route) => (asked++ === 0 ? undefined : route.continue()));
  await page.goto(`${server.url}/share`);
  await page.locator('main [role=alert]').getByText(/sharing part is taking long to download/).waitFor({ timeout: 15_000 });
  await badge(page).getByText('Shared: not connected').waitFor();
  await page.reload();
  await badge(page).getByText('Shared: synced').waitFor();
  assert.equal(asked >= 1, true);
  assert.deepEqual(page.errors, []);
});
