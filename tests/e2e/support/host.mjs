// A documentation page of another origin (another port of 127.0.0.1) that embeds the playground.

import { createServer } from 'node:http';

/**
 * Serves `html` on a free port of 127.0.0.1 while `body(url)` runs, then stops. The host page's
 * own requests are the test's, so they are not counted as requests leaving the app.
 */
export async function withHostPage(session, html, body) {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  const url = `http://127.0.0.1:${server.address().port}/`;
  try {
    return await body(url);
  } finally {
    server.close();
    session.foreignRequests = session.foreignRequests.filter((request) => !request.includes(url));
  }
}

/** The frame of the page's first iframe, once the iframe is in the page. */
export async function firstFrame(page) {
  return (await page.locator('iframe').elementHandle()).contentFrame();
}
