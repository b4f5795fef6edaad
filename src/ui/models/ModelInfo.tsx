import { useAppStore } from '../../store/appStore';
import { AGREEMENT_THRESHOLD, resolveModel, retryModelLoad } from '../../store/modelActions';
import { MirrorPrompt } from './MirrorPrompt';
import type { VectorEncoding } from '../../data/import/vectors';

/** Says that the profile vectors are the file's own, how they were held, and what was done to them. */
function FileVectorsNote({ encoding, rescaled, rows }: { encoding: VectorEncoding; rescaled: number; rows: number }) {
  return (
    <p className="meta" data-testid="file-vectors">
      The profile vectors come from the imported file, not from this page
      {encoding === 'int8' && ', decoded from its int8 codes (close to the original values)'}
      {encoding === 'binary' && (
        <>
          , rebuilt from its sign bits only: <strong>search is coarse</strong> (each dimension is just + or −), so the order of close matches is rough
        </>
      )}
      .{' '}
      {rescaled > 0
        ? `${rescaled.toLocaleString()} of ${rows.toLocaleString()} were not unit length and were scaled to unit length, as cosine similarity needs.`
        : 'They were unit length already.'}{' '}
      Choosing another model embeds the profiles with it.
    </p>
  );
}

/** What is on screen and why: the model, dtype and device that produced it, and any notices. */
export function ModelInfo() {
  const e = useAppStore((s) => s.profileEmbeddings);
  const deviceNotice = useAppStore((s) => s.deviceNotice);
  const agreement = useAppStore((s) => s.agreement);
  const cacheNotice = useAppStore((s) => s.cacheNotice);
  const error = useAppStore((s) => s.embeddingError);
  const retry = useAppStore((s) => s.retryModel);
  const busy = useAppStore((s) => s.embeddingStatus === 'loading-model' || s.embeddingStatus === 'embedding');
  const linkNotices = useAppStore((s) => s.linkNotices);
  const model = e ? resolveModel(e.modelId) : null;
  return (
    <div className="model-info">
      <MirrorPrompt />
      {linkNotices.map((n) => (
        <p key={n} className="notice" role="status" data-testid="link-notice">
          {n}
        </p>
      ))}
      {e && model && (
        <p className="meta" data-testid="on-screen-model">
          On screen: <strong>{model.id}</strong> · {model.source === 'api' ? 'embedded by the API endpoint' : `${e.dtype} · ${e.device === 'webgpu' ? 'WebGPU' : 'WebAssembly'}`} · {e.matrix.dim} dimensions
          {model.source === 'hub' && (
            <>
              {' · '}
              <a href={model.url} target="_blank" rel="noreferrer noopener">
                model card
              </a>
            </>
          )}
        </p>
      )}
      {e?.fromFile && <FileVectorsNote encoding={e.fromFile.encoding} rescaled={e.fromFile.rescaled} rows={e.matrix.vectors.length / e.matrix.dim} />}
      {deviceNotice && (
        <p className="notice" role="status" data-testid="device-notice">
          {deviceNotice}
        </p>
      )}
      {agreement && !agreement.passed && (
        <p className="error" role="alert" data-testid="agreement-warning">
          WebGPU failed the agreement check: {agreement.modelId} ({agreement.dtype}) gave vectors that differ from WebAssembly's (mean cosine{' '}
          {agreement.meanCosine.toFixed(3)}, lowest {agreement.minCosine.toFixed(3)}; at least {AGREEMENT_THRESHOLD} is needed). Its rankings would be
          wrong, so it runs on WebAssembly and nothing computed on WebGPU was kept.
        </p>
      )}
      {agreement && agreement.passed && (
        <p className="meta" data-testid="agreement-ok">
          WebGPU agrees with WebAssembly (mean cosine {agreement.meanCosine.toFixed(4)}).
        </p>
      )}
      {cacheNotice && (
        <p className="notice" role="status">
          Embeddings are not being cached: {cacheNotice}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="model-error">
          {error}
          {retry && !busy && (
            <>
              {' '}
              <button type="button" className="secondary" data-testid="model-retry" onClick={() => void retryModelLoad()}>
                Retry {retry.modelId}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
