// A real NATS server with JetStream for the campaign tests: keys and configuration written by
// `gloss campaign server` into a temporary folder, Debian's nats-server started on free loopback
// ports with its store there, stopped and started again on demand; and `gloss campaign` run
// against it.
import { spawn, execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createConnection } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, root } from "./support.mjs";

const run = promisify(execFile);
export const gloss = process.env.GLOSS_BIN || path.join(root, "build/native/gloss");

function reachable(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => { socket.end(); resolve(true); });
    socket.on("error", () => resolve(false));
  });
}

export async function startNats() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gloss-nats-"));
  const port = await freePort();
  const wsPort = await freePort();
  await run(gloss, ["campaign", "server", dir, "--listen", `127.0.0.1:${port}`, "--websocket", `127.0.0.1:${wsPort}`]);
  const server = { dir, port, wsPort, url: `nats://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${wsPort}`, child: null, log: "" };
  server.start = async () => {
    server.child = spawn("nats-server", ["-c", path.join(dir, "nats.conf"), ...(process.env.GLOSS_NATS_TRACE ? ["-DV"] : [])], { stdio: ["ignore", "pipe", "pipe"] });
    server.child.stdout.on("data", (d) => { server.log += d; });
    server.child.stderr.on("data", (d) => { server.log += d; });
    for (let i = 0; i < 100; i++) {
      if (server.child.exitCode !== null) throw new Error(`nats-server exited: ${server.log}`);
      if (await reachable(port) && await reachable(wsPort)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nats-server did not start: ${server.log}`);
  };
  server.stop = async () => {
    const child = server.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  // `gloss campaign ARGS...` against this server: { code, stdout, stderr }.
  server.campaign = async (...args) => {
    try {
      const { stdout, stderr } = await run(gloss, ["campaign", ...args], {
        env: { ...process.env, GLOSS_NATS_SERVER: server.url, GLOSS_CAMPAIGN_KEYS: dir }, maxBuffer: 64 << 20,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      return { code: error.code, stdout: error.stdout, stderr: error.stderr };
    }
  };
  await server.start();
  return server;
}

/** The task link `gloss campaign create`/`link` printed last, pointed at `app` with more parameters. */
export function taskLink(output, app, extra = {}) {
  const line = output.trim().split("\n").pop();
  const url = new URL(line);
  const link = new URL(app);
  for (const [k, v] of url.searchParams) link.searchParams.set(k, v);
  for (const [k, v] of Object.entries(extra)) link.searchParams.set(k, v);
  link.hash = url.hash;
  return link.href;
}
