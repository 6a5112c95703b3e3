// Rasterizes media/icon.svg to media/icon.png (128×128, transparent corners) with Debian's
// chromium through playwright-core. vsce accepts only a PNG icon.
//
//   node scripts/render-icon.mjs [--size 128] [--out media/icon.png]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from './real-vscode/browser.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { size: { type: 'string', default: '128' }, out: { type: 'string', default: 'media/icon.png' } } });
const size = Number(values.size);
const svg = fs.readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
const out = path.resolve(root, values.out);

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:transparent">` +
      `<img id="icon" src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator('#icon').evaluate((img) => /** @type {HTMLImageElement} */ (img).decode());
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`wrote ${path.relative(root, out)} (${size}×${size}, ${fs.statSync(out).size} bytes)`);
} finally {
  await browser.close();
}
