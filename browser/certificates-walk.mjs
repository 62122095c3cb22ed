// Certificates in headless Chromium: a featured citizen signs in through the development
// provider, reads "Certificates" in Danish and English, sees what a certificate of residence
// will state, issues it, opens its page and downloads its PDF; asks for a certificate of
// benefits received for a period that ends before it begins and is shown the error, with
// nothing issued. Someone signed out (a fresh browser profile) checks it at /verify in both
// languages: by its code (valid), by its PDF (valid), by the text of its QR code with one
// character changed (not genuine, with the reason) and by an unknown code (unknown). The
// citizen revokes it; the list says so and /verify then says it is revoked. Every page is
// checked with axe-core at 375 and 1280 px and photographed.
//
//   OVERBLIK_URL       the demo's address, e.g. http://127.0.0.1:8080
//   OVERBLIK_CITIZENS  the featured citizens' CPR numbers, separated by commas; the first
//                      whose registers hold an address is the one who walks
//   SCREENSHOT_DIR     where the screenshots go
//   DOWNLOAD_DIR       where the certificate's PDF is saved (default: a new temporary folder)
//
// Prints a JSON summary on stdout; exits non-zero on any failure.

import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Inspector, expect, log, main, newContext, required,
} from './lib.mjs';

const url = required('OVERBLIK_URL').replace(/\/$/, '');
const citizens = required('OVERBLIK_CITIZENS').split(',').map((cpr) => cpr.trim()).filter(Boolean);
const inspector = new Inspector(required('SCREENSHOT_DIR'));
const downloads = process.env.DOWNLOAD_DIR || mkdtempSync(join(tmpdir(), 'overblik-certificates-'));
mkdirSync(downloads, { recursive: true });

const LANGUAGES = ['da', 'en'];
/** A certificate's code: four groups of four letters and digits. */
const CODE = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/;
/** A code no certificate has. */
const UNKNOWN_CODE = '0000-0000-0000-0000';
/** Base45's alphabet (RFC 9285), in which the QR code's text after `OB1:` is written. */
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** The words the pages must show, in each language (from the locales). */
const WORDS = {
  da: {
    list: 'Attester',
    residence: 'Bopælsattest',
    benefits: 'Attest om modtagne ydelser',
    noticeIssued: 'Attesten er udstedt',
    noticeRevoked: 'Attesten er tilbagekaldt',
    stateValid: 'Gyldig',
    stateRevoked: 'Tilbagekaldt',
    verify: 'Tjek en attest',
    valid: 'Gyldig',
    forged: 'Ikke ægte',
    revoked: 'Tilbagekaldt',
    unknown: 'Ukendt kode',
  },
  en: {
    list: 'Certificates',
    residence: 'Certificate of residence',
    benefits: 'Certificate of benefits received',
    noticeIssued: 'The certificate is issued',
    noticeRevoked: 'The certificate is revoked',
    stateValid: 'Valid',
    stateRevoked: 'Revoked',
    verify: 'Check a certificate',
    valid: 'Valid',
    forged: 'Not genuine',
    revoked: 'Revoked',
    unknown: 'Unknown code',
  },
};

/** The page's `<html lang>`. */
function language(page) {
  return page.evaluate(() => document.documentElement.lang);
}

/** Fails unless the page is in `lang` and its `<h1>` holds `heading`. */
async function expectPage(page, lang, heading, what) {
  const found = await language(page);
  expect(found === lang, `${what}: <html lang> is "${found}", not "${lang}" (${page.url()})`);
  const h1 = (await page.locator('h1').first().innerText()).trim();
  expect(h1.includes(heading), `${what}: the heading is "${h1}", expected "${heading}" (${page.url()})`);
}

/** Fails unless the page's main content holds `text`. */
async function expectText(page, text, what) {
  const shown = await page.locator('main').innerText();
  expect(shown.includes(text), `${what}: the page does not say "${text}" (${page.url()}):\n${shown.slice(0, 1500)}`);
}

/** Goes to `path` and fails unless the answer is `status`. */
async function visit(page, path, status = 200) {
  const response = await page.goto(`${url}${path}`);
  expect(response?.status() === status, `${path} answered ${response?.status()}, not ${status}`);
  return response;
}

/** Signs `cpr` in on the development provider's form. */
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

/**
 * Submits the form that `button` is in and waits for the page it leads to; returns that
 * page's answer (after a redirect, the redirect's target's).
 */
async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
  expect(response, `submitting a form on ${page.url()} led nowhere`);
  return response;
}

/** The form on /certificates that asks for a certificate of `type`. */
function typeForm(page, type) {
  return page.locator('form[action="/certificates/draft"]', {
    has: page.locator(`input[name="type"][value="${type}"]`),
  });
}

/** The citizen's certificates, as the citizen API gives them to the signed-in browser. */
async function apiCertificates(page) {
  const answer = await page.request.get(`${url}/api/citizen/v1/certificates`);
  expect(answer.ok(), `GET /api/citizen/v1/certificates answered ${answer.status()}`);
  const list = await answer.json();
  expect(Array.isArray(list), `the citizen API's certificates are not a list: ${JSON.stringify(list).slice(0, 300)}`);
  return list;
}

/**
 * `sealed` with one character changed, still base45: the first of the last whole group but
 * one, so that the bytes it changes are in the signature at the end.
 */
function tampered(sealed) {
  expect(sealed.startsWith('OB1:'), `the QR code's text does not begin with OB1: "${sealed.slice(0, 20)}"`);
  const body = sealed.slice(4);
  const at = 3 * (Math.floor(body.length / 3) - 2);
  expect(at >= 0, `the QR code's text is too short: "${sealed}"`);
  const digit = BASE45.indexOf(body[at]);
  expect(digit >= 0, `"${body[at]}" is not a base45 character`);
  // One more or one less in a group's lowest digit keeps its value within two bytes.
  const changed = BASE45[digit > 0 ? digit - 1 : digit + 1];
  const forged = `OB1:${body.slice(0, at)}${changed}${body.slice(at + 1)}`;
  expect(forged.length === sealed.length && forged !== sealed, 'the tampered text differs in one character');
  return forged;
}

/** The citizen who walks: the first featured citizen a certificate of residence can be drafted for. */
async function residentCitizen(browser) {
  for (const [index, cpr] of citizens.entries()) {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, cpr);
    await visit(page, '/certificates?lang=da');
    const response = await submit(page, typeForm(page, 'residence').locator('button[type="submit"]'));
    if (response.status() === 200 && await page.locator('form[action="/certificates"]').count() === 1) {
      log(`citizen ${index + 1}: a certificate of residence can be drafted`);
      return { context, page, who: `citizen ${index + 1}` };
    }
    log(`citizen ${index + 1}: no certificate of residence (${response.status()}), trying the next`);
    await context.close();
  }
  throw new Error('no featured citizen can have a certificate of residence');
}

async function walk(browser) {
  const started = Date.now();
  const summary = { verdicts: {} };

  // 1. The list, in Danish and English, as the citizen sees it before any certificate.
  const { context, page, who } = await residentCitizen(browser);
  summary.citizen = who;
  for (const lang of LANGUAGES) {
    await visit(page, `/certificates?lang=${lang}`);
    await expectPage(page, lang, WORDS[lang].list, `the list in ${lang}`);
    await expectText(page, WORDS[lang].residence, `the list in ${lang}`);
    await expectText(page, WORDS[lang].benefits, `the list in ${lang}`);
    expect(await typeForm(page, 'residence').count() === 1, `the list in ${lang} has no form for residence`);
    expect(await page.locator('li.card[data-certificate]').count() === 0, 'the citizen has certificates before any was issued');
    await inspector.check(page, `certificate-list-${lang}`);
  }

  // 2. What a certificate of residence will state, then issued; its page in both languages.
  await visit(page, '/certificates?lang=da');
  await submit(page, typeForm(page, 'residence').locator('button[type="submit"]'));
  expect(new URL(page.url()).pathname === '/certificates/draft', `the draft is at ${page.url()}`);
  await expectPage(page, 'da', WORDS.da.residence, 'the draft');
  const fields = await page.locator('main dl.facts').first().locator('dt').allInnerTexts();
  expect(fields.length >= 2, `the draft lists ${fields.length} fields it will state: ${fields.join(' | ')}`);
  summary.draft_fields = fields;
  expect(await apiCertificates(page).then((list) => list.length) === 0, 'a draft issued a certificate');
  log(`${who}: the draft states ${fields.join(', ')}`);
  await inspector.check(page, 'certificate-draft-da');

  const issue = page.locator('form[action="/certificates"] button[type="submit"]');
  await submit(page, issue);
  const issuedAt = new URL(page.url());
  const number = /^\/certificates\/(\d+)$/.exec(issuedAt.pathname)?.[1];
  expect(number && issuedAt.searchParams.get('done') === 'issued', `issuing led to ${page.url()}`);
  await expectPage(page, 'da', WORDS.da.residence, 'the issued certificate');
  await expectText(page, WORDS.da.noticeIssued, 'the issued certificate');
  const code = CODE.exec(await page.locator('main').innerText())?.[0];
  expect(code, 'the issued certificate\'s page shows no code');
  summary.code = code;
  log(`${who}: issued certificate ${number}, code ${code}`);
  await inspector.check(page, 'certificate-issued-da');
  await visit(page, `/certificates/${number}?lang=en`);
  await expectPage(page, 'en', WORDS.en.residence, 'the certificate in English');
  await expectText(page, code, 'the certificate in English');
  await expectText(page, WORDS.en.stateValid, 'the certificate in English');
  await inspector.check(page, 'certificate-issued-en');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`main a[href="/certificates/${number}/pdf"]`).click(),
  ]);
  const pdf = join(downloads, download.suggestedFilename() || `certificate-${number}.pdf`);
  await download.saveAs(pdf);
  const bytes = readFileSync(pdf);
  expect(bytes.subarray(0, 5).toString('latin1') === '%PDF-', `the download ${pdf} is not a PDF`);
  summary.pdf = { file: pdf, bytes: bytes.length };
  log(`${who}: saved the PDF (${bytes.length} bytes) as ${pdf}`);

  const certificates = await apiCertificates(page);
  expect(certificates.length === 1, `the citizen API lists ${certificates.length} certificates, not 1`);
  const [certificate] = certificates;
  expect(certificate.code === code, `the citizen API's code is ${certificate.code}, the page's ${code}`);
  expect(certificate.state === 'valid', `the citizen API says the certificate is ${certificate.state}`);
  const sealed = certificate.sealed;
  expect(typeof sealed === 'string' && sealed.length > 0, 'the citizen API gives no sealed text');

  // 3. Benefits received in a period that ends before it begins: the form shows the error.
  await visit(page, '/certificates?lang=da');
  const benefits = typeForm(page, 'benefits-received');
  expect(await benefits.count() === 1, 'the list has no form for benefits received');
  await benefits.locator('input[name="period_from"]').fill('2025-06-30');
  await benefits.locator('input[name="period_to"]').fill('2025-01-01');
  const refused = await submit(page, benefits.locator('button[type="submit"]'));
  expect(refused.status() === 422, `a period ending before it begins answered ${refused.status()}, not 422`);
  const summaryBox = page.locator('.error-summary[role="alert"]');
  expect(await summaryBox.count() === 1, 'the refused form shows no error summary');
  const link = summaryBox.locator('a[href="#benefits-received-period_to"]');
  expect(await link.count() === 1, 'the error summary does not lead to the last day of the period');
  const toField = page.locator('#benefits-received-period_to');
  expect(await toField.getAttribute('aria-invalid') === 'true', 'the last day is not marked invalid');
  expect(
    await toField.getAttribute('aria-describedby') === 'benefits-received-period_to-error'
      && await page.locator('#benefits-received-period_to-error').count() === 1,
    'the last day\'s error is not next to it',
  );
  expect(await toField.inputValue() === '2025-01-01', 'the form forgot the last day typed');
  expect(await page.locator('#benefits-received-period_from').inputValue() === '2025-06-30', 'the form forgot the first day typed');
  summary.refusal = (await page.locator('#benefits-received-period_to-error').innerText()).trim();
  log(`${who}: refused: ${summary.refusal}`);
  await inspector.check(page, 'certificate-refused-da');
  expect((await apiCertificates(page)).length === 1, 'the refused form issued a certificate');

  // 4. /verify signed out, in a fresh profile.
  const stranger = await newContext(browser);
  const visitor = await stranger.newPage();
  const verdict = async (lang, fill, expected, name) => {
    await visit(visitor, `/verify?lang=${lang}`);
    const form = await fill();
    const answer = await submit(visitor, form.locator('button[type="submit"]'));
    expect(answer.status() === 200, `${name}: POST /verify answered ${answer.status()}`);
    await expectPage(visitor, lang, WORDS[lang].verify, name);
    const section = visitor.locator(`section.verdict.verdict-${expected}[role="status"]`);
    const sections = await visitor.locator('section.verdict').evaluateAll((all) => all.map((s) => s.className));
    expect(await section.count() === 1, `${name}: the verdict is ${sections.join(', ') || 'missing'}, not ${expected}`);
    const heading = await section.locator('h2').innerText();
    const word = WORDS[lang][expected];
    expect(heading.includes(word), `${name}: the verdict's heading is "${heading}", expected "${word}"`);
    summary.verdicts[name] = expected;
    log(`verify: ${name}: ${heading}`);
    return section;
  };
  const codeForm = () => visitor.locator('form', { has: visitor.locator('#code') });
  const typeCode = (text) => async () => {
    await visitor.locator('#code').fill(text);
    return codeForm();
  };
  for (const lang of LANGUAGES) {
    await visit(visitor, `/verify?lang=${lang}`);
    await expectPage(visitor, lang, WORDS[lang].verify, `/verify in ${lang}`);
    expect(await visitor.locator('header form[action="/logout"]').count() === 0, '/verify signed out shows a sign-out button');
    await inspector.check(visitor, `verify-${lang}`);
  }
  for (const lang of LANGUAGES) {
    const valid = await verdict(lang, typeCode(code), 'valid', `code-${lang}`);
    const shown = await valid.innerText();
    expect(shown.includes(code), `the verdict in ${lang} does not show the code`);
    expect(shown.includes(WORDS[lang].residence), `the verdict in ${lang} does not say what the certificate is`);
    await inspector.check(visitor, `verify-valid-${lang}`);
  }
  await verdict('en', async () => {
    await visitor.locator('#file').setInputFiles(pdf);
    return visitor.locator('form', { has: visitor.locator('#file') });
  }, 'valid', 'pdf-en');
  await inspector.check(visitor, 'verify-pdf-valid-en');
  const forgedText = tampered(sealed);
  for (const lang of LANGUAGES) {
    const forged = await verdict(lang, async () => {
      await visitor.locator('#certificate').fill(forgedText);
      return visitor.locator('form', { has: visitor.locator('#certificate') });
    }, 'forged', `qr-changed-${lang}`);
    const paragraphs = await forged.locator('p').allInnerTexts();
    expect(paragraphs.length >= 2, `the forged verdict in ${lang} gives no reason: ${paragraphs.join(' | ')}`);
    summary.verdicts[`qr-changed-${lang}-reason`] = paragraphs[1];
    expect(!(await forged.innerText()).includes(code), 'the forged verdict shows the genuine code');
    await inspector.check(visitor, `verify-forged-${lang}`);
  }
  await verdict('en', async () => {
    await visitor.locator('#certificate').fill(sealed);
    return visitor.locator('form', { has: visitor.locator('#certificate') });
  }, 'valid', 'qr-en');
  await verdict('da', typeCode(UNKNOWN_CODE), 'unknown', 'unknown-da');
  await inspector.check(visitor, 'verify-unknown-da');

  // 5. The citizen revokes it; the list and /verify say so.
  await visit(page, '/certificates?lang=da');
  const card = page.locator(`li.card[data-certificate="${number}"]`);
  expect(await card.count() === 1, `the list does not show certificate ${number}`);
  await expectText(page, code, 'the list after issuing');
  await submit(page, card.locator(`form[action="/certificates/${number}/revoke"] button[type="submit"]`));
  expect(
    new URL(page.url()).pathname === '/certificates' && new URL(page.url()).searchParams.get('done') === 'revoked',
    `revoking led to ${page.url()}`,
  );
  for (const lang of LANGUAGES) {
    if (lang !== 'da') {
      await visit(page, `/certificates?lang=${lang}`);
    } else {
      await expectText(page, WORDS.da.noticeRevoked, 'the list after revoking');
    }
    await expectPage(page, lang, WORDS[lang].list, `the list after revoking in ${lang}`);
    const state = (await card.locator('.status').innerText()).trim();
    expect(state === WORDS[lang].stateRevoked, `the list in ${lang} says the certificate is "${state}"`);
    expect(await card.locator('form[action$="/revoke"]').count() === 0, 'a revoked certificate can be revoked again');
    await inspector.check(page, `certificate-list-revoked-${lang}`);
  }
  const [after] = await apiCertificates(page);
  expect(after.state === 'revoked', `the citizen API says the revoked certificate is ${after.state}`);
  for (const lang of LANGUAGES) {
    await verdict(lang, typeCode(code), 'revoked', `revoked-${lang}`);
    await inspector.check(visitor, `verify-revoked-${lang}`);
  }
  await verdict('en', async () => {
    await visitor.locator('#file').setInputFiles(pdf);
    return visitor.locator('form', { has: visitor.locator('#file') });
  }, 'revoked', 'pdf-revoked-en');

  await stranger.close();
  await context.close();
  inspector.assertNone();
  summary.pages_checked = inspector.pages;
  summary.axe_violations = inspector.violations.length;
  summary.seconds = Number(((Date.now() - started) / 1000).toFixed(1));
  console.log(JSON.stringify(summary));
}

await main(walk);
