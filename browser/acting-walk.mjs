// Acting for others in headless Chromium: one citizen gives another a power of attorney
// for two life areas (trying a wrong form first), the other accepts it, switches to the
// grantor's overview and sees the banner and only what was given; the grantor sees it was
// used and revokes it, and the holder's next page says the access has ended. Every page is
// checked with axe-core at 375 and 1280 px and photographed.
//
//   OVERBLIK_URL      the demo's address, e.g. http://127.0.0.1:8080
//   OVERBLIK_GRANTOR  the CPR number of the citizen who gives the power of attorney
//   OVERBLIK_HOLDER   the CPR number of the citizen who is given it
//   SCREENSHOT_DIR    where the screenshots go

import {
  Inspector, expect, log, main, newContext, required,
} from './lib.mjs';

const url = required('OVERBLIK_URL').replace(/\/$/, '');
const grantorCpr = required('OVERBLIK_GRANTOR');
const holderCpr = required('OVERBLIK_HOLDER');
const inspector = new Inspector(required('SCREENSHOT_DIR'));

/**
 * What the grantor gives: two life areas, and in them what a helper needs to keep
 * appointments, debts, deadlines and letters in hand, but not register data. Documents are
 * in because the first featured citizen's economy holds only letters from the tax agency:
 * without them the holder would have nothing to open.
 */
const AREAS = ['health', 'economy'];
const KINDS = ['appointment', 'debt', 'deadline', 'case', 'document'];
const HOLDER_NAME = 'Bo Fuldmagtshaver';

/** Signs in as `cpr` through /login and the development provider's form. */
async function signIn(page, cpr) {
  await page.goto(`${url}/login`);
  const field = page.getByLabel('CPR number');
  await field.waitFor();
  await field.fill(cpr);
  await Promise.all([
    page.waitForURL(`${url}/`),
    page.locator('form button[type="submit"]').click(),
  ]);
}

/** Opens Acting for others through the header's link. */
async function openMandates(page) {
  await Promise.all([
    page.waitForURL(/\/mandates/),
    page.locator('header nav a[href="/mandates"]').click(),
  ]);
}

/** The grantor's card for power of attorney `id` on /mandates. */
function givenCard(page, id) {
  return page.locator(`section[aria-labelledby="given"] li.mandate[data-mandate="${id}"]`);
}

/** The ids of the powers of attorney /mandates lists as given. */
function givenIds(page) {
  return page
    .locator('section[aria-labelledby="given"] li.mandate')
    .evaluateAll((cards) => cards.map((card) => card.dataset.mandate));
}

/**
 * The grantor fills in the form, first wrongly, then as meant, and returns the new power
 * of attorney's id, which the later steps follow it by.
 */
async function grant(page) {
  await openMandates(page);
  // The new power of attorney is the one not listed before, whatever the grantor gave earlier.
  const before = await givenIds(page);
  await inspector.check(page, 'mandates-grantor');
  await Promise.all([
    page.waitForURL(/\/mandates\/new/),
    page.locator('a[href="/mandates/new"]').click(),
  ]);
  await inspector.check(page, 'mandate-form');
  // The period is filled in for the grantor (today and a year on); the walk keeps it.
  const from = await page.locator('#valid_from').inputValue();
  const until = await page.locator('#valid_until').inputValue();
  expect(from && until && from < until, `the form proposes the period "${from}" to "${until}"`);

  // No holder and nothing chosen: the form comes back with every field to correct. The
  // browser's own checks of required fields are switched off to reach the server's.
  await page.locator('#holder_national_id').fill('');
  await page.locator('#holder_name').fill('');
  for (const box of await page.locator('form[action="/mandates"] input[type="checkbox"]').all()) {
    await box.uncheck();
  }
  const [wrong] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'
      && new URL(response.url()).pathname === '/mandates'),
    page.evaluate(() => {
      const form = document.querySelector('form[action="/mandates"]');
      form.noValidate = true;
      form.requestSubmit();
    }),
  ]);
  await page.waitForLoadState();
  expect(wrong.status() === 422, `a wrong form answers ${wrong.status()}, not 422`);
  await page.locator('.error-summary').waitFor();
  const problems = await page.locator('.error-summary li').count();
  expect(problems >= 3, `the error summary lists ${problems} problems, expected at least 3`);
  log(`grantor: a wrong form comes back with ${problems} things to correct`);
  await inspector.check(page, 'mandate-form-errors');

  await page.locator('#holder_national_id').fill(holderCpr);
  await page.locator('#holder_name').fill(HOLDER_NAME);
  for (const area of AREAS) {
    await page.locator(`input[name="areas"][value="${area}"]`).check();
  }
  for (const kind of KINDS) {
    await page.locator(`input[name="kinds"][value="${kind}"]`).check();
  }
  // Reading only is what the form proposes, and it survives the wrong first try.
  expect(
    await page.locator('input[name="permission"][value="read"]').isChecked(),
    'the form does not propose reading only',
  );
  expect(
    await page.locator('#valid_from').inputValue() === from
      && await page.locator('#valid_until').inputValue() === until,
    'the wrong first try loses the proposed period',
  );
  await Promise.all([
    page.waitForURL(/\/mandates\?done=granted/),
    page.locator('form[action="/mandates"] button[type="submit"]').click(),
  ]);
  const added = (await givenIds(page)).filter((id) => !before.includes(id));
  expect(added.length === 1, `${added.length} new powers of attorney are listed as given, not 1`);
  const [id] = added;
  const card = givenCard(page, id);
  const title = await card.locator('.card-title').innerText();
  expect(title.includes(HOLDER_NAME), `the new power of attorney is given to "${title}"`);
  const state = await card.locator('.status').innerText();
  expect(/Waiting for acceptance/.test(state), `the new power of attorney is "${state}"`);
  log(`grantor: gave power of attorney ${id}, waiting for acceptance`);
  await inspector.check(page, 'mandates-granted');
  return id;
}

/** The holder accepts power of attorney `id`, switches to the grantor and looks around. */
async function accept(page, id) {
  await openMandates(page);
  const held = page.locator(`section[aria-labelledby="held"] li.mandate[data-mandate="${id}"]`);
  expect(await held.count() === 1, `the holder does not see power of attorney ${id} as given to them`);
  const grantorName = (await held.locator('.card-title').innerText()).trim();
  await inspector.check(page, 'mandates-holder');
  await Promise.all([
    page.waitForURL(/\/mandates\?done=accepted/),
    held.locator('form[action$="/accept"] button').click(),
  ]);
  const state = await held.locator('.status').innerText();
  expect(/In force/.test(state), `after accepting, the power of attorney is "${state}"`);
  log(`holder: accepted the power of attorney from ${grantorName}`);

  // The holder may act for others too (a child, or the same grantor under another power of
  // attorney): the card to use is the one whose basis is this power of attorney.
  const person = page
    .locator('section[aria-labelledby="act-for"] li.card')
    .filter({ has: page.locator(`input[name="basis"][value$="${id}"]`) });
  expect(await person.count() === 1, `"You can act for" does not list power of attorney ${id} once`);
  const listed = await person.locator('.card-title').innerText();
  expect(listed.includes(grantorName), `"You can act for" names "${listed}", not ${grantorName}`);
  const switchTo = person.locator('form[action="/acting"] button[type="submit"]');
  await Promise.all([page.waitForURL(`${url}/`), switchTo.click()]);
  const banner = page.locator('aside.acting p');
  expect(await banner.count() === 1, 'no banner while acting for someone');
  const text = await banner.innerText();
  expect(/on their behalf/.test(text), `the banner says "${text}"`);
  expect(text.includes(grantorName), `the banner does not name ${grantorName}: "${text}"`);
  log(`holder: ${text}`);
  // Only the areas given hold records; the rest of the grantor's overview is out of reach.
  const filled = await page
    .locator('section[aria-labelledby="areas"] ul.areas > li')
    .filter({ has: page.locator('.count', { hasText: /[1-9]/ }) })
    .locator('a')
    .evaluateAll((links) => links.map((link) => new URL(link.href).pathname));
  expect(
    filled.length >= 1 && filled.length <= AREAS.length,
    `acting, the overview shows records in ${filled.length} areas (${filled.join(' ')})`,
  );
  const outside = filled.filter((path) => !AREAS.some((area) => path.endsWith(`/${area}`)));
  expect(outside.length === 0, `acting, the overview shows records outside the mandate: ${outside.join(' ')}`);
  expect(
    await page.locator('header nav a[href="/log"]').count() === 0,
    'the header links to My Log under a power of attorney',
  );
  await inspector.check(page, 'acting-overview');

  const area = page
    .locator('section[aria-labelledby="areas"] ul.areas > li')
    .filter({ has: page.locator('.count', { hasText: /[1-9]/ }) })
    .locator('a')
    .first();
  await Promise.all([page.waitForURL(/\/areas\//), area.click()]);
  expect(await page.locator('aside.acting').count() === 1, 'no banner on the area page');
  await inspector.check(page, 'acting-area');
  const record = page.locator('main ul.cards li a').first();
  await Promise.all([page.waitForURL(/\/records\//), record.click()]);
  expect(await page.locator('aside.acting').count() === 1, 'no banner on the record page');
  await inspector.check(page, 'acting-record');
  const logPage = await page.goto(`${url}/log`);
  expect(logPage.status() === 403, `My Log answers ${logPage.status()} under a power of attorney`);
  log(`holder: saw records in ${filled.join(' and ')}, an area and a record; My Log is closed`);
}

/** The grantor sees the first use of power of attorney `id` and revokes it. */
async function revoke(page, id) {
  await page.goto(`${url}/mandates`);
  const card = givenCard(page, id);
  expect(await card.count() === 1, `power of attorney ${id} is no longer listed as given`);
  const text = await card.innerText();
  expect(/First used/.test(text), `the grantor is not told of the first use: "${text}"`);
  await Promise.all([
    page.waitForURL(/\/mandates\?done=revoked/),
    card.locator('form[action$="/revoke"] button').click(),
  ]);
  const state = await card.locator('.status').innerText();
  expect(/Revoked/.test(state), `after revoking, the power of attorney is "${state}"`);
  log('grantor: saw the first use and revoked');
  await inspector.check(page, 'mandates-revoked');
}

/** The holder's next page says the access has ended; the one after is their own. */
async function loseAccess(page) {
  const ended = await page.goto(`${url}/`);
  expect(ended.status() === 403, `after revocation / answers ${ended.status()}, not 403`);
  const heading = await page.locator('main h1').innerText();
  expect(/Your access has ended/.test(heading), `after revocation the page says "${heading}"`);
  await inspector.check(page, 'acting-ended');
  const own = await page.goto(`${url}/`);
  expect(own.ok(), `then / answers ${own.status()}`);
  expect(await page.locator('aside.acting').count() === 0, 'the banner outlives the access');
  // Their own overview, so their own log is back in the header.
  expect(
    await page.locator('header nav a[href="/log"]').count() === 1,
    'the holder\'s own overview has no link to My Log',
  );
  log('holder: lost access, and sees their own overview again');
}

await main(async (browser) => {
  const grantorContext = await newContext(browser);
  const holderContext = await newContext(browser);
  const grantorPage = await grantorContext.newPage();
  const holderPage = await holderContext.newPage();
  await signIn(grantorPage, grantorCpr);
  const id = await grant(grantorPage);
  await signIn(holderPage, holderCpr);
  await accept(holderPage, id);
  await revoke(grantorPage, id);
  await loseAccess(holderPage);
  await grantorContext.close();
  await holderContext.close();
  inspector.assertNone();
});
