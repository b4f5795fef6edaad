import { defaultClientConditions, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { BOOT_SCRIPT_FILE, bootScript, contentSecurityPolicy, headerPolicy } from './src/core/csp.ts';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * ONNX Runtime Web's WebAssembly builds must come from the app itself, never a CDN, so the
 * app works offline. These are the only files transformers.js asks for when `wasmPaths`
 * points at them (see `ortFiles` in src/embedding/loadSpec.ts): the plain build for
 * WebAssembly, the asyncify build for WebGPU.
 */
const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];
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

/**
 * The bundled profiles' embeddings by the bundled model, built with the app (see
 * src/embedding/prebuilt.ts and scripts/lib/prebuilt.ts), so the first ranking needs no
 * embedding pass. Build only: under `vite` dev the app embeds the profiles itself.
 */
function prebuiltEmbeddings(): Plugin {
  let base = '/';
  let built: { fileName: string; file: string } | null = null;
  return {
    name: 'prebuilt-embeddings',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    buildStart() {
      // in its own process: the model runs on transformers.js and onnxruntime-node, which this
      // config (read by `vite` dev and the unit tests too) should not load
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/lib/prebuilt.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      built = JSON.parse(out.trim().split('\n').pop() ?? '') as { fileName: string; file: string };
    },
    // fetched while the scripts load, like the profiles (index.html)
    transformIndexHtml: () => (built ? [{ tag: 'link', attrs: { rel: 'preload', href: `${base}${built.fileName}`, as: 'fetch', crossorigin: '' }, injectTo: 'head' }] : []),
    generateBundle() {
      if (built) this.emitFile({ type: 'asset', fileName: built.fileName, source: readFileSync(built.file) });
    },
  };
}

/**
 * The Content-Security-Policy (src/core/csp.ts). The build emits `/csp-boot.js`, which writes
 * the exact policy as a <meta> tag at start-up (the build's policy plus the origins the user
 * confirmed in this browser), and loads it first in index.html. `vite preview` sends the outer
 * bound as a header (https: and loopback, plus frame-ancestors, which only a header can carry):
 * both are enforced, so the header never narrows what the meta allows.
 * Origins in CSP_CONNECT_EXTRA (space-separated, at build time) are added to both: the
 * end-to-end tests build with their stand-in Hub's origin.
 * Not in dev (`vite`): its hot reload needs inline scripts and a WebSocket.
 */
const CSP_PLACEHOLDER = '<!-- %CONTENT_SECURITY_POLICY% -->';

function contentSecurity(): Plugin {
  const extraConnect = (process.env.CSP_CONNECT_EXTRA ?? '').split(/\s+/).filter(Boolean);
  let base = '/';
  return {
    name: 'content-security-policy',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!html.includes(CSP_PLACEHOLDER)) throw new Error('index.html lost its Content-Security-Policy placeholder');
        // dev: no policy (see above)
        if (ctx.server) return html.replace(CSP_PLACEHOLDER, '');
        return html.replace(CSP_PLACEHOLDER, `<script src="${base}${BOOT_SCRIPT_FILE}"></script>`);
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: BOOT_SCRIPT_FILE, source: bootScript(contentSecurityPolicy({ extraConnect })) });
    },
    configurePreviewServer(server) {
      const policy = headerPolicy(extraConnect);
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', policy);
        next();
      });
    },
  };
}

/** Cross-origin isolation lets ONNX Runtime use several WebAssembly threads. */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), serveOrtWasm(), prebuiltEmbeddings(), contentSecurity()],
  server: { headers: ISOLATION_HEADERS, port: 5173 },
  preview: { headers: ISOLATION_HEADERS, port: 4173 },
  // ORT's "extern wasm" build does not bundle its own copy of a wasm file: the app serves
  // exactly one copy of each from /ort/ (serveOrtWasm above).
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
