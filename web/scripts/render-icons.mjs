// Renders the app's PNG icons (192, 512 and a maskable 512) from public/favicon.svg with headless chromium, through
// the Playwright installed for the e2e tests. Run after changing the SVG, then commit the PNGs:
//   node scripts/render-icons.mjs        (CHROMIUM_PATH=/usr/bin/chromium by default)
import { readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(web, '..', 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright');

const svg = await readFile(path.join(web, 'public', 'favicon.svg'), 'utf8');
const inline = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const out = path.join(web, 'public', 'icons');
await mkdir(out, { recursive: true });

// "any" icons: the rounded square as drawn. Maskable: the check mark inside the 80 % safe zone on a full-bleed
// background of the same teal, so any mask shape (circle, squircle) keeps it whole.
const icons = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-512-maskable.png', size: 512, maskable: true },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  for (const { file, size, maskable } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const image = maskable
      ? `<div style="width:${size}px;height:${size}px;background:#115e59;display:flex;align-items:center;justify-content:center"><img src="${inline}" style="width:${size * 0.7}px;height:${size * 0.7}px"></div>`
      : `<img src="${inline}" style="width:${size}px;height:${size}px;display:block">`;
    await page.setContent(`<html><body style="margin:0;background:transparent">${image}</body></html>`);
    await page.screenshot({ path: path.join(out, file), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`Wrote ${icons.map((icon) => icon.file).join(', ')} to ${out}`);
