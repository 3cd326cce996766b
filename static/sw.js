// The playground's service worker (plain JavaScript, no dependencies): keeps every file of the
// build, so that after one visit the app reloads and works offline, at the root of a site, under
// a sub-path and inside an iframe (its scope is the folder it is in, and every URL is resolved
// against that scope). A new deploy is installed beside the running version and waits: the page
// offers a Reload button (src/offline.rs) and sends "skip-waiting" when the learner presses it.
//
// `cargo xtask dist` (xtask/src/offline.rs) replaces the line below with every file of the build
// and its content hash, so a change to any file changes this script, which is how the browser
// notices a new version. Gallery scenarios and lessons are files of the build like any other.
const PRECACHE = [];

const SCOPE = self.registration.scope;
// Several copies of the playground may share an origin (the project sites of one GitHub Pages
// account): each keeps its caches under its own scope, and removes only its own old ones.
const PREFIX = `playground ${SCOPE} `;
const CACHE = PREFIX + fnv1a(JSON.stringify(PRECACHE));
const FILES = new Set(PRECACHE.map(([file]) => new URL(file, SCOPE).href));
const INDEX = new URL('index.html', SCOPE).href;

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

self.addEventListener('install', (event) => {
  // Past the HTTP cache, so the files without a hash in their names (index.html, the gallery)
  // are this deploy's. One failed file fails the install: the old version stays in use.
  const requests = [...FILES].map((url) => new Request(url, { cache: 'no-cache' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))),
      )
      // The first visit's page is served from the cache from now on, without a reload.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  // The app's address with any query (?embed=1, ?gallery=…) is index.html.
  const key = request.mode === 'navigate' && url.href === SCOPE ? INDEX : url.href;
  if (!FILES.has(key)) return;
  // Cache first; the network only if the browser dropped the cache.
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((kept) => kept || fetch(request)),
  );
});
