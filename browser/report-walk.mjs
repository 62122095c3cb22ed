// Reporting an error in headless Chromium: a citizen opens a record, follows "Report an
// error", sends the form empty first (and gets it back with every field to correct), then
// fills it in with a PDF file and sends it; the report page says "Sent". The authority
// holding the record then answers through the real provider API (signed in with its demo
// key): it acknowledges, looks into it and rejects it with a reason, and the citizen's page
// shows every step with the reason. A second report is withdrawn, and "My reports" lists
// both, newest first. Every page is checked with axe-core at 375 and 1280 px and
// photographed.
//
//   OVERBLIK_URL      the demo's address, e.g. http://127.0.0.1:8080
//   OVERBLIK_CITIZEN  the CPR number of the citizen who reports
//   OVERBLIK_BIN      the `overblik` binary, for `overblik provider token`
//   OVERBLIK_KEYS     the folder with the demo authorities' private keys (<id>.key.pem)
//   SCREENSHOT_DIR    where the screenshots go

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Inspector, expect, log, main, newContext, required,
} from './lib.mjs';

const url = required('OVERBLIK_URL').replace(/\/$/, '');
const citizenCpr = required('OVERBLIK_CITIZEN');
const overblik = required('OVERBLIK_BIN');
const keys = required('OVERBLIK_KEYS');
const inspector = new Inspector(required('SCREENSHOT_DIR'));

const EXPLANATION = 'The address is my old one. I moved on 1 March.';
const FIELD = 'Address';
const VALUE = 'Nørregade 1, 1165 København K';
const IN_PROGRESS_NOTE = 'We are checking the address with the civil register.';
const REASON = 'The civil register shows the old address until the move is reported there.';

/**
 * The files the citizen attaches, in a folder of their own: a small PDF as proof, and a
 * text file named as if it were a PDF, which must be refused by its content.
 */
function proofFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'overblik-report-'));
  const file = join(dir, 'moving-proof.pdf');
  writeFileSync(file, Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n'
      + '2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n'
      + 'trailer <</Root 1 0 R>>\n%%EOF\n',
  ));
  const fake = join(dir, 'not-really.pdf');
  writeFileSync(fake, 'Just some text, not a PDF.\n');
  return { dir, file, fake };
}

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

/** "My register data" offers a way to report an error in each fact. */
async function checkRegisters(page) {
  await page.goto(`${url}/registers`);
  const facts = await page.locator('main li.card').count();
  const links = await page.locator('main li.card a.report[href$="/report"]').count();
  expect(facts > 0 && links === facts, `${links} of ${facts} register facts offer to report an error`);
  await page.goto(`${url}/`);
}

/** Overview → the first area with records → its first record; returns the record's id. */
async function openRecord(page) {
  const area = page
    .locator('section[aria-labelledby="areas"] ul.areas > li')
    .filter({ has: page.locator('.count', { hasText: /[1-9]/ }) })
    .locator('a')
    .first();
  await Promise.all([page.waitForURL(/\/areas\//), area.click()]);
  const record = page.locator('main ul.cards li a').first();
  await Promise.all([page.waitForURL(/\/records\/[^/]+$/), record.click()]);
  return new URL(page.url()).pathname.split('/').pop();
}

/** On a record page, follows "Report an error" to the form. */
async function followReportLink(page, recordId) {
  const link = page.locator(`main a[href="/records/${recordId}/report"]`);
  expect(await link.count() === 1, 'the record page has no "Report an error" link');
  const label = (await link.innerText()).trim();
  expect(label === 'Report an error', `the record page's link says "${label}"`);
  await Promise.all([page.waitForURL(/\/report$/), link.click()]);
  expect(
    await page.locator('form[enctype="multipart/form-data"][method="post"]').count() === 1,
    'the report form is not a multipart POST form',
  );
}

/** Submits the report form and waits until the page that answers has loaded. */
async function submit(page, { validate = true } = {}) {
  const [response] = await Promise.all([
    page.waitForResponse((answer) => answer.request().method() === 'POST'
      && new URL(answer.url()).pathname.endsWith('/report')),
    // The answer comes back to the same address, so its load is what tells it is there.
    page.waitForEvent('load'),
    page.evaluate((check) => {
      const form = document.querySelector('form[enctype="multipart/form-data"]');
      form.noValidate = !check;
      form.requestSubmit();
    }, validate),
  ]);
  return response;
}

/**
 * The report form, sent empty, then with a file that is not what its name says, then as
 * meant; returns the new report's id.
 */
async function report(page, recordId, proof) {
  await followReportLink(page, recordId);
  const heading = await page.locator('main h1').innerText();
  expect(heading === 'Report an error', `the form's heading is "${heading}"`);
  const next = await page.locator('section[aria-labelledby="next-heading"]').innerText();
  expect(/My reports/.test(next), `"What happens next" does not point to My reports: ${next}`);
  expect(
    /usually answers within|no fixed deadline/.test(next),
    `"What happens next" does not say how long an answer takes: ${next}`,
  );
  const hint = await page.locator('#attachment-hint').innerText();
  expect(/PDF, PNG or JPEG/.test(hint) && /3 files/.test(hint) && /5 MB/.test(hint),
    `the file input does not state its limits: "${hint}"`);
  await inspector.check(page, 'report-form');

  // Empty, past the browser's own check of required fields: the server names each field.
  const wrong = await submit(page, { validate: false });
  expect(wrong.status() === 422, `an empty report answers ${wrong.status()}, not 422`);
  await page.locator('.error-summary').waitFor();
  const targets = await page
    .locator('.error-summary li a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  expect(
    targets.includes('#kind') && targets.includes('#explanation'),
    `the error summary links to ${targets.join(' ')}, not to #kind and #explanation`,
  );
  for (const target of targets) {
    expect(await page.locator(target).count() === 1, `the error summary links to ${target}, which is not on the page`);
  }
  expect(
    await page.locator('#explanation[aria-invalid="true"]').count() === 1,
    'the explanation is not marked invalid',
  );
  log(`citizen: an empty report comes back with ${targets.length} things to correct`);
  await inspector.check(page, 'report-form-errors');

  // The right words with the wrong file: only the file is to correct, and the words stay.
  await page.locator('#kind').check();
  await page.locator('#explanation').fill(EXPLANATION);
  await page.locator('#field').fill(FIELD);
  await page.locator('#value').fill(VALUE);
  await page.locator('#attachment').setInputFiles(proof.fake);
  const fake = await submit(page);
  expect(fake.status() === 422, `a report with a file that is no PDF answers ${fake.status()}, not 422`);
  const problems = await page.locator('.error-summary li a').evaluateAll(
    (links) => links.map((link) => [link.getAttribute('href'), link.textContent]),
  );
  expect(
    problems.length === 1 && problems[0][0] === '#attachment' && problems[0][1].includes('not-really.pdf'),
    `a wrong file comes back as ${JSON.stringify(problems)}`,
  );
  expect(await page.locator('#kind').isChecked(), 'the kind chosen is lost when the form comes back');
  for (const [field, value] of [['#explanation', EXPLANATION], ['#field', FIELD], ['#value', VALUE]]) {
    const kept = await page.locator(field).inputValue();
    expect(kept === value, `${field} comes back as "${kept}", not as typed`);
  }
  expect(await page.locator('#attachment-again').count() === 1, 'the form does not ask for the files again');
  log('citizen: a text file named .pdf is refused, and what was typed is kept');

  await page.locator('#attachment').setInputFiles(proof.file);
  await Promise.all([
    page.waitForURL(/\/reports\/[0-9a-f-]{36}$/),
    page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click(),
  ]);
  const id = new URL(page.url()).pathname.split('/').pop();
  log(`citizen: sent report ${id}`);
  return id;
}

/** The report's state in words, as its page shows it. */
async function stateOf(page) {
  return (await page.locator('main .report-state strong').innerText()).trim();
}

/** The steps of the report's timeline, oldest first. */
function steps(page) {
  return page.locator('main ol.timeline li').allInnerTexts();
}

/** The report's page just after sending: Sent, one step, the file, a way to withdraw. */
async function checkSent(page, recordId) {
  const state = await stateOf(page);
  expect(state === 'Sent', `a new report is "${state}", not "Sent"`);
  const shown = await steps(page);
  expect(shown.length === 1, `a new report has ${shown.length} steps: ${shown.join(' | ')}`);
  const record = page.locator(`main a[href="/records/${recordId}"]`);
  expect(await record.count() === 1, 'the report does not link to its record');
  const reported = await page.locator('section[aria-labelledby="reported-heading"]').innerText();
  for (const part of [EXPLANATION, FIELD, VALUE]) {
    expect(reported.includes(part), `the report does not show "${part}": ${reported}`);
  }
  const file = page.locator('main ul.attachments a');
  expect(await file.count() === 1, `the report lists ${await file.count()} files, not 1`);
  const download = await page.request.get(new URL(await file.getAttribute('href'), url).href);
  expect(download.status() === 200, `the file answers ${download.status()}`);
  expect(
    download.headers()['content-type'] === 'application/pdf',
    `the file comes as ${download.headers()['content-type']}`,
  );
  expect(
    /^attachment/.test(download.headers()['content-disposition'] || ''),
    'the file is not sent as a download',
  );
  expect((await download.body()).subarray(0, 5).toString() === '%PDF-', 'the file is not the PDF sent');
  expect(
    await page.locator('form[action$="/withdraw"] button').count() === 1,
    'a sent report cannot be withdrawn',
  );
  log('citizen: the report is "Sent", with its file and a way to withdraw it');
  await inspector.check(page, 'report-sent');
}

/** A bearer token for the authority `provider`, from `overblik provider token`. */
function providerToken(provider) {
  return execFileSync(
    overblik,
    ['provider', 'token', '--url', url, '--key', join(keys, `${provider}.key.pem`)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  ).trim();
}

/** Calls the provider API as `token`; returns the answer's JSON, after checking its status. */
async function providerApi(token, method, path, body) {
  const answer = await fetch(`${url}/api/provider/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await answer.text();
  expect(answer.ok, `${method} ${path} answers ${answer.status}: ${text}`);
  return JSON.parse(text);
}

/** The authority of record `recordId`, by the citizen API the page's session opens. */
async function authorityOf(page, recordId) {
  const answer = await page.request.get(`${url}/api/citizen/v1/records/${recordId}`);
  expect(answer.ok(), `the citizen API answers ${answer.status()} for the record`);
  const { authority } = await answer.json();
  expect(typeof authority?.id === 'string' && authority.id, 'the citizen API names no authority');
  return authority.id;
}

/** The authority pulls the report, acknowledges it, looks into it and rejects it. */
async function answer(token, id) {
  const pulled = await providerApi(token, 'GET', '/corrections');
  const request = pulled.corrections.find((correction) => correction.id === id);
  expect(request, `the authority's pull does not hold report ${id}`);
  expect(request.explanation === EXPLANATION, `the authority reads "${request.explanation}"`);
  expect(
    request.field?.field === FIELD && request.field?.value === VALUE,
    `the authority reads the field as ${JSON.stringify(request.field)}`,
  );
  expect(request.attachments.length === 1, `the authority sees ${request.attachments.length} files`);
  const acknowledged = await providerApi(token, 'POST', `/corrections/${id}/acknowledge`, { revision: 1 });
  expect(acknowledged.state === 'received', `acknowledged, the report is ${acknowledged.state}`);
  const looking = await providerApi(token, 'POST', `/corrections/${id}/answer`, {
    state: 'in_progress',
    note: IN_PROGRESS_NOTE,
  });
  expect(looking.state === 'in_progress', `the report is ${looking.state}, not in_progress`);
  const rejected = await providerApi(token, 'POST', `/corrections/${id}/answer`, {
    state: 'rejected',
    note: REASON,
  });
  expect(rejected.state === 'rejected', `the report is ${rejected.state}, not rejected`);
  log('authority: acknowledged the report, looked into it and rejected it with a reason');
}

/** The citizen's page shows every step of the answer, with the authority's words. */
async function checkAnswered(page) {
  await page.reload();
  const state = await stateOf(page);
  expect(state === 'Rejected', `the answered report is "${state}", not "Rejected"`);
  const shown = await steps(page);
  expect(shown.length === 4, `the answered report has ${shown.length} steps: ${shown.join(' | ')}`);
  expect(/received/i.test(shown[1]), `the second step is "${shown[1]}", not the receipt`);
  expect(shown[2].includes(IN_PROGRESS_NOTE), `the third step lacks the authority's note: "${shown[2]}"`);
  expect(/rejected/i.test(shown[3]) && shown[3].includes(REASON),
    `the last step lacks the rejection and its reason: "${shown[3]}"`);
  expect(
    shown.every((step) => /\d{1,2}:\d{2}/.test(step)),
    `not every step has its time: ${shown.join(' | ')}`,
  );
  expect(
    await page.locator('form[action$="/withdraw"]').count() === 0,
    'a rejected report can still be withdrawn',
  );
  log(`citizen: the report shows ${shown.length} steps, ending "${shown[3].replace(/\s+/g, ' ')}"`);
  await inspector.check(page, 'report-answered');
}

/** A second report, without a file, is withdrawn; the authority's next pull tells of it. */
async function reportAndWithdraw(page, recordId, token) {
  await page.goto(`${url}/records/${recordId}`);
  await followReportLink(page, recordId);
  await page.locator('#kind-missing').check();
  await page.locator('#explanation').fill('My second address is missing.');
  await Promise.all([
    page.waitForURL(/\/reports\/[0-9a-f-]{36}$/),
    page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click(),
  ]);
  const id = new URL(page.url()).pathname.split('/').pop();
  // Withdrawing comes back to the same address: the new page's load tells it is there.
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'
      && new URL(response.url()).pathname.endsWith('/withdraw')),
    page.waitForEvent('load'),
    page.locator('form[action$="/withdraw"] button').click(),
  ]);
  expect(new URL(page.url()).pathname === `/reports/${id}`, `withdrawing lands on ${page.url()}`);
  const state = await stateOf(page);
  expect(state === 'Withdrawn', `the withdrawn report is "${state}"`);
  expect(
    await page.locator('form[action$="/withdraw"]').count() === 0,
    'a withdrawn report can be withdrawn again',
  );
  const pulled = await providerApi(token, 'GET', '/corrections');
  const told = pulled.corrections.find((correction) => correction.id === id);
  expect(
    told && told.state === 'withdrawn' && told.revision === 2,
    `the authority's pull tells of the withdrawal as ${JSON.stringify(told && { state: told.state, revision: told.revision })}`,
  );
  log(`citizen: sent and withdrew report ${id}; the authority is told`);
  return id;
}

/** "My reports" from the header: both reports, newest first, each with its state. */
async function checkList(page, answeredId, withdrawnId) {
  await Promise.all([
    page.waitForURL(`${url}/reports`),
    page.locator('header nav a[href="/reports"]').click(),
  ]);
  const heading = await page.locator('main h1').innerText();
  expect(heading === 'My reports', `the list's heading is "${heading}"`);
  const cards = page.locator('main ul.reports li.card');
  const hrefs = await cards.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  expect(
    hrefs.length === 2 && hrefs[0] === `/reports/${withdrawnId}` && hrefs[1] === `/reports/${answeredId}`,
    `My reports lists ${hrefs.join(' ')}, not the two reports newest first`,
  );
  const states = await cards.locator('.status').allInnerTexts();
  expect(
    states[0] === 'Withdrawn' && states[1] === 'Rejected',
    `My reports shows the states ${states.join(', ')}`,
  );
  log('citizen: My reports lists both reports, newest first');
  await inspector.check(page, 'reports');

  // The same in Danish.
  await page.goto(`${url}/reports/${answeredId}?lang=da`);
  const danish = await stateOf(page);
  expect(danish === 'Afvist', `in Danish the answered report is "${danish}"`);
  expect(
    await page.locator('header nav a[href="/reports"]').innerText() === 'Mine indberetninger',
    'the Danish header does not say "Mine indberetninger"',
  );
  await inspector.check(page, 'report-answered-da');
}

await main(async (browser) => {
  const proof = proofFiles();
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await signIn(page, citizenCpr);
    await checkRegisters(page);
    const recordId = await openRecord(page);
    const id = await report(page, recordId, proof);
    await checkSent(page, recordId);
    const provider = await authorityOf(page, recordId);
    const token = providerToken(provider);
    log(`authority: ${provider} signed in to the provider API`);
    await answer(token, id);
    await checkAnswered(page);
    const withdrawnId = await reportAndWithdraw(page, recordId, token);
    await checkList(page, id, withdrawnId);
  } finally {
    await context.close();
    rmSync(proof.dir, { recursive: true, force: true });
  }
  inspector.assertNone();
});
