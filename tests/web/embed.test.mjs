// Embedding: a parent page drives Gloss in an iframe through the postMessage bridge.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, newPage } from "./support.mjs";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

test("a parent page loads documents and reads annotations through postMessage", { timeout: 60000 }, async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}gloss.css`); // any page of the same origin to host the frame
  await page.setContent(`<iframe id="gloss" src="${server.url}?assist=off" style="width:1024px;height:640px"></iframe>`);
  const result = await page.evaluate(async () => {
    const frame = document.getElementById("gloss");
    // setContent already waited for the frame to load; wait for its boot script's bridge.
    await new Promise((resolve) => {
      const check = () => (frame.contentWindow && frame.contentWindow.gloss ? resolve() : setTimeout(check, 50));
      check();
    });
    let next = 1;
    const changes = [];
    window.addEventListener("message", (event) => { if (event.data && event.data.gloss === "change") changes.push(1); });
    const call = (method, ...args) => new Promise((resolve, reject) => {
      const id = next++;
      const onMessage = (event) => {
        if (event.source !== frame.contentWindow || !event.data || event.data.gloss !== id) return;
        window.removeEventListener("message", onMessage);
        if (event.data.error) reject(new Error(event.data.error)); else resolve(event.data.result);
      };
      window.addEventListener("message", onMessage);
      frame.contentWindow.postMessage({ gloss: id, method, args }, "*");
    });
    const text = "“Free the hostages,” said anthony blinkenbut 👩‍👩‍👧 in Refa.";
    await call("loadDocuments", JSON.stringify({ id: "e1", text, spans: [{ start: 54, end: 58, label: "GPE" }] }) + "\n", { replace: true });
    const jsonl = await call("getAnnotations");
    let error = "";
    try { await call("loadDocuments", "{broken\n"); } catch (e) { error = e.message; }
    let unknown = "";
    try { await call("deleteEverything"); } catch (e) { unknown = e.message; }
    return { jsonl, error, unknown, changes: changes.length };
  });
  const doc = JSON.parse(result.jsonl.trim());
  assert.equal(doc.id, "e1");
  assert.equal(doc.spans[0].text, "Refa");
  assert.match(result.error, /loadDocuments:1:2: malformed JSON/);
  assert.match(result.unknown, /unknown method "deleteEverything"/);
  assert.ok(result.changes >= 1, "the frame posts change events to its parent");
  await page.close();
});
