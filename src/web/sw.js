// The console's service worker (written into dist/ by scripts/postbuild.py): it caches the app shell so
// the console opens and works with no network. Pages come from the network when it answers, else from the
// cache; the hashed assets come from the cache first.
const CACHE = '__CACHE__';
const FILES = [
  __FILES__
];

self.addEventListener('install', (event) => {
  // At low priority: the precache starts once the first screen is up, and must not slow the next screen's parts.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { priority: 'low' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('contract-console-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Deep links (/users/classic) are all the same page: index.html.
    event.respondWith(fetch(request).catch(() => caches.match('__INDEX__')));
    return;
  }
  event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
});
