// Renders the app's icons from one SVG, in Chromium (the browser the tests drive): run once when
// the drawing changes, `npx tsx scripts/render-icons.ts`, and commit what it writes to public/.
// public/icon.svg is the favicon for browsers that take SVG; the PNGs are for the rest, the web
// manifest (app/manifest.ts) and iOS; favicon.ico holds 16, 32 and 48 px PNGs, as ICO allows.
import { writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

// The header's mark: sky-500 to indigo-600. On it, three images stacked (a catalog of images).
const GRADIENT = `<linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0ea5e9"/><stop offset="1" stop-color="#4f46e5"/></linearGradient>`;
const STACK = `
  <path d="M256 318 L398 246 L420 257 L256 340 L92 257 L114 246 Z" fill="#fff" opacity=".55"/>
  <path d="M256 362 L398 290 L420 301 L256 384 L92 301 L114 290 Z" fill="#fff" opacity=".35"/>
  <path d="M256 128 L420 211 L256 294 L92 211 Z" fill="#fff"/>
  <path d="M256 170 L338 211 L256 252 L174 211 Z" fill="#0ea5e9" opacity=".35"/>`;

/** Rounded for use as it is; `bleed` fills the square, for masks (Android) and iOS, which round it themselves. */
const svg = (bleed: boolean) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><defs>${GRADIENT}</defs>` +
  `<rect width="512" height="512" rx="${bleed ? 0 : 112}" fill="url(#g)"/>` +
  // A maskable icon keeps what matters within the middle 80%.
  `<g transform="${bleed ? "translate(51.2 51.2) scale(.8)" : ""}">${STACK}</g></svg>`;

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  const page = await browser.newPage();
  await page.setViewportSize({ width: 512, height: 512 });
  // Clipped, not a viewport of the icon's size: Chromium's windows are at least about 50 px.
  const render = async (size: number, bleed: boolean) => {
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg(bleed)}`);
    return page.screenshot({ omitBackground: true, type: "png", clip: { x: 0, y: 0, width: size, height: size } });
  };
  writeFileSync("public/icon.svg", svg(false) + "\n");
  writeFileSync("public/icons/icon-192.png", await render(192, false));
  writeFileSync("public/icons/icon-512.png", await render(512, false));
  writeFileSync("public/icons/icon-maskable-512.png", await render(512, true));
  writeFileSync("public/apple-touch-icon.png", await render(180, true));
  writeFileSync("public/favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, png: await render(size, false) })))));
  await browser.close();
}

/** An ICO file of PNG images: a 6-byte header, a 16-byte entry per image, then the images. */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0); // width (0 means 256)
    entry.writeUInt8(size % 256, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

await main();
