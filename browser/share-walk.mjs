// Sharing by consent, with a real OAuth client on the recipient's side: `openid-client` acts
// as the demo's Eksempel Bank. It reads the server's metadata (RFC 8414), pushes its request
// (PAR) with PKCE, `private_key_jwt` and a DPoP key, and sends the browser to the consent
// page. In Chromium a featured citizen signs in through the development provider, comes back
// to the consent page, reads it in Danish and English, unticks economy and approves. The
// client trades the code (checking `iss` and `state`) and fetches only benefits records, as
// many as the consent page counted (the citizen is the first with any, or else the one with
// the most economy data, which the narrowing keeps out); it is refused a filter beyond the
// consent (403) and refreshes its token (the old refresh token then fails). The citizen sees
// the consent and its fetches under "Shared with others" and revokes it; the client's next
// fetch and refresh are refused. A second request the citizen refuses comes back with
// access_denied. Every page is checked with axe-core at 375 and 1280 px and photographed.
//
//   OVERBLIK_URL       the demo's address, e.g. http://127.0.0.1:8080
//   OVERBLIK_CITIZENS  the featured citizens' CPR numbers, separated by commas
//   OVERBLIK_BANK_KEY  the demo bank's private key (eksempel-bank.key.pem)
//   SCREENSHOT_DIR     where the screenshots go

import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import {
  Inspector, expect, log, main, newContext, required,
} from './lib.mjs';

const url = required('OVERBLIK_URL').replace(/\/$/, '');
const citizens = required('OVERBLIK_CITIZENS').split(',').map((cpr) => cpr.trim()).filter(Boolean);
const keyFile = required('OVERBLIK_BANK_KEY');
const inspector = new Inspector(required('SCREENSHOT_DIR'));

/** The demo bank: its client id and the one redirect URI registered for it. */
const CLIENT_ID = 'eksempel-bank';
const REDIRECT_URI = `${url}/eksempel-bank/callback`;
const API = `${url}/api/shared/v1`;

/** What the bank asks for: all it may ask, ongoing for 90 days. */
function askedDetails() {
  const until = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return [{
    type: 'overblik_data',
    areas: ['economy', 'benefits'],
    kinds: ['benefit', 'payment', 'debt'],
    frequency: 'ongoing',
    until,
    retention_days: 90,
  }];
}

/**
 * The bank's signing key from the file the demo writes: a few header lines (its `kid` among
 * them), then a PKCS#8 PEM block, imported as a WebCrypto ECDSA P-256 key.
 */
async function bankKey(file) {
  const text = readFileSync(file, 'utf8');
  const kid = /^kid:\s*(\S+)\s*$/m.exec(text)?.[1];
  const pem = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(text);
  expect(pem, `${file} holds no PKCS#8 private key`);
  const der = Buffer.from(pem[1].replace(/\s+/g, ''), 'base64');
  const key = await crypto.subtle.importKey(
    'pkcs8',
    der,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  return kid ? { key, kid } : key;
}

/** The recipient's view of the server, from its metadata. */
async function discover() {
  const config = await client.discovery(
    new URL(url),
    CLIENT_ID,
    undefined,
    client.PrivateKeyJwt(await bankKey(keyFile)),
    { algorithm: 'oauth2', execute: [client.allowInsecureRequests] },
  );
  const metadata = config.serverMetadata();
  expect(metadata.issuer === url, `the metadata's issuer is ${metadata.issuer}, not ${url}`);
  expect(metadata.require_pushed_authorization_requests === true, 'the metadata does not require PAR');
  expect(
    metadata.authorization_response_iss_parameter_supported === true,
    'the metadata does not promise iss in the authorization response',
  );
  expect(
    (metadata.dpop_signing_alg_values_supported || []).includes('ES256'),
    'the metadata lists no ES256 for DPoP',
  );
  log(`recipient: discovered ${metadata.issuer} (PAR at ${new URL(metadata.pushed_authorization_request_endpoint).pathname})`);
  return config;
}

/** A pushed request with PKCE, state and `authorization_details`; returns where to send the citizen. */
async function push(config, DPoP) {
  const pkceCodeVerifier = client.randomPKCECodeVerifier();
  const expectedState = client.randomState();
  const authorizationUrl = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state: expectedState,
    authorization_details: JSON.stringify(askedDetails()),
  }, { DPoP });
  expect(
    authorizationUrl.searchParams.get('request_uri')?.startsWith('urn:ietf:params:oauth:request_uri:'),
    `the authorization URL carries no pushed request: ${authorizationUrl}`,
  );
  return { authorizationUrl, checks: { pkceCodeVerifier, expectedState } };
}

/** What the browser shows instead of the bank's page. */
const BACK_AT_BANK = '<!doctype html><html lang="en"><head><title>Back at the bank</title></head>'
  + '<body><main><h1>Back at the bank</h1></main></body></html>';

/**
 * Keeps the browser's way back to the bank from reaching the bank's own page, which would
 * trade the code itself. Playwright does not route a redirect's next request, so the consent
 * form's answer is fetched here without following it: the address it sends the browser to is
 * kept for the client, and the browser is shown a blank page of the bank's instead. Any other
 * answer (the form again, an error page) reaches the browser as it is.
 */
async function interceptCallback(page) {
  const captured = [];
  await page.route(`${url}/oauth/authorize`, async (route) => {
    if (route.request().method() !== 'POST') {
      return route.fallback();
    }
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers().location;
    if (response.status() === 303 && location?.startsWith(REDIRECT_URI)) {
      captured.push(new URL(location, url));
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: BACK_AT_BANK });
    }
    return route.fulfill({ response });
  });
  return captured;
}

/** Clicks `button` of the consent form and returns the address the browser is sent back with. */
async function backAtBank(page, captured, button) {
  const before = captured.length;
  await Promise.all([page.waitForURL(`${url}/oauth/authorize`), button.click()]);
  await page.locator('h1', { hasText: 'Back at the bank' }).waitFor();
  expect(captured.length === before + 1, 'the consent form did not send the browser back to the bank');
  return captured.at(-1);
}

/** Signs in on the development provider's form, which a signed-out consent page leads to. */
async function signInFromConsent(page, cpr) {
  expect(
    new URL(page.url()).pathname.startsWith('/dev-idp/'),
    `a signed-out consent page leads to ${page.url()}, not the sign-in`,
  );
  const field = page.getByLabel('CPR number');
  await field.waitFor();
  await field.fill(cpr);
  await Promise.all([
    page.waitForURL((address) => address.pathname === '/oauth/authorize'),
    page.locator('form button[type="submit"]').click(),
  ]);
}

/** The number of the citizen's items the consent page counts for `area`. */
async function itemsIn(page, area) {
  const label = page.locator('label.choice', { has: page.locator(`input[name="areas"][value="${area}"]`) });
  expect(await label.count() === 1, `the consent page offers no ${area} area`);
  const text = await label.innerText();
  const count = /\((\d+)/.exec(text);
  expect(count, `the ${area} area's label counts no items: "${text}"`);
  return Number.parseInt(count[1], 10);
}

/** The page's `<html lang>`. */
function language(page) {
  return page.evaluate(() => document.documentElement.lang);
}

/**
 * The consent page of the featured citizen whose narrowed consent says most: the first who has
 * benefits data the bank may ask for, or else the one with the most economy data, which the
 * narrowing then keeps from the bank. Each signs in in a fresh browser profile from a fresh
 * pushed request; the others' profiles are closed.
 */
async function consentingCitizen(browser, config, DPoP) {
  let best;
  for (const [index, cpr] of citizens.entries()) {
    const who = `citizen ${index + 1}`;
    const context = await newContext(browser);
    const page = await context.newPage();
    const captured = await interceptCallback(page);
    const request = await push(config, DPoP);
    await page.goto(request.authorizationUrl.href);
    await signInFromConsent(page, cpr);
    const params = new URL(page.url()).searchParams;
    expect(
      params.get('request_uri') === request.authorizationUrl.searchParams.get('request_uri'),
      `after signing in, the consent page is ${page.url()}, not the request's`,
    );
    const counts = { benefits: await itemsIn(page, 'benefits'), economy: await itemsIn(page, 'economy') };
    log(`${who}: the consent page counts ${counts.benefits} benefits and ${counts.economy} economy items`);
    const candidate = {
      who, context, page, captured, request, counts, consentUrl: page.url(),
    };
    if (counts.benefits > 0) {
      await best?.context.close();
      return candidate;
    }
    if (!best || counts.economy > best.counts.economy) {
      await best?.context.close();
      best = candidate;
    } else {
      await context.close();
    }
  }
  log(`no featured citizen has benefits data the bank may ask for; ${best.who}, with the most economy data, consents`);
  return best;
}

/** The consent page in Danish, then through its language switch in English. */
async function readConsentPage(page, consentUrl, who) {
  const danish = new URL(consentUrl);
  danish.searchParams.set('lang', 'da');
  await page.goto(danish.href);
  expect(await language(page) === 'da', `the consent page with lang=da is in "${await language(page)}"`);
  const checkboxes = page.locator('form[action="/oauth/authorize"] input[name="areas"]');
  const offered = await checkboxes.evaluateAll(
    (boxes) => boxes.map((box) => [box.value, box.checked]).sort(),
  );
  expect(
    JSON.stringify(offered) === JSON.stringify([['benefits', true], ['economy', true]]),
    `the consent page offers ${JSON.stringify(offered)}, not economy and benefits, both ticked`,
  );
  expect(await page.locator('input#until[type="date"]').count() === 1, 'the consent page has no last day to choose');
  expect(
    await page.locator('button[name="decision"][value="approve"]').count() === 1
      && await page.locator('button[name="decision"][value="refuse"]').count() === 1,
    'the consent page does not offer both approve and refuse',
  );
  await inspector.check(page, 'consent-da');

  const switcher = page.locator('header a[hreflang]');
  expect(await switcher.count() === 1, 'the consent page has one language switch');
  await Promise.all([page.waitForURL(/[?&]lang=en/), switcher.click()]);
  expect(await language(page) === 'en', `after the switch the consent page is in "${await language(page)}"`);
  expect(
    new URL(page.url()).searchParams.get('request_uri') === new URL(consentUrl).searchParams.get('request_uri'),
    `the language switch loses the request: ${page.url()}`,
  );
  const title = await page.locator('main h1').innerText();
  expect(/Eksempel Bank/.test(title), `the consent page's heading is "${title}"`);
  await inspector.check(page, 'consent-en');
  log(`${who}: read the consent page in Danish and English ("${title}")`);
}

/**
 * How a request that must be refused was refused, from what openid-client throws: its class,
 * the HTTP status, the OAuth error (from the body, or from a `WWW-Authenticate: DPoP`
 * challenge) and the problem's detail. When openid-client could not read the answer, what
 * the server sent is given too, so a failure shows it.
 */
async function refusal(promise) {
  try {
    await promise;
  } catch (error) {
    const challenge = Array.isArray(error.cause) ? error.cause[0] : undefined;
    // A ResponseBodyError or a challenge keeps the answer in `response`; an answer
    // openid-client could not read is its error's `cause`.
    const answer = error.response ?? (error.cause instanceof Response ? error.cause : undefined);
    let body;
    if (answer && !answer.bodyUsed) {
      body = await answer.clone().text().catch(() => undefined);
    }
    let detail;
    try {
      detail = JSON.parse(body).detail;
    } catch {
      detail = undefined;
    }
    return {
      name: error.name,
      message: error.message,
      code: error.code,
      status: error.status ?? answer?.status,
      error: error.error ?? challenge?.parameters?.error,
      scheme: challenge?.scheme,
      detail: detail ?? error.error_description,
      contentType: answer?.headers.get('content-type'),
      body,
    };
  }
  throw new Error('a request that should be refused succeeded');
}

/** Fetches `path` of the data API with the DPoP-bound `token`. */
function fetchShared(config, token, path, DPoP) {
  return client.fetchProtectedResource(config, token, new URL(`${API}${path}`), 'GET', undefined, undefined, { DPoP });
}

/** The client trades the code, fetches what the narrowed consent covers and refreshes. */
async function useConsent(config, DPoP, callback, checks, expected) {
  const tokens = await client.authorizationCodeGrant(config, callback, checks, undefined, { DPoP });
  expect(tokens.token_type === 'dpop', `the token type is "${tokens.token_type}", not DPoP`);
  expect(tokens.expires_in > 0 && tokens.expires_in <= 300, `the access token lasts ${tokens.expires_in} s`);
  expect(typeof tokens.refresh_token === 'string', 'an ongoing consent gives no refresh token');
  const [granted] = tokens.authorization_details || [];
  expect(
    granted && JSON.stringify(granted.areas) === '["benefits"]' && granted.type === 'overblik_data',
    `the token answer grants ${JSON.stringify(tokens.authorization_details)}, not benefits only`,
  );
  log(`recipient: traded the code for a DPoP token (${tokens.expires_in} s) granting ${granted.areas}`);

  const consentResponse = await fetchShared(config, tokens.access_token, '/consent', DPoP);
  expect(consentResponse.status === 200, `GET /consent answers ${consentResponse.status}`);
  const consent = await consentResponse.json();
  expect(JSON.stringify(consent.areas) === '["benefits"]', `the consent covers ${JSON.stringify(consent.areas)}`);

  const recordsResponse = await fetchShared(config, tokens.access_token, '/records', DPoP);
  expect(recordsResponse.status === 200, `GET /records answers ${recordsResponse.status}`);
  const { records } = await recordsResponse.json();
  expect(
    Array.isArray(records) && records.length === expected,
    `the bank fetches ${records?.length} records, not the ${expected} benefits items the consent page counted`,
  );
  const outside = records.filter((record) => record.area !== 'benefits');
  expect(outside.length === 0, `the bank fetches records outside benefits: ${outside.map((r) => r.area).join(' ')}`);
  const kinds = new Set(records.map((record) => record.record.kind));
  const unasked = [...kinds].filter((kind) => !['benefit', 'payment', 'debt'].includes(kind));
  expect(unasked.length === 0, `the bank fetches records of kinds it did not ask for: ${unasked.join(' ')}`);
  log(`recipient: fetched ${records.length} benefits records (${[...kinds].join(', ') || 'none'}), nothing of economy`);

  const beyond = await fetchShared(config, tokens.access_token, '/records?area=economy', DPoP);
  expect(beyond.status === 403, `a fetch of economy answers ${beyond.status}, not 403`);
  const problem = await beyond.json();
  expect(
    problem.type === 'urn:overblik:problem:beyond-consent',
    `a fetch of economy is refused as ${problem.type}`,
  );
  log('recipient: a fetch of economy, which the citizen left out, is refused (403)');

  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP });
  expect(refreshed.token_type === 'dpop', `the refreshed token type is "${refreshed.token_type}"`);
  expect(
    refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token,
    'the refresh token does not rotate',
  );
  const again = await fetchShared(config, refreshed.access_token, '/records?area=benefits', DPoP);
  expect(again.status === 200, `a fetch with the refreshed token answers ${again.status}`);
  const reused = await refusal(client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP }));
  expect(
    reused.error === 'invalid_grant',
    `the used refresh token is refused with ${JSON.stringify(reused)}, not invalid_grant`,
  );
  log('recipient: refreshed once; the used refresh token is then refused (invalid_grant)');
  return { consentId: consent.id, tokens: refreshed };
}

/** "Shared with others" in both languages, with the consent and its fetches; then revokes. */
async function revokeConsent(page, consentId, who) {
  const card = page.locator(`li[data-consent="${consentId}"]`);
  for (const lang of ['da', 'en']) {
    await page.goto(`${url}/shared?lang=${lang}`);
    expect(await language(page) === lang, `/shared?lang=${lang} is in "${await language(page)}"`);
    expect(await card.count() === 1, `"Shared with others" does not list consent ${consentId}`);
    await card.locator('details summary').click();
    const fetches = await card.locator('details ul.fetches li').count();
    expect(fetches >= 2, `"Shared with others" lists ${fetches} fetches, expected at least 2`);
    await inspector.check(page, `shared-${lang}`);
    if (lang === 'en') {
      log(`${who}: "Shared with others" lists the consent with ${fetches} fetches`);
    }
  }
  const text = await card.innerText();
  expect(/Eksempel Bank/.test(text), `the consent's card does not name the bank: "${text}"`);
  await Promise.all([
    page.waitForURL((address) => address.pathname === '/shared' && address.search.includes('done=revoked')),
    card.locator(`form[action="/shared/${consentId}/revoke"] button[type="submit"]`).click(),
  ]);
  expect(
    await card.locator('form[action$="/revoke"]').count() === 0,
    'a revoked consent still offers to revoke it',
  );
  const state = await card.locator('.status').innerText();
  expect(/Revoked/.test(state), `after revoking, the consent is "${state}"`);
  await inspector.check(page, 'shared-revoked');
  log(`${who}: revoked the consent`);
}

/** After revocation the client can neither fetch nor refresh. */
async function refusedAfterRevocation(config, DPoP, tokens) {
  const fetched = await refusal(fetchShared(config, tokens.access_token, '/records', DPoP));
  expect(
    fetched.status === 401 && fetched.error === 'invalid_token' && fetched.scheme === 'dpop',
    `a fetch after revocation is refused with ${JSON.stringify(fetched)}, not 401 DPoP invalid_token`,
  );
  expect(/revoked/.test(fetched.detail || ''), `the refusal says "${fetched.detail}", not that the consent is revoked`);
  const refreshed = await refusal(client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP }));
  expect(
    refreshed.error === 'invalid_grant',
    `a refresh after revocation is refused with ${JSON.stringify(refreshed)}, not invalid_grant`,
  );
  log(`recipient: after revocation a fetch is refused (401 invalid_token, "${fetched.detail}") and so is a refresh`);
}

/** A second request, which the citizen refuses: the bank is told access_denied. */
async function refuseRequest(page, captured, config, DPoP, who) {
  const request = await push(config, DPoP);
  await page.goto(request.authorizationUrl.href);
  expect(
    new URL(page.url()).pathname === '/oauth/authorize',
    `a signed-in citizen is sent to ${page.url()}, not the consent page`,
  );
  const callback = await backAtBank(page, captured, page.locator('button[name="decision"][value="refuse"]'));
  expect(callback.searchParams.get('error') === 'access_denied', `a refusal comes back as ${callback}`);
  expect(!callback.searchParams.has('code'), 'a refusal comes back with a code');
  const refused = await refusal(
    client.authorizationCodeGrant(config, callback, request.checks, undefined, { DPoP }),
  );
  expect(
    refused.name === 'AuthorizationResponseError' && refused.error === 'access_denied',
    `openid-client reads the refusal as ${JSON.stringify(refused)}`,
  );
  log(`${who}: refused a second request; the bank is told access_denied`);
}

await main(async (browser) => {
  expect(citizens.length > 0, 'OVERBLIK_CITIZENS names no citizens');
  const config = await discover();
  // One DPoP key for the bank's tokens, proved at the pushed request too (dpop_jkt).
  const DPoP = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));

  const chosen = await consentingCitizen(browser, config, DPoP);
  const { who, page, captured, request } = chosen;
  await readConsentPage(page, chosen.consentUrl, who);

  // Narrow: economy stays with the citizen.
  await page.locator('input[name="areas"][value="economy"]').uncheck();
  const callback = await backAtBank(page, captured, page.locator('button[name="decision"][value="approve"]'));
  expect(callback.searchParams.get('iss') === url, `the way back carries iss=${callback.searchParams.get('iss')}`);
  expect(
    callback.searchParams.get('state') === request.checks.expectedState,
    'the way back does not carry the request\'s state',
  );
  log(`${who}: approved benefits only; back at the bank with a code`);

  const { consentId, tokens } = await useConsent(config, DPoP, callback, request.checks, chosen.counts.benefits);
  await revokeConsent(page, consentId, who);
  await refusedAfterRevocation(config, DPoP, tokens);
  await refuseRequest(page, captured, config, DPoP, who);

  await chosen.context.close();
  inspector.assertNone();
});
