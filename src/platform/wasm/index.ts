// WebAssembly generated at load time, for the few hot loops where V8's JavaScript cannot keep up:
// SHA-256 node hashes (ledger), ChaCha20-Poly1305 (device envelopes), KitNET scoring (network detection).
export { F64, I32, I64, V128, instantiateModule, moduleBytes, op, simd, type WasmFunction } from './wasm-writer.js';
