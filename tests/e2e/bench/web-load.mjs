// The web app's load budget (issue 18, docs/benchmarks.md): the JavaScript a cold browser fetches for the signed-out
// landing page and for Today once signed in, as sent and gzipped, and how long Today takes to be usable.
// Usage: node bench/web-load.mjs <base URL> <email> <password> [rounds]   (scripts/bench-web.sh runs it)
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const [base, email, password, roundsText = '5'] = process.argv.slice(2);
if (!base || !email || !password) {
  throw new Error('usage: node bench/web-load.mjs <base URL> <email> <password> [rounds]');
}
const rounds = Number(roundsText);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Every script the page fetched while `load` ran and until the network went quiet, with its size as sent and gzipped (what a compressing proxy sends). */
async function scriptsOf(page, load) {
  const seen = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') {
      const url = new URL(response.url()).pathname;
      seen.push(response.body().then((body) => ({ url, raw: body.length, gzip: gzipSync(body).length }), (error) => { throw new Error(`no body for ${url} (${response.status()})`, { cause: error }); }));
    }
  });
  const result = await load();
  // What loads right after (lazy chunks of the page) counts too.
  await page.waitForLoadState('networkidle');
  return { result, scripts: await Promise.all(seen) };
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const total = (scripts, key) => scripts.reduce((sum, script) => sum + script[key], 0);

// Signed out: the landing page in a fresh profile (nothing cached, no service worker yet).
const landing = await browser.newContext({ serviceWorkers: 'block' });
const landingPage = await landing.newPage();
const signedOut = await scriptsOf(landingPage, async () => {
  await landingPage.goto(`${base}/`, { waitUntil: 'networkidle' });
});
await landing.close();

// Each round signs in through the API of a fresh profile (its cookie jar gets the refresh cookie; refresh tokens turn
// over on use, so one cannot serve two rounds) and then opens Today with nothing cached.
const times = [];
let today;
for (let round = 0; round < rounds; round += 1) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const login = await context.request.post(`${base}/api/v1/auth/login`, { data: { email, password } });
  if (!login.ok()) {
    throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);
  }
  const page = await context.newPage();
  const measured = await scriptsOf(page, async () => {
    // Today is the home page of a signed-in person.
    await page.goto(`${base}/`);
    // Usable: the day's heading is there and the capture box takes typing.
    const handle = await page.waitForFunction(
      () => {
        const heading = [...document.querySelectorAll('h1')].some((h) => h.textContent?.trim() === 'Today');
        const box = document.querySelector('input[name="text"], textarea[name="text"]');
        return heading && box && !box.disabled ? performance.now() : null;
      },
      null,
      { polling: 'raf', timeout: 30_000 },
    ).catch(async (error) => {
      const headings = await page.locator('h1').allTextContents();
      throw new Error(`Today never became usable at ${page.url()} (headings: ${headings.join(' | ')})`, { cause: error });
    });
    return handle.jsonValue();
  });
  times.push(measured.result);
  today ??= measured.scripts;
  await context.close();
}
await browser.close();

times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`signed out (landing): ${signedOut.scripts.length} scripts, ${kb(total(signedOut.scripts, 'raw'))} KB as sent, ${kb(total(signedOut.scripts, 'gzip'))} KB gzipped (target: under 200 KB gzipped)`);
console.log(`signed in (Today):    ${today.length} scripts, ${kb(total(today, 'raw'))} KB as sent, ${kb(total(today, 'gzip'))} KB gzipped (target: under 350 KB gzipped)`);
console.log(`Today usable with a cold cache: median ${median.toFixed(0)} ms, best ${times[0].toFixed(0)} ms, worst ${times.at(-1).toFixed(0)} ms over ${rounds} rounds (target: under 1500 ms)`);
