// The inbox's live part, on every dashboard page of a member whose role opens the inbox (the navigation has an
// "Inbox" link): one server-sent event stream per page (EventSource reconnects by itself) that keeps the waiting
// count in the navigation and the title, refreshes the inbox's queue and open conversation when they change, and
// shows a desktop notification on a hand-off once the member allowed it. The server decides everything; this only
// asks it again.
(function () {
  "use strict";

  var source = null, base = null, timer = null, title = null, missed = false;

  function inboxLink() {
    return document.querySelector("#sidebar a.icon-inbox");
  }

  function counts() {
    if (!base) return;
    fetch(base + "/counts", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (c) {
        if (!c) return;
        var link = inboxLink();
        if (link) {
          var badge = link.querySelector(".nav-count");
          if (!badge) {
            badge = document.createElement("span");
            badge.className = "nav-count";
            link.appendChild(badge);
          }
          // The member's own unread count: what another member opened stays unread here.
          badge.textContent = c.unread > 99 ? "99+" : String(c.unread);
          badge.hidden = c.unread === 0;
          badge.setAttribute("aria-label", c.unread + " unread, " + c.unassigned + " unassigned, " + c.mine + " yours");
        }
        if (title === null) title = document.title.replace(/^\(\d+\+?\) /, "");
        document.title = (c.waiting > 0 ? "(" + c.waiting + ") " : "") + title;
      })
      .catch(function () { /* the next change asks again */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(counts, 150);
  }

  /**
   * Alerts only for what concerns this member: the server says whether a change does (a hand-off nobody took, a
   * shopper's message in a conversation of theirs; not from a store they muted, nothing while they muted alerts).
   * Each alert once per page (its tag), as a desktop notification once allowed, and as a short sound once the page
   * may play one (browsers allow sound only after a click or key on the page).
   */
  var alerted = {}, audio = null;

  function alertFor(data) {
    if (data.what !== "handed_off" && data.what !== "message") return;
    var open = document.getElementById("inbox-conversation");
    // Read as it comes: the member is looking at this very conversation.
    if (data.what === "message" && open && open.dataset.conversationId === data.id && document.hasFocus()) return;
    var asked = base;
    fetch(base + "/" + encodeURIComponent(data.id) + "/alert?what=" + encodeURIComponent(data.what),
      { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.status === 200 ? res.json() : null; })
      .then(function (a) {
        if (!a || asked !== base || alerted[a.tag]) return;
        alerted[a.tag] = true;
        notify(a);
        chime();
      })
      .catch(function () { /* no alert this time */ });
  }

  function notify(a) {
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    try {
      var n = new Notification(a.title, { body: a.body, tag: a.tag });
      n.onclick = function () { window.focus(); location.href = base + "/" + a.conversation; };
    } catch (e) { /* some browsers allow notifications only from a service worker */ }
  }

  function unlockSound() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    try {
      if (!audio) audio = new Ctx();
      if (audio.state === "suspended") audio.resume();
    } catch (e) { audio = null; }
  }

  /** Two short soft tones, made here (no file to fetch): heard whether or not the tab has focus. */
  function chime() {
    if (!audio || audio.state !== "running") return;
    try {
      [880, 660].forEach(function (hz, i) {
        var at = audio.currentTime + i * 0.18;
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.setValueAtTime(hz, at);
        gain.gain.setValueAtTime(0.12, at);
        gain.gain.exponentialRampToValueAtTime(0.001, at + 0.16);
        osc.connect(gain);
        gain.connect(audio.destination);
        osc.start(at);
        osc.stop(at + 0.17);
      });
    } catch (e) { /* no sound this time */ }
  }

  function changed(event) {
    var data = {};
    try { data = JSON.parse(event.data); } catch (e) { return; }
    later();
    alertFor(data);
    if (typeof htmx === "undefined") return;
    // While a form is being sent (resolve, resolve & next, hand back, a reply…) its answer is a whole new page, with
    // the queue and the conversation as they are now. Asking for them meanwhile would lose that page (htmx ignores an
    // answer whose form was swapped out) or its toast (the queue's or conversation's request, on the same address as
    // the page after the redirect, would take the message meant for it).
    if (document.querySelector("form.htmx-request")) { missed = true; return; }
    if (document.getElementById("inbox-queue")) htmx.trigger(document.body, "inbox-changed");
    var open = document.getElementById("inbox-conversation");
    if (open && open.dataset.conversationId === data.id) htmx.trigger(open, "conversation-changed");
  }

  function connect() {
    var link = inboxLink();
    var wanted = link ? link.getAttribute("href") : null;
    if (wanted === base && source) return;
    if (source) { source.close(); source = null; }
    base = wanted;
    title = null;
    if (!base) return;
    var es = source = new EventSource(base + "/events");
    source.addEventListener("conversation", changed);
    source.addEventListener("presence", function (event) {
      try { askPresence(JSON.parse(event.data).id); } catch (e) { /* not for this page */ }
    });
    // EventSource reconnects by itself after a stream ends or breaks, but gives up for good when a reconnection is
    // answered with an error (a 503 while the database is away): then this page starts afresh, a little later.
    source.addEventListener("error", function () {
      if (es !== source || es.readyState !== EventSource.CLOSED) return;
      source = null;
      base = null;
      setTimeout(connect, 5000);
    });
    // Connected (again): what changed meanwhile is unknown, so ask for everything once.
    source.addEventListener("ready", function () {
      counts();
      if (typeof htmx !== "undefined" && document.getElementById("inbox-queue")) {
        htmx.trigger(document.body, "inbox-changed");
      }
    });
  }

  function notifications() {
    var button = document.querySelector("[data-notify-enable]");
    if (!button || button.dataset.bound || !("Notification" in window)) return;
    button.dataset.bound = "true";
    if (Notification.permission === "default") button.hidden = false;
    button.addEventListener("click", function () {
      Notification.requestPermission().then(function (p) { button.hidden = p !== "default"; });
    });
  }

  /** Waiting times tick without asking the server: "4 min", "1 h 5 min". */
  function tick() {
    document.querySelectorAll("time[data-since]").forEach(function (t) {
      var since = Date.parse(t.getAttribute("datetime"));
      if (isNaN(since)) return;
      var s = Math.max(0, Math.round((Date.now() - since) / 1000));
      t.textContent = s < 60 ? s + " s" : s < 3600 ? Math.floor(s / 60) + " min"
        : Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
    });
  }

  /**
   * The composer: the mode shows (a note is yellow), and what the member writes is kept on the server as they type
   * (a moment after they stop, when they leave the box, and before a send), per conversation and per member: there
   * on another device, and still there after a refused send (someone else claimed the conversation, it was resolved
   * meanwhile, too long). The server lets it go when the message is sent or the conversation resolved.
   */
  var drafting = null; // the draft being written: {form, url, saved, timer, saving}

  function csrfHeaders() {
    var headers = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) headers[header.content] = token.content;
    return headers;
  }

  function modeOf(form) {
    var checked = form.querySelector('input[name="mode"]:checked');
    return checked ? checked.value : "reply";
  }

  /** Sends the draft when it changed since the last one the server took; answers when the server has it. */
  function saveDraft(d, leaving) {
    clearTimeout(d.timer);
    var text = d.form.querySelector("textarea");
    var body = "mode=" + encodeURIComponent(modeOf(d.form)) + "&content=" + encodeURIComponent(text.value);
    if (body === d.saved) return d.saving;
    var state = d.form.querySelector(".draft-state");
    d.saving = d.saving.then(function () {
      if (body === d.saved) return;
      return fetch(d.url, { method: "POST", credentials: "same-origin", headers: csrfHeaders(), body: body,
        keepalive: !!leaving })
        .then(function (res) {
          if (res.ok) d.saved = body;
          if (state) state.textContent = res.ok ? (text.value.trim() ? "Draft kept." : "") : "Draft not kept.";
        })
        .catch(function () { if (state) state.textContent = "Draft not kept: offline?"; });
    });
    return d.saving;
  }

  function composer() {
    var form = document.querySelector("form.composer");
    if (!form || form.dataset.bound) return;
    form.dataset.bound = "true";
    var text = form.querySelector("textarea");
    if (drafting && drafting.form !== form) saveDraft(drafting, true); // the one left behind, if it changed
    var d = drafting = { form: form, url: text.dataset.draftUrl, timer: null, saving: Promise.resolve(), saved: null };
    d.saved = "mode=" + encodeURIComponent(modeOf(form)) + "&content=" + encodeURIComponent(text.value);
    if (!d.url) return;
    text.addEventListener("input", function () {
      typed(modeOf(form));
      clearTimeout(d.timer);
      d.timer = setTimeout(function () { saveDraft(d); }, 600);
    });
    text.addEventListener("blur", function () { saveDraft(d); });
    form.querySelectorAll('input[name="mode"]').forEach(function (r) {
      r.addEventListener("change", function () {
        form.classList.toggle("note-mode", r.value === "note" && r.checked);
        if (text.value) saveDraft(d);
      });
    });
    text.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) { e.preventDefault(); form.requestSubmit(); }
    });
    // A send waits for the draft's save in flight (htmx asks first, and may be told to go on later): arriving after
    // the send, the save would bring the sent text back.
    form.addEventListener("htmx:confirm", function (e) {
      if (e.target !== form || !e.detail || !e.detail.issueRequest) return;
      e.preventDefault();
      saveDraft(d).then(function () { e.detail.issueRequest(true); });
    });
  }

  /**
   * Presence: who else of the team has the open conversation right now, as chips of initials (the name and what they
   * do in the label). The page says it is there every few seconds and when it gets focus, that its member writes a
   * reply or a note as they type (at most every few seconds; "viewing" again once they stop), and that they left.
   * Each saying answers who else is there; the stream's "presence" event asks again. A reply's typing is what the
   * shopper's widget shows; a note's never reaches it (the server decides by the mode said here).
   */
  var presence = null; // {el, url, id, timer, idle, state, sentAt, keyAt, shown}
  var BEAT_MS = 12000, TYPING_MS = 2500, IDLE_MS = 4000;

  function showPresence(p, list) {
    var key = JSON.stringify(list);
    if (key === p.shown) return;
    p.shown = key;
    p.el.textContent = "";
    var writing = [];
    list.forEach(function (o) {
      var doing = o.writing === "reply" ? " is writing a reply" : o.writing === "note" ? " is writing a note" : " is viewing";
      var chip = document.createElement("span");
      chip.className = "presence-chip" + (o.writing ? " writing" : "");
      chip.textContent = o.initials;
      chip.title = o.name + doing;
      chip.setAttribute("role", "img");
      chip.setAttribute("aria-label", o.name + doing);
      p.el.appendChild(chip);
      if (o.writing) writing.push(o.name + doing);
    });
    if (!list.length) return;
    var text = document.createElement("span");
    text.className = "presence-text";
    text.textContent = writing.length ? writing.join(", ")
      : list.length === 1 ? list[0].name + " is viewing" : list.length + " others are viewing";
    p.el.appendChild(text);
  }

  function beat(p, state, leaving) {
    p.state = state;
    p.sentAt = Date.now();
    return fetch(p.url, { method: "POST", credentials: "same-origin", headers: csrfHeaders(),
      body: "state=" + encodeURIComponent(state), keepalive: !!leaving })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (list) { if (list && !leaving && presence === p) showPresence(p, list); })
      .catch(function () { /* the next beat says it again */ });
  }

  function askPresence(id) {
    var p = presence;
    if (!p || p.id !== id) return;
    fetch(p.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (list) { if (list && presence === p) showPresence(p, list); })
      .catch(function () { /* the next beat asks again */ });
  }

  function leave(p) {
    clearInterval(p.timer);
    clearTimeout(p.idle);
    if (presence === p) presence = null;
    beat(p, "left", true);
  }

  function present() {
    var el = document.getElementById("presence");
    if (presence && (!el || el.dataset.conversationId !== presence.id)) leave(presence);
    if (!el || !el.dataset.presenceUrl) return;
    if (presence) {
      // The same conversation, its element swapped in afresh (a whole page from a form's answer): fill it again.
      if (presence.el !== el) { presence.el = el; presence.shown = null; askPresence(presence.id); }
      return;
    }
    var p = presence = { el: el, url: el.dataset.presenceUrl, id: el.dataset.conversationId, timer: null, idle: null,
      state: null, sentAt: 0, keyAt: 0, shown: null };
    beat(p, "viewing");
    p.timer = setInterval(function () {
      beat(p, Date.now() - p.keyAt < IDLE_MS ? p.state : "viewing");
    }, BEAT_MS);
  }

  /** The member typed in the composer, in this mode: said at once, then at most every few seconds. */
  function typed(mode) {
    var p = presence;
    if (!p) return;
    clearTimeout(p.idle);
    p.keyAt = Date.now();
    if (p.state !== mode || Date.now() - p.sentAt > TYPING_MS) beat(p, mode);
    p.idle = setTimeout(function () { if (presence === p) beat(p, "viewing"); }, IDLE_MS);
  }

  /**
   * Keyboard shortcuts on the inbox page, as Gmail's and Chatwoot's (the page's "?" dialog lists them). Never while
   * the member types in a field: there Esc leaves the field, and Ctrl/⌘+Enter sends (the composer's own). With
   * Ctrl, ⌘ or Alt held, the browser's own shortcuts go on as they are.
   */
  var chosen = null; // the conversation id chosen in the queue with j/k, kept across the queue's live refreshes

  function typing(el) {
    if (!el || el === document.body) return false;
    if (el.isContentEditable) return true;
    var tag = el.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    if (tag !== "INPUT") return false;
    return !/^(radio|checkbox|button|submit|reset|file|image|range|color)$/.test(el.type);
  }

  function queueLinks() {
    return Array.prototype.slice.call(document.querySelectorAll("#inbox-queue .queue-item > a"));
  }

  function choose(step) {
    var links = queueLinks();
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    if (at < 0 && chosen) at = links.findIndex(function (a) { return a.parentNode.dataset.conversationId === chosen; });
    if (at < 0) {
      var open = document.getElementById("inbox-conversation");
      at = open ? links.findIndex(function (a) { return a.parentNode.dataset.conversationId === open.dataset.conversationId; }) : -1;
      at = at < 0 ? (step > 0 ? -1 : links.length) : at;
    }
    var next = links[Math.max(0, Math.min(links.length - 1, at + step))];
    links.forEach(function (a) { a.parentNode.classList.toggle("chosen", a === next); });
    chosen = next.parentNode.dataset.conversationId;
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  }

  function chosenLink() {
    var links = queueLinks();
    return links.find(function (a) { return a === document.activeElement; })
      || links.find(function (a) { return a.parentNode.dataset.conversationId === chosen; });
  }

  function press(selector) {
    var el = document.querySelector(selector);
    if (!el || el.disabled) return false;
    el.scrollIntoView({ block: "nearest" });
    if (el.tagName === "BUTTON") el.click(); else el.focus();
    return true;
  }

  function write(mode) {
    var form = document.querySelector("form.composer");
    if (!form) return false;
    var radio = form.querySelector('input[name="mode"][value="' + mode + '"]');
    if (radio && !radio.checked) {
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var text = form.querySelector("textarea");
    text.focus();
    text.setSelectionRange(text.value.length, text.value.length);
    return true;
  }

  function dialog() { return document.getElementById("shortcuts"); }

  function showShortcuts() {
    var d = dialog();
    if (!d || d.open) return false;
    d.returnFocus = document.activeElement;
    d.showModal(); // modal: the rest of the page is inert while it is open, and Esc closes it
    d.querySelector("[data-shortcuts-close]").focus();
    return true;
  }

  function onKey(e) {
    if (!document.querySelector(".inbox-page") || e.defaultPrevented) return;
    var d = dialog();
    if (d && d.open) return; // the dialog's own keys: Tab stays inside, Esc closes
    var target = e.target;
    if (typing(target)) {
      if (e.key === "Escape" && !e.ctrlKey && !e.metaKey && !e.altKey) { target.blur(); e.preventDefault(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    var onLink = target && target.closest && target.closest("#inbox-queue .queue-item > a");
    var done = false;
    switch (e.key) {
      case "?": done = showShortcuts(); break;
      case "j": done = (choose(1), true); break;
      case "k": done = (choose(-1), true); break;
      case "ArrowDown": if (onLink) { choose(1); done = true; } break;
      case "ArrowUp": if (onLink) { choose(-1); done = true; } break;
      case "o":
      case "Enter": {
        if (e.key === "Enter" && target && target !== document.body && !onLink) break; // a focused control's own Enter
        var link = chosenLink();
        if (link) { link.click(); done = true; }
        break;
      }
      case "u": done = press(".back-link a"); break;
      case "c": done = press('.conversation-actions [data-shortcut="c"]'); break;
      case "a": done = press('.conversation-actions [data-shortcut="a"]'); break;
      case "h": done = press('.conversation-actions [data-shortcut="h"]'); break;
      case "e": done = press('.conversation-actions [data-shortcut="e"]'); break;
      case "E": if (e.shiftKey) done = press('.conversation-actions [data-shortcut="E"]'); break;
      case "r": done = write("reply"); break;
      case "n": done = write("note"); break;
    }
    if (done) e.preventDefault();
  }

  function shortcuts() {
    var d = dialog();
    if (d && !d.dataset.bound) {
      d.dataset.bound = "true";
      d.querySelector("[data-shortcuts-close]").addEventListener("click", function () { d.close(); });
      // Tab and Shift+Tab go round inside the dialog (the browser's own modal lets focus leave for its address bar).
      d.addEventListener("keydown", function (e) {
        if (e.key !== "Tab") return;
        var all = Array.prototype.slice.call(d.querySelectorAll("button, [href], input, select, textarea, [tabindex]"))
          .filter(function (x) { return !x.disabled && x.tabIndex >= 0; });
        if (!all.length) return;
        var first = all[0], last = all[all.length - 1];
        if (e.shiftKey && (document.activeElement === first || !d.contains(document.activeElement))) {
          e.preventDefault(); last.focus();
        } else if (!e.shiftKey && (document.activeElement === last || !d.contains(document.activeElement))) {
          e.preventDefault(); first.focus();
        }
      });
      d.addEventListener("close", function () {
        if (d.returnFocus && document.contains(d.returnFocus)) d.returnFocus.focus();
      });
      // A click on the backdrop (outside the dialog's box) closes it too.
      d.addEventListener("click", function (e) {
        if (e.target !== d) return;
        var r = d.getBoundingClientRect();
        if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) d.close();
      });
    }
    var open = document.querySelector("[data-shortcuts-open]");
    if (open && !open.dataset.bound) {
      open.dataset.bound = "true";
      open.addEventListener("click", showShortcuts);
    }
    // The queue was swapped in afresh: the chosen conversation stays chosen (and focused, when focus was lost).
    if (chosen) {
      var link = queueLinks().find(function (a) { return a.parentNode.dataset.conversationId === chosen; });
      if (link) {
        link.parentNode.classList.add("chosen");
        if (document.activeElement === document.body) link.focus();
      }
    }
  }

  function ready() {
    if (missed && typeof htmx !== "undefined") {
      // A change came while a form was being sent: its page may be from just before it, so ask once more.
      missed = false;
      if (document.getElementById("inbox-queue")) htmx.trigger(document.body, "inbox-changed");
      var open = document.getElementById("inbox-conversation");
      if (open) htmx.trigger(open, "conversation-changed");
    }
    connect();
    notifications();
    present();
    composer();
    shortcuts();
    tick();
  }

  document.addEventListener("keydown", onKey);
  window.addEventListener("pagehide", function () {
    if (drafting) saveDraft(drafting, true);
    if (presence) leave(presence);
  });
  window.addEventListener("focus", function () { if (presence) beat(presence, "viewing"); });
  document.addEventListener("pointerdown", unlockSound, true);
  document.addEventListener("keydown", unlockSound, true);
  document.addEventListener("DOMContentLoaded", ready);
  document.addEventListener("htmx:afterSettle", ready);
  setInterval(tick, 15000);
})();
