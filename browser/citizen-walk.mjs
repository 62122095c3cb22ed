// Walks the demo as citizens do, in headless Chromium: every featured citizen signs in
// through the development provider and sees their overview; the first one also goes
// through an area, a record, back, another language, search, every page in the header
// and signs out. Every page is checked with axe-core at 375 and 1280 px and photographed.
//
//   OVERBLIK_URL        the demo's address, e.g. http://127.0.0.1:8080
//   OVERBLIK_CITIZENS   the featured citizens' national identifiers, separated by commas
//   OVERBLIK_LANGUAGES  the deployment's interface languages, the one the browser asks for
//                       first (default da,en: the Danish demo, with an English browser's
//                       choice made by the switch)
//   OVERBLIK_LOCALE     the language the browser asks for (optional)
//   SCREENSHOT_DIR      where the screenshots go

import {
  Inspector, checkOverview, expect, log, main, newContext, required,
} from './lib.mjs';

const url = required('OVERBLIK_URL').replace(/\/$/, '');
const citizens = required('OVERBLIK_CITIZENS').split(',').map((id) => id.trim()).filter(Boolean);
const languages = (process.env.OVERBLIK_LANGUAGES || 'da,en').split(',').map((tag) => tag.trim());
const inspector = new Inspector(required('SCREENSHOT_DIR'));

/** Signs in as `id` through /login and the development provider's form. */
async function signIn(page, id, { inspectForm = false } = {}) {
  await page.goto(`${url}/login`);
  const field = page.locator('input#national_id');
  await field.waitFor();
  expect(await page.locator('label[for="national_id"]').count() === 1, 'the identifier field has no label');
  if (inspectForm) {
    await inspector.check(page, 'dev-idp-sign-in');
  }
  await field.fill(id);
  await Promise.all([
    page.waitForURL(`${url}/`),
    page.locator('form button[type="submit"]').click(),
  ]);
}

/** The page's `<html lang>`. */
function language(page) {
  return page.evaluate(() => document.documentElement.lang);
}

/** The header's navigation links, without the language switch, as absolute URLs. */
async function headerLinks(page) {
  const hrefs = await page
    .locator('header nav a[href]:not([hreflang])')
    .evaluateAll((links) => links.map((link) => link.href));
  return [...new Set(hrefs)].filter((href) => new URL(href).origin === new URL(url).origin);
}

/** A page name for a screenshot file, from a path such as /registers. */
function nameOf(href) {
  const path = new URL(href).pathname.replace(/^\/+|\/+$/g, '');
  return path === '' ? 'overview' : path.replace(/[^a-z0-9]+/gi, '-');
}

/** One word of a title to search for: the longest, as the search matches words. */
function wordOf(title) {
  const words = title.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3);
  expect(words.length > 0, `no word to search for in "${title}"`);
  return words.sort((a, b) => b.length - a.length)[0];
}

async function firstCitizen(page, who) {
  // Overview → an area → a record.
  const area = page
    .locator('section[aria-labelledby="areas"] ul.areas > li')
    .filter({ has: page.locator('.count', { hasText: /[1-9]/ }) })
    .locator('a')
    .first();
  await Promise.all([page.waitForURL(/\/areas\//), area.click()]);
  const areaUrl = page.url();
  await inspector.check(page, 'area');
  const record = page.locator('main ul.cards li a').first();
  expect(await record.count() === 1, `${who}'s first area lists no records`);
  await Promise.all([page.waitForURL(/\/records\//), record.click()]);
  await inspector.check(page, 'record');
  const title = (await page.locator('main h1').innerText()).trim();

  // Back to the area with the browser's own back.
  await page.goBack();
  expect(page.url() === areaUrl, `back from the record lands on ${page.url()}, not the area`);
  await page.locator('main ul.cards li a').first().waitFor();

  // The next language, through the switch every page has: a link to each other language.
  const before = await language(page);
  const switches = page.locator('header a[hreflang]');
  expect(
    await switches.count() === languages.length - 1,
    `the page offers ${await switches.count()} other languages, not ${languages.length - 1}`,
  );
  let after = before;
  if (languages.length > 1) {
    const next = languages[(languages.indexOf(before) + 1) % languages.length];
    await Promise.all([
      page.waitForURL(/[?&]lang=/),
      page.locator(`header a[hreflang="${next}"]`).click(),
    ]);
    after = await language(page);
    expect(after === next, `<html lang> is "${after}" after switching to ${next}`);
    log(`${who}: language switched from ${before} to ${after}`);
    await inspector.check(page, `area-${after}`);
  }

  // Search for a word of the record's title: the record is among what it finds.
  const word = wordOf(title);
  await page.goto(`${url}/search?q=${encodeURIComponent(word)}`);
  const found = await page.locator('main ul.cards li').count();
  expect(found >= 1, `searching for "${word}" finds nothing`);
  log(`${who}: searching for "${word}" finds ${found} records`);
  await inspector.check(page, 'search');

  // Every page the header links to, whatever pages there are.
  const links = await headerLinks(page);
  expect(links.length >= 1, 'the header has no navigation links');
  for (const href of links) {
    const response = await page.goto(href);
    expect(response && response.ok(), `${href} answers ${response && response.status()}`);
    expect(page.url().startsWith(url), `${href} leaves Overblik for ${page.url()}`);
    await inspector.check(page, `nav-${nameOf(href)}`);
  }

  // Download my data, in every language; the page says what each form holds.
  // The language the walk goes on in comes last.
  for (const lang of [...languages.filter((tag) => tag !== after), after]) {
    await page.goto(`${url}/download?lang=${lang}`);
    expect(await page.locator('main a[href="/download/data.zip"][download]').count() === 1,
      'the download page offers the data');
    expect(await page.locator('main a[href="/download/document.pdf"][download]').count() === 1,
      'the download page offers the document');
    await inspector.check(page, `download-${lang}`);
  }

  // How to be told: the settings, a new reminder lead time saved, and a calendar link made.
  await page.goto(`${url}/notifications/settings`);
  await inspector.check(page, 'notification-settings');
  await page.locator('select#lead_hours').selectOption('48');
  await Promise.all([
    page.waitForURL((address) => address.search.includes('done=saved')),
    page.locator('form[action="/notifications/settings"] button[type="submit"]').click(),
  ]);
  expect(
    (await page.locator('select#lead_hours').inputValue()) === '48',
    'the chosen lead time is not kept',
  );
  await inspector.check(page, 'notification-settings-saved');
  await page.locator('form[action="/notifications/calendar"] button[type="submit"]').click();
  const feedUrl = await page.locator('input#calendar-url').inputValue();
  expect(feedUrl.startsWith(`${url}/calendar/`), `the calendar link is ${feedUrl}`);
  await inspector.check(page, 'calendar-link');
  const feed = await page.request.get(feedUrl);
  expect(feed.ok() && (await feed.text()).startsWith('BEGIN:VCALENDAR'), 'the calendar link gives no calendar');
  log(`${who}: reminders two days before saved; the calendar link answers`);

  // Sign out with the header's button; afterwards the overview asks to sign in again.
  const signOut = page.locator('header form[action="/logout"] button[type="submit"]');
  expect(await signOut.count() === 1, 'the header has one sign-out button');
  // With the development provider the way out ends where / sends a stranger: sign-in.
  await Promise.all([
    page.waitForURL((address) => address.pathname.startsWith('/dev-idp/')),
    signOut.click(),
  ]);
  const cookies = await page.context().cookies(url);
  expect(!cookies.some((cookie) => cookie.name === 'overblik_session'), 'the session cookie outlives sign-out');
  await page.goto(`${url}/`);
  expect(
    new URL(page.url()).pathname.startsWith('/dev-idp/'),
    `after signing out / shows ${page.url()}, not the sign-in`,
  );
  await page.locator('input#national_id').waitFor();
  log(`${who}: signed out; / now asks to sign in`);
}

await main(async (browser) => {
  expect(citizens.length > 0, 'OVERBLIK_CITIZENS names no citizens');
  for (const [index, id] of citizens.entries()) {
    const who = `citizen ${index + 1}`;
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, id, { inspectForm: index === 0 });
    if (process.env.OVERBLIK_LOCALE) {
      const shown = await language(page);
      expect(shown === languages[0], `a browser asking for ${languages[0]} is shown "${shown}"`);
    }
    await checkOverview(page, who);
    await inspector.check(page, `overview-${index + 1}`);
    if (index === 0) {
      await firstCitizen(page, who);
    }
    await context.close();
  }
  inspector.assertNone();
});
