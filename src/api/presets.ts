/**
 * OpenAI-compatible embedding endpoints the app knows how to reach. Every preset speaks the
 * same `POST {baseUrl}/embeddings` (OpenAI's request and reply shape); they differ in where
 * they listen, whether they want a key and what a browser page needs before it may call them
 * (CORS: the server must answer the page's origin, or the browser blocks the reply).
 *
 * Base URLs, ports and CORS switches as the projects document them (checked 2026-11-29):
 * - OpenAI: https://api.openai.com/v1, key required, answers browsers (CORS open).
 * - Ollama: http://localhost:11434/v1 (docs.ollama.com, "OpenAI compatibility"); other web
 *   origins are refused (403) unless listed in OLLAMA_ORIGINS (docs.ollama.com/faq, "How can
 *   I allow additional web origins to access Ollama?").
 * - LM Studio: http://localhost:1234/v1; CORS is off until enabled ("Enable CORS" in the
 *   server settings, or `lms server start --cors`: lmstudio.ai/docs/cli/server-start).
 * - llama.cpp: `llama-server -m model.gguf --embeddings`, http://localhost:8080/v1
 *   (llama.cpp tools/server README); --pooling picks mean/cls/last for models that need it.
 * - vLLM: `vllm serve MODEL` (an embedding model, or --runner pooling), http://localhost:8000/v1;
 *   --allowed-origins defaults to ['*'] (vLLM serve arguments).
 * - Hugging Face TEI: the Docker image maps `-p 8080:80`, OpenAI route /v1/embeddings;
 *   browsers need --cors-allow-origin (TEI CLI arguments).
 */

export type ProviderId = 'openai' | 'ollama' | 'lmstudio' | 'llamacpp' | 'vllm' | 'tei' | 'custom';

export interface PresetModel {
  /** The model name the endpoint takes. */
  model: string;
  /** Vector length the model returns by default; 0 when it depends on what the server runs. */
  dims: number;
  /** Sizes the `dimensions` request option may ask for (OpenAI's v3 models shorten their vectors server-side). */
  dimensionOptions?: number[];
}

export interface ProviderPreset {
  id: ProviderId;
  label: string;
  baseUrl: string;
  /** Whether the endpoint refuses requests without a key. */
  needsKey: boolean;
  /** What a browser page needs before it may call this server. */
  cors: string;
  /** How to start it, for local servers. */
  start?: string;
  docs: string;
  /** Model names to offer; the user may type any other. */
  models: PresetModel[];
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    needsKey: true,
    cors: 'OpenAI answers browser pages directly; your key is sent with each request.',
    docs: 'https://platform.openai.com/docs/api-reference/embeddings',
    models: [
      // dims from the model pages; -3 models take `dimensions` (Matryoshka-style shortening)
      { model: 'text-embedding-3-small', dims: 1536, dimensionOptions: [512, 1024, 1536] },
      { model: 'text-embedding-3-large', dims: 3072, dimensionOptions: [256, 1024, 3072] },
      { model: 'text-embedding-ada-002', dims: 1536 },
    ],
  },
  {
    id: 'ollama',
    label: 'Ollama',
    baseUrl: 'http://localhost:11434/v1',
    needsKey: false,
    cors: 'Ollama refuses other web origins (403) unless you start it with OLLAMA_ORIGINS set to this page\'s origin.',
    start: 'ollama pull nomic-embed-text, then OLLAMA_ORIGINS=<this origin> ollama serve',
    docs: 'https://docs.ollama.com/faq',
    models: [{ model: 'nomic-embed-text', dims: 768 }, { model: 'mxbai-embed-large', dims: 1024 }, { model: 'all-minilm', dims: 384 }],
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    baseUrl: 'http://localhost:1234/v1',
    needsKey: false,
    cors: 'Turn on "Enable CORS" in LM Studio\'s server settings (or start it with lms server start --cors).',
    start: 'load an embedding model, then lms server start --cors',
    docs: 'https://lmstudio.ai/docs/cli/server-start',
    models: [{ model: 'text-embedding-nomic-embed-text-v1.5', dims: 768 }],
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server',
    baseUrl: 'http://localhost:8080/v1',
    needsKey: false,
    cors: 'llama-server answers browser pages as it is; it must be started with --embeddings.',
    start: 'llama-server -m model.gguf --embeddings --pooling mean',
    docs: 'https://github.com/ggml-org/llama.cpp/tree/master/tools/server',
    models: [{ model: 'default', dims: 0 }],
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://localhost:8000/v1',
    needsKey: false,
    cors: 'vLLM allows every origin unless --allowed-origins narrows it.',
    start: 'vllm serve BAAI/bge-small-en-v1.5 --runner pooling',
    docs: 'https://docs.vllm.ai/en/latest/configuration/serve_args.html',
    models: [{ model: 'BAAI/bge-small-en-v1.5', dims: 384 }],
  },
  {
    id: 'tei',
    label: 'Hugging Face TEI',
    baseUrl: 'http://localhost:8080/v1',
    needsKey: false,
    cors: 'Start TEI with --cors-allow-origin set to this page\'s origin.',
    start: 'docker run -p 8080:80 ghcr.io/huggingface/text-embeddings-inference:cpu-latest --model-id BAAI/bge-small-en-v1.5 --cors-allow-origin <this origin>',
    docs: 'https://huggingface.co/docs/text-embeddings-inference/cli_arguments',
    models: [{ model: 'BAAI/bge-small-en-v1.5', dims: 384 }],
  },
  {
    id: 'custom',
    label: 'Other (OpenAI-compatible)',
    baseUrl: '',
    needsKey: false,
    cors: 'The server must allow this page\'s origin (CORS), or the browser blocks its replies.',
    docs: 'https://platform.openai.com/docs/api-reference/embeddings',
    models: [],
  },
];

export function findPreset(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((p) => p.id === id);
}

/** True for endpoints on this machine: nothing sent there leaves the computer. */
export function isLocalUrl(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * Checks a base URL typed by the user: http(s) only, no credentials in it, and plain http only
 * for this machine (a key or profiles must not cross the network unencrypted). Returns the URL
 * without a trailing slash, or a reason.
 */
export function checkBaseUrl(raw: string): { url: string } | { error: string } {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { error: `"${raw.trim()}" is not a URL. Give the server's base URL, e.g. http://localhost:11434/v1.` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { error: 'The base URL must start with https:// (or http:// for a server on this machine).' };
  if (u.username || u.password) return { error: 'Put the key in the key field, not in the URL.' };
  if (u.protocol === 'http:' && !isLocalUrl(u.href)) return { error: 'Plain http:// is only allowed for a server on this machine (localhost); use https:// for anything else.' };
  if (u.search || u.hash) return { error: 'The base URL takes no ?query or #fragment.' };
  return { url: u.href.replace(/\/+$/, '') };
}
