/*
 * Test-only preload (`node --require test/fakes/net-recorder.cjs`): records every outgoing connection and DNS lookup
 * the process makes, one JSON line each, to the file in NET_RECORDER_LOG. Nothing is blocked; the test asserts on
 * the log. CommonJS so it runs before any ESM or bundled code.
 */
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const log = process.env.NET_RECORDER_LOG;
if (log) {
  const rec = (o) => fs.appendFileSync(log, JSON.stringify(o) + '\n');
  const origConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    // Node >= 22 calls connect with the normalised [options, callback] array: the options carry the http agent,
    // whose sockets make it circular, so only host/port/path are ever read from it
    const a = Array.isArray(args[0]) ? args[0][0] : args[0];
    let target;
    if (a && typeof a === 'object') target = a.path ? { path: String(a.path) } : { host: String(a.host ?? 'localhost'), port: Number(a.port) };
    else if (typeof a === 'string' && isNaN(Number(a))) target = { path: a };
    else target = { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: a };
    rec({ kind: 'connect', ...target });
    return origConnect.apply(this, args);
  };
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
    const orig = dns[name];
    dns[name] = function (host, ...rest) {
      rec({ kind: 'dns', fn: name, host });
      return orig.call(this, host, ...rest);
    };
    const porig = dns.promises[name];
    dns.promises[name] = function (host, ...rest) {
      rec({ kind: 'dns', fn: name, host });
      return porig.call(this, host, ...rest);
    };
  }
}
