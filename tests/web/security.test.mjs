// Safe to embed, safe to link (docs/SECURITY.md), on two real origins: the app on
// http://127.0.0.1:PORT and the other pages on http://localhost:PORT. A parent frame or an opener
// of another origin gets no answer and changes nothing unless dist/embedding.json lists it; a
// link's addresses that are not http(s), and a turkSubmitTo that is not Mechanical Turk, are
// refused with a message, run nothing and send nothing. The page's policy is the documented one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { dist, root, serve, servePython, launch, newPage, openApp, documents, nextFrames } from "./support.mjs";

const METHODS = [
  ["getAnnotations"], ["exportAs", "jsonl"], ["select", "harbour-talks", 0, 3],
  ["loadDocuments", '{"id":"evil","text":"replaced"}\n'], ["loadSchema", '{"labels":[]}'],
  ["loadReview", { a: '{"id":"x","text":"y"}\n', b: '{"id":"x","text":"y"}\n' }], ["openFile", "x.jsonl", '{"id":"evil","text":"z"}\n'],
];

// dist/ with an embedding.json of our own (the site owner's file).
function distAllowing(origins) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gloss-embed-"));
  for (const name of readdirSync(dist)) if (name !== "embedding.json") symlinkSync(path.join(dist, name), path.join(dir, name));
  writeFileSync(path.join(dir, "embedding.json"), JSON.stringify({ origins }));
  return dir;
}

// The other origin's page: calls every bridge method of `target` (a frame or an opened window)
// and collects whatever comes back.
const CALLER = `
window.replies = [];
window.addEventListener("message", (event) => { if (event.data && event.data.gloss !== undefined) window.replies.push(event.data); });
window.callAll = (target, methods) => { methods.forEach(([method, ...args], i) => target.postMessage({ gloss: i + 1, method, args }, "*")); };
`;

// The app's frame in the page, once it has navigated there.
async function appFrame(page, url) {
  const element = await page.waitForSelector("#g", { state: "attached" });
  for (;;) {
    const frame = await element.contentFrame();
    if (frame && frame.url().startsWith(url)) return frame;
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Resolves once `predicate` holds of the messages the page (and its frames) printed.
function consoleWaiter(page) {
  const lines = [];
  const waiters = [];
  page.on("console", (m) => {
    lines.push(m.text());
    for (const w of waiters.splice(0)) if (!w()) waiters.push(w);
  });
  return {
    lines,
    until: (predicate) => new Promise((resolve) => {
      const check = () => { if (predicate(lines)) { resolve(); return true; } return false; };
      if (!check()) waiters.push(check);
    }),
  };
}
// Waits until the app has refused every message, or an answer came back (a failure, seen at once).
const refusedOrAnswered = (log, caller) => Promise.race([
  log.until((lines) => ignored(lines) >= METHODS.length),
  caller.waitForFunction(() => window.replies.length > 0, null, { timeout: 0 }),
]);
const ignored = (lines) => lines.filter((l) => /was ignored: that origin may not embed/.test(l)).length;

// The other origin: a real server on loopback (Chromium's local network checks refuse a page
// that is not served from this machine to frame it), reached as localhost, so that both its
// origin and its site differ from the app's 127.0.0.1.
async function startOther(body) {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end(body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://localhost:${server.address().port}`, close: () => server.close() };
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [hostName, start] of [["nginx with the documented headers", (dir) => serve(dir)], ["a static host without headers", (dir) => servePython(dir)]]) {
  test(`a parent frame of another origin gets nothing and changes nothing (${hostName})`, async () => {
    const server = await start(dist);
    try {
      const page = await newPage(browser);
      const otherServer = await startOther(`<script>${CALLER}</script><iframe id="g" src="${server.url}?assist=off" width="900" height="600"></iframe>`);
      const other = `${otherServer.origin}/other.html`;
      const log = consoleWaiter(page);
      await page.goto(other);
      if (hostName.startsWith("nginx")) {
        // The header's frame-ancestors keeps the page out of the frame altogether: Chromium
        // shows its error page there instead.
        const frame = await appFrame(page, "chrome-error:");
        assert.equal(await frame.evaluate(() => typeof window.gloss), "undefined", "the app did not load in the frame");
      } else {
        const frame = await appFrame(page, server.url);
        await frame.waitForFunction(() => window.gloss && window.gloss.ready);
        await frame.evaluate(() => window.gloss.ready);
        const before = await frame.evaluate(() => window.gloss.getAnnotations());
        await page.evaluate((methods) => window.callAll(document.getElementById("g").contentWindow, methods), METHODS);
        await refusedOrAnswered(log, page);
        assert.equal(ignored(log.lines), METHODS.length, "every message was refused");
        assert.deepEqual(await page.evaluate(() => window.replies), [], "no answer came back");
        assert.equal(await frame.evaluate(() => window.gloss.getAnnotations()), before, "nothing changed");
      }
      page.problems = page.problems.filter((p) => !/frame-ancestors|Refused to frame/.test(p));
      assert.deepEqual(page.problems, []);
      await page.close();
      otherServer.close();
    } finally {
      server.close();
    }
  });
}

test("an origin listed in embedding.json (and frame-ancestors) drives the app; answers go to it alone", async () => {
  // The parent's server first (the app's address goes into its page once known), then the app
  // with that origin in embedding.json and frame-ancestors, as a site owner would set them.
  let appUrl = "";
  const parent = http.createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end(`<script>${CALLER}</script><iframe id="g" src="${appUrl}?assist=off" width="900" height="600"></iframe>`);
  });
  await new Promise((r) => parent.listen(0, "127.0.0.1", r));
  const parentOrigin = `http://localhost:${parent.address().port}`;
  const server = await serve(distAllowing([parentOrigin]), { frameAncestors: [parentOrigin] });
  appUrl = server.url;
  try {
    const page = await newPage(browser);
    await page.goto(`${parentOrigin}/parent.html`);
    const frame = await appFrame(page, server.url);
    await frame.waitForFunction(() => window.gloss && window.gloss.ready);
    await frame.evaluate(() => window.gloss.ready);
    await page.evaluate(() => window.callAll(document.getElementById("g").contentWindow, [["loadDocuments", '{"id":"mine","text":"Hello there"}\n'], ["getAnnotations"]]));
    // "change" events come to the parent too, in any order with the answers: wait for both answers.
    await page.waitForFunction(() => window.replies.filter((r) => r.gloss !== "change").length >= 2, null, { timeout: 30000 });
    const replies = await page.evaluate(() => window.replies.filter((r) => r.gloss !== "change").sort((a, b) => a.gloss - b.gloss));
    assert.equal(replies[0].error, undefined);
    assert.ok(documents(replies[1].result).some((d) => d.id === "mine"), "the document was added");
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    parent.close();
    server.close();
  }
});

test("an opener of another origin gets nothing and changes nothing", async () => {
  const server = await servePython(dist); // no COOP header: the opener keeps its handle, and the app itself refuses
  try {
    const page = await newPage(browser);
    const otherServer = await startOther(`<script>${CALLER}</script>`);
    await page.goto(`${otherServer.origin}/opener.html`);
    const [popup] = await Promise.all([
      page.context().waitForEvent("page"),
      page.evaluate((url) => { window.opened = window.open(url); }, `${server.url}?assist=off`),
    ]);
    const log = consoleWaiter(popup);
    await popup.waitForFunction(() => window.gloss && window.gloss.ready);
    await popup.evaluate(() => window.gloss.ready);
    const before = await popup.evaluate(() => window.gloss.getAnnotations());
    await page.evaluate((methods) => window.callAll(window.opened, methods), METHODS);
    await refusedOrAnswered(log, page);
    assert.equal(ignored(log.lines), METHODS.length, "every message was refused");
    assert.deepEqual(await page.evaluate(() => window.replies), []);
    assert.equal(await popup.evaluate(() => window.gloss.getAnnotations()), before);
    await popup.close();
    await page.close();
    otherServer.close();
  } finally {
    server.close();
  }
});

const REFUSED = [
  ["done", "javascript:window.top.__pwned=1", /done= \(javascript:window\.top\.__pwned=1\) is not an http\(s\) address/],
  ["submit", "javascript:window.top.__pwned=1", /submit= \(javascript:window\.top\.__pwned=1\) is not an http\(s\) address/],
  ["turkSubmitTo", "https://evil.example", /turkSubmitTo= \(https:\/\/evil\.example\) is not one of https:\/\/www\.mturk\.com/],
];

test("a link's addresses that are not http(s), or not Mechanical Turk's, are refused: nothing runs, nothing is sent", async () => {
  const server = await serve(dist);
  const posts = [];
  const receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (c) => { body += c; });
    request.on("end", () => {
      if (request.method === "POST") posts.push(body);
      response.writeHead(200, { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*" });
      response.end(request.url.endsWith("tasks.jsonl") ? '{"id":"t1","text":"Antony Blinken spoke."}\n' : "");
    });
  });
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  const tasks = `http://127.0.0.1:${receiver.address().port}/tasks.jsonl`;
  try {
    for (const [name, value, message] of REFUSED) {
      const page = await newPage(browser);
      const params = new URLSearchParams({ tasks, annotator: "w", [name]: value });
      if (name === "turkSubmitTo") params.set("assignmentId", "A-1");
      // done= is used after a successful submission: give that one an endpoint.
      if (name === "done") params.set("submit", tasks.replace("tasks.jsonl", "submit"));
      await openApp(page, `${server.url}?${params}`);
      await page.evaluate(() => window.gloss.taskLoaded);
      const state = await page.evaluate(() => window.gloss.state());
      assert.match(state.error, message);
      assert.match(state.error, /Nothing will be fetched from or sent to a refused address/);
      await page.evaluate(() => window.gloss.select("t1", 0, 6));
      await nextFrames(page, 3);
      await page.keyboard.press("p");
      await nextFrames(page);
      await page.keyboard.press("Control+Enter");
      await nextFrames(page);
      assert.equal((await page.evaluate(() => window.gloss.state())).done, 1);
      const sent = posts.length;
      const submitted = await page.evaluate(() => window.gloss.submit());
      if (name === "done") {
        assert.equal(submitted, true);
        await page.waitForFunction(() => window.gloss.state().submission.state === "submitted");
        assert.equal(posts.length, sent + 1, "the results went to submit=");
        await new Promise((r) => setTimeout(r, 2500)); // past the moment a done= page would be opened
      } else {
        assert.equal(submitted, false, "Submit stays disabled without a usable address");
        assert.equal(posts.length, sent, "nothing was sent");
      }
      assert.equal(await page.evaluate(() => window.__pwned), undefined, "no script ran");
      assert.ok(page.url().startsWith(server.url), "the page stayed");
      assert.deepEqual(page.problems, []);
      await page.close();
    }
    // tasks=data:… is refused too, and nothing is loaded from it.
    const page = await newPage(browser);
    await openApp(page, `${server.url}?${new URLSearchParams({ tasks: 'data:application/json,{"id":"d","text":"x"}', annotator: "w" })}`);
    await page.evaluate(() => window.gloss.taskLoaded);
    const state = await page.evaluate(() => window.gloss.state());
    assert.match(state.error, /tasks= \(data:application\/json,.*\) is not an http\(s\) address: it was refused/);
    assert.equal(documents(await page.evaluate(() => window.gloss.getAnnotations())).length, 0);
    await page.close();
    assert.equal(posts.length, 1, "nothing was sent but the one submission to a valid submit=");
  } finally {
    receiver.close();
    server.close();
  }
});

test("the <meta> policy is the documented header's, without what a <meta> cannot carry", () => {
  const header = /Content-Security-Policy "([^"]+)"/.exec(readFileSync(path.join(root, "docs/gloss-headers.nginx"), "utf8"))[1];
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(path.join(dist, "index.html"), "utf8"))[1];
  const withoutFrameAncestors = header.split("; ").filter((d) => !d.startsWith("frame-ancestors")).join("; ");
  assert.equal(meta, withoutFrameAncestors);
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval';/);
});
