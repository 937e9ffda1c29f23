/** Registers the backends that run anywhere JavaScript does: js (and wasm where WebAssembly loads). */
import { jsBackend } from './js.js';
import { registerBackend } from './registry.js';
import { wasmBackend } from './wasm.js';

registerBackend(jsBackend);
registerBackend(wasmBackend);
