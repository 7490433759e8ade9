// Campaign benchmark (not a test): a crowd campaign on NATS JetStream with simulated workers.
// A private nats-server (file storage, loopback) is set up with `gloss campaign server`, a
// campaign created and filled with generated news-like documents, then every worker — a NATS
// connection of its own in this process, with the shared task link's credentials — takes a
// document, submits a "gloss-submission" envelope and acknowledges the task, until none is
// waiting. It speaks web/campaign_nats.js's protocol (the browser's), step for step:
// blocked list, take (no_wait pull, NAK of documents it already did), submit (Nats-Msg-Id,
// PubAck), +ACK.
//   - submissions per second over the work phase (first take to last acknowledgement);
//   - publish -> JetStream's PubAck of each submission, p50 / p95 / max (performance.now()
//     around the request; the clients share the machine's cores with the server, so this
//     includes waiting for this process's event loop);
//   - then `gloss campaign status NAME --json`: with --overlap N every document has exactly N
//     submissions, by N different workers, none lost and none twice, no task left.
// Run: node bench/nats_campaign.mjs [--workers 1000] [--documents 10000] [--overlap 1]
//        [--think-ms 0] [--gloss build/native/gloss] [--keep] [--verbose]
// Needs nats-server on PATH and build/native/gloss built; the server and its temporary folder
// are removed at the end (--keep leaves the folder).
import { spawn, execFile } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, cpus } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { connect, jwtAuthenticator, headers } from "nats";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const options = { workers: 1000, documents: 10000, overlap: 1, "think-ms": 0, gloss: join(root, "build/native/gloss"), keep: false, verbose: false };
for (let i = 2; i < process.argv.length; i++) {
  const name = process.argv[i].replace(/^--/, "");
  if (!(name in options)) { console.error(`nats_campaign: unknown option ${process.argv[i]}`); process.exit(2); }
  if (typeof options[name] === "boolean") options[name] = true;
  else options[name] = typeof options[name] === "number" ? Number(process.argv[++i]) : process.argv[++i];
}
const { workers: WORKERS, documents: DOCUMENTS, overlap: OVERLAP } = options;
const THINK_MS = options["think-ms"];
const CAMPAIGN = "bench";
const SCAN_LIMIT = 64; // as web/campaign_nats.js
const enc = new TextEncoder();
const dec = new TextDecoder();

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const f1 = (x) => (x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(1));
const spread = (values) => ({ p50: +f1(percentile(values, 50)) || 0, p95: +f1(percentile(values, 95)) || 0, max: +f1(Math.max(...values)) || 0 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

function gloss(args, env) {
  return new Promise((ok, fail) => {
    execFile(options.gloss, ["campaign", ...args], { env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`gloss campaign ${args.join(" ")}: ${error.message}\n${stderr}`));
      else ok(stdout);
    });
  });
}

const PLACES = ["Zürich", "São Paulo", "Kraków", "Nairobi", "Egypt", "Israel", "Reykjavík", "Montréal", "Gaza",
    "Brazil", "Lagos", "Ankara", "Québec", "Málaga", "Peru", "Oslo", "Seoul", "Chile", "Bogotá", "Hanoi"];

// Short news items, varied, naming a place or more (accented names, so that code points,
// UTF-16 units and UTF-8 bytes differ).
function newsDocuments(count, seed = 4242) {
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const pick = (list) => list[random(list.length)];
  const people = ["José Müller", "Amina Diallo", "Li Wei", "Sofia Rossi", "Kwame Mensah", "Ana Núñez", "Olaf Berg"];
  const subjects = ["The finance ministry", "Officials", "The central bank", "Local police", "Union leaders", "The mayor's office", "Aid groups"];
  const verbs = ["said on Wednesday that", "announced that", "warned that", "confirmed on Monday that", "denied reports that"];
  const events = ["talks with {P} were “very active”", "exports to {P} rose 4.2% in March", "flights to {P} would resume next week",
    "a storm near {P} had cut power to 27,478 homes", "the summit in {P} was postponed", "prices in {P} fell for a third month"];
  const tails = ["", " A spokesman declined to comment.", " {N} called the decision “premature.”", " More talks are planned for June.",
    " Markets in {P} closed higher.", " The figures were revised — upward — on Friday."];
  const docs = [];
  for (let i = 0; i < count; i++) {
    let text = "";
    const add = (piece) => { text += piece.replace(/\{P\}/g, () => pick(PLACES)).replace(/\{N\}/g, () => pick(people)); };
    const sentences = 1 + random(3);
    for (let k = 0; k < sentences; k++) add(`${k ? " " : ""}${pick(subjects)} ${pick(verbs)} ${pick(events)}.${pick(tails)}`);
    docs.push({ id: `d${String(i + 1).padStart(5, "0")}`, text });
  }
  return docs;
}

// What the worker "annotates": the first place or two of the document (offsets in code points).
function annotate(text) {
  const points = Array.from(text);
  const spans = [];
  for (let i = 0; i < points.length && spans.length < 2; i++)
    for (const place of PLACES) {
      const p = Array.from(place);
      if (p.every((c, k) => points[i + k] === c)) {
        spans.push({ id: spans.length + 1, start: i, end: i + p.length, label: "GPE", status: "accepted", origin: "manual" });
        i += p.length - 1;
        break;
      }
    }
  return spans;
}

const tmp = mkdtempSync(join(tmpdir(), "gloss-nats-bench-"));
const keys = join(tmp, "keys");
let server = null;
const clients = [];
let exitCode = 0;
try {
  const port = await freePort();
  const wsPort = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  const env = { GLOSS_NATS_SERVER: url, GLOSS_CAMPAIGN_KEYS: keys };
  await gloss(["server", keys, "--listen", `127.0.0.1:${port}`, "--websocket", `127.0.0.1:${wsPort}`]);
  server = spawn("nats-server", ["-c", join(keys, "nats.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let serverLog = "";
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`nats-server did not start:\n${serverLog}`)), 15000);
    server.stderr.on("data", (chunk) => {
      serverLog += chunk;
      if (serverLog.includes("Server is ready")) { clearTimeout(timer); ok(); }
    });
    server.once("exit", (code) => { clearTimeout(timer); fail(new Error(`nats-server exited (${code}):\n${serverLog}`)); });
  });
  const serverVersion = (serverLog.match(/Version:\s+(\S+)/) || [])[1] || "?";

  // The campaign and its documents.
  const created = await gloss(["create", CAMPAIGN, "--overlap", String(OVERLAP), "--lease", "60s"], env);
  const link = new URL(created.trim().split("\n").pop());
  const fragment = new URLSearchParams(link.hash.slice(1));
  const jwt = fragment.get("nats-jwt");
  const seed = fragment.get("nats-seed");
  if (!jwt || !seed) throw new Error(`no credentials in the task link: ${link}`);
  const docs = newsDocuments(DOCUMENTS);
  const tasksFile = join(tmp, "tasks.jsonl");
  writeFileSync(tasksFile, docs.map((d) => JSON.stringify(d)).join("\n") + "\n");
  let t = performance.now();
  const addOut = await gloss(["add", CAMPAIGN, tasksFile], env);
  const addMs = performance.now() - t;

  // Connections first (JWT + nkey signature each), fifty at a time, so that the work phase
  // measures work and not 1,000 handshakes at once; a handshake that times out on the busy
  // machine is tried again, as the browser does.
  const natsOptions = {
    servers: url,
    authenticator: jwtAuthenticator(jwt, enc.encode(seed)),
    inboxPrefix: `_INBOX_${CAMPAIGN}`,
    name: "gloss worker",
    timeout: 5000,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
  };
  const connectOne = async () => {
    for (let attempt = 1; ; attempt++) {
      try { return await connect(natsOptions); } catch (error) {
        if (attempt >= 3) throw error;
        connectRetries++;
      }
    }
  };
  let connectRetries = 0;
  t = performance.now();
  let connectError = null;
  for (let i = 0; i < WORKERS; i += 50) {
    const batch = [];
    for (let k = i; k < Math.min(WORKERS, i + 50); k++) batch.push(connectOne());
    for (const s of await Promise.allSettled(batch)) {
      if (s.status === "fulfilled") clients.push(s.value);
      else connectError = connectError || s.reason;
    }
  }
  const connectMs = performance.now() - t;
  if (connectError) console.log(`only ${clients.length} of ${WORKERS} workers connected: ${connectError.message || connectError}`);
  if (!clients.length) throw connectError;
  const connected = clients.length;

  const subjects = {
    next: `$JS.API.CONSUMER.MSG.NEXT.GLOSS_${CAMPAIGN}_TASKS.tasks`,
    blocked: `$JS.API.DIRECT.GET.GLOSS_${CAMPAIGN}_META.gloss.${CAMPAIGN}.meta.blocked`,
  };
  const submitLatency = [], takeLatency = [], ackLatency = [];
  const taken = new Map(); // document id -> workers that took it (and submitted)
  const problems = [];
  const problem = (text) => { problems.push(text); if (options.verbose) console.log(text); };
  let sawTask = false;
  let submitRetries = 0, takeRetries = 0, naks = 0, holding = 0, lastAck = 0, empties = 0;

  async function blocked(nc, worker) {
    try {
      const reply = await nc.request(subjects.blocked, new Uint8Array(0), { timeout: 5000 });
      if (reply.headers && reply.headers.code >= 400) return false;
      const list = JSON.parse(dec.decode(reply.data));
      return Array.isArray(list.workers) && list.workers.includes(worker);
    } catch { return false; }
  }

  // A task comes to the inbox under its stream subject (gloss.NAME.task), not the inbox's, and
  // the client's shared request inbox matches replies by subject: it drops the task and the
  // request times out while the task stays leased. Hence a reply inbox of the take's own
  // (noMux), as web/campaign_nats.js's pull() has.
  const takeOptions = { timeout: 5000, noMux: true };
  async function take(nc, done) {
    const held = [];
    try {
      for (let i = 0; i < SCAN_LIMIT; i++) {
        const msg = await nc.request(subjects.next, enc.encode(JSON.stringify({ batch: 1, no_wait: true })), takeOptions);
        if (msg.headers && msg.headers.code >= 400) return null; // 404 no messages, 408
        if (options.verbose && !sawTask) { sawTask = true; console.log(`a task arrives as ${msg.subject}, reply ${msg.reply}`); }
        let task = null;
        try { task = JSON.parse(dec.decode(msg.data)); } catch { /* not a task: handed back */ }
        const id = task && task.document ? String(task.document.id) : null;
        if (!id || done.has(id) || held.some((h) => h.id === id)) { held.push({ msg, id }); continue; }
        return { ack: msg.reply, document: task.document, slot: task.slot || 0 };
      }
      return null;
    } finally {
      naks += held.length;
      for (const h of held) nc.publish(h.msg.reply, enc.encode("-NAK"));
    }
  }

  async function submit(nc, subject, id, body) {
    const h = headers();
    h.set("Nats-Msg-Id", id);
    const begin = performance.now();
    const reply = await nc.request(subject, enc.encode(JSON.stringify(body)), { timeout: 10000, headers: h });
    submitLatency.push(performance.now() - begin);
    const answer = JSON.parse(dec.decode(reply.data) || "{}");
    if (answer.error) throw new Error(`refused: ${answer.error.description || answer.error.code}`);
    return answer;
  }

  async function work(nc, index) {
    const worker = `w${String(index + 1).padStart(4, "0")}`;
    const done = new Set();
    let wait = 2000;
    for (;;) {
      if (await blocked(nc, worker)) return;
      let begin = performance.now();
      let task;
      try {
        task = await take(nc, done);
      } catch (error) {
        // As the browser: an unanswered take (an overloaded machine) is tried again; what it may
        // have left leased comes back after the lease, and the checks below see any loss.
        takeRetries++;
        if (options.verbose) console.log(`${worker} take: ${error.message}`);
        await sleep(wait); wait = Math.min(wait * 2, 15000);
        continue;
      }
      takeLatency.push(performance.now() - begin);
      if (!task) {
        // As the browser: look again later, while anyone still holds a task that may come back.
        empties++;
        if (holding === 0) return;
        await sleep(wait); wait = Math.min(wait * 2, 15000);
        continue;
      }
      wait = 2000;
      holding++;
      const id = String(task.document.id);
      if (!taken.has(id)) taken.set(id, []);
      taken.get(id).push(worker);
      if (THINK_MS) await sleep(THINK_MS);
      const submissionId = randomUUID();
      const body = {
        format: "gloss-submission", version: 1, submission_id: submissionId, annotator: worker,
        task: { campaign: CAMPAIGN, worker, server: url, slot: task.slot },
        documents: [{ ...task.document, spans: annotate(task.document.text), time_spent_ms: THINK_MS }],
        client: { name: "gloss-bench" },
        submitted_at: new Date().toISOString(),
      };
      // The outbox's way: the same id again until JetStream stores it (a repeat is stored once).
      for (let attempt = 0; ; attempt++) {
        try { await submit(nc, `gloss.${CAMPAIGN}.submit.${worker}`, submissionId, body); break; } catch (error) {
          if (options.verbose) console.log(`${worker} submit ${id}, attempt ${attempt + 1}: ${error.message}`);
          if (attempt >= 5) { problem(`${worker} submit ${id}: ${error.message}`); break; }
          submitRetries++;
          await sleep(Math.min(15000, 1000 * 2 ** attempt));
        }
      }
      begin = performance.now();
      try { await nc.request(task.ack, enc.encode("+ACK"), { timeout: 5000 }); } catch (error) { problem(`${worker} ack ${id}: ${error.message}`); }
      ackLatency.push(performance.now() - begin);
      done.add(id);
      holding--;
      lastAck = performance.now();
    }
  }

  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await Promise.all(clients.map((nc, i) => work(nc, i)));
  const loopEnd = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = (lastAck || loopEnd) - start;
  await Promise.all(clients.map((nc) => nc.close().catch(() => {})));
  clients.length = 0;

  t = performance.now();
  const status = JSON.parse(await gloss(["status", CAMPAIGN, "--json"], env));
  const statusMs = performance.now() - t;
  t = performance.now();
  const collected = join(tmp, "collected");
  await gloss(["collect", CAMPAIGN, collected], env);
  const collectMs = performance.now() - t;
  let collectedDocs = 0;
  for (const f of readdirSync(collected)) collectedDocs += readFileSync(join(collected, f), "utf8").split("\n").filter(Boolean).length;

  // Correctness.
  const expected = DOCUMENTS * OVERLAP;
  const workerDocs = status.workers.reduce((n, w) => n + w.documents, 0);
  const handedOut = [...taken.values()];
  const twice = handedOut.filter((w) => w.length > OVERLAP).length;
  const sameWorker = handedOut.filter((w) => new Set(w).size !== w.length).length;
  const checks = {
    "every document done (status documents.done)": status.documents.done === DOCUMENTS && status.documents.total === DOCUMENTS,
    "none open or in progress": status.documents.open === 0 && status.documents.in_progress === 0,
    [`submissions = documents × overlap (${expected})`]: status.submissions === expected && workerDocs === expected,
    "no repeated submission dropped": status.duplicates_dropped === 0,
    "no task waiting or leased": status.tasks.waiting === 0 && status.tasks.leased === 0,
    [`each document handed out exactly ${OVERLAP}× (client side)`]: taken.size === DOCUMENTS && twice === 0 && handedOut.every((w) => w.length === OVERLAP),
    "never twice to one worker": sameWorker === 0,
    [`collect: ${expected} documents in the workers' files`]: collectedDocs === expected,
    "no errors in workers": problems.length === 0,
  };

  const figures = {
    workers: connected, documents: DOCUMENTS, overlap: OVERLAP, think_ms: THINK_MS,
    submissions: submitLatency.length, wall_s: +(wallMs / 1000).toFixed(2),
    submissions_per_s: Math.round(submitLatency.length / (wallMs / 1000)),
    submit_ms: spread(submitLatency),
    take_ms: spread(takeLatency),
    ack_ms: spread(ackLatency),
    connect_s: +(connectMs / 1000).toFixed(2), add_s: +(addMs / 1000).toFixed(2), status_s: +(statusMs / 1000).toFixed(2),
    collect_s: +(collectMs / 1000).toFixed(2), loop_end_s: +((loopEnd - start) / 1000).toFixed(2),
    client_cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(1), connect_retries: connectRetries, take_retries: takeRetries, submit_retries: submitRetries, naks, empty_takes: empties,
    problems: problems.length, nats_server: serverVersion, cores: cpus().length,
    correct: Object.values(checks).every(Boolean),
  };

  console.log(`${addOut.trim()} (${f1(addMs / 1000)} s)`);
  console.log(`${connected} workers connected in ${f1(connectMs / 1000)} s${connectRetries ? ` (${connectRetries} handshakes tried again)` : ""}; nats-server ${serverVersion}, ${cpus().length} cores, loopback, file storage\n`);
  console.log("| measured | result |\n| --- | --- |");
  console.log(`| submissions stored | ${submitLatency.length} in ${(wallMs / 1000).toFixed(2)} s (first take to last ack) |`);
  console.log(`| submissions per second | ${figures.submissions_per_s} |`);
  console.log(`| submit → PubAck, p50 / p95 / max | ${figures.submit_ms.p50} / ${figures.submit_ms.p95} / ${figures.submit_ms.max} ms |`);
  console.log(`| take (no_wait pull), p50 / p95 / max | ${figures.take_ms.p50} / ${figures.take_ms.p95} / ${figures.take_ms.max} ms |`);
  console.log(`| +ACK, p50 / p95 / max | ${figures.ack_ms.p50} / ${figures.ack_ms.p95} / ${figures.ack_ms.max} ms |`);
  console.log(`| this process's CPU (all clients) | ${figures.client_cpu_s} s |`);
  console.log(`| gloss campaign status / collect afterwards | ${f1(statusMs / 1000)} s / ${f1(collectMs / 1000)} s |`);
  console.log("");
  for (const [what, ok] of Object.entries(checks)) console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (problems.length) console.log(`problems (${problems.length}):\n  ${problems.slice(0, 20).join("\n  ")}`);
  if (!figures.correct) {
    console.log(`status: ${JSON.stringify({ documents: status.documents, tasks: status.tasks, submissions: status.submissions, duplicates_dropped: status.duplicates_dropped })}`);
    if (twice) console.log(`documents handed out more than ${OVERLAP}×: ${twice}, e.g. ${[...taken].filter(([, w]) => w.length > OVERLAP).slice(0, 5).map(([id, w]) => `${id} → ${w.join(",")}`).join("; ")}`);
    exitCode = 1;
  }
  console.log(JSON.stringify(figures));
} catch (error) {
  console.error(`nats_campaign: ${error.stack || error}`);
  exitCode = 1;
} finally {
  await Promise.all(clients.map((nc) => nc.close().catch(() => {})));
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => { server.once("exit", r); setTimeout(r, 5000); });
  }
  if (options.keep) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
