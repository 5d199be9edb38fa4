// axe-core (WCAG 2.1 AA rule set) in real Chromium: no violation on any page, nor in the dialogs of Classic
// User Management and the header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openConsole, screen, axeViolations as violations } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const PAGES = ['/', '/products', '/hubs', '/users/classic', '/billing/contracts', '/billing/contracts/110012345678', '/outbox', '/reporting',
    '/users/by-user', '/users/by-product', '/users/by-group', '/billing/subscriptions', '/users/migration', '/search?q=autocad',
    '/reporting/activity', '/reporting/seats', '/reporting/renewals', '/reporting/usage', '/reporting/idle', '/users/rules', '/users/invitations', '/users/requests', '/notifications', '/share', '/start'];

for (const scheme of ['light', 'dark']) {
  test(`no axe-core violation on any page, ${scheme}`, async () => {
    const page = await openConsole(chromium, `${server.url}/`);
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of PAGES) {
      await page.goto(`${server.url}${path}`);
      await screen(page);
      assert.deepEqual(await violations(page), [], `${path} (${scheme})`);
    }
  });
}

test('the theme switch: dark follows the system, a chosen theme wins and survives a reload', async () => {
  const page = await openConsole(chromium, `${server.url}/users/by-user`);
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await background(), 'rgb(42, 42, 42)', "Weave's darkGray background");
  await page.getByLabel('Theme').selectOption('light');
  assert.equal(await background(), 'rgb(245, 245, 245)');
  await page.reload();
  assert.equal(await page.getByLabel('Theme').inputValue(), 'light');
  assert.equal(await background(), 'rgb(245, 245, 245)');
  await page.getByLabel('Theme').selectOption('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await background(), 'rgb(42, 42, 42)');
  await page.getByLabel('Theme').selectOption('');
  assert.equal(await page.evaluate(() => localStorage.getItem('contract-console.theme')), null);
});

// Every dialog of the console: [page, how it opens, its name].
const DIALOGS = [
  ['/users/classic?q=tom', 'Edit Access for Tom Becker', 'Edit Access — Tom Becker'], ['/users/classic?q=tom', 'Remove Tom Becker', 'Remove Tom Becker'],
  ['/users/classic', 'Add', 'Add user'], ['/users/classic', 'Bulk Add', 'Bulk Add'],
  ['/users/classic', 'Reset demo account', 'Reset demo account'], ['/users/classic', 'Load sample account', 'Load sample account'],
  ['/users/by-user', 'Invite users', 'Invite users'], ['/users/by-user', 'Change role', 'Change role'],
  ['/users/by-user', 'Products of Leila Haddad', 'Products of Leila Haddad'], ['/users/by-user', 'Remove Tom Becker', 'Remove Tom Becker'],
  ['/users/by-user', 'Rename team', 'Rename team'], ['/users/by-product', 'Assign users to AutoCAD', 'Assign users to AutoCAD'],
  ['/users/by-product', 'View users of Revit', 'Users of Revit'], ['/users/by-group', 'Create group', 'Create a group'],
  ['/users/by-group', 'View assignments of Structural', /^Structural/], ['/users/by-group', 'Delete Structural', 'Delete Structural'],
  ['/reporting/idle', 'Unassign all (4)', 'Unassign 4 idle seats'], ['/billing/subscriptions', 'What happens if SUB-70012 is not renewed', 'If SUB-70012 is not renewed'],
  ['/billing/subscriptions', 'Move SUB-70012 to another team', 'Move SUB-70012'],
  ['/users/by-user', 'Limit admin role of Priya Natarajan', 'Limit admin role: Priya Natarajan'],
];

for (const scheme of ['light', 'dark']) {
  test(`no axe-core violation in any dialog, ${scheme}`, async () => {
    const page = await openConsole(chromium, `${server.url}/`);
    await page.emulateMedia({ colorScheme: scheme });
    for (const [path, button, name] of DIALOGS) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByRole('dialog', { name }).waitFor();
      assert.deepEqual(await violations(page), [], `${button} (${scheme})`);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    // The three that need something done first: a new contract manager chosen, a hub assignment to confirm,
    // a backup file to import.
    await page.goto(`${server.url}/billing/contracts/110012345678`);
    const change = page.getByRole('region', { name: 'Change contract manager' });
    await change.getByLabel('New contract manager').selectOption({ label: 'Tom Becker' });
    await change.getByRole('button', { name: 'Change contract manager' }).click();
    await page.getByRole('dialog', { name: 'Change contract manager' }).waitFor();
    assert.deepEqual(await violations(page), [], `Change contract manager (${scheme})`);
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/hubs`);
    const form = page.getByRole('region', { name: 'Assign a contract to a hub' });
    await form.getByLabel('Contract').selectOption('110012345678');
    await form.getByLabel('Hub address').fill('https://contoso-new.autodesk360.com');
    await form.getByRole('button', { name: 'Assign Contract' }).click();
    await page.getByRole('dialog', { name: 'Assign Contract' }).waitFor();
    assert.deepEqual(await violations(page), [], `Assign Contract (${scheme})`);
    await page.keyboard.press('Escape');
    const backup = JSON.stringify(await page.evaluate(() => JSON.parse(localStorage.getItem('contract-console.account'))));
    await page.getByLabel('Import data').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    await page.getByRole('dialog', { name: 'Import data' }).waitFor();
    assert.deepEqual(await violations(page), [], `Import data (${scheme})`);
    await page.keyboard.press('Escape');
  });
}
// Issue 29: a screen whose part can't be downloaded (offline on a first visit), after Try again failed too,
// light and dark, at desktop width and at 390 px.
test('no axe-core violation in "This page could not be downloaded"', async () => {
  const context = await chromium.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${server.url}/users/classic`);
  await screen(page);
  await context.setOffline(true);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reporting' }).click();
  const missing = page.getByRole('alert').filter({ hasText: 'This page could not be downloaded' });
  await missing.getByRole('button', { name: 'Try again' }).click();
  await missing.getByText('Tried again once: still not downloaded.').waitFor();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await violations(page), [], `could not be downloaded (${scheme}, ${width} px)`);
    }
  }
  await context.close();
});

// Issue 31: the start page with its preview filled in (teams, the over-assigned seats' choice, rows that
// can't be used), light and dark.
test('no axe-core violation on the start page with a preview', async () => {
  const fixtures = new URL('../fixtures/autodesk/', import.meta.url);
  const page = await openConsole(chromium, `${server.url}/start`);
  await page.getByLabel('Subscriptions export (required)').setInputFiles(new URL('subscriptions.csv', fixtures).pathname);
  await page.getByLabel('Users export (optional)').setInputFiles(new URL('users-excel.csv', fixtures).pathname);
  await page.getByLabel('Company name').fill('Northwind Engineering');
  await page.getByLabel('Contract manager').fill('Maria Keller <maria.keller@northwind.example>');
  await page.getByLabel('Contract manager').press('Tab');
  await page.getByRole('checkbox', { name: /Leave out the assignments past the seats/ }).waitFor();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await violations(page), [], `/start with a preview (${scheme})`);
  }
});

// Issue 27.5: the Run the rules dialog with its queue of the seats that run short and someone left out.
test('no axe-core violation in Run the rules with a queue, light and dark', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic`);
  await page.getByRole('button', { name: 'Bulk Add' }).click();
  const bulk = page.getByRole('dialog', { name: 'Bulk Add' });
  await bulk.getByLabel('Users').fill('cy.diaz@new.contoso-eng.com; ana.lima@new.contoso-eng.com; bo.chen@new.contoso-eng.com');
  await bulk.getByRole('button', { name: 'Save & Continue' }).click();
  await bulk.getByRole('button', { name: 'Done' }).click();
  await page.goto(`${server.url}/users/rules`);
  const form = page.getByRole('region', { name: 'Add a rule' });
  await form.getByLabel('Email ends in @').fill('new.contoso-eng.com');
  await form.getByLabel('Gives').selectOption({ label: 'AutoCAD on contract 110012345678 · 399-11111111' });
  await form.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('button', { name: 'Run the rules now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run the rules now' });
  await dialog.getByRole('button', { name: 'Leave out: Bo Chen' }).click();
  await dialog.getByRole('list', { name: 'Left out of this run' }).waitFor();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await violations(page), [], `Run the rules with a queue (${scheme})`);
  }
});

// Issue 27 (a trial): every tab of Invite users, with its fields refused, and the import preview, light and dark.
test('no axe-core violation in Invite users: each tab, refusals at their fields, the import preview', async () => {
  const page = await openConsole(chromium, `${server.url}/users/by-user`);
  await page.getByRole('button', { name: 'Invite users' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite users' });
  const check = async (what) => {
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await violations(page), [], `${what} (${scheme})`);
    }
  };
  await dialog.getByLabel('Email', { exact: true }).fill('not an address');
  await dialog.getByRole('button', { name: 'Send invite' }).click();
  await dialog.locator('[aria-invalid="true"]').first().waitFor();
  await check('Invite single refused');
  await dialog.getByRole('tab', { name: 'Invite multiple' }).click();
  await dialog.getByLabel('Emails').fill('m three@x.com');
  await dialog.getByRole('button', { name: 'Send invites' }).click();
  await dialog.getByText(/^Not invited: m three@x.com: /).waitFor();
  await check('Invite multiple refused');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Invite users' }).click();
  await dialog.getByRole('tab', { name: 'Import' }).click();
  const rows = 'First name,Last name,Email,Department\nAmy,Ode,amy.ode@contoso-eng.com,CAD\nBad,Row,not-an-email,CAD';
  await dialog.getByLabel('Upload CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(rows) });
  await dialog.getByText('Preview of people.csv').waitFor();
  await check('Import preview');
});
