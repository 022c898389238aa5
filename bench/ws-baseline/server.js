// Baseline for bench/vote_burst.cpp (plenum_vote_bench): the plainest Node.js WebSocket
// broadcaster, using npm `ws` as its README shows it, to compare plenum's live hub with.
//
//   node server.js [port]        (0 or nothing: any free port; prints "listening <port>")
//
// WebSocket: any path (the bench connects to /api/v1/live?body=...&since=...). On connect the
// server sends one marker {"body":"t","seq":0,"type":"live"}, as plenum does after catch-up.
// HTTP control, from the bench (untimed except /broadcast):
//   POST /message    the request body becomes the message to broadcast (sent untimed, before)
//   POST /broadcast  sends that message to every connected client, in one loop over
//                    wss.clients with ws.send(buffer); answers {"clients":N} once every send is
//                    queued (the bytes leave as each socket drains)
//   GET  /stats      {"clients":N,"rss":bytes}
// No authentication, no persistence, no per-client queue limit: only the fan-out.
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 0);
let message = Buffer.from('{"type":"event"}');

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/message') {
      message = Buffer.concat(chunks);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ bytes: message.length }));
    } else if (req.method === 'POST' && req.url === '/broadcast') {
      let sent = 0;
      for (const ws of wss.clients) {
        if (ws.readyState === ws.OPEN) {
          ws.send(message, { binary: false });
          sent++;
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clients: sent }));
    } else if (req.method === 'GET' && req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clients: wss.clients.size, rss: process.memoryUsage().rss }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});

const wss = new WebSocketServer({ server, perMessageDeflate: false });
const marker = Buffer.from('{"body":"t","seq":0,"type":"live"}');
wss.on('connection', (ws) => {
  ws.on('error', () => {});
  ws.send(marker, { binary: false });
});

server.listen(port, '127.0.0.1', 4096, () => {
  console.log(`listening ${server.address().port}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
