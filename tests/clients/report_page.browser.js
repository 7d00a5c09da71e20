// `coach report --html` opened in headless Chromium: the page loads nothing from elsewhere and
// runs no script, the charts' bars and points carry the figures of `coach report --json` for the
// same export, and it reads in light and dark (screenshots in ARTIFACTS_DIR). Run by CTest (web_chat).
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { launch, screenshot } = require('./browser');

const fixtures = path.join(__dirname, '..', 'report');

test('the report page draws what the JSON says', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-report-'));
  const page = path.join(dir, 'report.html');
  // Two exports of the same chat plus a message that needs the safety section.
  const danger = path.join(dir, 'danger.jsonl');
  fs.writeFileSync(danger, JSON.stringify({ time: '2024-01-22T20:00:00', sender: 'Alex', text: 'if you leave me I will hurt you' }) + '\n');
  const files = [path.join(fixtures, 'whatsapp-ios.txt'), danger];
  const report = JSON.parse(execFileSync(process.env.COACH_BIN, ['report', '--json', '--html', page, ...files]));
  const chrome = await launch();
  try {
    const tab = await chrome.browser.newPage();
    await tab.setViewport({ width: 900, height: 1000 });
    const requests = [];
    tab.on('request', (r) => requests.push(r.url()));
    await tab.goto('file://' + page, { waitUntil: 'load' });

    const bars = await tab.$$eval('#patterns rect', (rs) => rs.map((r) => ({
      week: r.dataset.week, person: r.dataset.person, pattern: r.dataset.pattern, value: Number(r.dataset.value),
      height: r.getBBox().height })));
    const want = [];
    for (const w of report.weeks)
      for (const [person, t] of Object.entries(w.people))
        for (const [pattern, value] of Object.entries(t.patterns)) want.push({ week: w.week, person, pattern, value });
    assert.deepStrictEqual(bars.map(({ height, ...b }) => b), want);
    assert.ok(bars.every((b) => (b.value === 0) === (b.height === 0)), 'a bar is drawn exactly when its value is not 0');

    const points = await tab.$$eval('#ratio circle', (cs) => cs.map((c) => ({
      week: c.dataset.week, person: c.dataset.person, ratio: Number(c.dataset.ratio) })));
    const wantPoints = [];
    for (const p of report.people.map((x) => x.name))
      for (const w of report.weeks)
        if (w.people[p] && w.people[p].ratio !== null) wantPoints.push({ week: w.week, person: p, ratio: Number(w.people[p].ratio.toFixed(2)) });
    assert.deepStrictEqual(points, wantPoints);

    // People's cards, and safety first.
    const cards = await tab.$$eval('section.card', (cs) => cs.map((c) => c.dataset.person));
    assert.deepStrictEqual(cards, report.people.map((p) => p.name));
    const order = await tab.evaluate(() => {
      const s = document.querySelector('section.safety');
      const c = document.querySelector('section.card');
      return s && c ? Boolean(s.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
    });
    assert.strictEqual(order, true, 'the safety section comes before the people');
    assert.deepStrictEqual(requests.filter((u) => !u.startsWith('file://')), []);
    assert.strictEqual(await tab.$$eval('script', (s) => s.length), 0);
    await screenshot(tab, 'report-light.png');
    await tab.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    assert.strictEqual(await tab.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(22, 23, 26)');
    await screenshot(tab, 'report-dark.png');
  } finally {
    await chrome.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
