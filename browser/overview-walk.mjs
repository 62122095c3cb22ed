// The personal overview in headless Chromium: a featured citizen signs in, reads why a
// recommendation is shown and follows it, opens a life event's page and the list of life
// events, pins an area to the top, moves another up, hides a third and shows it again, hides
// a recommendation, reads which authority has delivered nothing yet; then signs in a second time "on a phone", and from the first browser
// signs out everywhere else on "My sign-ins": the phone's next page asks it to sign in.
// Every page is checked with axe-core at 375 and 1280 px, in Danish and English, and
// photographed.
//
//   OVERBLIK_URL       the demo's address, e.g. http://127.0.0.1:8080
//   OVERBLIK_CITIZENS  the featured citizens' CPR numbers, separated by commas; the first walks
//   SCREENSHOT_DIR     where the screenshots go
//   OVERBLIK_MISSING   the name of an authority registered but never delivering: the overview
//                      and "What is covered" must say so
//
// Exits non-zero on any failure.

import {
  Inspector, expect, log, main, newContext, required,
} from './lib.mjs';

const url = required('OVERBLIK_URL').replace(/\/$/, '');
const citizen = required('OVERBLIK_CITIZENS').split(',')[0].trim();
const inspector = new Inspector(required('SCREENSHOT_DIR'));
const missing = required('OVERBLIK_MISSING');

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 '
  + '(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

/** Signs `cpr` in on the development provider's form, in a browser context of its own. */
async function signIn(browser, cpr, options = {}) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  const field = page.getByLabel('CPR number');
  await field.waitFor();
  await field.fill(cpr);
  await Promise.all([
    page.waitForURL(`${url}/`),
    page.locator('form button[type="submit"]').click(),
  ]);
  return page;
}

/** Goes to `path` and fails unless the answer is 200. */
async function visit(page, path) {
  const response = await page.goto(`${url}${path}`);
  expect(response?.status() === 200, `${path} answered ${response?.status()}`);
}

/** Clicks `button` (in a form) and waits for the page the form leads to. */
async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

/** The life areas as the page lists them (the overview or its arranging page), the shown
 * ones first, then the hidden. */
function areas(page) {
  return page
    .locator('main ul.areas > li')
    .evaluateAll((items) => items.map((item) => item.id.replace('area-', '')));
}

/** The form button that moves `area` as `how` says. */
function areaButton(page, area, how) {
  return page.locator(`li#area-${area} button[name="move"][value="${how}"]`);
}

async function walk(browser) {
  const page = await signIn(browser, citizen);
  await visit(page, '/?lang=en');
  // A recommendation says why it is shown, naming the citizen's own record.
  const advice = page.locator('section[aria-labelledby="advice"] li.card').first();
  expect(await advice.count() === 1, 'the overview recommends nothing');
  const reason = (await advice.locator('.reason').innerText()).trim();
  expect(reason.startsWith('Why:') && reason.length > 10, `the reason is "${reason}"`);
  const title = (await advice.locator('h3').innerText()).trim();
  log(`recommended: ${title}; ${reason}`);
  // An authority that has delivered nothing yet is named, and "What is covered" says so too.
  const doubtful = (await page.locator('section[aria-labelledby="freshness"]').innerText()).trim();
  expect(doubtful.includes(`${missing} has not delivered anything yet`), `the overview says "${doubtful}"`);
  await inspector.check(page, 'overview-en');
  await visit(page, '/?lang=da');
  await inspector.check(page, 'overview-da');
  await visit(page, '/?lang=en');

  // The recommendation's link leads to a page of the citizen's.
  const action = advice.locator('a').first();
  await Promise.all([page.waitForLoadState('load'), action.click()]);
  expect(!page.url().endsWith(`${url}/`), `the recommendation led nowhere (${page.url()})`);
  await visit(page, '/?lang=en');

  // A life event the data tells of, and its page with its steps and records.
  const event = page.locator('section[aria-labelledby="events"] li.card a').first();
  const eventTitle = (await event.innerText()).trim();
  await Promise.all([page.waitForURL(/\/life-events\//), event.click()]);
  const h1 = (await page.locator('h1').innerText()).trim();
  expect(h1 === eventTitle, `the event's page is headed "${h1}", not "${eventTitle}"`);
  const steps = await page.locator('ol.steps li').count();
  expect(steps >= 2, `the event lists ${steps} steps`);
  await inspector.check(page, 'life-event-en');
  await visit(page, `${new URL(page.url()).pathname}?lang=da`);
  await inspector.check(page, 'life-event-da');
  await visit(page, '/life-events?lang=en');
  await inspector.check(page, 'life-events-en');
  await visit(page, '/covered?lang=en');
  const covered = await page.locator('dd.stale').allInnerTexts();
  expect(covered.length === 1 && covered[0].startsWith(missing), `"What is covered" warns of ${covered}`);
  await inspector.check(page, 'covered-en');
  await visit(page, '/?lang=en');

  // On the arranging page: pin Economy to the top, move Health up past its neighbour, hide
  // Fishing.
  const before = await areas(page);
  await Promise.all([page.waitForURL(/\/overview\/arrange/), page.locator('a[href="/overview/arrange"]').click()]);
  const arranging = await areas(page);
  expect(arranging.join() === before.join(), `the arranging page lists ${arranging}, the overview ${before}`);
  await inspector.check(page, 'arrange-en');
  await submit(page, areaButton(page, 'economy', 'pin'));
  let after = await areas(page);
  expect(after[0] === 'economy', `pinned, Economy is not first: ${after}`);
  const health = after.indexOf('health');
  const above = after[health - 1];
  await submit(page, areaButton(page, 'health', 'up'));
  after = await areas(page);
  expect(after.indexOf('health') === after.indexOf(above) - 1, `Health did not move above ${above}: ${after}`);
  await submit(page, areaButton(page, 'fishing', 'hide'));
  after = await areas(page);
  expect(after.at(-1) === 'fishing', `Fishing is not listed as hidden: ${after}`);
  await inspector.check(page, 'arrange-arranged');
  await visit(page, '/overview/arrange?lang=da');
  await inspector.check(page, 'arrange-da');
  // The overview lists the areas in the citizen's order, the hidden last under their heading.
  await visit(page, '/?lang=en');
  const shown = await areas(page);
  expect(shown.join() === after.join(), `the overview lists ${shown}, arranged as ${after}`);
  const hiddenHeading = await page.locator('section[aria-labelledby="areas"] h3').innerText();
  expect(hiddenHeading.includes('(1)'), `the hidden areas are headed "${hiddenHeading}"`);
  await inspector.check(page, 'overview-arranged');
  await visit(page, '/overview/arrange?lang=en');
  await submit(page, areaButton(page, 'fishing', 'show'));
  after = await areas(page);
  expect(after.length === before.length, `shown again, the areas are ${after}`);
  log(`areas: ${before.join(' ')} → ${after.join(' ')}`);
  await visit(page, '/?lang=en');

  // Hide the recommendation: it is gone, and stays gone.
  const hide = page
    .locator('section[aria-labelledby="advice"] li.card', { hasText: title })
    .locator('button');
  await submit(page, hide);
  await visit(page, '/?lang=en');
  const still = await page.locator('section[aria-labelledby="advice"] h3', { hasText: title }).count();
  expect(still === 0, `"${title}" is still recommended after hiding it`);

  // A second sign-in, on a phone; the first browser signs out everywhere else.
  const phone = await signIn(browser, citizen, { userAgent: PHONE });
  await visit(page, '/sign-ins?lang=en');
  const sessions = await page.locator('main table').first().locator('tbody tr').count();
  expect(sessions >= 2, `"My sign-ins" lists ${sessions} open sessions`);
  const listed = await page.locator('main').innerText();
  expect(listed.includes('Safari · iOS'), `the phone is not listed:\n${listed}`);
  await inspector.check(page, 'sign-ins-en');
  await visit(page, '/sign-ins?lang=da');
  await inspector.check(page, 'sign-ins-da');
  await submit(page, page.locator('form[action="/sign-ins/end-others"] button'));
  const notice = await page.locator('p.notice').innerText();
  log(`signed out elsewhere: ${notice}`);
  await inspector.check(page, 'sign-ins-ended');
  await phone.goto(`${url}/`);
  expect(
    phone.url().includes('/dev-idp/') || phone.url().includes('/login'),
    `the phone's session did not end: it is at ${phone.url()}`,
  );
  await visit(page, '/?lang=en');
  log(`the first browser is still signed in; the phone was sent to ${new URL(phone.url()).pathname}`);
  inspector.assertNone();
}

main(walk);
