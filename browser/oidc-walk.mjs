// Signs a citizen in to Overblik through a third-party OpenID provider (oidc-issuer.mjs):
// its own login and consent pages, then Overblik's overview with the citizen's data; signs
// out, confirms on the provider's sign-out page, and checks that both sessions ended.
//
//   OVERBLIK_URL       Overblik's address, served with [login] pointing at the issuer
//   ISSUER_URL         the provider's address
//   OVERBLIK_CITIZEN   the CPR number to sign in as
//   SCREENSHOT_DIR     where the screenshots go

import {
  Inspector, checkOverview, expect, log, main, newContext, required,
} from './lib.mjs';

const url = required('OVERBLIK_URL').replace(/\/$/, '');
const issuer = new URL(required('ISSUER_URL')).origin;
const cpr = required('OVERBLIK_CITIZEN');
const inspector = new Inspector(required('SCREENSHOT_DIR'));

/** Whether `address` is one of the provider's interaction (login or consent) pages. */
function atIssuerInteraction(address) {
  return address.origin === issuer && address.pathname.startsWith('/interaction/');
}

await main(async (browser) => {
  const context = await newContext(browser);
  const page = await context.newPage();

  // Overblik sends the citizen to the provider, which asks who they are.
  await page.goto(`${url}/login`);
  expect(atIssuerInteraction(new URL(page.url())), `/login leads to ${page.url()}, not the issuer's login`);
  const login = page.locator('form input[name="login"]');
  await login.fill(cpr);
  await page.locator('form input[name="password"]').fill('any password');
  await Promise.all([
    page.waitForURL((address) => atIssuerInteraction(address) || address.origin !== issuer),
    page.locator('form button[type="submit"]').click(),
  ]);
  // Then whether Overblik may have what it asked for: the national identifier.
  const consent = page.locator('form:has(input[name="prompt"][value="consent"]) button[type="submit"]');
  expect(await consent.count() === 1, `the issuer shows no consent form at ${page.url()}`);
  const asked = await page.locator('body').innerText();
  expect(asked.includes('national_id'), 'the consent page does not name the national_id claim');
  await Promise.all([page.waitForURL(`${url}/`), consent.click()]);
  log('signed in through the third-party issuer');

  await checkOverview(page, 'the citizen');
  await inspector.check(page, 'oidc-overview');

  // Sign out: Overblik ends its session and sends the browser to the issuer's end-session
  // page, which asks for confirmation before it ends its own and sends the browser back.
  const signOut = page.locator('header form[action="/logout"] button[type="submit"]');
  await Promise.all([
    page.waitForURL((address) => address.origin === issuer && address.pathname.includes('/session/end')),
    signOut.click(),
  ]);
  const confirm = page.locator('button[name="logout"][value="yes"]');
  expect(await confirm.count() === 1, `the issuer shows no sign-out confirmation at ${page.url()}`);
  const backHome = page.waitForRequest((request) => request.url() === `${url}/`);
  await confirm.click();
  await backHome;
  // Overblik's / sends a stranger to sign in; were the issuer's session still alive, it
  // would skip its login page and ask for consent or answer at once with the overview.
  const loginAgain = page.locator('form input[name="login"]');
  const consentAgain = page.locator('form input[name="prompt"][value="consent"]');
  const overview = page.locator('section[aria-labelledby="areas"]');
  await page.waitForLoadState();
  await loginAgain.or(consentAgain).or(overview).first().waitFor({ state: 'attached' });
  expect(
    atIssuerInteraction(new URL(page.url())) && await loginAgain.count() === 1,
    `after signing out, / leads to ${page.url()} instead of the issuer's login: a session outlived sign-out`,
  );
  log('signed out: the issuer confirmed, sent the browser back, and asks to sign in again');

  await context.close();
  inspector.assertNone();
});
