// Lighthouse (npm `lighthouse`, pinned) on a signed-in citizen's overview, with its mobile
// defaults (an emulated phone, a slowed network and processor): accessibility must score
// 100, best practices and performance 95 or more. A featured citizen signs in through the
// development provider in Playwright's Chromium; Lighthouse then loads the overview in a
// Chromium of its own with that session's cookie.
//
//   OVERBLIK_URL       the demo's address, e.g. http://127.0.0.1:8080
//   OVERBLIK_CITIZENS  the featured citizens' CPR numbers, separated by commas; the first is used
//   REPORT_DIR         where the report goes (overview.report.html and .json)
//
// Prints the scores as JSON on stdout; exits non-zero when one is below its bar.

import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expect, log, main, newContext, required,
} from './lib.mjs';

const url = required('OVERBLIK_URL').replace(/\/$/, '');
const citizen = required('OVERBLIK_CITIZENS').split(',')[0].trim();
const reports = required('REPORT_DIR');
mkdirSync(reports, { recursive: true });

/** The lowest score each category may have. */
const BARS = { accessibility: 1, 'best-practices': 0.95, performance: 0.95 };

/** The session cookie of `cpr`, signed in through the development provider. */
async function sessionCookie(browser, cpr) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  const field = page.getByLabel('CPR number');
  await field.waitFor();
  await field.fill(cpr);
  await Promise.all([
    page.waitForURL(`${url}/`),
    page.locator('form button[type="submit"]').click(),
  ]);
  const cookies = await context.cookies(url);
  const session = cookies.find((cookie) => cookie.name.endsWith('overblik_session'));
  expect(session, `no session cookie after signing in: ${cookies.map((c) => c.name)}`);
  return `${session.name}=${session.value}`;
}

async function audit(browser) {
  const cookie = await sessionCookie(browser, citizen);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const result = await lighthouse(`${url}/?lang=en`, {
      port: chrome.port,
      output: ['html', 'json'],
      logLevel: 'error',
      onlyCategories: Object.keys(BARS),
      extraHeaders: { Cookie: cookie },
      // Nothing off this machine: no third-party look-ups.
      disableFullPageScreenshot: false,
    });
    const [html, json] = result.report;
    writeFileSync(join(reports, 'overview.report.html'), html);
    writeFileSync(join(reports, 'overview.report.json'), json);
    const { lhr } = result;
    expect(lhr.finalDisplayedUrl.startsWith(`${url}/`), `Lighthouse ended at ${lhr.finalDisplayedUrl}, not the overview`);
    expect(!lhr.runtimeError, `Lighthouse failed: ${JSON.stringify(lhr.runtimeError)}`);
    const scores = Object.fromEntries(
      Object.keys(BARS).map((id) => [id, lhr.categories[id].score]),
    );
    process.stdout.write(`${JSON.stringify({ lighthouse: lhr.lighthouseVersion, formFactor: lhr.configSettings.formFactor, scores })}\n`);
    const failing = Object.entries(BARS).filter(([id, bar]) => !(scores[id] >= bar));
    const why = failing.map(([id]) => {
      const audits = lhr.categories[id].auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter((found) => found.score !== null && found.score < 1 && found.scoreDisplayMode !== 'informative')
        .map((found) => `    ${found.id}: ${found.score} ${found.displayValue || ''} ${found.title}`);
      return `  ${id} ${scores[id]} (at least ${BARS[id]}):\n${audits.join('\n')}`;
    });
    expect(failing.length === 0, `Lighthouse scores below their bars:\n${why.join('\n')}`);
    expect(lhr.configSettings.formFactor === 'mobile', 'Lighthouse did not emulate a phone');
    log(`Lighthouse ${lhr.lighthouseVersion}, mobile: ${JSON.stringify(scores)}`);
  } finally {
    chrome.kill();
  }
}

main(audit);
