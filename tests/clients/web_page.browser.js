// The coach's own chat page (`coach serve --web`) in headless Chromium: it connects over the
// WebSocket, a message is coached, a suggestion button sends its phrasing, received mode answers
// a partner's message, a safety message is shown as an alert without suggestions, a reload
// replays the conversation, and the page loads nothing from elsewhere (its CSP holds).
// Screenshots (light and dark) are kept in ARTIFACTS_DIR. Run by CTest (web_chat).
const test = require('node:test');
const assert = require('node:assert');
const { startCoach } = require('./coach_server');
const { launch, screenshot } = require('./browser');

async function coachReplies(page) {
  return page.$$eval('#log li.coach', (els) => els.map((e) => e.innerText));
}

async function waitForReplies(page, n) {
  await page.waitForFunction((count) => document.querySelectorAll('#log li.coach').length >= count, { timeout: 20000 }, n);
}

async function type(page, text) {
  await page.click('#text');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('the chat page at / holds a conversation over the WebSocket', async () => {
  const coach = await startCoach(['--web', '--token', 'site-secret']);
  const chrome = await launch();
  try {
    const page = await chrome.browser.newPage();
    await page.setViewport({ width: 560, height: 900 });
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(coach.url + '/', { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('status').textContent === 'Connected', { timeout: 20000 });
    assert.strictEqual(await page.$eval('#send', (b) => b.disabled), false);

    await type(page, 'You never listen to me, you are so lazy');
    await waitForReplies(page, 1);
    assert.match((await coachReplies(page))[0], /Criticism: "You never listen to me"/);
    assert.strictEqual(await page.$eval('#log li.coach strong', (b) => b.textContent), 'Criticism:');
    assert.ok(await page.$$eval('#log li.coach', (els) => els[0].querySelectorAll('p').length) >= 4);
    // The user's bubble was confirmed by the server's echo.
    await page.waitForFunction(() => !document.querySelector('#log li.user.pending'), { timeout: 20000 });

    const buttons = await page.$$eval('#actions button', (bs) => bs.map((b) => b.textContent));
    assert.ok(buttons.length >= 2 && buttons.includes('Help me rewrite it'), JSON.stringify(buttons));
    await page.click('#actions button');
    await waitForReplies(page, 2);
    const users = await page.$$eval('#log li.user', (els) => els.map((e) => e.innerText));
    assert.ok(users[1].endsWith(buttons[0]), users[1]);
    assert.match((await coachReplies(page))[1], /Nothing here looks like criticism/);

    // Received mode: a partner's message is answered, not corrected.
    await page.click('input[name="mode"][value="received"]');
    await type(page, 'You never help me with anything');
    await waitForReplies(page, 3);
    const answer = (await coachReplies(page))[2];
    assert.doesNotMatch(answer, /Criticism:/);  // the partner's words are not the user's to fix
    assert.match(answer, /"[^"]{10,}"/);  // a reply to offer, in quotes

    // Safety: an alert, no suggestion buttons.
    await page.click('input[name="mode"][value="sending"]');
    await type(page, 'he said if I leave he will hurt me');
    await waitForReplies(page, 4);
    assert.match((await coachReplies(page))[3], /is a threat/);
    assert.strictEqual(await page.$eval('#log li.coach:last-child', (e) => e.getAttribute('role')), 'alert');
    assert.strictEqual(await page.$eval('#log li.coach:last-child a', (a) => a.href), 'https://findahelpline.com/');
    assert.strictEqual(await page.$$eval('#actions button', (bs) => bs.length), 0);
    await screenshot(page, 'web-page-light.png');

    // A reload replays the conversation from the server.
    await page.reload({ waitUntil: 'load' });
    await waitForReplies(page, 4);
    assert.strictEqual((await page.$$('#log li.user')).length, 4);

    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.strictEqual(background, 'rgb(23, 24, 26)');
    await screenshot(page, 'web-page-dark.png');

    const origin = new URL(coach.url).origin;
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith(origin.replace('http', 'ws')));
    assert.deepStrictEqual(foreign, []);
    assert.deepStrictEqual(problems, []);
  } finally {
    await chrome.close();
    await coach.stop();
  }
});

test('without --web there is no page, and /web/token does not exist', async () => {
  const coach = await startCoach();
  try {
    assert.strictEqual((await fetch(coach.url + '/')).status, 404);
    assert.strictEqual((await fetch(coach.url + '/web/token', { method: 'POST' })).status, 404);
  } finally {
    await coach.stop();
  }
});
