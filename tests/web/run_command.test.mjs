// The README's first command: ./run serves dist/ on 127.0.0.1 at the port given and says where.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { root } from "./support.mjs";

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
}

test("./run --port N prints the address and serves the app there", { timeout: 300000 }, async () => {
  const port = await freePort();
  const run = spawn("./run", ["--port", String(port)], { cwd: root, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  try {
    await new Promise((resolve, reject) => {
      run.stdout.on("data", (chunk) => { output += chunk; if (output.includes("Gloss is running at")) resolve(); });
      run.stderr.on("data", (chunk) => { output += chunk; });
      run.on("exit", (code) => reject(new Error(`./run exited with ${code}: ${output}`)));
    });
    assert.match(output, new RegExp(`Gloss is running at http://127\\.0\\.0\\.1:${port}/`));
    let response;
    for (let i = 0; i < 50 && !response; i++) {
      try { response = await fetch(`http://127.0.0.1:${port}/`); } catch { await new Promise((r) => setTimeout(r, 100)); }
    }
    assert.ok(response, "the server answers");
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /<canvas id="canvas"/);
    const names = JSON.parse(/data-engine='([^']+)'/.exec(page)[1]);
    const wasm = await fetch(`http://127.0.0.1:${port}/${names["gloss.wasm"]}`);
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
  } finally {
    try { process.kill(-run.pid, "SIGTERM"); } catch { /* already gone */ }
  }
});

test("./run rejects a bad port with a clear message", async () => {
  const run = spawn("./run", ["--port", "eighty"], { cwd: root });
  let errors = "";
  run.stderr.on("data", (chunk) => { errors += chunk; });
  const code = await new Promise((resolve) => run.on("exit", resolve));
  assert.equal(code, 2);
  assert.match(errors, /--port needs a number, not 'eighty'/);
});
