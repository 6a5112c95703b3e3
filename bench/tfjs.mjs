// The TensorFlow.js peers (dev dependencies): tfjs-core with the pure-JS cpu backend and the
// WebAssembly (XNNPACK, SIMD) backend, the latter loaded offline from the npm package's dist folder.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export async function loadTf(root) {
  const tf = require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-backend-cpu');
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  // Silence tfjs's "install tfjs-node" banner: we compare against the pure JS/WASM backends.
  const log = console.log;
  console.log = () => {};
  try {
    wasm.setWasmPaths(`${path.join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist')}${path.sep}`);
    for (const backend of ['wasm', 'cpu']) {
      if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
    }
  } finally {
    console.log = log;
  }
  return tf;
}
