// A second address for the served build (another port of 127.0.0.1, so a fresh origin with no
// service worker of its own yet), which relays every request to BASE_URL and which a test can
// take down (the Wi-Fi failed: connections are cut), redeploy (sw.js with another precache list),
// or make lose files (a build whose tools worker cannot load).

import { createServer } from 'node:http';
import { BASE_URL } from './browser.mjs';

/**
 * Runs `body(relay)` with a relay on a free port, then stops it. `relay.url` is its base URL;
 * set `relay.down`, `relay.deploy` (a number: which redeploy sw.js says it is) or
 * `relay.missing` (a RegExp of paths answered 404). Its requests are the test's own, so they are
 * not counted as requests leaving the app.
 */
export async function withRelay(session, body) {
  const relay = { url: '', down: false, deploy: 0, missing: null };
  const server = createServer((req, res) => {
    if (relay.down) {
      req.socket.destroy();
      return;
    }
    answer(relay, req.url, res).catch(() => req.socket.destroy());
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  relay.url = `http://127.0.0.1:${server.address().port}/`;
  try {
    return await body(relay);
  } finally {
    server.closeAllConnections();
    server.close();
    session.foreignRequests = session.foreignRequests.filter((request) => !request.includes(relay.url));
  }
}

async function answer(relay, path, res) {
  if (relay.missing?.test(path)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not Found');
    return;
  }
  const upstream = await fetch(new URL(path.slice(1), BASE_URL));
  let bytes = Buffer.from(await upstream.arrayBuffer());
  if (relay.deploy > 0 && /\/sw\.js(\?|$)/.test(path)) {
    // Another build: index.html's hash in the precache list differs, so the script does.
    const text = bytes.toString('utf8');
    const redeployed = text.replace(/\["index\.html", "[0-9a-f]+"\]/, `["index.html", "redeploy-${relay.deploy}"]`);
    if (redeployed === text) throw new Error('sw.js has no precache entry for index.html');
    bytes = Buffer.from(redeployed, 'utf8');
  }
  res.writeHead(upstream.status, {
    'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  res.end(bytes);
}
