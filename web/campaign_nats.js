// Campaigns on NATS JetStream (docs/CROWDSOURCING.md, "Campaigns on NATS"): the browser's side.
// Loaded on every page but does nothing until a task link names a campaign; only then is the
// NATS client (nats.ws from npm, copied into dist/ at build time) imported. Subjects and
// streams are spelled as src/cli/campaign/campaign.cpp makes them.
"use strict";
(function () {
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const SCAN_LIMIT = 64; // tasks looked at in one go for one this worker has not done

  function moduleUrl() {
    const tag = document.querySelector("script[data-engine]");
    try {
      const files = JSON.parse(tag.dataset.engine);
      if (files["nats.js"]) return new URL(files["nats.js"], location.href).href;
    } catch { /* not a built dist/: the plain name */ }
    return new URL("nats.js", location.href).href;
  }

  function subjects(campaign, worker, bound) {
    const tasks = `GLOSS_${campaign}_TASKS`;
    return {
      next: `$JS.API.CONSUMER.MSG.NEXT.${tasks}.tasks`,
      submit: `gloss.${campaign}.submit.${worker}`,
      blocked: `$JS.API.DIRECT.GET.GLOSS_${campaign}_META.gloss.${campaign}.meta.blocked`,
      inbox: bound ? `_INBOX_${campaign}_${worker}` : `_INBOX_${campaign}`,
    };
  }

  class CampaignClosed extends Error {}

  // What a connection failure means to the worker.
  function explain(error, server) {
    const generic = /^(NatsError|UNKNOWN_ERROR|)$/;
    const said = error && error.message && !generic.test(error.message) ? error.message
      : error && error.code && !generic.test(error.code) ? error.code : "no answer";
    const text = `${(error && error.code) || ""} ${said}`;
    if (/nkeys|invalid (checksum|seed|prefix)/i.test(text))
      return `This link's credentials for the campaign server ${server} are damaged (${said}): the link was cut or changed, and the server refused this link. Ask for the whole link again.`;
    if (/AUTHORIZATION|authentication|expired/i.test(text))
      return `The campaign server ${server} refused this link's credentials: the link is wrong or out of date. Ask for a new link.`;
    return `The campaign server ${server} cannot be reached (${said}).`;
  }

  class Client {
    // link: { server, campaign, jwt, seed, worker, bound }
    constructor(link) {
      this.link = link;
      this.names = subjects(link.campaign, link.worker, link.bound);
      this.nc = null;
      this.lib = null;
    }

    async connect() {
      if (!this.lib) this.lib = await import(moduleUrl());
      const { connect, jwtAuthenticator } = this.lib;
      try {
        this.nc = await connect({
          servers: this.link.server,
          authenticator: jwtAuthenticator(this.link.jwt, enc.encode(this.link.seed)),
          inboxPrefix: this.names.inbox,
          name: "gloss worker",
          timeout: 5000,
          maxReconnectAttempts: -1, // the outbox retries too; a restarted server is met again
          reconnectTimeWait: 1000,
        });
      } catch (error) {
        throw new Error(explain(error, this.link.server));
      }
    }

    connected() { return !!this.nc && !this.nc.isClosed(); }

    // What the owner said to workers ('gloss campaign block', 'close'): { blocked, closed }.
    async access() {
      try {
        const reply = await this.nc.request(this.names.blocked, new Uint8Array(0), { timeout: 5000 });
        if (reply.headers && reply.headers.code >= 400) return { blocked: false, closed: false };
        const record = JSON.parse(dec.decode(reply.data));
        return { blocked: Array.isArray(record.workers) && record.workers.includes(this.link.worker), closed: record.closed === true };
      } catch {
        return { blocked: false, closed: false };
      }
    }

    // The next task this worker has not done: { ack, document, slot }, or null when none is
    // waiting. Tasks of documents in `done` are handed back (NAK) for other workers.
    async take(done) {
      const held = [];
      try {
        for (let i = 0; i < SCAN_LIMIT; i++) {
          const msg = await this.pull();
          if (!msg) return null;
          if (msg.headers && msg.headers.code === 503) throw new CampaignClosed("closed"); // nothing serves the queue
          if (msg.headers && msg.headers.code >= 400) return null; // 404 no messages, 408
          let task = null;
          try { task = JSON.parse(dec.decode(msg.data)); } catch { /* not a task: handed back */ }
          const id = task && task.document ? String(task.document.id) : null;
          if (!id || done.has(id) || held.some((h) => h.id === id)) { held.push({ msg, id }); continue; }
          return { ack: msg.reply, document: task.document, slot: task.slot || 0, lease: task.lease_ms || 0 };
        }
        return null;
      } finally {
        for (const h of held) this.nc.publish(h.msg.reply, enc.encode("-NAK"));
      }
    }

    // One message of the work queue, or a status (404: none waiting). JetStream delivers it with
    // the task's own subject, not the request's inbox, so a request()'s reply matching cannot
    // see it: a subscription of its own takes it.
    async pull() {
      const inbox = this.lib.createInbox(this.names.inbox);
      const sub = this.nc.subscribe(inbox, { max: 1, timeout: 5000 });
      this.nc.publish(this.names.next, enc.encode(JSON.stringify({ batch: 1, no_wait: true })), { reply: inbox });
      for await (const msg of sub) return msg;
      return null;
    }

    // Stores a submission; resolves once JetStream acknowledged it (a repeated id is stored once).
    async submit(id, body) {
      const h = this.lib.headers();
      h.set("Nats-Msg-Id", id);
      let reply;
      try {
        reply = await this.nc.request(this.names.submit, enc.encode(JSON.stringify(body)), { timeout: 10000, headers: h });
      } catch (error) {
        if (error && String(error.code) === "503") throw new Error("the campaign server does not store submissions for this campaign (it was removed)");
        throw new Error(`the campaign server did not confirm it (${error && error.message ? error.message : error})`);
      }
      const answer = JSON.parse(dec.decode(reply.data) || "{}");
      if (answer.error) throw new Error(`the campaign server refused it: ${answer.error.description || answer.error.code}`);
      return answer;
    }

    // The task is finished: it leaves the pool for good.
    async finish(ack) {
      try { await this.nc.request(ack, enc.encode("+ACK"), { timeout: 5000 }); } catch { /* the lease runs out instead */ }
    }

    // The worker is still at it: the lease starts again.
    extend(ack) {
      try { this.nc.publish(ack, enc.encode("+WPI")); } catch { /* disconnected: reconnects */ }
    }
  }

  window.GlossNats = { Client, CampaignClosed };
})();
