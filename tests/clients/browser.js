// Headless Chromium (Debian's /usr/bin/chromium) for the browser tests, driven by puppeteer-core,
// and a static server for pages on an origin of their own. Screenshots go to ARTIFACTS_DIR.
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = process.env.ARTIFACTS_DIR || path.join(os.tmpdir(), 'coach-browser-artifacts');

async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    // The machine's network is closed: no background connections, no GPU, no sandbox as root.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Serves `files` ({ '/path': { type, body } }) on a free loopback port: another origin than the coach.
function servePage(files) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const f = files[req.url.split('?')[0]];
      if (!f) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': f.type, 'Cache-Control': 'no-store' });
      res.end(typeof f.body === 'function' ? f.body() : f.body);
    });
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// The coach's break time for a message at `ms` in `zone`, as tests/clients/break_time.py: twenty
// minutes on, rounded up to the quarter, "around 6:15".
function breakTime(zone, ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
  }).formatToParts(new Date(ms + 20 * 60 * 1000)).map((p) => [p.type, p.value]));
  let h = Number(parts.hour), m = Number(parts.minute);
  const past = (m % 15) * 60 + Number(parts.second);
  if (past) m += 15 - (m % 15);
  if (m === 60) { m = 0; h = (h + 1) % 24; }
  const hour = h % 12 || 12;
  return m === 0 ? `around ${hour}` : `around ${hour}:${String(m).padStart(2, '0')}`;
}

module.exports = { launch, servePage, screenshot, breakTime };
