// Microsoft's botframework-directlinejs (polling, xhr2 and ws as Node globals) talks to the
// Direct Line endpoint of `coach serve`, unchanged. Run by CTest: node --test.
global.XMLHttpRequest = require('xhr2');
global.WebSocket = require('ws');
const test = require('node:test');
const assert = require('node:assert');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');
const { startCoach } = require('./coach_server');

function nextBotMessage(dl, after) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no bot reply within 10 s')), 10000);
    const sub = dl.activity$.subscribe((a) => {
      if (a.type === 'message' && a.from && a.from.role === 'bot' && a.replyToId === after) {
        clearTimeout(timer);
        sub.unsubscribe();
        resolve(a);
      }
    });
  });
}

function post(dl, text) {
  return new Promise((resolve, reject) => {
    dl.postActivity({ type: 'message', from: { id: 'user1', name: 'User' }, text }).subscribe({ next: resolve, error: reject });
  });
}

// The first message, posted as the client connects: resolves with its id once online.
async function firstPost(dl, text) {
  const online = new Promise((resolve) => dl.connectionStatus$.subscribe((s) => { if (s === ConnectionStatus.Online) resolve(); }));
  const first = post(dl, text);
  await online;
  return first;
}

test('Direct Line client: a conversation with the coach', async () => {
  const server = await startCoach();
  const dl = new DirectLine({ secret: 'local', domain: `${server.url}/v3/directline`, webSocket: false, pollingInterval: 200 });
  try {
    const id1 = await firstPost(dl, 'You never listen to me!');
    const reply1 = await nextBotMessage(dl, id1);
    assert.match(reply1.text, /^\*\*Criticism:\*\* "You never listen to me"\n\n/);  // Markdown, paragraphs
    assert.strictEqual(reply1.textFormat, 'markdown');
    assert.match(reply1.channelData.reply, /^Criticism: "You never listen to me"\n  /);  // the plain reply
    assert.ok(reply1.suggestedActions.actions.some((a) => a.type === 'imBack' && a.value === ':rewrite'));
    assert.deepStrictEqual(reply1.suggestedActions.to, ['user1']);
    assert.deepStrictEqual(reply1.channelData.categories, ['criticism']);
    assert.strictEqual(reply1.channelData.findings[0].span.end, 22);
    assert.ok(reply1.channelData.suggestions.length >= 1);

    const id2 = await post(dl, "I'm sorry, I was short with you.");
    const reply2 = await nextBotMessage(dl, id2);
    assert.match(reply2.text, /owns a part of it/);
    assert.deepStrictEqual(reply2.channelData.signals.repair.map((r) => r.group), ['sorry']);
  } finally {
    dl.end();
    await server.stop();
  }
});

// As Microsoft documents it for a web page: the bot's own server trades the secret for a token
// (tokens/generate), and the page's client only ever sees that token.
test('Direct Line client: a page that holds only a conversation token', async () => {
  const server = await startCoach(['--token', 'server-secret']);
  try {
    const res = await fetch(`${server.url}/v3/directline/tokens/generate`,
                            { method: 'POST', headers: { Authorization: 'Bearer server-secret' } });
    assert.strictEqual(res.status, 200);
    const { token, conversationId } = await res.json();
    assert.ok(!token.includes('server-secret'));
    const dl = new DirectLine({ token, domain: `${server.url}/v3/directline`, webSocket: false, pollingInterval: 200 });
    try {
      const id1 = await firstPost(dl, 'You never listen to me!');
      assert.ok(id1.startsWith(conversationId + '|'), id1);
      const reply1 = await nextBotMessage(dl, id1);
      assert.deepStrictEqual(reply1.channelData.categories, ['criticism']);
    } finally {
      dl.end();
    }
    // The token opens no other conversation.
    const other = await fetch(`${server.url}/v3/directline/conversations`,
                              { method: 'POST', headers: { Authorization: 'Bearer server-secret' } });
    const otherId = (await other.json()).conversationId;
    const peek = await fetch(`${server.url}/v3/directline/conversations/${otherId}/activities`,
                             { headers: { Authorization: `Bearer ${token}` } });
    assert.strictEqual(peek.status, 403);
  } finally {
    await server.stop();
  }
});

// directlinejs's default transport: the WebSocket at streamUrl, with a token.
test('Direct Line client over the WebSocket (its default transport)', async () => {
  const server = await startCoach(['--token', 'server-secret']);
  try {
    const res = await fetch(`${server.url}/v3/directline/tokens/generate`,
                            { method: 'POST', headers: { Authorization: 'Bearer server-secret' } });
    const { token } = await res.json();
    const dl = new DirectLine({ token, domain: `${server.url}/v3/directline` });
    try {
      const id1 = await firstPost(dl, 'You never listen to me!');
      const reply1 = await nextBotMessage(dl, id1);
      assert.deepStrictEqual(reply1.channelData.categories, ['criticism']);
      assert.ok(dl.streamUrl && dl.streamUrl.startsWith('ws://'), String(dl.streamUrl));
      const id2 = await post(dl, "I'm sorry, I was short with you.");
      const reply2 = await nextBotMessage(dl, id2);
      assert.deepStrictEqual(reply2.channelData.signals.repair.map((r) => r.group), ['sorry']);
    } finally {
      dl.end();
    }
  } finally {
    await server.stop();
  }
});
