// Campaigns on NATS JetStream, for real: Debian's nats-server on loopback (JetStream storing to a
// temporary folder), `gloss campaign` making the campaign, and workers in Chromium taking,
// annotating and submitting documents through the task link. Checks that every document gets
// exactly N submissions from N different workers, that an abandoned lease comes back, that a
// server restart loses and doubles nothing, that a worker's credentials reach nothing else, that
// `collect` gives what the workers submitted (and score, agree and merge read it), and that a
// bad link says what is wrong.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { connect, jwtAuthenticator } from "nats";
import { serve, launch, newPage, openApp, settle, artifacts, freePort } from "./support.mjs";
import { startNats, taskLink, gloss } from "./nats_support.mjs";

const run = promisify(execFile);
let app;
let browser;
let nats;
const work = mkdtempSync(path.join(os.tmpdir(), "gloss-campaign-"));

before(async () => { app = await serve(); browser = await launch(); nats = await startNats(); });
after(async () => { await browser?.close(); app?.close(); await nats?.stop(); });

function tasksFile(name, ids) {
  const file = path.join(work, `${name}.jsonl`);
  writeFileSync(file, ids.map((id, i) => JSON.stringify({ id, text: `Report ${i + 1}: the talks in Cairo went on “until late”, said Ann Lee.` })).join("\n") + "\n");
  return file;
}

async function createCampaign(name, ids, ...options) {
  const made = await nats.campaign("create", name, "--app", app.url, ...options);
  assert.equal(made.code, 0, made.stderr);
  const added = await nats.campaign("add", name, tasksFile(name, ids));
  assert.equal(added.code, 0, added.stderr);
  return made.stdout;
}

async function status(name) {
  const r = await nats.campaign("status", name, "--json");
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function openWorker(link, annotator) {
  const page = await newPage(browser);
  await openApp(page, `${link.replace("#", `&annotator=${annotator}#`)}`);
  return page;
}

// The document the worker has in hand once it is another than `previous`; null when the page
// says none is waiting (within `timeout`), unless `wait`: then only a document ends the wait.
async function nextDocument(page, previous, timeout = 60000, wait = false) {
  const handle = await page.waitForFunction(([prev, wait]) => {
    const s = window.gloss.state();
    if (s.documents === 1 && s.document !== prev && s.submission.state === "idle" && !s.readOnly) return { id: s.document };
    if (!wait && /No document is waiting|closed|stopped you/.test(s.submission.message)) return { id: null, message: s.submission.message };
    return null;
  }, [previous, wait], { timeout, polling: 100 });
  return (await handle.jsonValue()).id;
}

// Labels "Cairo" as GPE with the keyboard, marks the document done and submits it; returns the
// document as the worker submitted it.
async function annotateAndSubmit(page, id) {
  const doc = JSON.parse((await page.evaluate(() => window.gloss.getAnnotations())).trim());
  assert.equal(doc.id, id);
  const start = Array.from(doc.text.slice(0, doc.text.indexOf("Cairo"))).length;
  assert.ok(await page.evaluate(([d, s]) => window.gloss.select(d, s, s + 5), [id, start]));
  await settle(page);
  await page.keyboard.press("g");
  await page.keyboard.press("Control+Enter");
  await settle(page);
  const submitted = JSON.parse((await page.evaluate(() => window.gloss.getAnnotations())).trim());
  assert.ok(submitted.spans.some((s) => s.label === "GPE" && s.text === "Cairo"), JSON.stringify(submitted.spans));
  assert.equal(await page.evaluate(() => window.gloss.submit()), true, "Submit is enabled once the document is done");
  return submitted;
}

const read = (file) => readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));

test("three workers, overlap 2, ten documents: each document is submitted by exactly two different workers", async () => {
  const ids = Array.from({ length: 10 }, (_, i) => `d${i + 1}`);
  const gold = path.join(work, "gold.jsonl");
  writeFileSync(gold, JSON.stringify({ id: "g1", text: "Report 0: the talks in Cairo went on “until late”, said Ann Lee.", spans: [{ start: 23, end: 28, label: "GPE" }] }) + "\n");
  const link = taskLink(await createCampaign("three", ids, "--overlap", "2", "--lease", "60s", "--gold", gold, "--gold-rate", "0.2"), app.url);
  const workers = ["ann", "bob", "cyd"];
  const pages = await Promise.all(workers.map((w) => openWorker(link, w)));
  const submitted = Object.fromEntries(workers.map((w) => [w, []]));
  let finished = false;
  const watch = (async () => {
    for (let i = 0; i < 600 && !finished; i++) {
      if ((await status("three")).documents.done === 10) finished = true;
      else await new Promise((r) => setTimeout(r, 500));
    }
  })();
  await Promise.all(workers.map(async (worker, k) => {
    const page = pages[k];
    let previous = null;
    while (!finished) {
      const id = await nextDocument(page, previous, 3000).catch(() => undefined);
      if (!id) continue; // none waiting now, or still on its way: ask again until all are done
      submitted[worker].push(await annotateAndSubmit(page, id));
      previous = id;
    }
  }));
  await watch;
  assert.ok(finished, "every document was done");
  await pages[0].screenshot({ path: path.join(artifacts, "nats-campaign-worker.png") });

  const s = await status("three");
  assert.deepEqual(s.documents, { total: 10, open: 0, in_progress: 0, done: 10 });
  // Gold documents (g1) are tasks like any other; the ten real documents each went to two.
  for (const worker of workers) {
    const mine = submitted[worker].map((d) => d.id);
    assert.equal(new Set(mine).size, mine.length, `${worker} got no document twice: ${mine}`);
  }
  for (const id of ids) {
    const by = workers.filter((w) => submitted[w].some((d) => d.id === id));
    assert.equal(by.length, 2, `${id} was submitted by ${by}`);
  }

  // collect: one file per worker holding exactly what each submitted.
  const out = path.join(work, "results");
  const collected = await nats.campaign("collect", "three", out);
  assert.equal(collected.code, 0, collected.stderr);
  assert.deepEqual(readdirSync(out).sort(), workers.map((w) => `${w}.jsonl`));
  for (const worker of workers) {
    const docs = read(path.join(out, `${worker}.jsonl`));
    assert.deepEqual(docs.map((d) => d.id).sort(), submitted[worker].map((d) => d.id).sort());
    for (const doc of docs) {
      const sent = submitted[worker].find((d) => d.id === doc.id);
      assert.equal(doc.text, sent.text);
      assert.deepEqual(doc.spans.map((x) => [x.start, x.end, x.label]), sent.spans.map((x) => [x.start, x.end, x.label]));
      assert.ok(doc.spans.every((x) => x.annotator === worker));
    }
  }
  // Again: the same files (safe to run again).
  const before = workers.map((w) => readFileSync(path.join(out, `${w}.jsonl`), "utf8"));
  assert.equal((await nats.campaign("collect", "three", out)).code, 0);
  assert.deepEqual(workers.map((w) => readFileSync(path.join(out, `${w}.jsonl`), "utf8")), before);

  // score, agree and merge read what collect wrote.
  const files = workers.map((w) => path.join(out, `${w}.jsonl`));
  const scored = await run(gloss, ["score", "--gold", gold, ...files, "--json"]);
  const scores = JSON.parse(scored.stdout);
  assert.ok(scores.workers.length >= 2 && scores.workers.every((w) => w.f1 === 1), scored.stdout);
  const agreed = await run(gloss, ["agree", ...files]);
  assert.match(agreed.stdout, /F1/);
  const merged = path.join(work, "merged.jsonl");
  await run(gloss, ["merge", ...files, "-o", merged, "--strategy", "majority"]);
  assert.equal(read(merged).filter((d) => ids.includes(d.id)).length, 10);
  for (const p of pages) { assert.deepEqual(p.problems, []); await p.context().close(); }
});

test("a document a worker abandons comes back after its lease and another worker finishes it", async () => {
  const link = taskLink(await createCampaign("lease", ["l1", "l2"], "--lease", "8s"), app.url);
  const quitter = await openWorker(link, "quitter");
  const abandoned = await nextDocument(quitter, null);
  assert.equal(abandoned, "l1");
  const held = await status("lease");
  assert.deepEqual(held.tasks, { waiting: 1, leased: 1 }, "l1 is leased to the worker who has it");
  await quitter.context().close(); // the tab is closed halfway

  // The other worker takes what is waiting, then the abandoned document once its lease ran out.
  const worker = await openWorker(link, "finisher");
  const done = [];
  let previous = null;
  while (done.length < 2) {
    const id = await nextDocument(worker, previous, 60000, true);
    await annotateAndSubmit(worker, id);
    done.push(id);
    previous = id;
  }
  assert.deepEqual(done.sort(), ["l1", "l2"]);
  await worker.waitForFunction(() => /No document is waiting/.test(window.gloss.state().submission.message));
  const s = await status("lease");
  assert.equal(s.documents.done, 2);
  assert.deepEqual(s.tasks, { waiting: 0, leased: 0 });
  assert.deepEqual(s.workers.map((w) => [w.worker, w.documents]), [["finisher", 2]]);
  assert.deepEqual(worker.problems, []);
  await worker.context().close();
});

test("nats-server stopped and started mid-campaign: nothing is lost or doubled, and the work waits in the browser", async () => {
  const link = taskLink(await createCampaign("restart", ["r1", "r2", "r3"]), app.url);
  const page = await openWorker(link, "dee");
  const first = await nextDocument(page, null);
  await nats.stop();
  const sent = await annotateAndSubmit(page, first);
  await page.waitForFunction(() => window.gloss.state().submission.state === "waiting", null, { timeout: 30000 });
  // A reload while the server is away: the submitted document and its answers are still there.
  await page.waitForFunction(() => window.gloss.isSaved());
  await page.reload();
  await page.evaluate(() => window.gloss.ready.then(() => true));
  await page.waitForFunction(() => /cannot be reached/.test(window.gloss.state().error), null, { timeout: 30000 });
  const kept = JSON.parse((await page.evaluate(() => window.gloss.getAnnotations())).trim());
  assert.deepEqual(kept.spans.map((x) => [x.start, x.end, x.label]), sent.spans.map((x) => [x.start, x.end, x.label]));
  assert.equal((await page.evaluate(() => window.gloss.state())).submission.state, "waiting");
  await page.screenshot({ path: path.join(artifacts, "nats-campaign-server-away.png") });

  await nats.start();
  const second = await nextDocument(page, first, 90000, true);
  await annotateAndSubmit(page, second);
  const third = await nextDocument(page, second);
  await annotateAndSubmit(page, third);
  await page.waitForFunction(() => /No document is waiting/.test(window.gloss.state().submission.message));
  const s = await status("restart");
  assert.equal(s.documents.done, 3);
  assert.equal(s.submissions, 3, "each submission stored once");
  const out = path.join(work, "restart");
  assert.equal((await nats.campaign("collect", "restart", out)).code, 0);
  assert.deepEqual(read(path.join(out, "dee.jsonl")).map((d) => d.id).sort(), ["r1", "r2", "r3"]);
  page.problems = page.problems.filter((p) => !/WebSocket connection|ERR_CONNECTION_REFUSED/.test(p));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a worker's credentials take tasks and submit, and reach nothing else", async () => {
  await createCampaign("perm", ["p1"]);
  const other = await createCampaign("other", ["o1"]);
  const bound = await nats.campaign("link", "perm", "--worker", "bob");
  const creds = (output) => { const f = new URLSearchParams(new URL(output.trim().split("\n").pop()).hash.slice(1)); return jwtAuthenticator(f.get("nats-jwt"), new TextEncoder().encode(f.get("nats-seed"))); };
  const nc = await connect({ servers: nats.url, authenticator: creds(bound.stdout), inboxPrefix: "_INBOX_perm_bob" });
  const errors = [];
  (async () => { for await (const s of nc.status()) if (s.type === "error") errors.push(`${s.data} ${JSON.stringify(s.permissionContext)}`); })();
  const enc = (o) => new TextEncoder().encode(JSON.stringify(o));

  // Allowed: take the task, submit as bob.
  const tasks = nc.subscribe("_INBOX_perm_bob.take", { max: 1, timeout: 5000 });
  nc.publish("$JS.API.CONSUMER.MSG.NEXT.GLOSS_perm_TASKS.tasks", enc({ batch: 1, no_wait: true }), { reply: "_INBOX_perm_bob.take" });
  for await (const task of tasks) assert.equal(JSON.parse(new TextDecoder().decode(task.data)).document.id, "p1");
  const ack = await nc.request("gloss.perm.submit.bob", enc({ submission_id: "s1", documents: [] }), { timeout: 5000 });
  assert.equal(JSON.parse(new TextDecoder().decode(ack.data)).stream, "GLOSS_perm_SUBMIT");

  // Refused: reading the submissions, asking JetStream about them, submitting as someone else or
  // to another campaign, taking another campaign's tasks, listening outside its inbox.
  const sub = nc.subscribe("gloss.perm.submit.>");
  const subscription = (async () => { try { for await (const m of sub) return `read ${m.subject}`; } catch (e) { return e.message; } })();
  for (const subject of ["$JS.API.STREAM.MSG.GET.GLOSS_perm_SUBMIT", "$JS.API.CONSUMER.CREATE.GLOSS_perm_SUBMIT", "$JS.API.STREAM.INFO.GLOSS_perm_SUBMIT",
    "$JS.API.CONSUMER.MSG.NEXT.GLOSS_other_TASKS.tasks", "$JS.API.DIRECT.GET.GLOSS_perm_META.gloss.perm.meta.settings"]) {
    await assert.rejects(nc.request(subject, enc({ seq: 1, batch: 1, no_wait: true }), { timeout: 1500 }), undefined, subject);
  }
  nc.publish("gloss.perm.submit.ann", enc({ submission_id: "forged" }));
  nc.publish("gloss.other.submit.bob", enc({ submission_id: "elsewhere" }));
  nc.subscribe("_INBOX_perm.>");
  await nc.flush().catch(() => {});
  await new Promise((r) => setTimeout(r, 500));
  assert.match(await subscription, /Permissions Violation/i);
  const said = errors.join("\n");
  for (const subject of ["gloss.perm.submit.ann", "gloss.other.submit.bob", "_INBOX_perm.>", "$JS.API.STREAM.MSG.GET.GLOSS_perm_SUBMIT",
    "$JS.API.CONSUMER.CREATE.GLOSS_perm_SUBMIT", "$JS.API.STREAM.INFO.GLOSS_perm_SUBMIT", "$JS.API.CONSUMER.MSG.NEXT.GLOSS_other_TASKS.tasks",
    "$JS.API.DIRECT.GET.GLOSS_perm_META.gloss.perm.meta.settings"]) assert.ok(said.split("\n").some((line) => /PERMISSIONS_VIOLATION/.test(line) && line.includes(`"${subject}"`)), `${subject} refused: ${said}`);
  await nc.close();
  const s = await status("perm");
  assert.equal(s.submissions, 1, "only bob's own submission was stored");
  assert.deepEqual(s.workers.map((w) => w.worker), ["bob"]);
  assert.ok(other.includes("campaign=other"));
});

test("a wrong server, wrong credentials or a closed campaign say so in the interface, and the worker's work stays", async () => {
  const output = await createCampaign("bad", ["b1", "b2"]);
  const link = taskLink(output, app.url);

  const unreachable = await newPage(browser);
  const port = await freePort();
  await openApp(unreachable, link.replace(/nats=ws%3A%2F%2F127.0.0.1%3A\d+/, `nats=ws%3A%2F%2F127.0.0.1%3A${port}`));
  await unreachable.waitForFunction((port) => new RegExp(`campaign server ws://127.0.0.1:${port} cannot be reached`).test(window.gloss.state().error), port, { timeout: 20000 });
  await unreachable.context().close();

  // Credentials that are not the link's own: the seed of another worker's link with this JWT
  // (the server checks the signature), and a seed cut short.
  const otherSeed = new URLSearchParams(new URL((await nats.campaign("link", "bad", "--worker", "zed")).stdout.trim()).hash.slice(1)).get("nats-seed");
  for (const [wrong, expected] of [[link.replace(/nats-seed=SU[A-Z2-7]+/, `nats-seed=${otherSeed}`), /refused this link's credentials/],
    [link.replace(/(nats-seed=SU[A-Z2-7]+)[A-Z2-7]{4}/, "$1"), /credentials .* are damaged/]]) {
    const forged = await newPage(browser);
    await openApp(forged, wrong);
    await forged.waitForFunction((source) => new RegExp(source).test(window.gloss.state().error), expected.source, { timeout: 20000 });
    await forged.context().close();
  }

  // A worker with a document in hand when the owner closes the campaign: the work is kept and its
  // submission still stored; then no more documents.
  const page = await openWorker(link, "eve");
  const first = await nextDocument(page, null);
  assert.equal((await nats.campaign("close", "bad")).code, 0);
  await annotateAndSubmit(page, first);
  await page.waitForFunction(() => /campaign is closed/.test(window.gloss.state().submission.message), null, { timeout: 30000 });
  const s = await status("bad");
  assert.equal(s.closed, true);
  assert.equal(s.submissions, 1);
  await page.screenshot({ path: path.join(artifacts, "nats-campaign-closed.png") });
  page.problems = page.problems.filter((p) => !/WebSocket connection/.test(p));
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // The tool: a campaign that does not exist, a server that is not there.
  const missing = await nats.campaign("status", "nope");
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /there is no campaign "nope"/);
  const away = await nats.campaign("status", "bad", "--server", "nats://127.0.0.1:9");
  assert.equal(away.code, 1);
  assert.match(away.stderr, /cannot be reached/);
});
