// Gloss offline: a service worker that keeps this build's files, so that the app and the
// projects in this browser open with the network off. scripts/make_dist.py fills in the build
// and its files; the worker's scope is the folder it is served from (any sub-path).
//  - install: caches every file of this build, in a cache named after the scope and the build;
//  - activate: deletes the caches of other builds of the same scope, so a new build replaces
//    the old one whole (a new build waits, as service workers do, until no page of the old one
//    is open: a page never mixes files of two builds);
//  - the page itself and embedding.json: from the network when it answers, else this build's
//    copy (never replaced by a newer one: that one names files this cache does not have);
//  - the build's content-hashed files: from the cache;
//  - anything else (a task link's tasks, schema and instructions): from the network, with the
//    last answer kept for when the network is off.
"use strict";
const BUILD = "__GLOSS_BUILD__";
const FILES = __GLOSS_FILES__;
const PREFIX = `gloss:${self.registration.scope}:`;
const CACHE = `${PREFIX}build:${BUILD}`;
const DATA = `${PREFIX}data`;
const PAGE = new URL("./", self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE && key !== DATA).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

async function fromNetwork(request, fallback) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await fallback();
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const inScope = url.href.startsWith(self.registration.scope);
  const build = () => caches.open(CACHE);
  if (request.mode === "navigate" && inScope) {
    // The page (with or without a task link's query): this build's index.html when offline.
    event.respondWith(fromNetwork(request, async () => (await build()).match(PAGE)));
  } else if (inScope && url.pathname.endsWith("/embedding.json")) {
    event.respondWith(fromNetwork(request, async () => (await build()).match(request, { ignoreSearch: true })));
  } else if (inScope && FILES.some((file) => new URL(file, self.registration.scope).href === url.href)) {
    event.respondWith(build().then((cache) => cache.match(request)).then((cached) => cached || fetch(request)));
  } else {
    event.respondWith((async () => {
      const data = await caches.open(DATA);
      try {
        const response = await fetch(request);
        if (response.ok && (response.type === "basic" || response.type === "cors")) data.put(request, response.clone());
        return response;
      } catch (error) {
        const cached = await data.match(request);
        if (cached) return cached;
        throw error;
      }
    })());
  }
});
