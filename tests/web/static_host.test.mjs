// dist/ on a static host under a sub-path: Debian's nginx (started here on 127.0.0.1 with a
// config of our own) and Python's http.server, each serving dist/ at /campaigns/spring-2026/gloss/.
// The app must start from there, label a word, and fetch nothing outside its folder. dist/
// itself: relative URLs only, content-hashed assets named by index.html.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { dist, serve, servePython, launch, newPage, openApp, cpIndex, documents, nextFrames, artifacts } from "./support.mjs";

const subPath = "/campaigns/spring-2026/gloss/";

// nginx with the documented headers, and Python's http.server (tests/web/support.mjs).
const startNginx = () => serve(dist, { subPath });
const startHttpServer = () => servePython(dist, { subPath });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("dist/ names only relative, content-hashed files", () => {
  const page = readFileSync(path.join(dist, "index.html"), "utf8");
  const references = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith("data:"));
  assert.ok(references.length >= 2, "index.html names the boot script and the style sheet");
  const engine = JSON.parse(/data-engine='([^']+)'/.exec(page)[1]);
  const named = [...references, ...Object.values(engine)];
  for (const url of named) {
    assert.doesNotMatch(url, /^(\/|[a-z]+:)/i, `${url} is relative`);
    assert.match(url, /\.[0-9a-f]{10}\.(js|wasm|data|css)$/, `${url} carries a content hash`);
  }
  const files = readdirSync(dist).sort();
  assert.deepEqual(files, [...new Set([...named, "embedding.json", "index.html", "manifest.json", "sw.js"])].sort(), "dist/ holds nothing stale");
  // The service worker keeps exactly this build's files (relative to its folder), but for the
  // NATS client, which only a campaign link loads (and which needs the network anyway).
  const kept = JSON.parse(/const FILES = (\[[^\]]*\]);/.exec(readFileSync(path.join(dist, "sw.js"), "utf8"))[1]);
  assert.deepEqual(kept.sort(), [...new Set(["./", "embedding.json", ...named.filter((n) => n !== engine["nats.js"])])].sort());
  assert.ok(engine["nats.js"] && !kept.includes(engine["nats.js"]));
  // The scripts build their own URLs relative to the page too.
  for (const name of named.filter((n) => n.endsWith(".js"))) {
    const text = readFileSync(path.join(dist, name), "utf8");
    assert.doesNotMatch(text, /fetch\(\s*["'`]\//, `${name} fetches no absolute path`);
  }
});

for (const [hostName, start] of [["nginx", startNginx], ["Python's http.server", startHttpServer]]) {
  test(`the app runs from ${subPath} on ${hostName}`, async () => {
    const server = await start();
    try {
      const page = await newPage(browser);
      const requests = [];
      page.on("request", (r) => requests.push(r.url()));
      await openApp(page, server.url);
      const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
      assert.ok(doc.text.length > 100, "the sample article is loaded");
      const start = cpIndex(doc.text, "Léa Marchetti");
      await page.evaluate((s) => window.gloss.select(window.gloss.state().document, s, s + 13), start);
      await nextFrames(page, 3);
      await page.keyboard.press("p");
      await nextFrames(page);
      const [after] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
      assert.equal(after.spans.length, 1);
      assert.equal(after.spans[0].text, "Léa Marchetti");
      const origin = new URL(server.url).origin;
      for (const url of requests) {
        if (url.startsWith("data:")) continue;
        assert.ok(url.startsWith(server.url), `${url} is inside ${subPath}`);
        assert.ok(url.startsWith(origin));
      }
      await page.screenshot({ path: path.join(artifacts, `static-host-${hostName.split(" ")[0].replace(/\W/g, "")}.png`) });
      assert.deepEqual(page.problems, []);
      await page.close();
    } finally {
      server.close();
    }
  });
}
