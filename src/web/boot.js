// Starts the console without an inline script, which the Content-Security-Policy forbids. The build writes
// the folder of the console's parts into this script tag's data attributes (scripts/postbuild.py).
//
// The page's own policy names every fetch directive but connect-src: this script adds that one before the
// console starts, as 'self' plus the one CouchDB server the Share page was given (issue 15), nothing else.
let server = '';
try {
  server = new URL(JSON.parse(localStorage.getItem('contract-console.connect') || '{}').server).origin;
} catch { /* none configured, or not an address */ }
if (!/^https?:\/\/[a-z0-9.\-\[\]:]+$/i.test(server)) server = '';
const policy = document.createElement('meta');
policy.httpEquiv = 'Content-Security-Policy';
policy.content = `connect-src 'self'${server ? ` ${server}` : ''}`;
document.head.append(policy);

const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
