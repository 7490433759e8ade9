// Task links in real Chromium: tasks, schema and instructions from another origin; clear
// messages for a 404, a CORS refusal and a malformed task file; the read-only preview; and a
// submission that survives failures, a dropped connection and a reload, arriving exactly once,
// and one made offline that is sent when the network returns.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { serve, launch, newPage, openApp, root, nextFrames, artifacts } from "./support.mjs";

const tasks = [
  { id: "t1", text: "Antony Blinken said the talks were “very active”." },
  { id: "t2", text: "Léa Marchetti visited Cairo 🌍 on Tuesday." },
].map((d) => JSON.stringify(d)).join("\n") + "\n";
const garbled = JSON.stringify({ id: "g1", text: "Talks in cairo went on. The civiliansFree the hostages." }) + "\n";
const TURK_SANDBOX = "https://workersandbox.mturk.com";
const schema = readFileSync(path.join(root, "assets/schema/default.json"), "utf8");
const instructions = "# Guidelines\n\nLabel every **person** and place.\n\n- Press P for a person\n- Press Ctrl+Enter when a document is done\n";

// The campaign's other host: task files (with and without CORS) and the receiving endpoint.
// `plan` says how to answer each POST to /submit in turn: a status, or "drop" (close the socket).
function startReceiver() {
  const state = { plan: [], posts: [], accepted: new Map() };
  const cors = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Content-Type, Idempotency-Key", "Access-Control-Allow-Methods": "POST, GET, OPTIONS" };
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => { body += chunk; });
    request.on("end", () => {
      const url = new URL(request.url, "http://x");
      if (request.method === "OPTIONS") { response.writeHead(204, cors); response.end(); return; }
      if (request.method === "GET") {
        const files = { "/tasks.jsonl": tasks, "/schema.json": schema, "/instructions.md": instructions, "/bad.jsonl": tasks + "{\"id\": \"t3\", \"text\": 12\n", "/nocors/tasks.jsonl": tasks, "/garbled.jsonl": garbled };
        if (!(url.pathname in files)) { response.writeHead(404, cors); response.end("not found"); return; }
        response.writeHead(200, url.pathname.startsWith("/nocors/") ? {} : cors);
        response.end(files[url.pathname]);
        return;
      }
      if (url.pathname === "/done") { response.writeHead(200, { "Content-Type": "text/html" }); response.end("<p>done</p>"); return; }
      const key = request.headers["idempotency-key"];
      state.posts.push({ key, body });
      const step = state.plan.shift() ?? 200;
      if (step === "drop") { request.socket.destroy(); return; }
      if (step !== 200) { response.writeHead(step, cors); response.end("try later"); return; }
      if (!state.accepted.has(key)) state.accepted.set(key, JSON.parse(body));
      response.writeHead(200, { ...cors, "Content-Type": "application/json" });
      response.end(JSON.stringify({ completion_code: "GLOSS-7Q2" }));
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

function taskUrl(extra = {}) {
  const params = new URLSearchParams({ tasks: `${receiver.url}/tasks.jsonl`, schema: `${receiver.url}/schema.json`, ...extra });
  return `${app.url}?${params}`;
}

async function openTask(page, url, options) {
  await openApp(page, url, options);
  await page.evaluate(() => window.gloss.taskLoaded);
  await nextFrames(page, 3);
  return page.evaluate(() => window.gloss.state());
}

const annotations = async (page) => (await page.evaluate(() => window.gloss.getAnnotations())).trim().split("\n").map((l) => JSON.parse(l));

test("a task link loads the tasks, schema and instructions from another host", async () => {
  const page = await newPage(browser);
  const state = await openTask(page, taskUrl({ instructions: `${receiver.url}/instructions.md`, annotator: "ann-17" }));
  assert.equal(state.documents, 2);
  assert.equal(state.document, "t1");
  assert.equal(state.annotator, "ann-17");
  assert.equal(state.instructionsOpen, true);
  assert.equal(state.error, "");
  assert.equal(state.submission.canSubmit, false, "Submit waits until every document is done");
  await page.screenshot({ path: path.join(artifacts, "campaign-instructions.png") });
  await page.keyboard.press("F1");
  await nextFrames(page);
  assert.equal((await page.evaluate(() => window.gloss.state())).instructionsOpen, false);
  await page.keyboard.press("F1");
  await nextFrames(page);
  assert.equal((await page.evaluate(() => window.gloss.state())).instructionsOpen, true, "F1 reopens the instructions");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("Assist is off in a task link unless the link says assist=on", async () => {
  const page = await newPage(browser);
  let state = await openTask(page, taskUrl({ tasks: `${receiver.url}/garbled.jsonl` }), { assistAsGiven: true });
  assert.equal(state.document, "g1");
  assert.equal(state.assist, false);
  await nextFrames(page, 3);
  assert.equal((await page.evaluate(() => window.gloss.state())).suggestions, 0);
  assert.ok(!(await page.evaluate(() => window.gloss.getAnnotations())).includes("pending"), "no suggestion among the spans");

  const other = await newPage(browser);
  state = await openTask(other, taskUrl({ tasks: `${receiver.url}/garbled.jsonl`, assist: "on" }), { assistAsGiven: true });
  assert.equal(state.assist, true);
  await other.waitForFunction(() => window.gloss.state().suggestions > 0 && !window.gloss.state().assistBusy);
  const [doc] = (await other.evaluate(() => window.gloss.getAnnotations())).trim().split("\n").map((l) => JSON.parse(l));
  assert.ok(doc.spans.some((s) => s.status === "pending" && s.text === "cairo"), JSON.stringify(doc.spans));
  assert.deepEqual(page.problems, []);
  assert.deepEqual(other.problems, []);
  await page.close();
  await other.close();
});

for (const [name, tasksUrl, expected] of [
  ["a missing task file (404)", "/missing.jsonl", /missing\.jsonl: the server answered 404/],
  ["a host that refuses this page (CORS)", "/nocors/tasks.jsonl", /CORS refusal/],
  ["a malformed task file", "/bad.jsonl", /bad\.jsonl:3/],
]) {
  test(`${name} gives a clear message in the interface`, async () => {
    const page = await newPage(browser);
    const state = await openTask(page, taskUrl({ tasks: `${receiver.url}${tasksUrl}` }));
    assert.match(state.error, expected);
    assert.equal(state.documents, 0, "nothing half-loaded");
    const pixels = await page.screenshot({ path: path.join(artifacts, `campaign-error-${tasksUrl.replace(/\W/g, "")}.png`) });
    assert.ok(pixels.length > 5000, "the interface is drawn, not a blank canvas");
    page.problems = page.problems.filter((p) => !/Failed to load resource|CORS|Access-Control/.test(p));
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test("Mechanical Turk's preview shows the task read-only", async () => {
  const page = await newPage(browser);
  const state = await openTask(page, taskUrl({ assignmentId: "ASSIGNMENT_ID_NOT_AVAILABLE", hitId: "HIT9", turkSubmitTo: TURK_SANDBOX }));
  assert.equal(state.readOnly, true);
  assert.equal(state.documents, 2);
  await page.evaluate(() => window.gloss.select("t1", 0, 14));
  await nextFrames(page, 3);
  await page.keyboard.press("p");
  await page.keyboard.press("Control+Enter");
  await nextFrames(page);
  const [doc] = await annotations(page);
  assert.equal(doc.spans.length, 0, "no label in a preview");
  assert.equal((await page.evaluate(() => window.gloss.state())).done, 0);
  assert.equal(await page.evaluate(() => window.gloss.submit()), false);
  await page.screenshot({ path: path.join(artifacts, "campaign-preview.png") });
  await page.close();
});

async function labelAndFinish(page) {
  await page.evaluate(() => window.gloss.select("t1", 0, 14));
  await nextFrames(page, 3);
  await page.keyboard.press("p");
  await nextFrames(page);
  await page.keyboard.press("Control+Enter");
  await nextFrames(page);
  await page.keyboard.press("Control+Enter");
  await nextFrames(page);
  const state = await page.evaluate(() => window.gloss.state());
  assert.equal(state.done, 2);
  assert.equal(state.submission.canSubmit, true);
}

async function until(condition, what, ms = 30000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("submission survives refusals, a dropped connection and a reload, and arrives once", async () => {
  receiver.plan = [503, "drop", 500, 200];
  receiver.posts = [];
  receiver.accepted.clear();
  const page = await newPage(browser);
  const url = taskUrl({ submit: `${receiver.url}/submit`, annotator: "w1", PROLIFIC_PID: "p-1", STUDY_ID: "s-1", SESSION_ID: "sess-1" });
  await openTask(page, url);
  await labelAndFinish(page);
  await until(() => page.evaluate(() => window.gloss.isSaved()), "the autosave");
  assert.equal(await page.evaluate(() => window.gloss.submit()), true);
  await until(() => receiver.posts.length >= 1, "the first attempt");
  await until(async () => (await page.evaluate(() => window.gloss.state())).submission.state === "waiting", "the retry notice");
  const waiting = await page.evaluate(() => window.gloss.state());
  assert.match(waiting.submission.message, /503.*retrying in \d+ s/);
  assert.equal(receiver.accepted.size, 0);
  // Frozen at Submit: what is sent is what was submitted, and the worker cannot change it now.
  assert.equal(waiting.readOnly, true, "the answers are frozen while they are on their way");
  await page.evaluate(() => window.gloss.select("t1", 33, 39));
  await nextFrames(page, 3);
  await page.keyboard.press("g");
  await nextFrames(page);
  assert.equal((await annotations(page))[0].spans.length, 1, "no edit after Submit");

  // Reload before it got through: the queue in IndexedDB carries on.
  await page.reload();
  await page.evaluate(() => window.gloss.ready);
  await page.evaluate(() => window.gloss.taskLoaded);
  assert.equal((await page.evaluate(() => window.gloss.state())).readOnly, true, "still frozen after a reload");
  await until(async () => (await page.evaluate(() => window.gloss.state())).submission.state === "submitted", "the submission", 60000);
  const done = await page.evaluate(() => window.gloss.state());
  assert.equal(done.submission.code, "GLOSS-7Q2");
  assert.equal(done.readOnly, true, "submitted work is not edited further");
  assert.equal(receiver.posts.length, 4, "503, dropped, 500, then accepted");
  assert.equal(new Set(receiver.posts.map((p) => p.key)).size, 1, "one idempotency key for every attempt");
  assert.equal(receiver.accepted.size, 1, "exactly one submission arrived");
  const [submission] = receiver.accepted.values();
  assert.equal(submission.format, "gloss-submission");
  assert.equal(submission.annotator, "w1");
  assert.equal(submission.task.prolific_pid, "p-1");
  assert.equal(submission.task.session_id, "sess-1");
  assert.equal(submission.documents.length, 2);
  assert.equal(submission.documents[0].spans[0].text, "Antony Blinken");
  assert.equal(submission.documents[0].spans[0].label, "PERSON");
  assert.ok(submission.documents.every((d) => typeof d.time_spent_ms === "number"));
  assert.equal(submission.submission_id, receiver.posts[0].key);
  await page.screenshot({ path: path.join(artifacts, "campaign-submitted.png") });

  // Another reload: still submitted, nothing sent again.
  await page.reload();
  await page.evaluate(() => window.gloss.taskLoaded);
  await nextFrames(page, 5);
  assert.equal((await page.evaluate(() => window.gloss.state())).submission.state, "submitted");
  assert.equal(receiver.posts.length, 4);
  await page.close();
});

test("submitted with the network off, the outbox sends as soon as the network returns", async () => {
  receiver.plan = [];
  receiver.posts = [];
  receiver.accepted.clear();
  const page = await newPage(browser);
  await openTask(page, taskUrl({ submit: `${receiver.url}/submit`, annotator: "w-offline" }));
  await labelAndFinish(page);
  await until(() => page.evaluate(() => window.gloss.isSaved()), "the autosave");
  await page.context().setOffline(true);
  assert.equal(await page.evaluate(() => window.gloss.submit()), true);
  // Retries back off (1, 2, 4, 8, 16, 32 s); wait for a long one, so that only the network's
  // return (the "online" event), not the timer, can send it within the next 20 s.
  await until(async () => /could not be reached.*retrying in 32 s/.test((await page.evaluate(() => window.gloss.state())).submission.message), "a 32 s back-off", 60000);
  assert.equal(receiver.posts.length, 0, "nothing left the browser while offline");
  await page.context().setOffline(false);
  await until(async () => (await page.evaluate(() => window.gloss.state())).submission.state === "submitted", "the submission once online", 20000);
  assert.equal(receiver.posts.length, 1);
  const [submission] = receiver.accepted.values();
  assert.equal(submission.annotator, "w-offline");
  assert.equal(submission.documents[0].spans[0].text, "Antony Blinken");
  await page.close();
});

test("Mechanical Turk mode posts the form to turkSubmitTo/mturk/externalSubmit", async () => {
  const page = await newPage(browser);
  // Mechanical Turk's sandbox, answered here: turkSubmitTo may name no other host.
  const forms = [];
  await page.route(`${TURK_SANDBOX}/**`, (route) => {
    forms.push(new URLSearchParams(route.request().postData() || ""));
    route.fulfill({ status: 200, contentType: "text/html", body: "<p>Thanks from the platform</p>" });
  });
  await openTask(page, taskUrl({ assignmentId: "A-42", hitId: "H-1", workerId: "W-7", turkSubmitTo: TURK_SANDBOX }));
  assert.equal((await page.evaluate(() => window.gloss.state())).annotator, "W-7");
  await labelAndFinish(page);
  const navigation = page.waitForURL(`${TURK_SANDBOX}/mturk/externalSubmit`);
  assert.equal(await page.evaluate(() => window.gloss.submit()), true);
  await navigation;
  assert.equal(forms.length, 1);
  const form = forms[0];
  assert.equal(form.get("assignmentId"), "A-42");
  const documents = JSON.parse(form.get("annotations"));
  assert.equal(documents[0].spans[0].text, "Antony Blinken");
  await page.close();
});

test("done= is where the worker goes after submitting, with the completion code", async () => {
  receiver.plan = [];
  const page = await newPage(browser);
  await openTask(page, taskUrl({ submit: `${receiver.url}/submit`, annotator: "w2", done: `${receiver.url}/done?cc={code}` }));
  await labelAndFinish(page);
  const navigation = page.waitForURL(/\/done\?cc=GLOSS-7Q2$/);
  assert.equal(await page.evaluate(() => window.gloss.submit()), true);
  await navigation;
  await page.close();
});
