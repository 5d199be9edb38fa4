// Keyboard: dialogs start on a safe control and give focus back to what opened them; the Actions menu closes
// on Escape with focus on its button (a first step of the keyboard issue).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openConsole } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
/** Waits until the focused element is named `name` (focus moves back on the frame after a dialog closes). */
const focusOn = (page, name) => page.waitForFunction((n) => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent) === n, name, { timeout: 5000 });

test('Remove starts on Cancel, and closing a dialog puts focus back on its opener', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic?q=tom`);
  const remove = page.getByRole('button', { name: 'Remove Tom Becker' });
  await remove.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Remove Tom Becker' }).waitFor();
  assert.equal(await focused(page), 'Cancel');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await focusOn(page, 'Remove Tom Becker');
  await page.getByRole('row', { name: /Tom Becker/ }).waitFor();
  // Escape from Edit Access returns there too.
  const edit = page.getByRole('button', { name: 'Edit Access for Tom Becker' });
  await edit.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Edit Access — Tom Becker' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await focusOn(page, 'Edit Access for Tom Becker');
});

test('the Actions menu closes on Escape with focus on its button', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic`);
  const actions = page.getByRole('button', { name: 'Actions' });
  await actions.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Edit Access', exact: true }).focus();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Edit Access', exact: true }).waitFor({ state: 'detached' });
  await focusOn(page, 'Actions');
});

test('at 390 px the header settings close on Escape with focus on their button, as the Menu does', async () => {
  const page = await openConsole(chromium, `${server.url}/`);
  await page.setViewportSize({ width: 390, height: 844 });
  const settings = page.getByRole('button', { name: 'Settings' });
  await settings.click();
  assert.equal(await settings.getAttribute('aria-expanded'), 'true');
  await page.getByLabel('As of').focus();
  await page.keyboard.press('Escape');
  assert.equal(await settings.getAttribute('aria-expanded'), 'false');
  await focusOn(page, 'Settings');
  assert.deepEqual(page.errors, []);
});

test('at 390 px no page scrolls sideways; the header controls and row actions stay reachable', async () => {
  const page = await openConsole(chromium, `${server.url}/`);
  await page.setViewportSize({ width: 390, height: 844 });
  const pages = ['/', '/products', '/hubs', '/users/classic', '/billing/contracts', '/billing/contracts/110012345678', '/outbox',
    '/users/by-user', '/users/by-product', '/users/by-group', '/billing/subscriptions', '/users/migration',
    '/reporting', '/reporting/activity', '/reporting/seats', '/reporting/renewals', '/reporting/usage', '/reporting/idle', '/users/rules', '/share', '/search?q=autocad',
    '/users/invitations', '/users/requests', '/notifications'];
  for (const path of pages) {
    await page.goto(`${server.url}${path}`);
    // The page's heading is on the first screen: the navigation is a menu, closed until asked for.
    const heading = await page.locator('h1').boundingBox();
    assert.ok(heading && heading.y < 400, `the heading of ${path} starts at ${heading?.y} px`);
    // The page's primary action, if it has one, is on screen horizontally.
    const primary = page.locator('main button.primary').first();
    if (await primary.count()) {
      const box = await primary.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the primary action of ${path} is off-screen`);
    }
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `${path} is ${wide} px wide`);
    // The header collapses: its settings open from their button, on screen.
    await page.getByRole('button', { name: 'Settings' }).click();
    for (const control of ['#as-of', '#viewing-as', '#theme']) {
      const box = await page.locator(control).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${control} on ${path} is off-screen`);
    }
  }
  // The Menu button opens the navigation; following a link closes it again.
  const menu = page.getByRole('button', { name: 'Menu' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'By Group' }).click();
  await page.getByRole('heading', { name: 'By Group' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
  await page.goto(`${server.url}/users/classic?q=tom`);
  await page.getByRole('button', { name: 'Edit Access for Tom Becker' }).scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Edit Access for Tom Becker' }).click();
  await page.getByRole('dialog', { name: 'Edit Access — Tom Becker' }).waitFor();
});

// An admin trial of dialogs opened with show() and aria-modal (issue 28): a dialog from a menu item gave focus
// back to no one, a long preview hid the focused Cancel, Escape in a search box threw the dialog away.
test('dialogs: focus back on Actions, a long preview starts at its top, Escape empties a search box first', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic`);
  await page.getByRole('checkbox', { name: 'Select Priya Natarajan' }).check();
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('button', { name: 'Edit Access', exact: true }).press('Enter');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await focusOn(page, 'Actions');

  await page.goto(`${server.url}/users/rules`);
  const form = page.getByRole('region', { name: 'Add a rule' });
  await form.getByLabel('Email ends in @').fill('contoso-eng.com');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('row', { name: /^1 / }).waitFor();
  await page.getByRole('button', { name: 'Run the rules now' }).click();
  const run = page.getByRole('dialog', { name: 'Run the rules now' });
  await run.getByText(/^What "Run the rules" will do$/).first().waitFor();
  const inSight = () => page.waitForFunction(() => {
    const [a, d] = [document.activeElement, document.querySelector('dialog[open]')];
    return d?.contains(a) && a.getBoundingClientRect().bottom <= d.getBoundingClientRect().bottom && d.scrollTop === 0;
  });
  await inSight();
  assert.ok(await page.evaluate(() => { const d = document.querySelector('dialog[open]'); return d.scrollHeight > d.clientHeight; }), 'a long preview');
  await page.keyboard.press('Escape');
  await run.waitFor({ state: 'detached' });

  await page.goto(`${server.url}/users/by-product`);
  await page.getByRole('button', { name: 'Assign users to AutoCAD' }).click();
  const assign = page.getByRole('dialog', { name: 'Assign users to AutoCAD' });
  const search = assign.getByLabel('Search by name or email');
  await search.fill('leila');
  await assign.getByRole('checkbox', { name: /Leila Haddad/ }).check();
  await search.fill('a');
  await search.press('Escape');
  assert.equal(await search.inputValue(), '');
  await assign.getByText('1 selected').waitFor();
  await search.press('Escape');
  await assign.waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
});

// Issue 29 (an admin trial): focus was left on the link, or on the phone menu's hidden link.
test('a link in the navigation puts focus on the screen it opens, on a wide screen and from the phone menu', async () => {
  const page = await openConsole(chromium, `${server.url}/`);
  const onMain = () => page.waitForFunction(() => document.activeElement?.id === 'main');
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'main', 'the first screen leaves focus where it is');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Classic User Management' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Classic User Management' }).waitFor();
  await onMain();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('#main')), true, 'the next Tab is in the screen');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Menu' }).click();
  await nav.getByRole('link', { name: 'Reporting' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reporting' }).waitFor();
  await onMain();
  // A link in the header too (a trial: focus stayed on Share).
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('link', { name: 'Share', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Share this account' }).waitFor();
  await onMain();
  assert.deepEqual(page.errors, []);
});

test('the skip link moves focus into the content; Edit Access tabs move with the arrow keys', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic?q=tom`);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Skip to content');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  await page.getByRole('button', { name: 'Edit Access for Tom Becker' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Access — Tom Becker' });
  const products = dialog.getByRole('tab', { name: 'Products & Services' });
  await products.focus();
  await page.keyboard.press('ArrowRight');
  const benefits = dialog.getByRole('tab', { name: 'Benefits' });
  assert.equal(await benefits.getAttribute('aria-selected'), 'true');
  await focusOn(page, 'Benefits');
  assert.equal(await products.getAttribute('tabindex'), '-1');
  await page.keyboard.press('Home');
  assert.equal(await products.getAttribute('aria-selected'), 'true');
  await dialog.getByRole('region', { name: 'Contract 110012345678' }).waitFor();
});

test('Tab and Shift+Tab stay inside an open dialog, wrapping at its ends', async () => {
  const page = await openConsole(chromium, `${server.url}/users/by-user`);
  await page.getByRole('button', { name: 'Invite users' }).click();
  await page.getByRole('dialog', { name: 'Invite users' }).waitFor();
  const inside = () => page.evaluate(() => Boolean(document.activeElement?.closest('dialog')));
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inside(), `Tab ${i + 1} left the dialog`);
  }
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Shift+Tab');
    assert.ok(await inside(), `Shift+Tab ${i + 1} left the dialog`);
  }
});

// Issue 27.7: at 390 px a user table scrolls sideways inside its box, and the person's name stays in view beside
// "Products" and "Remove", so no one removes the wrong person.
test('issue 27.7: at 390 px the name stays beside the actions of every user table', async () => {
  const page = await openConsole(chromium, `${server.url}/`);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [path, opener, table] of [['/users/by-user', null, 'main table.users'], ['/users/classic', null, 'main table.users'],
    ['/users/migration', null, 'main table.users'], ['/users/by-product', 'View users of AutoCAD', 'dialog[open] table.users']]) {
    await page.goto(`${server.url}${path}`);
    if (opener) await page.getByRole('button', { name: opener }).click();
    const box = page.locator(table).first();
    await box.locator('tbody td.who').first().scrollIntoViewIfNeeded();
    // Scrolled to its far end: the actions are in view, and so is the name of their row.
    await box.evaluate((t) => { t.scrollLeft = t.scrollWidth; });
    const [name, area] = await Promise.all([box.locator('tbody td.who').first().boundingBox(), box.boundingBox()]);
    assert.ok(name.x >= area.x - 1 && name.x + 20 <= area.x + area.width, `${path}: the name is at ${name.x} px, the table at ${area.x}–${area.x + area.width}`);
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('td')?.className, [name.x + 5, name.y + name.height / 2]);
    assert.equal(hit, 'who', `${path}: the name is on top, not covered by the scrolled cells`);
  }
  assert.deepEqual(page.errors, []);
});

// The ninth session's admin trial: focus kept where the admin works, and the files an admin has at hand.
test('after Remove focus goes to the next row, Undo hands focus to Redo, Change role opens on its tab with Cancel', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic`);
  const labels = await page.locator('main tbody button[aria-label^="Remove "]').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  const at = labels.indexOf('Remove Tom Becker');
  assert.ok(at >= 0 && at + 1 < labels.length, 'Tom Becker has a row after his');
  await page.getByRole('button', { name: 'Remove Tom Becker' }).focus();
  await page.keyboard.press('Enter');
  const remove = page.getByRole('dialog', { name: 'Remove Tom Becker' });
  await remove.getByRole('button', { name: /^Remove / }).focus();
  await page.keyboard.press('Enter');
  await remove.waitFor({ state: 'detached' });
  // The row is gone: the same control of the row that took its place, not the page's top.
  await focusOn(page, labels[at + 1]);
  // Undo's only step taken back, Undo is disabled: focus moves to Redo, and back again.
  await page.locator('#undo').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('row', { name: /Tom Becker/ }).waitFor();
  await focusOn(page, 'Redo');
  await page.keyboard.press('Enter');
  await page.getByRole('row', { name: /Tom Becker/ }).waitFor({ state: 'detached' });
  await focusOn(page, 'Undo');
  // With no one selected Change role opens on CSV upload, focus on that tab, and has a Cancel.
  await page.goto(`${server.url}/users/by-user`);
  await page.getByRole('button', { name: 'Change role' }).focus();
  await page.keyboard.press('Enter');
  const roles = page.getByRole('dialog', { name: 'Change role' });
  await roles.waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'tab');
  assert.equal(await focused(page), 'CSV upload');
  await roles.getByRole('button', { name: 'Cancel' }).click();
  await roles.waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
});

test('at 390 px Escape on the Menu button closes the menu; Autodesk CSV on Import data points to Start from Autodesk exports', async () => {
  const page = await openConsole(chromium, `${server.url}/`);
  await page.setViewportSize({ width: 390, height: 844 });
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.focus();
  await page.keyboard.press('Enter');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel('Import data').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from('First name,Last name,Email\nJane,Doe,jane@x.com\n') });
  await page.getByRole('status').getByText(/^This is a CSV file, not a backup of the console: .*Start from Autodesk exports\. Nothing was changed\.$/).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the Actions menu opens with the arrow keys and they move through its items, wrapping', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic`);
  await page.getByRole('button', { name: 'Actions' }).focus();
  const item = () => page.evaluate(() => document.activeElement?.closest('.menu-items') ? document.activeElement.textContent : null);
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => Boolean(document.activeElement?.closest('.menu-items')));
  const items = await page.locator('.menu-items button:not([disabled]), .menu-items a[href]').evaluateAll((els) => els.filter((e) => e.offsetParent).map((e) => e.textContent));
  assert.ok(items.length >= 2, `items: ${items}`);
  assert.equal(await item(), items[0]);
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((t) => document.activeElement?.textContent === t, items[1]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction((t) => document.activeElement?.textContent === t, items[items.length - 1]);
  await page.keyboard.press('Escape');
  await focusOn(page, 'Actions');
  assert.deepEqual(page.errors, []);
});
