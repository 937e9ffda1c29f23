/**
 * The wasm backend's compiled modules. Both builds (SIMD128 and scalar) are embedded as base64 at build
 * time (scripts/build-wasm.mjs), so loading needs no fs, fetch or bundler support: the same code runs in
 * Node, browsers and Web Workers. Compilation is synchronous (`new WebAssembly.Module`: the modules are
 * ~20 KiB) and happens once per build per thread; a compiled module can also be posted to a worker.
 * SIMD is detected by validating the SIMD build itself, which checks exactly the instructions it uses.
 */
import { WASM_SCALAR_BASE64, WASM_SIMD_BASE64 } from './generated/wasm-binaries.js';

/** A compiled module (opaque here; structured-cloneable, so it can be posted to a worker). */
export type WasmModule = object & { readonly __wasmModule?: never };

/** The little of the WebAssembly API this backend uses (TypeScript declares it in lib.dom only). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: object };
  validate(bytes: Uint8Array): boolean;
}

function api(): WasmApi | undefined {
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return wa && typeof wa.Module === 'function' && typeof wa.Instance === 'function' ? wa : undefined;
}

function bytes(simd: boolean): Uint8Array {
  const text = atob(simd ? WASM_SIMD_BASE64 : WASM_SCALAR_BASE64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

const compiled = new Map<boolean, WasmModule>();
let simdValid: boolean | undefined;

/** True when this engine runs WebAssembly SIMD128. */
export function simdSupported(): boolean {
  if (simdValid === undefined) {
    const wa = api();
    simdValid = wa !== undefined && wa.validate(bytes(true));
  }
  return simdValid;
}

/** The compiled SIMD or scalar build (compiled on first use, then shared); throws where WebAssembly cannot compile. */
export function wasmModule(simd: boolean): WasmModule {
  let m = compiled.get(simd);
  if (!m) {
    const wa = api();
    if (!wa) throw new Error('WebAssembly is not available in this environment');
    m = new wa.Module(bytes(simd));
    compiled.set(simd, m);
  }
  return m;
}

/** Null when the given build compiles here, else why not. */
export function wasmUnavailable(simd: boolean): string | null {
  if (!api()) return 'WebAssembly is not available in this environment';
  try {
    wasmModule(simd);
    return null;
  } catch (e) {
    // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
    return `WebAssembly cannot compile here: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** A fresh instance of a compiled module: its exports (the module imports nothing). */
export function instantiate(module: WasmModule): object {
  const wa = api();
  if (!wa) throw new Error('WebAssembly is not available in this environment');
  return new wa.Instance(module, {}).exports;
}
