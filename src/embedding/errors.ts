import { STALL_MARK } from './stallFetch';

/** A JSON parser's complaint about HTML: the host answered with a web page, not a model file. */
function isHtmlForJson(m: string): boolean {
  return m.includes("unexpected token '<'") || m.includes('<!doctype') || m.includes('<html') || (m.includes('json') && (m.includes('unexpected') || m.includes('not valid')));
}

/**
 * Turns what transformers.js / ONNX Runtime / fetch throw into a sentence a user can act on.
 * The original message is kept at the end for people who want the detail. `host` is the
 * model host's name as shown on screen, when the model came from one.
 */
export function explainModelError(raw: string, modelId: string, host?: string): string {
  const m = raw.toLowerCase();
  const from = host ? ` ${host}` : '';
  let plain: string;
  if (m.includes(STALL_MARK)) {
    plain = `Downloading "${modelId}" stopped: the model host${from} sent nothing for too long. Retry, or pick another model.`;
  } else if (isHtmlForJson(m)) {
    plain = `The model host${from} answered with a web page instead of model files: this host is not a model hub. Check the model mirror address.`;
  } else if (m.includes('404') || m.includes('not found') || m.includes('could not locate file')) {
    plain = `The model "${modelId}" or one of its files was not found. Check the model id, or pick another quantization.`;
  } else if (m.includes('failed to fetch') || m.includes('networkerror') || m.includes('network error') || m.includes('load failed') || m.includes('err_internet') || m.includes('offline')) {
    plain = `Could not download "${modelId}": the network or the model host is unreachable. Already downloaded models and the bundled one still work offline.`;
  } else if (m.includes('401') || m.includes('403') || m.includes('gated') || m.includes('unauthorized')) {
    // the Hub answers 401 both for gated models and for ids that do not exist
    plain = `"${modelId}" was not found on the Hub, or it needs a login or licence acceptance, which this app cannot do. Check the id or pick another model.`;
  } else if (m.includes('out of memory') || m.includes('memory access out of bounds') || m.includes('rangeerror: array buffer allocation') || m.includes('bad_alloc')) {
    plain = `The browser ran out of memory running "${modelId}". Try a smaller model or a lower-precision quantization (q8 or q4).`;
  } else if (m.includes('unsupported') || m.includes('could not find an implementation') || m.includes('not implemented') || m.includes('opset')) {
    plain = `"${modelId}" uses an operation this runtime cannot run on this device. Try WebAssembly instead of WebGPU, or another quantization.`;
  } else if (m.includes('protobuf') || m.includes('failed to load model') || m.includes('invalid model') || m.includes("can't create a session") || m.includes('parse')) {
    plain = `The model file for "${modelId}" is damaged or not an ONNX model. Clear the model cache in Storage and try again.`;
  } else if (m.includes('cancel')) {
    plain = 'Cancelled.';
  } else {
    plain = `Could not run "${modelId}".`;
  }
  return plain === 'Cancelled.' ? plain : `${plain} (${raw.slice(0, 200)})`;
}
