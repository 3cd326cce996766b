// Starts the tools worker (src/bin/tools.rs): wasm-bindgen's no-modules glue, then its module,
// passed as one object as wasm-bindgen 0.2.130 asks (Trunk's own loader shim still passes a bare
// path, which logs a deprecation warning).
importScripts('./tools.js');
wasm_bindgen({ module_or_path: './tools_bg.wasm' });
