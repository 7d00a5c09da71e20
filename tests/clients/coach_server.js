// Starts `coach serve` (COACH_BIN) on a free loopback port; resolves with its URL.
const { spawn } = require('node:child_process');

function startCoach(extraArgs = []) {
  return new Promise((resolve, reject) => {
    const bin = process.env.COACH_BIN;
    if (!bin) return reject(new Error('COACH_BIN is not set'));
    const proc = spawn(bin, ['serve', '--port', '0', '--sessions', 'memory', '--quiet', ...extraArgs],
                       { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr.on('data', (d) => {
      err += d.toString();
      const m = err.match(/http:\/\/([\d.]+):(\d+)/);
      if (m) resolve({ url: `http://${m[1]}:${m[2]}`, stop: () => new Promise((r) => { proc.once('exit', r); proc.kill('SIGTERM'); }) });
    });
    proc.once('exit', (code) => reject(new Error(`coach serve exited (${code}): ${err}`)));
  });
}

module.exports = { startCoach };
