// Everything by keyboard in real Chromium (page.mouse is never used): a task link's article
// annotated end to end — entities found with search, a PERSON nested in a QUOTE and the
// quote's speaker, an ERROR with its type and correction, "label all", a located_in relation,
// done, an export through
// the palette, Submit — then read back through window.gloss and the receiver. The accessibility
// tree carries the announcements, and the page's command buttons are reached with F6.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import path from "node:path";
import { serve, launch, newPage, openApp, settle, cpIndex, documents, artifacts } from "./support.mjs";

const article = "Talks in Geneva: Foreign Minister Amina Dussault met the envoys on Monday. " +
  "“Ask Omar Haddad what he saw in the port,” Dussault told reporters. " +
  "The ministery of trade said a deal was close, and officials in geneva expect a vote by Friday.";
const tasks = JSON.stringify({ id: "k1", text: article }) + "\n";

function startReceiver() {
  const state = { posts: [] };
  const cors = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Content-Type, Idempotency-Key", "Access-Control-Allow-Methods": "POST, GET, OPTIONS" };
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => { body += chunk; });
    request.on("end", () => {
      if (request.method === "OPTIONS") { response.writeHead(204, cors); response.end(); return; }
      if (request.method === "GET") { response.writeHead(200, cors); response.end(tasks); return; }
      state.posts.push(JSON.parse(body));
      response.writeHead(200, { ...cors, "Content-Type": "application/json" });
      response.end(JSON.stringify({ completion_code: "KEYS-1" }));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    state.url = `http://127.0.0.1:${server.address().port}`;
    state.close = () => server.close();
    resolve(state);
  }));
}

let app;
let receiver;
let browser;
before(async () => { app = await serve(); receiver = await startReceiver(); browser = await launch(); });
after(async () => { await browser?.close(); app?.close(); receiver?.close(); });

const state = (page) => page.evaluate(() => window.gloss.state());
const spans = async (page) => documents(await page.evaluate(() => window.gloss.getAnnotations()))[0].spans;

// Every text of the page's accessibility tree (Chromium's, through the DevTools protocol).
async function accessibleTexts(page) {
  const client = await page.context().newCDPSession(page);
  await client.send("Accessibility.enable");
  const { nodes } = await client.send("Accessibility.getFullAXTree");
  await client.detach();
  return nodes.map((n) => ({ role: n.role?.value, name: String(n.name?.value ?? "") }));
}

// Ctrl+F, the query, Enter: the first match is selected; Esc closes the bar (the selection
// stays). Options: Alt+R for a regular expression.
async function find(page, query, { regex = false } = {}) {
  await page.keyboard.press("Control+f");
  await settle(page);
  await page.keyboard.press("Control+a");
  await page.keyboard.type(query);
  if (regex) await page.keyboard.press("Alt+r");
  await settle(page);
  await page.keyboard.press("Enter");
  await settle(page);
  if (regex) await page.keyboard.press("Alt+r");
  await page.keyboard.press("Escape");
  await settle(page);
}

async function palette(page, query) {
  await page.keyboard.press("Control+k");
  await settle(page);
  await page.keyboard.type(query);
  await settle(page);
  await page.keyboard.press("Enter");
  await settle(page);
}

test("a task annotated end to end without the mouse", { timeout: 240000 }, async () => {
  const page = await newPage(browser);
  page.mouse.move = page.mouse.down = page.mouse.up = page.mouse.click = () => { throw new Error("the mouse was used"); };
  const params = new URLSearchParams({ tasks: `${receiver.url}/tasks.jsonl`, submit: `${receiver.url}/submit`, annotator: "keys" });
  await openApp(page, `${app.url}?${params}`);
  await page.evaluate(() => window.gloss.taskLoaded);
  await settle(page);
  assert.equal((await state(page)).document, "k1");

  // An entity: found, then labelled with its key; the selection is in the API.
  await find(page, "Amina Dussault");
  let s = await state(page);
  assert.deepEqual(s.selection, { start: cpIndex(article, "Amina Dussault"), end: cpIndex(article, "Amina Dussault") + 14, spanId: null, label: null });
  await page.keyboard.press("p");
  await settle(page);
  s = await state(page);
  assert.equal(s.selection.label, "PERSON");
  assert.equal(typeof s.selection.spanId, "number");
  assert.match(s.announcement, /PERSON “Amina Dussault”/);
  const tree = await accessibleTexts(page);
  assert.ok(tree.some((n) => n.name.includes("PERSON “Amina Dussault”")), "the live region's text is in the accessibility tree");

  // The speaker after the quote, a PERSON inside it, then the quote and its speaker: S, 1.
  await find(page, "Dussault(?= told)", { regex: true });
  await page.keyboard.press("p");
  await find(page, "Omar Haddad");
  await page.keyboard.press("p");
  await find(page, "“Ask Omar Haddad what he saw in the port,”");
  await page.keyboard.press("q");
  await settle(page);
  await page.keyboard.press("s");
  await settle(page);
  await page.keyboard.press("1");
  await settle(page);

  // An ERROR: its type by number (3: misspelling), Enter into its correction, typed.
  await find(page, "ministery");
  await page.keyboard.press("e");
  await settle(page);
  await page.keyboard.press("3");
  await settle(page);
  await page.keyboard.press("Enter");
  await settle(page);
  await page.keyboard.type("ministry");
  await page.keyboard.press("Enter");
  await settle(page);
  await page.keyboard.press("Escape");
  await settle(page);

  // Search and label all: both "Geneva"s as GPE, one undo step.
  await page.keyboard.press("Control+f");
  await settle(page);
  await page.keyboard.press("Control+a");
  await page.keyboard.type("geneva");
  await settle(page);
  await page.keyboard.press("Alt+Enter");
  await settle(page);
  assert.equal((await state(page)).paletteOpen, true);
  await page.keyboard.type("gpe");
  await settle(page);
  await page.keyboard.press("Enter");
  await settle(page);
  assert.match((await state(page)).announcement, /Labelled 2 matches as GPE/);
    await page.keyboard.press("Escape");
  await settle(page);

  // A located_in relation: Tab to the PERSON, R, 1 (located_in), 1 (the nearest place).
  await find(page, "Foreign Minister");
  await page.keyboard.press("Tab");
  await settle(page);
  assert.equal((await state(page)).selection.label, "PERSON");
  await page.keyboard.press("r");
  await settle(page);
  assert.match((await state(page)).announcement, /1 located_in, 2 member_of, 3 same_as/);
  await page.keyboard.press("1");
  await settle(page);
  await page.keyboard.press("1");
  await settle(page);
  assert.match((await state(page)).announcement, /located_in → GPE “Geneva”/);
  await page.screenshot({ path: path.join(artifacts, "keyboard-annotated.png") });

  // What is there now, read back.
  const all = await spans(page);
  const text = (sp) => Array.from(article).slice(sp.start, sp.end).join("");
  const persons = all.filter((sp) => sp.label === "PERSON").map(text).sort();
  assert.deepEqual(persons, ["Amina Dussault", "Dussault", "Omar Haddad"]);
  assert.deepEqual(all.filter((sp) => sp.label === "GPE").map(text), ["Geneva", "geneva"]);
  const quote = all.find((sp) => sp.label === "QUOTE");
  const error = all.find((sp) => sp.label === "ERROR");
  assert.equal(text(error), "ministery");
  assert.deepEqual({ type: error.attrs.type, correction: error.attrs.correction }, { type: "misspelling", correction: "ministry" });
  const [doc] = documents(await page.evaluate(() => window.gloss.getAnnotations()));
  const speaker = doc.relations.find((r) => r.type === "speaker" && r.from === quote.id);
  assert.ok(speaker, "the quote has a speaker");
    assert.equal(text(all.find((sp) => sp.id === speaker.to)), "Dussault", "the mention after the quote, not the one inside it");
  const located = doc.relations.filter((r) => r.type === "located_in");
  assert.equal(located.length, 1);
  assert.deepEqual([text(all.find((sp) => sp.id === located[0].from)), text(all.find((sp) => sp.id === located[0].to))], ["Amina Dussault", "Geneva"]);

  // Done (Ctrl+Enter); an export chosen in the palette; Submit (Ctrl+Shift+Enter).
  await page.keyboard.press("Control+Enter");
  await settle(page);
  assert.equal((await state(page)).done, 1);
  const download = page.waitForEvent("download");
  await palette(page, "export as conll");
  assert.match((await download).suggestedFilename(), /\.conll$/);
  await page.keyboard.press("Control+Shift+Enter");
  await page.waitForFunction(() => window.gloss.state().submission.state === "submitted", null, { timeout: 60000 });
  assert.equal(receiver.posts.length, 1);
  const sent = receiver.posts[0].documents[0];
  assert.equal(sent.spans.length, all.length);
    assert.equal(sent.spans.find((sp) => sp.label === "ERROR").attrs.correction, "ministry");
  assert.equal(sent.relations.length, 2);
  assert.deepEqual(page.problems, []);
});

test("F6 reaches the page's command buttons; one runs its command", { timeout: 120000 }, async () => {
  const page = await newPage(browser);
  await openApp(page, app.url);
  const names = await page.evaluate(() => Array.from(document.querySelectorAll("#commands button"), (b) => b.textContent));
  for (const name of ["Command palette", "Open files…", "Export as…", "Review…", "Submit", "Mark done", "Undo", "Shortcuts"])
    assert.ok(names.includes(name), `a button for ${name}`);
  await page.keyboard.press("F6");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Command palette");
  await page.screenshot({ path: path.join(artifacts, "keyboard-command-bar.png") });
  // Tab walks the buttons (the article does not take it); Enter runs the focused one.
  await page.keyboard.press("Tab");
  const second = await page.evaluate(() => document.activeElement.dataset.command);
  assert.equal(second, names.length > 1 ? await page.evaluate(() => document.querySelectorAll("#commands button")[1].dataset.command) : undefined);
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await settle(page);
  assert.equal((await state(page)).paletteOpen, true);
  // The palette's field has the keys (through the page's hidden text field, for input methods).
  assert.equal(await page.evaluate(() => document.activeElement.id), "text-input");
  await page.keyboard.type("shortcuts");
  await page.keyboard.press("Enter");
  await settle(page);
  const tree = await accessibleTexts(page);
  assert.ok(tree.some((n) => n.role === "button" && n.name === "Command palette"));
  assert.ok(tree.some((n) => n.name.includes("Shortcuts")), "the palette's choice is announced");
  await page.keyboard.press("Escape");
  await page.keyboard.press("F6");
  await page.keyboard.press("F6");
  assert.equal(await page.evaluate(() => document.activeElement.id), "canvas");
  assert.equal(await page.evaluate(() => window.gloss.runCommand("no-such-command")), false);
  assert.deepEqual(page.problems, []);
});
