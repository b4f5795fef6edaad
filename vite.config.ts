import { defaultClientConditions, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * ONNX Runtime Web's WebAssembly build must come from the app itself, never a CDN, so the
 * app works offline. These are the only two files transformers.js asks for when
 * `wasmPaths` points at them (see src/embedding/ortPaths.ts).
 */
const ORT_FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];
// The copy transformers.js itself resolves (hoisted by npm); its exports map hides package.json.
const ORT_DIST = fileURLToPath(new URL('node_modules/onnxruntime-web/dist/', import.meta.url));

function serveOrtWasm(): Plugin {
  return {
    name: 'serve-ort-wasm',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0]?.replace(/^\/ort\//, '');
        if (!req.url?.startsWith('/ort/') || !name || !ORT_FILES.includes(name)) return next();
        res.setHeader('Content-Type', name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
        createReadStream(path.join(ORT_DIST, name)).pipe(res);
      });
    },
    generateBundle() {
      for (const name of ORT_FILES) {
        this.emitFile({ type: 'asset', fileName: `ort/${name}`, source: readFileSync(path.join(ORT_DIST, name)) });
      }
    },
  };
}

/** Cross-origin isolation lets ONNX Runtime use several WebAssembly threads. */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), serveOrtWasm()],
  server: { headers: ISOLATION_HEADERS, port: 5173 },
  preview: { headers: ISOLATION_HEADERS, port: 4173 },
  // ORT's "extern wasm" build does not bundle its own copy of the 26 MB wasm file: the app
  // serves exactly one copy from /ort/ (serveOrtWasm above).
  resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  optimizeDeps: { exclude: ['@huggingface/transformers'] },
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts', 'test/ui/**/*.test.tsx'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
  },
});
