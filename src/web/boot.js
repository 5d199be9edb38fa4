// Starts the console without an inline script, which the Content-Security-Policy forbids. Trunk writes
// the hashed file names into this script tag's data attributes (Trunk.toml, pattern_script).
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
