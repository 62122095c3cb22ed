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

/** What the grantor gives: two life areas, every kind of record but register data and look-ups. */
const AREAS = ['health', 'economy'];
const KINDS = ['case', 'benefit', 'payment', 'debt', 'appointment', 'deadline', 'document'];
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

/** The grantor fills in the form: first wrongly, then as meant. */
async function grant(page) {
  await openMandates(page);
  await inspector.check(page, 'mandates-grantor');
  await Promise.all([
    page.waitForURL(/\/mandates\/new/),
    page.locator('a[href="/mandates/new"]').click(),
  ]);
  await inspector.check(page, 'mandate-form');

  // A wrong identifier and nothing chosen: the form comes back with every field to
  // correct. The browser's own checks of required fields are switched off to reach ours.
  const [wrong] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'
      && new URL(response.url()).pathname === '/mandates'),
    page.evaluate(() => {
      const form = document.querySelector('form[action="/mandates"]');
      form.noValidate = true;
      form.querySelector('#holder_national_id').value = 'not a number';
      form.submit();
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
  await page.locator('input[name="permission"][value="read"]').check();
  await Promise.all([
    page.waitForURL(/\/mandates\?done=granted/),
    page.locator('form[action="/mandates"] button[type="submit"]').click(),
  ]);
  const card = page.locator('section[aria-labelledby="given"] li.mandate', { hasText: HOLDER_NAME });
  expect(await card.count() === 1, 'the new power of attorney is not listed as given');
  const state = await card.locator('.status').innerText();
  expect(/Waiting for acceptance/.test(state), `the new power of attorney is "${state}"`);
  log('grantor: gave a power of attorney, waiting for acceptance');
  await inspector.check(page, 'mandates-granted');
}

/** The holder accepts, switches to the grantor and looks around. */
async function accept(page) {
  await openMandates(page);
  const held = page.locator('section[aria-labelledby="held"] li.mandate').first();
  expect(await held.count() === 1, 'the holder sees no power of attorney given to them');
  await inspector.check(page, 'mandates-holder');
  await Promise.all([
    page.waitForURL(/\/mandates\?done=accepted/),
    held.locator('form[action$="/accept"] button').click(),
  ]);
  const state = await page.locator('section[aria-labelledby="held"] li.mandate .status').first().innerText();
  expect(/In force/.test(state), `after accepting, the power of attorney is "${state}"`);
  log('holder: accepted the power of attorney');

  const switchTo = page.locator('section[aria-labelledby="act-for"] form[action="/acting"] button').first();
  await Promise.all([page.waitForURL(`${url}/`), switchTo.click()]);
  const banner = page.locator('aside.acting p');
  expect(await banner.count() === 1, 'no banner while acting for someone');
  const text = await banner.innerText();
  expect(/on their behalf/.test(text), `the banner says "${text}"`);
  log(`holder: ${text}`);
  const counts = await page
    .locator('section[aria-labelledby="areas"] ul.areas > li .count')
    .allInnerTexts();
  const filled = counts.filter((count) => /[1-9]/.test(count));
  expect(
    filled.length >= 1 && filled.length <= AREAS.length,
    `acting, the overview shows records in ${filled.length} areas (${counts.join(' | ')})`,
  );
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
  log(`holder: saw ${filled.length} areas, an area and a record; My Log is closed`);
}

/** The grantor sees the first use and revokes. */
async function revoke(page) {
  await page.goto(`${url}/mandates`);
  const card = page.locator('section[aria-labelledby="given"] li.mandate', { hasText: HOLDER_NAME });
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
  log('holder: lost access, and sees their own overview again');
}

await main(async (browser) => {
  const grantorContext = await newContext(browser);
  const holderContext = await newContext(browser);
  const grantorPage = await grantorContext.newPage();
  const holderPage = await holderContext.newPage();
  await signIn(grantorPage, grantorCpr);
  await grant(grantorPage);
  await signIn(holderPage, holderCpr);
  await accept(holderPage);
  await revoke(grantorPage);
  await loseAccess(holderPage);
  await grantorContext.close();
  await holderContext.close();
  inspector.assertNone();
});
