// Microsoft's Web Chat (botframework-webchat from npm, unmodified) in headless Chromium, embedded
// with Microsoft's standard snippet in a page on another origin, holds a conversation with
// `coach serve` through a token from tokens/generate: over the WebSocket (the default) and over
// polling. Checked in the DOM: the replies (Markdown paragraphs, the bold label, the break time
// in the browser's zone), no "Send failed", suggestions as buttons that send when clicked.
// Screenshots are kept in ARTIFACTS_DIR. Run by CTest (web_chat) with node --test.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { startCoach } = require('./coach_server');
const { launch, servePage, screenshot, breakTime } = require('./browser');

const webchatJs = fs.readFileSync(path.join(__dirname, 'node_modules/botframework-webchat/dist/webchat.js'));
const zone = 'Pacific/Auckland';  // not the machine's: the break time must come from the browser

// Microsoft's embed snippet (https://learn.microsoft.com/azure/bot-service/bot-builder-webchat-overview),
// with the script from this origin instead of the CDN and `domain` pointing at the coach.
function snippet(coachUrl, token, options) {
  return `<!DOCTYPE html>
<html>
  <head>
    <script crossorigin="anonymous" src="/webchat.js"></script>
    <style>html, body { height: 100%; } body { margin: 0; } #webchat { height: 100%; width: 100%; }</style>
  </head>
  <body>
    <div id="webchat" role="main"></div>
    <script>
      window.WebChat.renderWebChat(
        {
          directLine: window.WebChat.createDirectLine(Object.assign({ token: ${JSON.stringify(token)},
                                                                      domain: ${JSON.stringify(coachUrl + '/v3/directline')} },
                                                                    ${JSON.stringify(options)})),
          userID: 'user-in-test',
          username: 'Web Chat User',
          locale: 'en-US'
        },
        document.getElementById('webchat')
      );
    </script>
  </body>
</html>`;
}

async function generateToken(coachUrl) {
  const res = await fetch(`${coachUrl}/v3/directline/tokens/generate`,
                          { method: 'POST', headers: { Authorization: 'Bearer site-secret' } });
  assert.strictEqual(res.status, 200);
  return (await res.json()).token;
}

// Types into Web Chat's send box and presses Enter.
async function say(page, text) {
  const box = await page.waitForSelector('[data-id="webchat-sendbox-input"]', { timeout: 20000 });
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

// The text of the bot's bubbles, in order.
function botTexts(page) {
  return page.$$eval('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content',
                     (els) => els.map((e) => e.innerText));
}

async function waitForBotCount(page, n) {
  await page.waitForFunction((count) => document.querySelectorAll(
    '.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content').length >= count,
  { timeout: 20000 }, n);
}

async function run(options, shotName) {
  // The page's origin must be known before the coach starts (--cors-origin): serve it first.
  let html = '';
  const site = await servePage({
    '/': { type: 'text/html', body: () => html },
    '/webchat.js': { type: 'text/javascript', body: webchatJs },
  });
  const coach = await startCoach(['--token', 'site-secret', '--cors-origin', site.url]);
  const chrome = await launch();
  try {
    html = snippet(coach.url, await generateToken(coach.url), options);
    const page = await chrome.browser.newPage();
    await page.emulateTimezone(zone);
    await page.setViewport({ width: 520, height: 900 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site.url + '/', { waitUntil: 'load' });

    // First exchange: criticism, answered in paragraphs, with the label in bold.
    await say(page, 'You never listen to me, you are so *lazy*');
    await waitForBotCount(page, 1);
    const first = (await botTexts(page))[0];
    assert.match(first, /Criticism: ["“]You never listen to me/);  // Web Chat sets typographic quotes
    const bubble = await page.$('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content');
    const paragraphs = await bubble.$$eval('p', (ps) => ps.length);
    assert.ok(paragraphs >= 4, `the reply is in paragraphs (${paragraphs})`);
    assert.strictEqual(await bubble.$eval('strong', (s) => s.innerText), 'Criticism:');
    // The user's words are shown as typed, not as Markdown.
    const userText = await page.$eval('.webchat__stacked-layout--from-user .webchat__bubble__content', (e) => e.innerText);
    assert.match(userText, /\*lazy\*/);

    // The suggestions are buttons; clicking one sends it, and the coach finds it fine.
    const buttons = await page.$$eval('.webchat__suggested-action', (bs) => bs.map((b) => b.innerText.trim()));
    assert.ok(buttons.length >= 2, `suggested actions shown: ${JSON.stringify(buttons)}`);
    assert.ok(buttons.includes('Help me rewrite it'), JSON.stringify(buttons));
    const suggestion = buttons[0];
    await page.click('.webchat__suggested-action');
    await waitForBotCount(page, 2);
    const userBubbles = await page.$$eval('.webchat__stacked-layout--from-user .webchat__bubble__content',
                                          (els) => els.map((e) => e.innerText.trim()));
    assert.strictEqual(userBubbles[1], suggestion);
    assert.match((await botTexts(page))[1], /Nothing here looks like criticism/);

    // Second typed exchange: stonewalling, with a break time on the browser's clock.
    const before = Date.now();
    await say(page, "I'm done talking about this.");
    await waitForBotCount(page, 3);
    const after = Date.now();
    const third = (await botTexts(page))[2];
    assert.match(third, /Stonewalling/);
    const times = new Set([breakTime(zone, before), breakTime(zone, after)]);
    assert.ok([...times].some((t) => third.includes(t)), `${third} names ${[...times].join(' or ')}`);

    const body = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(body, /Send failed|Taking longer than usual/);
    assert.deepStrictEqual(errors, []);
    await screenshot(page, shotName);
  } finally {
    await chrome.close();
    await coach.stop();
    await site.close();
  }
}

test('Web Chat over the WebSocket (its default), from another origin, with a generated token', async () => {
  await run({}, 'webchat-websocket.png');
});

test('Web Chat over polling (webSocket: false)', async () => {
  await run({ webSocket: false }, 'webchat-polling.png');
});
