// One Lighthouse user flow of one page: a cold visit, then a repeat visit with the same browser
// profile (cache kept). Run by bench/lighthouse.py; reads one JSON spec on stdin:
//   {url, preset: "mobile"|"desktop", cookies: [{name, value, secure, httpOnly, sameSite}],
//    out: "<path prefix of the reports>", chromium: "/usr/bin/chromium", name: "<flow title>"}
// Prints one JSON object a navigation on stdout (figures, the account name the page's shell
// shows, its LCP element), writes <out>.html and <out>.json (the whole flow report).
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {desktopConfig, startFlow} from 'lighthouse';
import {ReportGenerator} from 'lighthouse/report/generator/report-generator.js';
import puppeteer from 'puppeteer-core';

const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const CATEGORIES = ['performance', 'accessibility'];
const ACCOUNT_SELECTOR = '#shell-account-div .navbar-text';
// Lighthouse 12.2.3's LCP-element audit fails on this Chromium (its trace engine reads a field
// newer traces lack): the page records its own last LCP entry's element instead.
const LCP_OBSERVER = `
  new PerformanceObserver((list) => {
    const node = list.getEntries().at(-1)?.element;
    if (!node) return;
    const classes = [...node.classList].slice(0, 3).map((c) => '.' + c).join('');
    const text = (node.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
    window.__benchLcpElement = node.localName + (node.id ? '#' + node.id : '') + classes
      + (text ? ' "' + text + '"' : '');
  }).observe({type: 'largest-contentful-paint', buffered: true});
`;
// Both visits start from about:blank: the cold one fails (NO_NAVSTART) without it, and the warm
// one is then a new navigation to the page, as a returning user's, not a same-URL reload.
const VISITS = [
  ['cold', {skipAboutBlank: false}],
  ['warm', {skipAboutBlank: false, disableStorageReset: true}],
];

/** Return the Lighthouse config of a preset (mobile: Lighthouse's default). */
function configOf(preset) {
  const base = preset === 'desktop' ? desktopConfig : {extends: 'lighthouse:default'};
  return {...base, settings: {...base.settings, onlyCategories: CATEGORIES}};
}

/** Return the figures of one navigation's Lighthouse result and what the page showed. */
function figuresOf(lhr, visit, preset, shown) {
  const audits = lhr.audits;
  const requests = audits['network-requests'].details?.items ?? [];
  return {
    url: lhr.requestedUrl,
    final_url: lhr.finalDisplayedUrl,
    preset,
    visit,
    bytes: audits['total-byte-weight'].numericValue,
    bytes_requests: requests.reduce((sum, r) => sum + (r.transferSize || 0), 0),
    n_requests: requests.length,
    n_failed: requests.filter((r) => r.statusCode >= 400).length,
    fcp_ms: audits['first-contentful-paint'].numericValue ?? null,
    lcp_ms: audits['largest-contentful-paint'].numericValue ?? null,
    tbt_ms: audits['total-blocking-time'].numericValue ?? null,
    performance: lhr.categories.performance.score,
    accessibility: lhr.categories.accessibility.score,
    runtime_error: lhr.runtimeError?.code ?? '',
    ...shown,
  };
}

/** Return what the page shows after a navigation: account name, LCP element, final path. */
async function shownOn(page) {
  return page.evaluate(
    (selector) => ({
      account: document.querySelector(selector)?.textContent?.trim() ?? '',
      lcp_element: window.__benchLcpElement ?? '',
      final_path: location.pathname,
    }),
    ACCOUNT_SELECTOR,
  );
}

/** Count the responses the browser got: status 304 (revalidated) and served from its cache. */
function countResponses(page) {
  const counts = {n_not_modified: 0, n_from_cache: 0};
  const onResponse = (response) => {
    if (response.status() === 304) counts.n_not_modified += 1;
    else if (response.fromCache()) counts.n_from_cache += 1;
  };
  page.on('response', onResponse);
  return () => {
    page.off('response', onResponse);
    return counts;
  };
}

async function main() {
  const spec = JSON.parse(readFileSync(0, 'utf8'));
  const profile = mkdtempSync(join(tmpdir(), 'lighthouse-profile-'));
  const browser = await puppeteer.launch({
    executablePath: spec.chromium,
    headless: true, // puppeteer passes --headless=new
    args: CHROME_FLAGS,
    userDataDir: profile,
    defaultViewport: null, // Lighthouse emulates the screen of the preset
  });
  try {
    const page = await browser.newPage();
    for (const cookie of spec.cookies) {
      await page.setCookie({...cookie, url: new URL(spec.url).origin});
    }
    await page.evaluateOnNewDocument(LCP_OBSERVER);
    const flow = await startFlow(page, {name: spec.name, config: configOf(spec.preset)});
    const shown = [];
    for (const [visit, flags] of VISITS) {
      const stopCounting = countResponses(page);
      await flow.navigate(spec.url, {name: `${visit} visit`, ...flags});
      shown.push({...(await shownOn(page)), ...stopCounting()});
    }
    const result = await flow.createFlowResult();
    result.steps.forEach((step, i) => {
      const figures = figuresOf(step.lhr, VISITS[i][0], spec.preset, shown[i]);
      process.stdout.write(JSON.stringify(figures) + '\n');
    });
    writeFileSync(`${spec.out}.json`, JSON.stringify(result));
    writeFileSync(`${spec.out}.html`, ReportGenerator.generateFlowReportHtml(result));
  } finally {
    await browser.close();
    rmSync(profile, {recursive: true, force: true});
  }
}

await main();
