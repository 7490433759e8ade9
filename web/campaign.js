// Task links and submission (docs/CROWDSOURCING.md). Reads the link's parameters before the
// engine starts, loads the task file, schema and instructions once it is ready, and sends the
// results: queued in IndexedDB before the first attempt, retried with backoff across reloads,
// shown as submitted only after the endpoint answered 2xx, with one idempotency key per task.
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const get = (name) => (params.get(name) || "").trim();
  const RETRY_FIRST_MS = 1000;
  const RETRY_LONGEST_MS = 60000;
  // Mechanical Turk's production and sandbox hosts: the only places turkSubmitTo may post to.
  const TURK_ORIGINS = ["https://www.mturk.com", "https://workersandbox.mturk.com"];

  // [Safe links] Links are written by others: every address the page fetches, posts to or goes
  // to must be http(s) (or relative to the page); anything else is refused, said in the
  // interface once the engine is ready, and never used.
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

  const tasksGiven = !!get("tasks");
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
    link.canSubmit = !!(link.submit || (link.mturk && link.mturk.turkSubmitTo));
  }
  // One saved session (and one submission) per task and worker: another task link in the same
  // browser starts from its own documents.
  const sessionKey = !link ? "current"
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
  // once the engine is ready (a failure is reported then, where the user sees it).
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
      task: {
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
        if (link.submit) {
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
    try {
      await saveRecord(record);
    } catch (error) {
      setState(2, `Your results could not be queued in this browser (${error.message}); sending them now — keep this page open.`);
    }
    await send(record);
  }

  // Called by boot.js once the engine is ready.
  async function start(api) {
    ccall = api.ccall;
    ccall("gloss_set_campaign", null, ["string"], [JSON.stringify({
      preview: link.preview, canSubmit: link.canSubmit, annotator: link.annotator,
      label: link.mturk && link.mturk.hitId ? `HIT ${link.mturk.hitId}` : "",
    })]);
    api.onSubmit(submit);
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
