/* Support Agent chat widget: <script src="https://…/widget.js" data-key="pk_widget_…" async></script>
   No framework; everything lives in a Shadow DOM so the store's CSS cannot break it (nor it the store's). */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src*="widget.js"][data-key]');
  if (!script || window.__supportAgentWidget) return;
  window.__supportAgentWidget = true;
  var KEY = script.getAttribute("data-key") || "";
  // The store's signed identity of a logged-in shopper (identity verification), if the page has one.
  var identity = script.getAttribute("data-identity-token") || null;
  var API = new URL(script.src, location.href).origin;
  var STORE = "support-agent:" + KEY;
  var MESSAGES = {
    unreachable: "We can't reach the chat service right now. Please check your connection and try again in a moment.",
    limited: "Too many messages right now. Please wait a moment and try again.",
    origin: "This chat isn't available on this website.",
    failed: "Something went wrong. Please try again.",
    unavailable: "This chat isn't available right now. Please try again later.",
    handoff: "A person from our team will reply here.",
    signin: "Please sign in to the store to chat with us.",
    resolved: "This conversation is closed. Write again to start a new one.",
    joined: " joined the conversation.",
    rate: "How did we do?",
    thanks: "Thank you for your feedback!"
  };
  // While people own the conversation, their replies arrive over a stream of server-sent events; should the stream
  // fail (a proxy that buffers, an old browser), the widget asks for the conversation this often instead.
  var FOLLOW_MS = 4000;

  var CSS =
    ":host{all:initial}" +
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
    ".launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;" +
    "background:var(--p);color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000;" +
    "display:flex;align-items:center;justify-content:center}" +
    ".launcher:focus-visible,button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}" +
    ".panel{position:fixed;right:20px;bottom:88px;width:min(380px,calc(100vw - 40px));height:min(560px,calc(100vh - 110px));" +
    "background:#fff;color:#0f172a;border-radius:12px;box-shadow:0 10px 30px rgba(0,0,0,.3);display:flex;" +
    "flex-direction:column;overflow:hidden;z-index:2147483000;font-size:15px;line-height:1.4}" +
    ".panel[hidden]{display:none}" +
    "header{background:var(--p);color:#fff;padding:12px 14px;display:flex;align-items:center;justify-content:space-between}" +
    "h2{margin:0;font-size:16px;font-weight:600}" +
    ".close{background:transparent;border:0;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}" +
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;margin:0;list-style:none}" +
    ".msg{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}" +
    ".customer{align-self:flex-end;background:var(--p);color:#fff}" +
    ".agent,.human_agent{align-self:flex-start;background:#f1f5f9;color:#0f172a}" +
    ".note{align-self:center;color:#334155;font-size:13px;text-align:center}" +
    ".cites{margin-top:6px;font-size:13px}.cites a{color:#1d4ed8;display:block}" +
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
    ".status{margin:0;padding:0 12px;color:#b91c1c;font-size:13px;min-height:0}" +
    "form{display:flex;gap:8px;padding:10px;border-top:1px solid #e2e8f0}" +
    "textarea{flex:1;resize:none;height:44px;padding:10px;border:1px solid #64748b;border-radius:8px;font-size:15px;color:#0f172a}" +
    ".send{background:var(--p);color:#fff;border:0;border-radius:8px;padding:0 16px;font-size:15px;cursor:pointer}" +
    ".send:disabled{opacity:.6;cursor:default}" +
    ".who{display:block;font-size:12px;color:#475569;margin-bottom:2px}" +
    ".rate{align-self:stretch;border:1px solid #e2e8f0;border-radius:12px;padding:10px;margin:0}" +
    ".rate legend{font-size:14px;font-weight:600;padding:0 4px}" +
    ".stars{display:flex;gap:4px;margin:6px 0}" +
    ".stars button{flex:1;border:1px solid #64748b;background:#fff;border-radius:8px;padding:6px 0;cursor:pointer;font-size:15px;color:#0f172a}" +
    ".stars button[aria-pressed=true]{background:var(--p);color:#fff;border-color:var(--p)}" +
    ".rate textarea{width:100%;height:56px;flex:none}" +
    ".rate .send{margin-top:6px;padding:8px 16px}" +
    ".typing{margin:0 12px;font-size:13px;color:#475569;font-style:italic}.typing:empty{display:none}";

  var host = document.createElement("div");
  host.id = "support-agent-widget";
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" + CSS + "</style>" +
    '<button class="launcher" type="button" aria-label="Open chat" aria-expanded="false" aria-controls="panel">' +
    '<svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
    'd="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg></button>' +
    '<section class="panel" id="panel" role="dialog" aria-labelledby="title" hidden>' +
    '<header><h2 id="title">Chat</h2><button class="close" type="button" aria-label="Close chat">&times;</button></header>' +
    '<div class="log" role="log" aria-live="polite" aria-label="Messages"></div>' +
    '<p class="typing" aria-live="polite"></p>' +
    '<p class="status" role="status"></p>' +
    '<form><label class="vh" for="input">Your message</label>' +
    '<textarea id="input" name="message" maxlength="8000" placeholder="Type your question…"></textarea>' +
    '<button class="send" type="submit">Send</button></form></section>';
  host.style.setProperty("--p", "#2563eb");

  var $ = function (s) { return root.querySelector(s); };
  var launcher = $(".launcher"), panel = $(".panel"), log = $(".log"), status = $(".status"), typer = $(".typing");
  var form = $("form"), input = $("textarea"), send = $(".send"), title = $("#title");
  var config = null, loaded = false, busy = false;
  var shown = {}, owner = null, following = null, stream = null, streaming = false, agentName = null;
  // The conversation just resolved, kept for its rating after the widget let go of it.
  var finished = null;
  var typingTimer = null;

  /** A person is writing a reply (never shown for their notes: the server sends none); gone after a pause or the reply. */
  function typing(data) {
    var d = {};
    try { d = JSON.parse(data); } catch (e) { /* shown without a name */ }
    typer.textContent = (d.assignee && agentName || "Support") + " is typing…";
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 6000);
  }
  function stopTyping() { clearTimeout(typingTimer); typer.textContent = ""; }

  function saved() {
    try { return JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { return null; }
  }
  function save(c) {
    try { c ? localStorage.setItem(STORE, JSON.stringify(c)) : localStorage.removeItem(STORE); } catch (e) { /* private mode */ }
  }

  function say(text) { status.textContent = text || ""; }

  function bubble(role, text, citations, author) {
    var li = document.createElement("div");
    li.className = "msg " + role;
    var who = document.createElement("span");
    who.className = role === "human_agent" && author ? "who" : "vh";
    who.textContent = role === "customer" ? "You: " : role === "human_agent" ? (author || "Team") + ": " : "Assistant: ";
    var body = document.createElement("span");
    body.className = "text";
    body.textContent = text || "";
    li.appendChild(who);
    li.appendChild(body);
    log.appendChild(li);
    (citations || []).forEach(function (c) { cite(li, c); });
    log.scrollTop = log.scrollHeight;
    return li;
  }

  function note(text) {
    var li = document.createElement("div");
    li.className = "note";
    li.textContent = text;
    log.appendChild(li);
  }

  function cite(li, c) {
    if (!c || !c.url || !/^https?:\/\//i.test(c.url)) return;
    var box = li.querySelector(".cites");
    if (!box) {
      box = document.createElement("div");
      box.className = "cites";
      box.appendChild(document.createTextNode("Sources:"));
      li.appendChild(box);
    }
    var a = document.createElement("a");
    a.href = c.url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = c.title || c.url;
    box.appendChild(a);
  }

  function headers(extra) {
    var h = { "X-Widget-Key": KEY };
    for (var k in extra) h[k] = extra[k];
    return h;
  }

  function problem(res) {
    if (res.status === 429) {
      var after = res.headers.get("Retry-After");
      return after ? "Too many messages right now. Please try again in " + after + " seconds." : MESSAGES.limited;
    }
    if (res.status === 402 || res.status === 503) return MESSAGES.unavailable;
    if (res.status === 401) return MESSAGES.signin;
    return res.status === 403 ? MESSAGES.origin : MESSAGES.failed;
  }

  /** A stored message, once: history, the stream and following may all bring the same one. */
  function show(m) {
    if (shown[m.id]) return;
    shown[m.id] = true;
    if (m.role === "human_agent") stopTyping();
    bubble(m.role, m.content, m.citations, m.author_name);
  }

  /** Takes in the conversation as the server has it; a resolved one is over, and the next message starts anew. */
  function update(h) {
    if (h.agent_name && h.agent_name !== agentName && h.status !== "resolved") note(h.agent_name + MESSAGES.joined);
    agentName = h.agent_name || agentName;
    h.messages.forEach(show);
    owner = h.owner;
    if (h.status === "resolved") {
      var c = saved();
      save(null);
      owner = null;
      if (stream && stream.abort) stream.abort();
      note(MESSAGES.resolved);
      // The person who resolved it may have chosen not to ask (spam, a test, a shopper who left).
      if (c && !h.rating && h.rating_requested !== false) rating(c);
    }
    follow();
  }

  function refresh() {
    var c = saved();
    if (!c) return;
    call("GET", "/widget/v1/conversations/" + encodeURIComponent(c.id), undefined, { "X-Conversation-Token": c.token })
      .then(function (res) { return res.ok ? res.json().then(update) : null; })
      .catch(function () { /* the next attempt may reach the service */ });
  }

  /**
   * While people own the conversation: a stream of its changes (each one reads the conversation again), and, only
   * while that stream is down, asking every few seconds (while the chat is open and the tab visible).
   */
  function follow() {
    if (owner !== "human") return;
    listen();
    if (!following) {
      following = setInterval(function () {
        if (!saved() || owner !== "human") { clearInterval(following); following = null; return; }
        if (streaming || panel.hidden || busy || document.visibilityState === "hidden") return;
        refresh();
      }, FOLLOW_MS);
    }
  }

  function listen() {
    var c = saved();
    if (stream || !c || !window.ReadableStream) return;
    var controller = window.AbortController ? new AbortController() : null;
    stream = controller || {};
    var init = { method: "GET", headers: headers({ "X-Conversation-Token": c.token, Accept: "text/event-stream" }),
      mode: "cors", credentials: "omit", cache: "no-store" };
    if (controller) init.signal = controller.signal;
    fetch(API + "/widget/v1/conversations/" + encodeURIComponent(c.id) + "/events", init)
      .then(function (res) {
        if (!res.ok || !res.body) throw new Error("no stream");
        return events(res, function (event, data) {
          if (event === "ready") { streaming = true; refresh(); }
          else if (event === "conversation") refresh();
          else if (event === "typing") typing(data);
        });
      })
      .catch(function () { /* asked every few seconds meanwhile */ })
      .then(function () {
        streaming = false;
        stream = null;
        // The stream ends every few minutes, or broke: connect again while people still own the conversation.
        if (owner === "human" && saved()) setTimeout(listen, 1000);
      });
  }

  /** Reads a stream of server-sent events, calling back with each event's name and data. */
  function events(res, handle) {
    var buffer = "", decoder = new TextDecoder(), reader = res.body.getReader();
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) return;
        buffer += decoder.decode(r.value, { stream: true });
        var parts = buffer.split("\n\n");
        buffer = parts.pop();
        parts.forEach(function (part) {
          var event = "message", data = "";
          part.split("\n").forEach(function (line) {
            if (line.indexOf("event:") === 0) event = line.slice(6).trim();
            else if (line.indexOf("data:") === 0) data += line.slice(5).trim();
          });
          if (data) handle(event, data);
        });
        return pump();
      });
    }
    return pump();
  }

  /** After resolution: a 1–5 rating with an optional comment, sent once. */
  function rating(c) {
    if (finished === c.id) return;
    finished = c.id;
    var box = document.createElement("fieldset");
    box.className = "rate";
    var legend = document.createElement("legend");
    legend.textContent = MESSAGES.rate;
    box.appendChild(legend);
    var stars = document.createElement("div");
    stars.className = "stars";
    stars.setAttribute("role", "group");
    stars.setAttribute("aria-label", "Rating from 1 (bad) to 5 (great)");
    var chosen = 0;
    for (var i = 1; i <= 5; i++) {
      (function (n) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = n + "★";
        b.setAttribute("aria-label", n + " of 5");
        b.setAttribute("aria-pressed", "false");
        b.addEventListener("click", function () {
          chosen = n;
          stars.querySelectorAll("button").forEach(function (x, j) { x.setAttribute("aria-pressed", j + 1 === n ? "true" : "false"); });
          submitRating.disabled = false;
        });
        stars.appendChild(b);
      })(i);
    }
    box.appendChild(stars);
    var label = document.createElement("label");
    label.className = "vh";
    label.htmlFor = "rate-comment";
    label.textContent = "Comment (optional)";
    var comment = document.createElement("textarea");
    comment.id = "rate-comment";
    comment.maxLength = 2000;
    comment.placeholder = "Anything to add? (optional)";
    var submitRating = document.createElement("button");
    submitRating.type = "button";
    submitRating.className = "send";
    submitRating.textContent = "Send rating";
    submitRating.disabled = true;
    submitRating.addEventListener("click", function () {
      if (!chosen) return;
      submitRating.disabled = true;
      call("POST", "/widget/v1/conversations/" + encodeURIComponent(c.id) + "/rating",
        { rating: chosen, comment: comment.value.trim() || null }, { "X-Conversation-Token": c.token })
        .then(function (res) {
          if (!res.ok && res.status !== 409) throw new Error(problem(res));
          box.textContent = MESSAGES.thanks;
          box.setAttribute("role", "status");
        })
        .catch(function (err) { submitRating.disabled = false; say(err.message || MESSAGES.failed); });
    });
    box.appendChild(label);
    box.appendChild(comment);
    box.appendChild(submitRating);
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
  }

  function call(method, path, body, extra) {
    var init = { method: method, headers: headers(extra || {}), mode: "cors", credentials: "omit" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(API + path, init).catch(function () { throw new Error(MESSAGES.unreachable); });
  }

  function loadConfig() {
    return call("GET", "/widget/v1/config").then(function (res) {
      if (!res.ok) throw new Error(problem(res));
      return res.json();
    }).then(function (c) {
      config = c;
      title.textContent = c.name || "Chat";
      if (c.colors && /^#[0-9a-f]{3,8}$/i.test(c.colors.primary)) host.style.setProperty("--p", c.colors.primary);
    });
  }

  function loadHistory() {
    var c = saved();
    if (!c) return Promise.resolve(false);
    return call("GET", "/widget/v1/conversations/" + encodeURIComponent(c.id), undefined, { "X-Conversation-Token": c.token })
      .then(function (res) {
        if (res.status === 404) { save(null); return false; }
        if (!res.ok) throw new Error(problem(res));
        return res.json().then(function (h) {
          update(h);
          return h.messages.length > 0;
        });
      });
  }

  /** Random bytes as hex (crypto.randomUUID needs a secure context; getRandomValues does not). */
  function randomHex(n) {
    var bytes = new Uint8Array(n);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  /** A conversation token of our own: 256 random bits, base64url, so that no answer ever has to carry it. */
  function newToken() {
    var bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    var text = btoa(String.fromCharCode.apply(null, bytes));
    return "ct_" + text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // Kept while a start of this same message got no answer: the next try is then the same start (same Idempotency-Key
  // and token), so a lost answer cannot open (and bill) a second conversation. Any answer ends it but a server error
  // (a 503 may hide a start made as the database went away) and a 409: the start is still held by an earlier try,
  // perhaps on a node that died, and becomes the retry's once that try's lease of a few seconds has run out.
  var pending = null;
  var HELD_RETRIES = 8;

  /** Starts the conversation with the shopper's first message (opening the chat starts nothing), streaming the reply. */
  function start(text, held) {
    if (!pending || pending.text !== text) pending = { key: randomHex(16), token: newToken(), text: text };
    var mine = pending;
    var body = { message: text, conversation_token: mine.token };
    if (identity) body.identity_token = identity;
    return call("POST", "/widget/v1/conversations", body,
      { "Idempotency-Key": mine.key, Accept: "text/event-stream" }).then(function (res) {
      if (res.status === 409 && (held || 0) < HELD_RETRIES) {
        var wait = Math.min(Math.max(Number(res.headers.get("Retry-After")) || 2, 1), 10) * 1000;
        return new Promise(function (done) { setTimeout(done, wait); }).then(function () {
          return start(text, (held || 0) + 1);
        });
      }
      if (res.status < 500 && res.status !== 409) pending = null;
      if (!res.ok) throw new Error(problem(res));
      return read(res, function (c) { save({ id: c.id, token: mine.token }); });
    });
  }

  function post(c, text, retried) {
    return call("POST", "/widget/v1/conversations/" + encodeURIComponent(c.id) + "/messages", { content: text },
      { "X-Conversation-Token": c.token, Accept: "text/event-stream" }).then(function (res) {
      if ((res.status === 404 || res.status === 409) && !retried) {
        save(null);
        return start(text);
      }
      if (!res.ok) throw new Error(problem(res));
      return read(res);
    });
  }

  function read(res, opened) {
    var li = null, text = "";
    function handle(event, data) {
      var d = JSON.parse(data);
      if (event === "conversation") {
        if (opened) opened(d);
      } else if (event === "message") {
        shown[d.id] = true; // already on screen, as the shopper sent it
      } else if (event === "delta") {
        if (!li) li = bubble("agent", "");
        text += d.text;
        li.querySelector(".text").textContent = text;
        log.scrollTop = log.scrollHeight;
      } else if (event === "error") {
        text = "";
      } else if (event === "citation") {
        if (li) cite(li, d);
      } else if (event === "handoff") {
        note(MESSAGES.handoff);
        owner = "human";
      } else if (event === "done") {
        if (d.reply) shown[d.reply.id] = true;
        if (!d.reply && d.conversation.owner === "human" && !li && owner !== "human") note(MESSAGES.handoff);
        owner = d.conversation.owner;
        follow();
      }
    }
    return events(res, handle);
  }

  function submit(e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    busy = true;
    send.disabled = true;
    say("");
    bubble("customer", text);
    input.value = "";
    var c = saved();
    (c ? post(c, text, false) : start(text))
      .catch(function (err) { say(err.message || MESSAGES.failed); })
      .then(function () { busy = false; send.disabled = false; input.focus(); });
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", "Close chat");
    input.focus();
    if (loaded) return;
    loaded = true;
    (config ? Promise.resolve() : loadConfig())
      .then(loadHistory)
      .then(function (had) { if (!had && config && config.greeting) bubble("agent", config.greeting); })
      .catch(function (err) { loaded = false; say(err.message || MESSAGES.unreachable); });
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", "Open chat");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { panel.hidden ? open() : close(); });
  $(".close").addEventListener("click", close);
  root.addEventListener("keydown", function (e) { if (e.key === "Escape" && !panel.hidden) { e.stopPropagation(); close(); } });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : submit(e); }
  });
  form.addEventListener("submit", submit);

  // For pages that learn the shopper's signed identity after loading: SupportAgent.identify(token).
  window.SupportAgent = { identify: function (token) { identity = token || null; } };

  function mount() {
    document.body.appendChild(host);
    loadConfig().catch(function () { /* shown when the shopper opens the chat */ });
  }
  document.body ? mount() : document.addEventListener("DOMContentLoaded", mount);
})();
