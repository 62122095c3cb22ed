// What the browser walks share: starting Chromium, checking a page's accessibility at two
// widths with a screenshot of each, and stating facts about a page.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** axe-core's browser bundle, injected into every page checked. */
const AXE = require.resolve('axe-core/axe.min.js');

/** The WCAG 2.1 A and AA rules. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A phone and a laptop. */
export const WIDTHS = [375, 1280];

/** Debian's Chromium; CHROMIUM names another build. */
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The value of an environment variable the walk cannot do without. */
export function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

/** Throws with `message` unless `condition` holds. */
export function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/**
 * Headless Chromium that reaches only this machine: the flags keep it from looking up
 * update, sync and safe-browsing servers, which hang on a machine without internet.
 */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh browser profile (no cookies) that lets axe-core in past the pages' CSP and
 * refuses every request that would leave this machine, such as a web font a page asks for.
 * It asks for the language in OVERBLIK_LOCALE when that is set; `options` adds to Playwright's
 * own (a `userAgent`, say).
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({
    ...options,
    bypassCSP: true,
    viewport: { width: WIDTHS.at(-1), height: 900 },
    // The language the browser asks for (Accept-Language), when the walk names one.
    ...(process.env.OVERBLIK_LOCALE ? { locale: process.env.OVERBLIK_LOCALE } : {}),
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  await context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') {
      return route.continue();
    }
    return route.abort('blockedbyclient');
  });
  return context;
}

/**
 * Checks pages with axe-core and saves their screenshots; violations are collected so that
 * one run lists them all.
 */
export class Inspector {
  constructor(screenshotDir) {
    this.screenshotDir = screenshotDir;
    mkdirSync(screenshotDir, { recursive: true });
    this.violations = [];
    this.pages = 0;
  }

  /** Runs axe and takes a full-page screenshot of `page` at each width, as `name`. */
  async check(page, name) {
    const original = page.viewportSize();
    await page.addScriptTag({ path: AXE });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
        AXE_TAGS,
      );
      for (const violation of result.violations) {
        this.violations.push({
          page: name,
          url: page.url(),
          width,
          rule: violation.id,
          impact: violation.impact,
          help: violation.help,
          targets: violation.nodes.map((node) => node.target.join(' ')),
        });
      }
      // Axe leaves out reflow (WCAG 1.4.10): at a phone's width nothing may need scrolling
      // sideways. The elements named are the outermost that stick out.
      const overflowing = await page.evaluate(() => {
        const edge = document.documentElement.clientWidth + 1;
        if (document.documentElement.scrollWidth <= edge) {
          return [];
        }
        const describe = (el) => el.tagName.toLowerCase()
          + (el.id ? `#${el.id}` : '')
          + [...el.classList].map((c) => `.${c}`).join('');
        return [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > edge)
          .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= edge)
          .map((el) => `${describe(el.parentElement)} > ${describe(el)}`);
      });
      if (overflowing.length > 0) {
        this.violations.push({
          page: name,
          url: page.url(),
          width,
          rule: 'reflow',
          impact: 'serious',
          help: 'Content must fit the width without scrolling sideways (WCAG 1.4.10)',
          targets: overflowing,
        });
      }
      const file = join(this.screenshotDir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
    }
    await page.setViewportSize(original);
    this.pages += 1;
    log(`checked ${name} (${new URL(page.url()).pathname})`);
  }

  /** Throws with every violation found, page by page, if there were any. */
  assertNone() {
    if (this.violations.length === 0) {
      log(`no accessibility violations on ${this.pages} pages at ${WIDTHS.join(' and ')} px`);
      return;
    }
    const lines = this.violations.map(
      (v) => `  ${v.page} at ${v.width} px (${v.url}): ${v.rule} [${v.impact}] ${v.help}\n`
        + v.targets.map((target) => `      ${target}`).join('\n'),
    );
    throw new Error(
      `${this.violations.length} accessibility violations (WCAG 2.1 A/AA):\n${lines.join('\n')}`,
    );
  }
}

/** The overview's facts: areas that hold records, and items that need attention. */
export async function checkOverview(page, who) {
  const areas = page.locator('section[aria-labelledby="areas"] ul.areas > li');
  const counts = await areas.locator('.count').allInnerTexts();
  const filled = counts.filter((text) => Number.parseInt(text.replace(/\D+/g, ' ').trim(), 10) > 0);
  expect(
    filled.length >= 5,
    `${who}'s overview shows records in ${filled.length} life areas, expected at least 5 (${counts.join(' | ')})`,
  );
  const attention = page.locator('section[aria-labelledby="attention"] li.card');
  const needing = await attention.count();
  expect(needing >= 1, `${who}'s overview shows nothing that needs attention`);
  log(`${who}: ${filled.length} life areas with records, ${needing} items need attention`);
}

/** A progress line on stderr (stdout is kept for what callers read). */
export function log(message) {
  process.stderr.write(`${message}\n`);
}

/** Runs `walk` with a browser and ends the process with 0 on success, 1 on failure. */
export async function main(walk) {
  const started = Date.now();
  const browser = await launch();
  try {
    await walk(browser);
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exitCode = 0;
  } catch (error) {
    log(`FAILED: ${error.stack || error}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
