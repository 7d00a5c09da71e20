// The coach's chat page (`coach serve --web`): a Direct Line 3.0 client of the server it came
// from. A token from /web/token, a conversation, then the conversation's WebSocket (polling when
// WebSockets are blocked); the stream is resumed from the last watermark after a drop, and a
// reload of the page replays the conversation. Text is only ever set as text, never as HTML.
// Tested in tests/clients/web_page.browser.js.
'use strict';

(() => {
  const base = '/v3/directline';
  const storageKey = 'coach.conversation';
  const el = (id) => document.getElementById(id);
  const log = el('log'), typing = el('typing'), actions = el('actions'), form = el('compose'), input = el('text'),
        statusLine = el('status'), sendButton = el('send');
  const userId = 'web-' + Math.random().toString(36).slice(2, 10);

  let conversation = null;  // { id, token, expires }
  let watermark = 0;
  let socket = null;
  let polling = false;
  let socketFailures = 0;
  let typingTimer = null;
  const seen = new Set();
  const pending = new Map();  // clientActivityID -> the bubble shown before the server echoed it

  function setStatus(text) { statusLine.textContent = text; }

  function save() {
    sessionStorage.setItem(storageKey, JSON.stringify(conversation));
  }

  async function api(method, path, body) {
    const res = await fetch(base + path, {
      method,
      headers: { Authorization: 'Bearer ' + conversation.token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error((data.error && data.error.message) || 'HTTP ' + res.status);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  async function newConversation() {
    const res = await fetch('/web/token', { method: 'POST' });
    if (!res.ok) throw new Error('no token (HTTP ' + res.status + ')');
    const t = await res.json();
    conversation = { id: t.conversationId, token: t.token, expires: Date.now() + t.expires_in * 1000 };
    const started = await api('POST', '/conversations');
    save();
    return started.streamUrl;
  }

  async function start() {
    let streamUrl = null;
    const saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    if (saved && saved.expires > Date.now() + 60000) {
      conversation = saved;
      try {
        streamUrl = (await api('GET', '/conversations/' + conversation.id + '?watermark=0')).streamUrl;
      } catch (e) {
        conversation = null;
      }
    }
    if (!conversation) streamUrl = await newConversation();
    scheduleRefresh();
    connect(streamUrl);
  }

  // A token lives expires_in seconds: refreshed at half its life.
  function scheduleRefresh() {
    const wait = Math.max(10000, (conversation.expires - Date.now()) / 2);
    setTimeout(async () => {
      try {
        const t = await api('POST', '/tokens/refresh');
        conversation.token = t.token;
        conversation.expires = Date.now() + t.expires_in * 1000;
        save();
      } catch (e) { /* the next request says what went wrong */ }
      scheduleRefresh();
    }, wait);
  }

  function connect(streamUrl) {
    if (!streamUrl || !('WebSocket' in window) || socketFailures >= 3) return startPolling();
    const ws = new WebSocket(streamUrl);
    let opened = false;
    ws.onopen = () => { opened = true; socketFailures = 0; setStatus('Connected'); };
    ws.onmessage = (e) => { if (e.data) receive(JSON.parse(e.data)); };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      if (!opened) socketFailures++;
      setStatus('Reconnecting…');
      setTimeout(reconnect, opened ? 500 : 1000 * socketFailures);
    };
    socket = ws;
  }

  async function reconnect() {
    try {
      const c = await api('GET', '/conversations/' + conversation.id + '?watermark=' + watermark);
      connect(c.streamUrl);
    } catch (e) {
      if (e.status === 401 || e.status === 403 || e.status === 404) {
        sessionStorage.removeItem(storageKey);
        conversation = null;
        return start().catch(showFailure);
      }
      setTimeout(reconnect, 3000);
    }
  }

  async function startPolling() {
    if (polling) return;
    polling = true;
    setStatus('Connected (polling)');
    for (;;) {
      await poll().catch(() => setStatus('Reconnecting…'));
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  async function poll() {
    const group = await api('GET', '/conversations/' + conversation.id + '/activities?watermark=' + watermark);
    receive(group);
    setStatus('Connected (polling)');
  }

  function receive(group) {
    for (const a of group.activities || []) show(a);
    if (group.watermark !== undefined) watermark = Number(group.watermark);
  }

  // A coach line: a leading label ("Criticism:", "You could say:") in bold, web addresses as links.
  function line(text) {
    const p = document.createElement('p');
    const label = /^([A-Z][^:"]{0,39}:)( |$)/.exec(text);
    if (label) {
      const b = document.createElement('strong');
      b.textContent = label[1];
      p.append(b);
      text = text.slice(label[1].length);
    }
    for (const part of text.split(/(https:\/\/[^\s,"]+[^\s,".])/)) {
      if (/^https:\/\//.test(part)) {
        const a = document.createElement('a');
        a.href = part;
        a.textContent = part;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        p.append(a);
      } else if (part) {
        p.append(document.createTextNode(part));
      }
    }
    return p;
  }

  function bubble(kind, text) {
    const li = document.createElement('li');
    li.className = kind;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = kind === 'user' ? 'You' : 'Coach';
    li.append(who);
    if (kind === 'user') li.append(document.createTextNode(text));
    else for (const l of text.split('\n')) if (l.trim()) li.append(line(l.trim()));
    log.append(li);
    li.scrollIntoView({ block: 'end' });
    return li;
  }

  function show(a) {
    if (a.type === 'typing') {
      typing.hidden = false;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => { typing.hidden = true; }, 5000);
      return;
    }
    if (a.type !== 'message' || seen.has(a.id)) return;
    seen.add(a.id);
    const fromCoach = a.from && a.from.role === 'bot';
    if (!fromCoach) {
      const id = a.channelData && a.channelData.clientActivityID;
      const shown = pending.get(id);
      if (shown) {
        shown.classList.remove('pending');
        pending.delete(id);
      } else {
        bubble('user', a.text || '');
      }
      return;
    }
    typing.hidden = true;
    const data = a.channelData || {};
    const li = bubble('coach', typeof data.reply === 'string' ? data.reply : a.text || '');
    if (data.safety) {
      li.classList.add('safety');
      li.setAttribute('role', 'alert');
    }
    offer((a.suggestedActions && a.suggestedActions.actions) || []);
  }

  function offer(list) {
    actions.replaceChildren();
    for (const action of list) {
      if (action.type !== 'imBack' || typeof action.value !== 'string') continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = action.title || action.value;
      b.addEventListener('click', () => send(action.value, 'sending'));
      actions.append(b);
    }
  }

  async function send(text, mode) {
    const clientId = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    const li = bubble('user', text);
    li.classList.add('pending');
    pending.set(clientId, li);
    actions.replaceChildren();
    const channelData = { clientActivityID: clientId };
    if (mode === 'received') channelData.mode = 'received';
    try {
      await api('POST', '/conversations/' + conversation.id + '/activities', {
        type: 'message',
        from: { id: userId, name: 'You' },
        text,
        locale: navigator.language,
        localTimezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        channelData,
      });
      if (!socket) await poll();
    } catch (e) {
      li.classList.add('failed');
      li.classList.remove('pending');
      pending.delete(clientId);
      bubble('coach', 'That message did not reach the coach: ' + e.message);
    }
  }

  function showFailure(e) {
    setStatus('Not connected');
    bubble('coach', 'The coach cannot be reached right now (' + e.message + '). Reload the page to try again.');
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text || !conversation) return;
    input.value = '';
    send(text, form.elements.mode.value);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  for (const radio of form.elements.mode) {
    radio.addEventListener('change', () => {
      input.placeholder = form.elements.mode.value === 'received'
        ? 'Paste a message you received…' : "Type a message you're about to send…";
    });
  }

  sendButton.disabled = true;
  start().then(() => { sendButton.disabled = false; }, showFailure);
})();
