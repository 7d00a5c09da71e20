// Botium (botium-core, simplerest connector) plays .convo.txt conversations against the
// Rasa REST channel of `coach serve`, unchanged. Run by CTest: node --test.
const test = require('node:test');
const assert = require('node:assert');
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');
const { BotDriver } = require('botium-core');
const { startCoach } = require('./coach_server');

test('Botium conversations against the Rasa REST channel', async () => {
  const server = await startCoach();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'botium-'));
  try {
    const driver = new BotDriver().setCapabilities({
      PROJECTNAME: 'coach',
      CONTAINERMODE: 'simplerest',
      SIMPLEREST_URL: `${server.url}/webhooks/rest/webhook`,
      SIMPLEREST_METHOD: 'POST',
      SIMPLEREST_HEADERS_TEMPLATE: { 'Content-Type': 'application/json' },
      SIMPLEREST_BODY_TEMPLATE: '{ "sender": "{{botium.conversationId}}", "message": "{{msg.messageText}}" }',
      SIMPLEREST_RESPONSE_JSONPATH: '$[*].text',
      SCRIPTING_MATCHING_MODE: 'wildcard',
      TEMPDIR: workDir,  // Botium's scratch space, outside the build tree
      CLEANUPTEMPDIR: true,
    });
    const compiler = driver.BuildCompiler();
    compiler.ReadScriptsFromDirectory(path.join(__dirname, 'convos'));
    assert.ok(compiler.convos.length >= 4, 'convos were read');
    const container = await driver.Build();
    for (const convo of compiler.convos) {
      await container.Start();
      try {
        await convo.Run(container);  // throws with Botium's own diff when a bot line does not match
      } finally {
        await container.Stop();
      }
    }
    await container.Clean();
  } finally {
    await server.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});
