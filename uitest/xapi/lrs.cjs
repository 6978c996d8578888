// Starts Learning Locker's xAPI statements service (npm @learninglocker/xapi-statements) with
// its in-memory store, listening on 127.0.0.1 only, and prints {"port": N} once it listens.
// Used by Tandem's Go tests only (testenv.StartLRS).
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-lrs-'));
Object.assign(process.env, {
  MODELS_REPO: 'memory',
  STORAGE_REPO: 'local',
  FS_LOCAL_STORAGE_DIR: path.join(dir, 'storage'),
  EXPRESS_MORGAN_DIRECTORY: path.join(dir, 'logs'),
  EVENTS_REPO: 'test',
  AUTH_REPO: 'test',
  WINSTON_CONSOLE_LEVEL: 'error',
});
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

// The service listens on every interface at a fixed port; the tests want a free port on
// loopback only.
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function listenOnLoopback() {
  const server = listen.call(this, 0, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
  });
  return server;
};
require('@learninglocker/xapi-statements/dist/server');
