// Boot: checks that the browser can run Gloss, shows progress and errors instead of a blank
// canvas, defines window.gloss, and loads the engine (gloss.js + gloss.wasm + gloss.data).
"use strict";
(function () {
  const overlay = document.getElementById("overlay");
  const message = document.getElementById("overlay-message");
  const progress = document.getElementById("overlay-progress");
  const canvas = document.getElementById("canvas");
  // The engine's file names: content-hashed in dist/ (scripts/make_dist.py writes them on the
  // script tag), plain when the page is served from web/ next to a build.
  const engineFiles = JSON.parse((document.currentScript && document.currentScript.dataset.engine) || "{}");
  const engineFile = (name) => engineFiles[name] || name;
  // A task link (web/campaign.js) keeps its own saved session.
  const campaign = window.GlossCampaign && window.GlossCampaign.link ? window.GlossCampaign : null;
  // [Projects] The browser keeps several projects, each a record of the "session" store. A site
  // (or a task link: its own base) has a current one; its key is the base itself or
  // "<base>~<time>" for those made later. Their names and the current key of each base are in
  // localStorage ("gloss.projects"). A stored project the engine cannot open is never written
  // over or deleted by the app: a new project is opened beside it.
  const baseKey = campaign ? campaign.sessionKey : "current";
  const registry = (() => {
    try { return Object.assign({ current: {}, names: {}, problems: {} }, JSON.parse(localStorage.getItem("gloss.projects") || "{}")); }
    catch { return { current: {}, names: {}, problems: {} }; }
  })();
  const saveRegistry = () => { try { localStorage.setItem("gloss.projects", JSON.stringify(registry)); } catch { /* private mode: names are not kept */ } };
  let sessionKey = registry.current[baseKey] || baseKey;
  const projectName = (key) => registry.names[key] || (key === baseKey ? (campaign ? "This task" : "My project") : `Project of ${new Date(Number(key.split("~")[1]) || 0).toLocaleString()}`);
  let resolveTask = () => {};
  let started = false;
  let failed = false;
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {}); // failures are shown on the page; callers may still await and catch
  const listeners = { change: new Set() };

  function fail(text) {
    if (failed) return;
    failed = true;
    overlay.classList.remove("hidden");
    overlay.classList.add("error");
    overlay.querySelector("h1").textContent = started ? "Gloss stopped" : "Gloss could not start";
    message.textContent = text;
    rejectReady(new Error(text));
  }

  function call(name, returnType, argTypes, args) {
    if (!started || failed) throw new Error("Gloss is not ready");
    return Module.ccall(name, returnType, argTypes, args);
  }

  // ccall copies string arguments onto the 5 MB wasm stack: large texts (a 2 MB article is up
  // to 8 MB there) go through the heap instead, as a NUL-terminated UTF-8 buffer.
  function callWithText(name, text, source, extra = []) {
    if (!started || failed) throw new Error("Gloss is not ready");
    const bytes = new TextEncoder().encode(String(text));
    const pointer = Module._malloc(bytes.length + 1);
    if (!pointer) throw new Error("out of memory");
    try {
      Module.HEAPU8.set(bytes, pointer);
      Module.HEAPU8[pointer + bytes.length] = 0;
      return Module.ccall(name, "string", ["number", "string", ...extra.map(() => "string")], [pointer, source, ...extra]);
    } finally {
      Module._free(pointer);
    }
  }

  window.gloss = {
    ready,
    version: "0.1.0",
    /** Gloss JSONL of every document (one document per line). */
    getAnnotations() { return call("gloss_get_annotations", "string", [], []); },
    /**
     * Adds the documents of a Gloss JSONL text to the project (one undoable step); throws with
     * the place of any error, and then nothing changes. Options (or a string: the source name):
     * {source, replace: true} replaces every document instead; {onClash: "replace" | "keep" |
     * "skip"} says what to do with ids the project has already (without it, they are an error).
     */
    loadDocuments(jsonl, options = {}) {
      const { source = "loadDocuments", replace = false, onClash = "" } = typeof options === "string" ? { source: options } : options || {};
      if (!["", "replace", "keep", "skip"].includes(onClash)) throw new Error(`onClash must be "replace", "keep" or "skip", not "${onClash}"`);
      const errors = replace ? callWithText("gloss_load_documents", jsonl, source) : callWithText("gloss_add_documents", jsonl, source, [onClash]);
      if (errors) throw new Error(errors);
    },
    /**
     * Review mode: adjudicates several annotators' versions of the same documents. `versions` is
     * {annotator: jsonl} or [[annotator, jsonl], ...] (two or more Gloss JSONL texts, documents
     * matched by id); throws with the problems, and then nothing changes.
     */
    loadReview(versions, source = "loadReview") {
      const pairs = Array.isArray(versions) ? versions : Object.entries(versions || {});
      const errors = callWithText("gloss_load_review", JSON.stringify(pairs.map(([name, text]) => [String(name), String(text)])), source);
      if (errors) throw new Error(errors);
    },
    /** Replaces the label schema (JSON text or object); throws on errors. */
    loadSchema(schema, source = "loadSchema") {
      const text = typeof schema === "string" ? schema : JSON.stringify(schema);
      const errors = callWithText("gloss_load_schema", text, source);
      if (errors) throw new Error(errors);
    },
    /** Selects code points [start, end) of a document and scrolls to them. */
    select(docId, start, end) {
      return call("gloss_select", "number", ["string", "number", "number"], [docId, start, end]) === 1;
    },
    /**
     * Exports every document in a format ("jsonl", and the others io supports). Resolves to the
     * text for single-file formats, or to {name: text} when the format writes several files.
     */
    exportAs(format) {
      const out = JSON.parse(call("gloss_export_as", "string", ["string"], [String(format)]));
      if (out.error) throw new Error(out.error);
      if (out.files.length === 1) return out.files[0].text;
      return Object.fromEntries(out.files.map((f) => [f.name, f.text]));
    },
    /** Opens a file (name + text or bytes) as the file picker would; throws with its errors. */
    openFile(name, content) {
      const errors = openBatch([{ name, bytes: asBytes(content) }]);
      if (errors) throw new Error(errors);
    },
    /** Opens files together as a multiple choice or a drop does ([{name, content}]: text or
     *  bytes): each brat .ann with its .txt; nothing is added when any fails (then throws). */
    openFiles(files) {
      const errors = openBatch(files.map((f) => ({ name: f.name, bytes: asBytes(f.content) })));
      if (errors) throw new Error(errors);
    },
    /** Runs a command of docs/KEYBOARD.md by its id ("palette", "undo", "done", "submit", …) as
     *  the palette would; false when there is none or it does not apply now. */
    runCommand(id) { return call("gloss_run_command", "number", ["string"], [String(id)]) === 1; },
    /** What the interface shows: {document, index, caret, selection, saveState, error, …}. */
    state() { return JSON.parse(call("gloss_state", "string", [], [])); },
    /** True when every change is saved in this browser's storage. */
    isSaved() { return call("gloss_autosave_unsaved", "number", [], []) === 0; },
    /** A task link: resolves once its documents, schema and instructions are loaded (or failed). */
    taskLoaded: campaign ? new Promise((resolve) => { resolveTask = resolve; }) : Promise.resolve(),
    /** Presses Submit (a task link's results); false when it is not enabled yet. */
    submit() { return call("gloss_submit", "number", [], []) === 1; },
    /** Starts recording the duration of every frame, and of every other piece of the app's work
     * between frames (saving's idle slices, a snapshot handed to IndexedDB): milliseconds of
     * main-thread work each. */
    startProfiling() { Module.glossFrameTimes = []; },
    /** Stops recording; returns the durations. */
    stopProfiling() { const times = Module.glossFrameTimes || []; Module.glossFrameTimes = null; return times; },
    /** Frames the app ran and rendered since it started, and the size of the last frame's draw
     * data: {run, rendered, vertices, indices, commands}. It runs frames only when something
     * happened, and renders only those whose picture changed. */
    frameCounts() { return JSON.parse(call("gloss_frame_counts", "string", [], [])); },
    /** The current document's undo history: {position, steps: [names]}. */
    history() { return JSON.parse(call("gloss_history", "string", [], [])); },
    /** Canvas position (CSS pixels) of a code point of the current document, or null. */
    rectOf(offset) { return JSON.parse(call("gloss_rect_of", "string", ["number"], [offset])); },
    /** Subscribes to "change" (after every edit); returns a function that unsubscribes. */
    on(event, callback) {
      if (!listeners[event]) throw new Error(`unknown event "${event}"`);
      listeners[event].add(callback);
      return () => listeners[event].delete(callback);
    },
  };

  // Raw bytes into the engine, so that invalid UTF-8 is reported with its place. Files opened
  // together ([{name, bytes}]) are read together, so that a brat .ann finds its .txt and a
  // failure opens none of them. Returns the errors ("" when none).
  function openBatch(files) {
    if (!started || failed) throw new Error("Gloss is not ready");
    for (const { name, bytes } of files) {
      const pointer = Module._malloc(Math.max(1, bytes.length));
      try {
        Module.HEAPU8.set(bytes, pointer);
        Module.ccall("gloss_open_batch_add", null, ["string", "number", "number"], [name, pointer, bytes.length]);
      } finally {
        Module._free(pointer);
      }
    }
    return Module.ccall("gloss_open_batch_finish", "string", [], []);
  }
  const asBytes = (content) => (typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content));

  // The files' documents are added to the project, opened together so that a brat .ann finds
  // its .txt (the app asks about ids it has already). `files`: File objects, or {name, file}
  // for files from a dropped folder (named by their path in it).
  async function openFiles(files) {
    const read = [];
    for (const entry of files) {
      const file = entry.file || entry;
      read.push({ name: entry.name || file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    }
    const errors = openBatch(read);
    if (errors) console.warn(`gloss: ${errors}`);
    canvas.focus();
  }

  // Every file of a drop, folders walked (their files named by their path in the folder).
  async function droppedFiles(dataTransfer) {
    const entries = Array.from(dataTransfer.items || []).map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
    if (!entries.some((entry) => entry.isDirectory)) return Array.from(dataTransfer.files);
    const out = [];
    async function walk(entry) {
      if (entry.isFile) {
        const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
        out.push({ name: entry.fullPath.replace(/^\//, ""), file });
        return;
      }
      const reader = entry.createReader();
      for (;;) { // readEntries hands out a folder's entries in batches
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const child of batch) await walk(child);
      }
    }
    for (const entry of entries) await walk(entry);
    return out;
  }

  // A hidden <input type=file>; `onFiles` gets the chosen files (the input is then cleared, so
  // choosing the same file again is a change too).
  function filePicker(id, accept, multiple, onFiles) {
    const input = document.createElement("input");
    input.type = "file";
    input.id = id;
    input.accept = accept;
    input.multiple = multiple;
    input.style.display = "none";
    input.addEventListener("change", () => { const files = Array.from(input.files); input.value = ""; onFiles(files); });
    document.body.appendChild(input);
    return input;
  }
  // What Open… offers: every extension a reader takes, and generic JSON told by its content.
  const kOpenable = ".txt,.jsonl,.ndjson,.json,.jsonld,.gloss,.manifest,.ann,.conf,.conll,.iob,.bio,.tsv,.zip";
  const picker = filePicker("file-input", kOpenable, true, openFiles);
  // "New project from files…" (the Projects window): the chosen files start a project of their own.
  let newProjectName = "";
  const newProjectPicker = filePicker("new-project-input", kOpenable, true, (files) => {
    startProjectWith(files, newProjectName).catch((error) => report(`The new project could not be started: ${(error && error.message) || error}`));
  });
  // The review picker: one Gloss JSONL file per annotator, each named after its file
  // ("ann.jsonl" is ann's). Problems are shown by the app's error bar.
  const reviewPicker = filePicker("review-input", ".jsonl,.ndjson", true, async (files) => {
    try {
      const pairs = await Promise.all(files.map(async (file) => {
        try {
          return [file.name.replace(/\.(jsonl|ndjson)$/i, ""), new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer())];
        } catch {
          throw new Error(`${file.name}: not valid UTF-8 text`);
        }
      }));
      window.gloss.loadReview(pairs, "review");
    } catch (error) {
      console.warn(`gloss: ${error.message}`);
      if (/not valid UTF-8/.test(error.message)) call("gloss_show_error", null, ["string"], [`Could not start the review (your work is unchanged):\n${error.message}`]);
    }
    canvas.focus();
  });
  window.addEventListener("dragover", (event) => { event.preventDefault(); });
  window.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length)
      droppedFiles(event.dataTransfer).then(openFiles).catch((error) => console.warn(`gloss: ${(error && error.message) || error}`));
  });

  // [Embedding] The postMessage bridge: a page embedding Gloss in an iframe (or one that opened
  // it) sends {gloss: id, method, args} and receives {gloss: id, result} or {gloss: id, error}.
  // Only this page's own origin and the origins the site owner lists in embedding.json (served
  // beside index.html: {"origins": ["https://lab.example.org"]}) are answered; a link cannot
  // add one. Answers go to the asking origin only, change events only to allowed origins.
  const embedding = fetch("embedding.json", { cache: "no-cache", credentials: "omit" })
    .then((response) => (response.ok ? response.json() : { origins: [] }))
    .then((list) => new Set((Array.isArray(list && list.origins) ? list.origins : [])
      .filter((origin) => typeof origin === "string" && /^https?:\/\/[^/]+$/.test(origin) && origin !== "null")))
    .catch(() => new Set());
  let allowedOrigins = new Set();
  embedding.then((origins) => { allowedOrigins = origins; });
  const allowed = (origin) => origin === location.origin || allowedOrigins.has(origin);
  const bridged = ["getAnnotations", "loadDocuments", "loadSchema", "loadReview", "exportAs", "select", "openFile"];
  window.addEventListener("message", async (event) => {
    const data = event.data;
    if (!data || typeof data !== "object" || data.gloss === undefined || !data.method || !event.source) return;
    if (event.source !== window.parent && event.source !== window.opener) return;
    await embedding;
    if (!allowed(event.origin)) {
      console.warn(`gloss: a message from ${event.origin} was ignored: that origin may not embed this app (docs/API.md, "Allowing an origin")`);
      return;
    }
    const reply = (payload) => event.source.postMessage({ gloss: data.gloss, ...payload }, event.origin);
    if (!bridged.includes(data.method)) { reply({ error: `unknown method "${data.method}"` }); return; }
    try {
      await ready;
      reply({ result: window.gloss[data.method](...(data.args || [])) });
    } catch (error) {
      reply({ error: error.message || String(error) });
    }
  });
  // Change events for an embedding page: posted once per allowed origin, so that the browser
  // delivers each only to a parent or opener of that origin.
  function postChange() {
    for (const target of [window.parent !== window ? window.parent : null, window.opener]) {
      if (!target) continue;
      for (const origin of [location.origin, ...allowedOrigins]) {
        try { target.postMessage({ gloss: "change" }, origin); } catch { /* closed */ }
      }
    }
  }

  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    fail("This browser cannot run WebAssembly, which Gloss needs. Please use a current Chrome, Firefox, Safari or Edge.");
    return;
  }
  const probe = document.createElement("canvas").getContext("webgl2");
  if (!probe) {
    fail("WebGL2 is not available in this browser (or it is turned off), so Gloss cannot draw. Please enable hardware acceleration or use a current browser.");
    return;
  }
  const lose = probe.getExtension("WEBGL_lose_context");
  if (lose) lose.loseContext();

  canvas.addEventListener("webglcontextlost", (event) => {
    event.preventDefault();
    fail("The graphics context was lost (the GPU was reset or ran out of memory). Reload the page to continue.");
  });
  // Text that GLFW does not deliver (it only forwards keypress events): paste, IME composition
  // and insertText. While a text field of the app is active, a hidden textarea holds the focus
  // so the browser routes composition and inserted text to it; keys still reach GLFW, which
  // listens on the window. Characters GLFW already got from a keypress are not sent twice.
  const sink = document.createElement("textarea");
  sink.id = "text-input";
  sink.setAttribute("aria-label", "Text input");
  sink.autocomplete = "off";
  sink.spellcheck = false;
  document.body.appendChild(sink);
  // The app has its own undo: the browser's must not replay edits into the hidden textarea
  // (it would also move the focus there).
  // The Ctrl keys of the app's commands (Ctrl+K, Ctrl+F, Ctrl+O, …) are the app's, not the
  // browser's, while the canvas has the focus; the list comes from the command table.
  let ctrlKeys = ["z", "y"];
  window.addEventListener("keydown", (event) => {
    const key = event.key.toLowerCase();
    const inBar = commandBar.contains(document.activeElement);
    if ((event.ctrlKey || event.metaKey) && ctrlKeys.includes(key) && !inBar) event.preventDefault();
    // Keys on the command buttons are theirs (Tab, Enter, Space), not the article's.
    if (inBar && event.key !== "F6") { event.stopImmediatePropagation(); return; }
    // F6: the keyboard focus to the page's command buttons and back to the canvas.
    if (event.key === "F6" && started) {
      event.preventDefault();
      event.stopPropagation();
      const first = commandBar.querySelector("button");
      if (commandBar.contains(document.activeElement) || !first) canvas.focus({ preventScroll: true });
      else first.focus();
    }
  }, true);
  // [Screen readers] The commands as real buttons, made from the command table once the engine
  // runs (glossReady); and the app's announcements (the selection, each command's result) in a
  // live region, read after every frame that made one.
  const commandBar = document.getElementById("commands");
  const announcer = document.getElementById("announcer");
  let announcementsSeen = 0;
  function buildCommandBar() {
    const { commands, ctrlKeys: keys } = JSON.parse(Module.ccall("gloss_commands", "string", [], []));
    ctrlKeys = keys;
    commandBar.replaceChildren(...commands.map((c) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = c.name;
      button.dataset.command = c.id;
      if (c.keys) button.setAttribute("aria-keyshortcuts", c.keys.split(", ")[0].replace(/Ctrl/g, "Control"));
      button.title = c.keys ? `${c.name} (${c.keys})` : c.name;
      // The command runs as the palette would; the canvas takes the keys again for what follows.
      button.addEventListener("click", () => {
        Module.ccall("gloss_run_command", "number", ["string"], [c.id]);
        canvas.focus({ preventScroll: true });
        wake();
      });
      return button;
    }));
  }
  function readAnnouncement() {
    const count = Module._gloss_announcements();
    if (count === announcementsSeen) return;
    announcementsSeen = count;
    announcer.textContent = Module.ccall("gloss_announcement", "string", [], []);
  }
  let lastKeypress = "";
  window.addEventListener("keypress", (event) => {
    if (commandBar.contains(document.activeElement)) { event.stopImmediatePropagation(); return; }
    lastKeypress = event.charCode ? String.fromCharCode(event.charCode) : "";
  }, true);
  const sendText = (text) => { if (text && started && !failed) Module.ccall("gloss_input_text", null, ["string"], [text]); };
  sink.addEventListener("beforeinput", (event) => {
    if (event.inputType === "insertText" && event.data && event.data !== lastKeypress) sendText(event.data);
    lastKeypress = "";
  });
  sink.addEventListener("compositionend", (event) => sendText(event.data));
  sink.addEventListener("input", () => { if (!sink.matches(":focus") || !sink.value) return; sink.value = ""; });
  window.addEventListener("paste", (event) => {
    const text = event.clipboardData && event.clipboardData.getData("text/plain");
    if (text && started) { sendText(text); event.preventDefault(); }
  });
  function setTextInput(active) {
    const focused = document.activeElement;
    if (active && focused !== sink) sink.focus({ preventScroll: true });
    else if (!active && focused === sink) canvas.focus({ preventScroll: true });
  }
  // [Frames on demand] The engine runs a frame (gloss_frame) in an animation frame only when
  // woken: by input, by the engine itself (a change of state from any source asks its FramePacer
  // for a frame), or by a timer the last frame asked for. With nothing happening, no frames.
  let frameScheduled = false;
  let frameTimer = 0;
  function wake() {
    if (frameScheduled || !started || failed) return;
    frameScheduled = true;
    requestAnimationFrame(runFrame);
  }
  function runFrame() {
    frameScheduled = false;
    clearTimeout(frameTimer);
    frameTimer = 0;
    if (failed) return;
    const delay = Module._gloss_frame(); // 0: the next animation frame; ms; -1: none
    readAnnouncement();
    if (delay === 0) wake();
    else if (delay > 0 && !frameScheduled) frameTimer = setTimeout(wake, delay);
  }
  // Input the engine reads (GLFW's listeners and ours above): each wakes a frame.
  for (const type of ["keydown", "keyup", "keypress", "mousedown", "mouseup", "mousemove", "mouseenter",
    "mouseleave", "mouseout", "wheel", "touchstart", "touchmove", "touchend", "touchcancel", "focus", "blur",
    "resize", "compositionend"]) {
    window.addEventListener(type, wake, { capture: true, passive: true });
  }
  // devicePixelRatio changes (browser zoom, a window moved to another screen): the canvas and the
  // interface are sized again in the next frame.
  (function watchPixelRatio() {
    const query = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    query.addEventListener("change", () => { wake(); watchPixelRatio(); }, { once: true });
  })();
  document.addEventListener("visibilitychange", () => {
    if (started && !failed) Module.ccall("gloss_set_page_visible", null, ["number"], [document.visibilityState === "hidden" ? 0 : 1]);
  });
  window.addEventListener("error", (event) => {
    fail(`${event.message || "An unexpected error occurred."}\n(${event.filename || "page"}:${event.lineno || 0})`);
  });
  window.addEventListener("unhandledrejection", (event) => {
    const reason = event.reason;
    if (reason && reason.message && reason.message.startsWith("Gloss could not start")) return;
    fail(`Unexpected error: ${reason && reason.message ? reason.message : reason}`);
  });

  window.Module = {
    canvas,
    locateFile: (path, prefix) => prefix + engineFile(path),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    setStatus(text) {
      const m = /\((\d+(?:\.\d+)?)\/(\d+)\)/.exec(text || "");
      if (m) { progress.value = Number(m[1]) / Number(m[2]); message.textContent = "Loading…"; }
    },
    onAbort(what) { fail(`The engine stopped: ${what}`); },
    glossFatal(text) { fail(text); },
    glossCampaign: !!campaign,
    glossWake: wake,
    glossReady() {
      sendProjects();
      buildCommandBar();
      announcementsSeen = Module._gloss_announcements();
      if (Module.glossImport) {
        const errors = openBatch(Module.glossImport);
        if (errors) console.warn(`gloss: ${errors}`);
        Module.glossImport = null;
      }
      overlay.classList.add("hidden");
      canvas.focus();
      resolveReady(window.gloss);
    },
    glossChanged() {
      for (const callback of listeners.change) {
        try { callback(); } catch (error) { console.warn("gloss change listener failed:", error); }
      }
      postChange();
    },
    glossOpenFile() { picker.click(); },
    glossReviewFiles() { reviewPicker.click(); },
    glossTextInput: setTextInput,
    onRuntimeInitialized() { started = true; },
    // A task link's documents are loaded as soon as main() has run, so that the first frame
    // already shows them (a frame of a cold start costs hundreds of milliseconds).
    postRun: [() => { if (campaign && !failed) startCampaign(); }],
    // The engine downloads and compiles while the saved session is read; main() waits for it.
    preRun: [() => { if (!savedRead) { waitingForSaved = true; Module.addRunDependency("gloss-saved"); } }],
  };
  let savedRead = false;
  let waitingForSaved = false;

  function startCampaign() {
    campaign.start({
      ccall: Module.ccall, gloss: window.gloss, restored: !!Module.glossRestored,
      onSubmit: (send) => { Module.glossSubmit = (payload) => { send(payload).catch((error) => console.warn("gloss: submission failed:", error)); }; },
    }).catch((error) => Module.ccall("gloss_show_error", null, ["string"], [`The task link could not be set up: ${error.message}`]))
      .finally(() => {
        // Loading the task's documents cleared the error bar: what the start had to say (a
        // stored project that could not be opened, another tab editing this one) is said again.
        const problem = Module.glossStartNotice;
        const shown = window.gloss.state().error;
        if (problem && !shown.includes(problem)) report(shown ? `${shown}\n${problem}` : problem);
        resolveTask();
      });
  }

  // [Autosave] IndexedDB (database "gloss"). Store "session": one record per project, the
  // project as of its last snapshot, {format: 2, project: Blob (Gloss project JSON, UTF-8), view,
  // savedAt, journal: n} (format 1, from earlier versions: {project: text, view, savedAt}). Store
  // "journal": what changed after it, one entry per save, keyed [project key, n], n+1, ...
  // (src/app/journal.hpp). A snapshot replaces the record and deletes the entries before it in
  // one transaction, so the stored project is always a record plus the entries that follow it.
  const DB_NAME = "gloss";
  const STORE = "session";
  const JOURNAL = "journal";
  const RECORD_FORMAT = 2;
  function openDatabase() {
    return new Promise((resolve, reject) => {
      if (!window.indexedDB) { reject(new Error("this browser has no IndexedDB")); return; }
      const request = indexedDB.open(DB_NAME, 2);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
        if (!db.objectStoreNames.contains(JOURNAL)) db.createObjectStore(JOURNAL);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error || new Error("storage is unavailable"));
      request.onblocked = () => reject(new Error("storage is blocked by another tab"));
    });
  }
  // Runs `work(store, ...)` in a transaction over `stores` and resolves, once the transaction is
  // complete (the data is then stored), with the result of the request it returns (or what the
  // function it returns gives).
  function transaction(db, mode, work, stores = [STORE]) {
    return new Promise((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      const result = work(...stores.map((name) => tx.objectStore(name)));
      tx.oncomplete = () => resolve(typeof result === "function" ? result() : result && result.result);
      tx.onerror = () => reject(tx.error || new Error("storage failed"));
      tx.onabort = () => reject(tx.error || new Error("storage failed (quota?)"));
    });
  }
  const entriesOf = (key, from = 0) => IDBKeyRange.bound([key, from], [key, Number.MAX_SAFE_INTEGER]);
  const storageFailure = (error) => (error && error.name === "QuotaExceededError" ? "storage is full" : (error && error.message) || "storage failed");
  let database = null;
  let nextEntry = 0;         // the number the next journal entry of this project gets
  let journalBroken = false; // an entry failed: none is written until the next snapshot
  const finished = (ok, text) => { if (started && !failed) Module.ccall("gloss_autosave_finished", null, ["number", "string"], [ok ? 1 : 0, text]); };
  Module.glossStoreEntry = (entry, view) => {
    const db = database;
    const key = sessionKey;
    const n = nextEntry++;
    if (!db) { finished(false, "storage is unavailable"); return; }
    if (journalBroken) { finished(false, "an earlier save failed"); return; }
    transaction(db, "readwrite", (journal) => journal.add({ n, entry, view, savedAt: Date.now() }, [key, n]), [JOURNAL])
      .then(() => finished(true, ""), (error) => { journalBroken = true; finished(false, storageFailure(error)); });
  };
  // A snapshot's parts arrive a slice at a time, each copied into a Blob (so that storing the
  // whole is cheap: IndexedDB keeps a Blob without copying it on the main thread). A Blob made of
  // Blobs costs 0.1-0.5 ms a part to make, so every 8 parts become one as they come: the record's
  // Blob of a 5.5 MB project is made of about 25 (16-19 ms for 175 parts at once).
  let snapshotParts = [];  // Blobs of 8 parts each
  let snapshotRecent = []; // the parts since
  Module.glossSnapshotPart = (bytes) => {
    snapshotRecent.push(new Blob([bytes]));
    if (snapshotRecent.length < 8) return;
    snapshotParts.push(new Blob(snapshotRecent));
    snapshotRecent = [];
  };
  Module.glossSnapshotAbort = () => { snapshotParts = []; snapshotRecent = []; };
  Module.glossSnapshotCommit = (view) => {
    const db = database;
    const key = sessionKey;
    const parts = [...snapshotParts, ...snapshotRecent];
    snapshotParts = [];
    snapshotRecent = [];
    if (!db) { finished(false, "storage is unavailable"); return; }
    const from = nextEntry;
    const begin = performance.now();
    const stored = transaction(db, "readwrite", (store, journal) => {
      if (from > 0) journal.delete(IDBKeyRange.bound([key, 0], [key, from], false, true));
      store.delete(`${key}#import`); // a new project's files: in the project from now on
      const project = new Blob(parts, { type: "application/json" });
      return store.put({ format: RECORD_FORMAT, project, view, savedAt: Date.now(), journal: from }, key);
    }, [STORE, JOURNAL]);
    if (Module.glossFrameTimes) Module.glossFrameTimes.push(performance.now() - begin); // handing it over
    stored
      .then(() => {
        journalBroken = false;
        if (!knownKeys.includes(key)) { knownKeys.push(key); sendProjects(); }
        finished(true, "");
      }, (error) => finished(false, storageFailure(error)));
  };
  // A snapshot is written in idle slices (gloss_autosave_compact_step), never in a long frame.
  let compacting = false;
  Module.glossCompactSoon = () => {
    if (compacting) return;
    compacting = true;
    const schedule = () => (window.requestIdleCallback ? requestIdleCallback(slice, { timeout: 200 }) : setTimeout(slice, 0));
    const slice = (deadline) => {
      const begin = performance.now();
      const budget = deadline && deadline.timeRemaining ? Math.max(3, Math.min(6, deadline.timeRemaining())) : 6;
      const more = started && !failed && Module.ccall("gloss_autosave_compact_step", "number", ["number"], [budget]);
      if (Module.glossFrameTimes) Module.glossFrameTimes.push(performance.now() - begin);
      if (more) schedule(); else compacting = false;
    };
    schedule();
  };
  // The place alone (document, caret, scroll), when only it moved: a small record of its own,
  // "<key>#place", which the start-up prefers to the project's when it is newer.
  Module.glossStorePlace = (view) => {
    const db = database;
    const done = (ok) => { if (started && !failed) Module.ccall("gloss_autosave_place_finished", null, ["number"], [ok ? 1 : 0]); };
    if (!db) { done(false); return; }
    transaction(db, "readwrite", (store) => store.put({ view, savedAt: Date.now() }, `${sessionKey}#place`)).then(() => done(true), () => done(false));
  };
  // Removes a project: its record, its place and its journal.
  const removeProject = (key) => transaction(database, "readwrite", (store, journal) => {
    journal.delete(entriesOf(key));
    store.delete(`${key}#place`);
    store.delete(`${key}#import`);
    return store.delete(key);
  }, [STORE, JOURNAL]);
  // A project as stored: its record (the project as text), its place, its journal entries, and
  // the files a new project from files starts with until its first snapshot ("<key>#import").
  async function readProject(key) {
    const [record, place, entries, files] = await transaction(database, "readonly", (store, journal) => {
      const out = [store.get(key), store.get(`${key}#place`), journal.getAll(entriesOf(key)), store.get(`${key}#import`)];
      return () => out.map((request) => request.result);
    }, [STORE, JOURNAL]);
    return { record, place, entries: entries || [], files };
  }
  /** Forgets the saved session (the next reload starts from the samples or the task link). */
  window.gloss.clearSavedSession = () => (database ? removeProject(sessionKey) : Promise.resolve());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && started && !failed) Module.ccall("gloss_autosave_flush", null, [], []);
  });
  window.addEventListener("beforeunload", (event) => {
    if (!started || failed) return;
    Module.ccall("gloss_autosave_flush", null, [], []);
    if (Module.ccall("gloss_autosave_unsaved", "number", [], [])) {
      event.preventDefault();
      event.returnValue = "Gloss has not saved your last changes yet.";
    }
  });

  // The projects of this base, for the interface: [{key, name, current, problem}].
  let knownKeys = [];
  const problems = registry.problems; // why a project could not be opened, kept until it is tried again
  function sendProjects() {
    if (!started || failed) return;
    const list = knownKeys.filter((k) => (k === baseKey || k.startsWith(`${baseKey}~`)) && !/#(place|import)$/.test(k));
    if (!list.includes(sessionKey)) list.push(sessionKey);
    Module.ccall("gloss_set_projects", null, ["string"], [JSON.stringify(list.sort().map((key) => ({
      key, name: projectName(key), current: key === sessionKey, problem: problems[key] || "",
    })))]);
  }
  // The engine could not open the stored project: it stays as it is, and the work of this
  // session goes to a new project beside it (the current one from now on).
  Module.glossRestoreFailed = (problem) => {
    problems[sessionKey] = problem; // saved with the registry below
    const kept = projectName(sessionKey);
    sessionKey = `${baseKey}~${Date.now()}`;
    nextEntry = 0;
    registry.names[sessionKey] = `${kept} (new)`;
    registry.current[baseKey] = sessionKey;
    saveRegistry();
    return kept;
  };
  // Saves what is unsaved, then resolves (false when it could not be saved).
  async function flushed() {
    if (!started || failed) return true;
    Module.ccall("gloss_autosave_flush", null, [], []);
    for (let i = 0; i < 100 && Module.ccall("gloss_autosave_unsaved", "number", [], []); i++) await new Promise((r) => setTimeout(r, 50));
    return !Module.ccall("gloss_autosave_unsaved", "number", [], []);
  }
  function download(name, text) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  const report = (text) => Module.ccall("gloss_show_error", null, ["string"], [text]);
  // A new project with the documents of `files` only: they are stored with it ("<key>#import")
  // and opened after the reload into it; its first snapshot takes their place.
  async function startProjectWith(files, name) {
    if (!files.length) return;
    if (!database) { report("This browser keeps no projects here (storage is unavailable); use Open… to add the files to this one."); return; }
    if (!(await flushed())) { report("Your last changes could not be saved, so no new project was started. Use Export, then try again."); return; }
    const kept = await Promise.all(files.map(async (file) => ({ name: file.name, data: new Blob([await file.arrayBuffer()]) })));
    const key = `${baseKey}~${Date.now()}`;
    await transaction(database, "readwrite", (store) => store.put({ files: kept, savedAt: Date.now() }, `${key}#import`));
    registry.current[baseKey] = key;
    // The name in the field when it was changed, else the first file's.
    registry.names[key] = name && name !== projectName(sessionKey) ? name : files[0].name.replace(/\.[^.]+$/, "");
    saveRegistry();
    location.reload();
  }
  // What the Projects window asks for: new, new-from-files, open, rename, delete, download (the
  // stored form).
  Module.glossProjectAction = async (action, key, argument) => {
    try {
      if (action === "new" || action === "open") {
        if (!(await flushed())) { report("Your last changes could not be saved, so the project was not switched. Use Export, then try again."); return; }
        registry.current[baseKey] = action === "new" ? `${baseKey}~${Date.now()}` : key;
        if (action === "new" && argument) registry.names[registry.current[baseKey]] = argument;
        delete problems[key]; // tried again: a new failure says so again
        saveRegistry();
        location.reload();
      } else if (action === "new-from-files") {
        newProjectName = argument;
        newProjectPicker.click();
      } else if (action === "rename") {
        registry.names[key] = argument;
        saveRegistry();
        sendProjects();
      } else if (action === "delete") {
        if (key === sessionKey) return; // the interface offers it only for the others
        await removeProject(key);
        knownKeys = knownKeys.filter((k) => k !== key);
        delete registry.names[key];
        delete problems[key];
        saveRegistry();
        sendProjects();
      } else if (action === "download") {
        const { record, place, entries } = await readProject(key);
        if (record === undefined && !entries.length) { report(`Nothing is stored for the project “${projectName(key)}” yet.`); return; }
        // The stored form as it is, with the project's bytes as text.
        const stored = { ...(record || {}) };
        if (stored.project instanceof Blob) stored.project = await stored.project.text();
        download(`${projectName(key).replace(/[^A-Za-z0-9._-]+/g, "_")}.stored.json`, JSON.stringify({ record: stored, place: place ?? null, journal: entries }));
      }
    } catch (error) {
      report(`The project could not be changed: ${(error && error.message) || error}`);
    }
  };

  // [Offline] The service worker (sw.js, beside index.html) keeps this build's files so that the
  // app and its projects open with the network off. Registered once the app runs, so it never
  // competes with the start; its scope is this folder, so a sub-path works.
  function registerOffline() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    navigator.serviceWorker.register("sw.js").catch((error) => console.warn(`gloss: offline start unavailable: ${error.message}`));
  }
  ready.then(registerOffline, () => {});

  function loadEngine() {
    const script = document.createElement("script");
    script.src = engineFile("gloss.js");
    script.async = true;
    script.onerror = () => fail(`Could not load the engine (${script.src}). Check that the whole dist/ folder was published.`);
    document.body.appendChild(script);
  }
  loadEngine();
  // [Tabs] One tab edits a project at a time (Web Locks): another tab of this browser on the
  // same project opens it read-only, says why, and reloads into an editable one (it has nothing
  // of its own to lose) as soon as the first tab is closed.
  const tabLock = new Promise((resolve) => {
    if (!navigator.locks) { resolve(true); return; }
    const name = `gloss:${sessionKey}`;
    navigator.locks.request(name, { ifAvailable: true }, (lock) => {
      resolve(!!lock);
      return lock ? new Promise(() => {}) : null; // held for the page's life
    }).catch(() => resolve(true));
  }).then((mine) => {
    Module.glossOtherTab = !mine;
    if (!mine) navigator.locks.request(`gloss:${sessionKey}`, () => { location.reload(); return new Promise(() => {}); });
  });
  // What the engine restores (src/platform/web/autosave.cpp): the project's text or bytes, its
  // view, the journal entries after it, or why it cannot be read at all.
  async function savedFrom({ record, place, entries, files }) {
    if (record === undefined && !entries.length && files && Array.isArray(files.files)) {
      // A new project from files: the engine starts empty and opens them once it is ready.
      Module.glossImport = await Promise.all(files.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.data.arrayBuffer()) })));
      return null;
    }
    if (record === undefined) {
      return entries.length ? { problem: `its record is missing, but ${entries.length} later changes are stored` } : null;
    }
    const format = record && typeof record === "object" ? record.format || 1 : 0;
    if (format > RECORD_FORMAT) return { problem: `it was stored by a newer Gloss (storage format ${format}; this one reads up to ${RECORD_FORMAT})` };
    let project = null;
    if (format === 1 && typeof record.project === "string") project = record.project;
    if (format === 2 && record.project instanceof Blob) {
      try { project = new Uint8Array(await record.project.arrayBuffer()); } catch { /* unreadable: said below */ }
    }
    if (project === null) return { problem: "its stored record is damaged (no project in it)" };
    const from = format === 2 ? record.journal : 0;
    const later = entries.filter((e) => e && e.n >= from).sort((a, b) => a.n - b.n);
    for (let i = 0; i < later.length; i++) {
      if (later[i].n !== from + i) return { problem: `its stored changes are incomplete (change ${from + i} is missing)` };
      if (typeof later[i].entry !== "string") return { problem: `its stored change ${from + i} is damaged` };
    }
    nextEntry = from + later.length;
    // The newest view: the record's, the last entry's, or the place saved on its own after them.
    let view = record.view;
    let viewAt = record.savedAt || 0;
    const last = later[later.length - 1];
    if (last && typeof last.view === "string" && last.savedAt >= viewAt) { view = last.view; viewAt = last.savedAt; }
    if (place && place.view && place.savedAt > viewAt) view = place.view;
    return { project, view, entries: later.map((e) => e.entry) };
  }
  const savedSession = openDatabase()
    .then((db) => {
      database = db;
      transaction(db, "readonly", (store) => store.getAllKeys()).then((keys) => { knownKeys = keys.map(String); sendProjects(); }, () => {});
      return readProject(sessionKey);
    })
    .then(savedFrom)
    .then((saved) => { Module.glossSaved = saved; })
    .catch((error) => { Module.glossStorageError = (error && error.message) || "storage is unavailable"; });
  Promise.all([savedSession, tabLock])
    .finally(() => {
      savedRead = true;
      if (waitingForSaved) Module.removeRunDependency("gloss-saved");
    });
})();
