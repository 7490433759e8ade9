// Makes docs/screenshot.png: serves dist/, opens the sample in headless Chromium, labels a few
// spans with the real mouse and keyboard, and captures the window. Run: node scripts/screenshot.mjs
// (after scripts/build web). Optional: --out FILE --width W --height H.
import path from "node:path";
import { serve, launch, newPage, openApp, cpIndex, documents, dragText, nextFrames, root } from "../tests/web/support.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const out = path.resolve(option("--out", path.join(root, "docs/screenshot.png")));
const width = Number(option("--width", 1280));
const height = Number(option("--height", 800));

const server = await serve();
const browser = await launch();
try {
  const page = await newPage(browser, { width, height });
  await openApp(page, server.url);
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  const label = async (needle, key, exact = false) => {
    const start = cpIndex(doc.text, needle);
    if (exact) await page.keyboard.down("Alt");
    await dragText(page, start, start + Array.from(needle).length);
    if (exact) await page.keyboard.up("Alt");
    await nextFrames(page);
    await page.keyboard.press(key);
    await nextFrames(page);
  };
  await label("Léa Marchetti", "p");
  await label("Valletta", "g");
  await label("marchettiwill", "e");
  await label("marchetti", "p", true);
  await label("Malta and Malta", "e");
  await label("Port Authority", "o");
  await label("“These talks have been very, very constructive,”", "q");
  await nextFrames(page, 3);
  await page.screenshot({ path: out });
  if (page.problems.length) throw new Error(page.problems.join("\n"));
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  await browser.close();
  server.close();
}
