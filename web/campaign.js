// Task links and submission (docs/CROWDSOURCING.md). Reads the link's parameters before the
// engine starts, loads the task file, schema and instructions once main() has run, and sends the
// results: queued in IndexedDB before the first attempt, retried with backoff across reloads,
// shown as submitted only after the endpoint answered 2xx, with one idempotency key per task.
// A link naming a NATS campaign (campaign=, nats=) takes its documents one at a time from the
// campaign's JetStream work queue instead, and submits there ("[NATS]" below).
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  // A NATS campaign's credentials travel in the fragment, which browsers never send to a server;
  // a platform that appends its worker id after the fragment puts it there too.
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  const get = (name) => (params.get(name) || fragment.get(name) || "").trim();
  const RETRY_FIRST_MS = 1000;
  const RETRY_LONGEST_MS = 60000;
  // Mechanical Turk's production and sandbox hosts: the only places turkSubmitTo may post to.
  const TURK_ORIGINS = ["https://www.mturk.com", "https://workersandbox.mturk.com"];

  // [Safe links] Links are written by others: every address the page fetches, posts to or goes
  // to must be http(s) (or relative to the page); anything else is refused, said in the
  // interface once the engine has started, and never used.
  const refused = [];
  function address(name, { origins = null } = {}) {
    const value = get(name);
    if (!value) return "";
    let url = null;
    try { url = new URL(value, location.href); } catch { /* refused below */ }
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      refused.push(`The link's ${name}= (${shown}) is not an http(s) address: it was refused.`);
      return "";
    }
    if (origins && !origins.includes(url.origin)) {
      refused.push(`The link's ${name}= (${shown}) is not one of ${origins.join(", ")}: it was refused.`);
      return "";
    }
    return url.href;
  }

  // A campaign on NATS JetStream (web/campaign_nats.js): the server's WebSocket address, the
  // campaign's name and the worker's credentials.
  function natsCampaign() {
    if (!get("campaign")) return null;
    const server = get("nats");
    const campaign = get("campaign");
    const token = /^[A-Za-z0-9_-]{1,64}$/;
    if (!/^wss?:\/\/[^\s]+$/.test(server)) {
      refused.push(`The link's nats= (${server.slice(0, 60) || "missing"}) is not a ws:// or wss:// address: the campaign cannot be reached.`);
      return null;
    }
    if (!token.test(campaign)) { refused.push(`The link's campaign= (${campaign.slice(0, 60)}) is not a campaign name.`); return null; }
    if (!get("nats-jwt") || !get("nats-seed")) { refused.push("The link carries no credentials for the campaign (nats-jwt, nats-seed): ask for the whole link."); return null; }
    return { server, campaign, jwt: get("nats-jwt"), seed: get("nats-seed"), worker: get("worker"), bound: !!get("worker") };
  }

  const nats = get("campaign") ? natsCampaign() : null;
  const tasksGiven = !!get("tasks") || !!get("campaign");
  const assignmentId = get("assignmentId");
  const link = !tasksGiven ? null : {
    tasks: address("tasks"),
    schema: address("schema"),
    instructions: address("instructions"),
    submit: address("submit"),
    done: address("done"),
    code: get("code"),
    mturk: assignmentId ? { assignmentId, hitId: get("hitId"), turkSubmitTo: address("turkSubmitTo", { origins: TURK_ORIGINS }), workerId: get("workerId") } : null,
    prolific: get("PROLIFIC_PID") ? { pid: get("PROLIFIC_PID"), study: get("STUDY_ID"), session: get("SESSION_ID") } : null,
  };
  if (link && refused.length) refused.push("Nothing will be fetched from or sent to a refused address.");
  if (link) {
    link.preview = assignmentId === "ASSIGNMENT_ID_NOT_AVAILABLE";
    link.annotator = get("annotator") || (link.mturk && link.mturk.workerId) || (link.prolific && link.prolific.pid) || "";
    link.canSubmit = !!(link.submit || (link.mturk && link.mturk.turkSubmitTo) || nats);
    link.nats = nats;
    if (nats && !nats.worker) {
      // The worker's id in subjects: the name when it is a token, else a hash of it.
      const name = link.annotator || "anonymous";
      let hash = 0xcbf29ce484222325n;
      for (const byte of new TextEncoder().encode(name)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
      nats.worker = /^[A-Za-z0-9_-]{1,64}$/.test(name) ? name : `w${hash.toString(16).padStart(16, "0")}`;
    }
  }
  // One saved session (and one submission) per task and worker: another task link in the same
  // browser starts from its own documents.
  const sessionKey = !link ? "current"
    : link.nats ? `campaign:${link.nats.server}|${link.nats.campaign}|${link.nats.worker}`
    : `task:${link.tasks || get("tasks")}|${assignmentId || (link.prolific && link.prolific.session) || link.annotator}`;

  let ccall = null;
  const setState = (state, message, code = "") => { if (ccall) ccall("gloss_set_submission", null, ["number", "string", "string"], [state, message, code]); };

  // [Outbox] IndexedDB database "gloss-outbox": {key, id, body, attempts, lastError, sent, code}.
  function outbox(mode, work) {
    return new Promise((resolve, reject) => {
      if (!window.indexedDB) { reject(new Error("this browser has no IndexedDB")); return; }
      const request = indexedDB.open("gloss-outbox", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("outbox");
      request.onerror = () => reject(request.error || new Error("storage is unavailable"));
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction("outbox", mode);
        const result = work(tx.objectStore("outbox"));
        tx.oncomplete = () => { db.close(); resolve(result.result); };
        tx.onerror = tx.onabort = () => { db.close(); reject(tx.error || new Error("storage failed")); };
      };
    });
  }
  const loadRecord = () => outbox("readonly", (store) => store.get(sessionKey));
  const saveRecord = (record) => outbox("readwrite", (store) => store.put(record, sessionKey));

  async function fetchText(url, what) {
    let response;
    try {
      response = await fetch(url, { credentials: "omit", cache: "no-cache" });
    } catch (error) {
      throw new Error(`Could not load the ${what} from ${url}: the server could not be reached or refused this page ` +
        `(a CORS refusal: that host must send Access-Control-Allow-Origin for ${location.origin}).`);
    }
    if (!response.ok) throw new Error(`Could not load the ${what} from ${url}: the server answered ${response.status} ${response.statusText || ""}`.trim() + ".");
    return response.text();
  }

  // The link's files are fetched as the page starts, beside the engine's own download, and used
  // once main() has run, before the first frame (a failure is reported then, where the user
  // sees it).
  const early = (url, what) => {
    if (!url) return null;
    const result = fetchText(url, what).then((text) => ({ text }), (error) => ({ error }));
    return async () => { const { text, error } = await result; if (error) throw error; return text; };
  };
  const prefetched = link ? {
    tasks: early(link.tasks, "task file"), schema: early(link.schema, "schema"), instructions: early(link.instructions, "instructions"),
  } : null;

  function envelope(results, id) {
    const m = (link && link.mturk) || {};
    const p = (link && link.prolific) || {};
    return {
      format: "gloss-submission",
      version: 1,
      submission_id: id,
      annotator: link.annotator || "anonymous",
      task: link.nats ? {
        campaign: link.nats.campaign, worker: link.nats.worker, server: link.nats.server,
        slot: natsTask ? natsTask.slot : null,
        assignment_id: m.assignmentId || null, hit_id: m.hitId || null, worker_id: m.workerId || null,
        prolific_pid: p.pid || null, study_id: p.study || null, session_id: p.session || null,
      } : {
        tasks: link.tasks, schema: link.schema || null,
        assignment_id: m.assignmentId || null, hit_id: m.hitId || null, worker_id: m.workerId || null,
        prolific_pid: p.pid || null, study_id: p.study || null, session_id: p.session || null,
      },
      documents: results.documents.map((doc) => ({ ...doc, time_spent_ms: results.time_spent_ms[doc.id] || 0 })),
      client: { name: "gloss", version: (window.gloss && window.gloss.version) || "", user_agent: navigator.userAgent },
      submitted_at: new Date().toISOString(),
    };
  }

  const wait = (ms) => new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() { clearTimeout(timer); window.removeEventListener("online", done); resolve(); }
    window.addEventListener("online", done);
  });

  function postToTurk(record) {
    const form = document.createElement("form");
    form.method = "POST";
    form.action = `${link.mturk.turkSubmitTo.replace(/\/+$/, "")}/mturk/externalSubmit`;
    const fields = { assignmentId: link.mturk.assignmentId, submission_id: record.id, annotations: JSON.stringify(record.body.documents) };
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  }

  function finish(record) {
    if (link.nats) { natsFinished(record); return; }
    setState(3, "", record.code || "");
    if (link.mturk && link.mturk.turkSubmitTo) postToTurk(record);
    else if (link.done) setTimeout(() => location.assign(link.done.replace(/%7Bcode%7D|\{code\}/gi, encodeURIComponent(record.code || ""))), 1500);
  }

  let sending = false;
  async function send(record) {
    if (sending) return;
    sending = true;
    try {
      for (;;) {
        setState(1, record.attempts ? `Submitting (attempt ${record.attempts + 1})…` : "Submitting…");
        let error = "";
        let answer = "";
        if (link.nats) {
          try {
            if (!natsClient || !natsClient.connected()) throw new Error("the campaign server is not connected yet");
            await natsClient.submit(record.id, record.body);
          } catch (e) {
            error = e.message;
          }
        } else if (link.submit) {
          try {
            const response = await fetch(link.submit, {
              method: "POST",
              headers: { "Content-Type": "application/json", "Idempotency-Key": record.id },
              body: JSON.stringify(record.body),
              credentials: "omit",
            });
            answer = await response.text().catch(() => "");
            if (!response.ok) error = `the endpoint answered ${response.status} ${response.statusText || ""}`.trim();
          } catch {
            error = "the endpoint could not be reached";
          }
        }
        if (!error) {
          let code = link.code;
          try { const reply = JSON.parse(answer); if (reply && reply.completion_code) code = String(reply.completion_code); } catch { /* not JSON */ }
          record.sent = true;
          record.code = code;
          await saveRecord(record).catch(() => {});
          finish(record);
          return;
        }
        record.attempts += 1;
        record.lastError = error;
        await saveRecord(record).catch(() => {});
        const delay = Math.min(RETRY_LONGEST_MS, RETRY_FIRST_MS * 2 ** (record.attempts - 1));
        setState(2, `Not submitted yet (${error}); retrying in ${Math.ceil(delay / 1000)} s. Your work is kept in this browser.`);
        await wait(delay);
      }
    } finally {
      sending = false;
    }
  }

  async function submit(payload) {
    let record = await loadRecord().catch(() => null);
    if (record && record.sent) { finish(record); return; }
    const id = (record && record.id) || (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);
    record = { id, body: envelope(JSON.parse(payload), id), attempts: record ? record.attempts : 0, sent: false, code: "" };
    if (link.nats) { record.task = natsTask; natsHolding = true; }
    try {
      await saveRecord(record);
    } catch (error) {
      setState(2, `Your results could not be queued in this browser (${error.message}); sending them now — keep this page open.`);
    }
    await send(record);
  }

  // [NATS] A campaign on NATS JetStream hands out one document at a time: taken from the
  // campaign's work queue (a lease the server takes back if it runs out), submitted through the
  // outbox above (sent only when JetStream stored it), then acknowledged, then the next.
  // IndexedDB keeps, beside the outbox record, which documents this worker did and the task
  // in hand ("<sessionKey>#nats"), so a reload goes on where it was.
  let natsClient = null;
  let natsApi = null;
  let natsTask = null; // { ack, id, slot }
  let natsDone = new Set();
  let natsTimer = 0;
  let natsWait = 2000;
  let natsLastInput = Date.now();
  let natsHolding = false; // a submission waits in the outbox: its answers stay frozen
  const natsKey = `${sessionKey}#nats`;
  const saveNats = () => outbox("readwrite", (store) => store.put({ done: [...natsDone], task: natsTask }, natsKey)).catch(() => {});
  const natsStop = (message) => { clearTimeout(natsTimer); setState(0, message); };

  let natsTaking = false; // one take at a time: a second would lease a task nobody works on
  async function natsTake() {
    clearTimeout(natsTimer);
    if (natsTask || natsTaking) return;
    natsTaking = true;
    try {
      if (!natsClient.connected()) throw new Error("not connected");
      const access = await natsClient.access();
      if (access.closed) throw new window.GlossNats.CampaignClosed("closed");
      if (access.blocked) { natsStop("The campaign's owner stopped you from taking more documents. What you submitted is stored."); return; }
      const task = await natsClient.take(natsDone);
      if (!task) {
        setState(0, `No document is waiting for you now${natsDone.size ? ` (you did ${natsDone.size})` : ""}. Documents others left unfinished come back when their time runs out: checking again in ${Math.round(natsWait / 1000)} s.${link.code && natsDone.size ? ` Your completion code: ${link.code}` : ""}`);
        natsTimer = setTimeout(natsTake, natsWait);
        natsWait = Math.min(natsWait * 2, 15000);
        return;
      }
      natsWait = 2000;
      natsTask = { ack: task.ack, id: String(task.document.id), slot: task.slot, lease: task.lease };
      await saveNats();
      natsApi.gloss.loadDocuments(`${JSON.stringify(task.document)}\n`, { source: `campaign ${link.nats.campaign}`, replace: true });
      setState(0, "");
    } catch (error) {
      if (error instanceof window.GlossNats.CampaignClosed) { natsStop("This campaign is closed: no more documents are handed out. What you submitted is stored."); return; }
      setState(0, `Cannot take a document now (${error.message}); trying again in ${Math.round(natsWait / 1000)} s.`);
      natsTimer = setTimeout(natsTake, natsWait);
      natsWait = Math.min(natsWait * 2, 15000);
    } finally {
      natsTaking = false;
    }
  }

  async function natsFinished(record) {
    const task = record.task || natsTask;
    if (task) {
      natsDone.add(task.id);
      await natsClient.finish(task.ack);
    }
    natsTask = null;
    natsHolding = false;
    await saveNats();
    await outbox("readwrite", (store) => store.delete(sessionKey)).catch(() => {});
    setState(0, "Submitted and stored. Taking the next document…");
    natsTake();
  }

  async function startNats(api) {
    natsApi = api;
    const saved = await outbox("readonly", (store) => store.get(natsKey)).catch(() => null);
    if (saved) { natsDone = new Set(saved.done || []); natsTask = saved.task || null; }
    // A task in hand whose document is not on screen (the saved session was lost) is handed back
    // when its lease runs out; the worker gets the next one.
    if (natsTask && !(api.restored && String(api.gloss.state().document) === natsTask.id)) natsTask = null;
    // A submission still on its way stays frozen as submitted while the server is away.
    const pending = await loadRecord().catch(() => null);
    natsHolding = !!(pending && !pending.sent);
    if (natsHolding) setState(2, "Not submitted yet: waiting for the campaign server. Your work is kept in this browser.");
    for (const type of ["keydown", "pointerdown", "wheel"]) window.addEventListener(type, () => { natsLastInput = Date.now(); }, { capture: true, passive: true });
    natsClient = new window.GlossNats.Client(link.nats);
    natsRun(); // in the background: the page is ready; the first document comes when it comes
  }

  async function natsRun() {
    let complained = false;
    for (let attempt = 0; ; attempt++) {
      try {
        await natsClient.connect();
        break;
      } catch (error) {
        const wait = Math.min(30000, 2000 * 2 ** attempt);
        const refusedLink = /refused this link/.test(error.message);
        complained = true;
        ccall("gloss_show_error", null, ["string"], [`${error.message} Your work is kept in this browser${refusedLink ? "." : `; trying again in ${Math.round(wait / 1000)} s.`}`]);
        if (!natsHolding) setState(0, refusedLink ? "The campaign server refused this link." : "Not connected to the campaign server.");
        if (refusedLink) return;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    if (complained) ccall("gloss_show_error", null, ["string"], [""]);
    // While the worker is at a document (input within the lease), or its submission waits in the
    // outbox, the lease starts again; an abandoned one runs out and goes back to the pool.
    const renew = () => {
      const lease = (natsTask && natsTask.lease) || 60000;
      if (natsTask && (natsHolding || Date.now() - natsLastInput < lease)) natsClient.extend(natsTask.ack);
      setTimeout(renew, Math.max(1000, lease / 3));
    };
    renew();
    const record = await loadRecord().catch(() => null);
    if (record && !record.sent) { send(record); return; } // then the next document
    if (record && record.sent) { natsFinished(record); return; }
    if (!natsTask) natsTake();
    else setState(0, "");
  }

  // Called by boot.js once main() has run, before the first frame.
  async function start(api) {
    ccall = api.ccall;
    ccall("gloss_set_campaign", null, ["string"], [JSON.stringify({
      preview: link.preview, canSubmit: link.canSubmit, annotator: link.annotator,
      label: link.nats ? `campaign ${link.nats.campaign}` : link.mturk && link.mturk.hitId ? `HIT ${link.mturk.hitId}` : "",
    })]);
    api.onSubmit(submit);
    if (link.nats) {
      if (refused.length) ccall("gloss_show_error", null, ["string"], [refused.join("\n")]);
      await startNats(api);
      return;
    }
    const problems = [...refused];
    const instructions = prefetched.instructions
      ? prefetched.instructions().then((text) => ccall("gloss_set_instructions", null, ["string"], [text]), (e) => problems.push(e.message))
      : Promise.resolve();
    if (!api.restored) {
      try {
        if (prefetched.schema) api.gloss.loadSchema(await prefetched.schema(), link.schema);
        if (prefetched.tasks) {
          api.gloss.loadDocuments(await prefetched.tasks(), { source: link.tasks, replace: true });
          performance.mark("gloss-tasks-loaded");
        }
      } catch (error) {
        problems.push(/^Could not load/.test(error.message) ? error.message : `The task file or schema could not be read:\n${error.message}`);
      }
    }
    await instructions;
    if (problems.length) ccall("gloss_show_error", null, ["string"], [problems.join("\n")]);
    const record = await loadRecord().catch(() => null);
    if (record && record.sent) setState(3, "", record.code || "");
    else if (record) send(record); // resumes in the background
  }

  window.GlossCampaign = { link, sessionKey, start };
})();
