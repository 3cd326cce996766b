// Starts the tools worker (src/bin/tools.rs): wasm-bindgen's no-modules glue, then its module,
// passed as one object as wasm-bindgen 0.2.130 asks (Trunk's own loader shim still passes a bare
// path, which logs a deprecation warning). `cargo xtask dist` gives all three files content
// hashes and rewrites the two names below, each written exactly once.
//
// A file that cannot be loaded (offline before it was ever kept, or an error) is reported to the
// page, which says so, instead of leaving the request unanswered.
const failed = (file, error) =>
  postMessage(JSON.stringify({ failed: `${file.slice(2)}: ${(error && error.message) || error}` }));
const glue = './tools.js';
const module = './tools_bg.wasm';
try {
  importScripts(glue);
  wasm_bindgen({ module_or_path: module }).catch((error) => failed(module, error));
} catch (error) {
  failed(glue, error);
}
