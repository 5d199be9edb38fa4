// What the sharing tests do as an admin would: sign in on the Share page, add a user, read the badge.
import { browser, openConsole, serve } from './harness.mjs';
import { startCouch } from '../../scripts/couch.mjs';

export const DANA = { name: 'dana.reyes@contoso-eng.com', password: 'dana-pw-1' };
export const PRIYA = { name: 'priya.natarajan@contoso-eng.com', password: 'priya-pw-2' };

export const flash = (page) => page.locator('.flash');
export const badge = (page) => page.locator('header a.sync-badge');
export const row = (page, name) => page.getByRole('row', { name: new RegExp(name) });

/** The console served, Chromium, and a CouchDB-protocol server: ./x test's COUCH_URL, or one started here. */
export async function setUp() {
  const [server, chromium] = [await serve(), await browser()];
  const couch = process.env.COUCH_URL ? undefined : await startCouch();
  const couchUrl = couch?.url ?? process.env.COUCH_URL.replace(/\/+$/, '');
  const stop = async () => { await chromium.close(); await server.stop(); await couch?.stop(); };
  return { server, chromium, couchUrl, stop };
}

/** Opens the Share page in a new browser context, gives the server and database, signs in; returns the page. */
export async function signIn(chromium, consoleUrl, couchUrl, db, user) {
  const page = await openConsole(chromium, `${consoleUrl}/share`);
  await page.getByLabel('Server address').fill(couchUrl);
  await page.getByLabel('Database').fill(db);
  await page.getByRole('button', { name: 'Use this server' }).click();
  // The page reloads so that its connect-src names the server.
  await page.getByLabel('Your email (your name on the server)').fill(user.name);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

/** Shares this browser's account into the (empty) database. */
export async function share(page) {
  await page.getByRole('button', { name: 'Share this account' }).click();
  await flash(page).getByText('Shared: other admins can join this account now.').waitFor();
  await badge(page).getByText('Shared: synced').waitFor();
}

/** Joins the account shared in the database, replacing this browser's. */
export async function join(page) {
  await page.getByRole('button', { name: 'Join the shared account' }).click();
  await page.getByRole('dialog', { name: 'Join the shared account' }).getByRole('button', { name: 'Join and replace' }).click();
  await flash(page).getByText('Joined: this browser now keeps the shared account.').waitFor();
  await badge(page).getByText('Shared: synced').waitFor();
}

/** Classic User Management → Add, with the email made of the names. */
export async function addUser(page, first, last) {
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('Email').fill(`${first}.${last}@contoso-eng.com`.toLowerCase());
  await dialog.getByLabel('First name').fill(first);
  await dialog.getByLabel('Last name').fill(last);
  await dialog.getByRole('button', { name: 'Save & Continue' }).click();
  await dialog.waitFor({ state: 'detached' });
}

export async function toUsers(...pages) {
  for (const page of pages) await page.getByRole('link', { name: 'Classic User Management' }).first().click();
}
