/**
 * Hand-encoded ONNX for a static (position-free) word-embedding "encoder".
 *
 * Field numbers follow onnx/onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto,
 * ValueInfoProto, TypeProto, TensorShapeProto, AttributeProto, OperatorSetIdProto).
 * Only standard ai.onnx operators are used (Gather, Cast, Unsqueeze, Mul at opset 13),
 * all of which ONNX Runtime's CPU kernels — and therefore onnxruntime-node and the
 * WebAssembly build of onnxruntime-web — implement for these types.
 */
import { ProtoWriter } from './protobuf.ts';

/** ONNX IR version 8 (ONNX 1.10+); paired with opset 13. */
export const IR_VERSION = 8;
export const OPSET = 13;

/** TensorProto.DataType values. */
export const DataType = { FLOAT: 1, INT8: 3, INT64: 7 } as const;
/** AttributeProto.AttributeType values. */
const AttrType = { INT: 2 } as const;

type Dim = number | string; // number = fixed size, string = symbolic (dynamic) dimension

export interface TensorInit {
  name: string;
  dataType: number;
  dims: number[];
  /** Little-endian raw bytes, exactly prod(dims) * sizeof(dataType). */
  raw: Uint8Array;
}

export interface NodeSpec {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  intAttrs?: Record<string, number>;
}

export interface ValueInfo {
  name: string;
  elemType: number;
  shape: Dim[];
}

function tensorProto(t: TensorInit): ProtoWriter {
  return new ProtoWriter()
    .packedInts(1, t.dims) // dims
    .int(2, t.dataType) // data_type
    .string(8, t.name) // name
    .raw(9, t.raw); // raw_data
}

function valueInfoProto(v: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    const dim = typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d);
    shape.message(1, dim); // TensorShapeProto.dim
  }
  const tensorType = new ProtoWriter().int(1, v.elemType).message(2, shape); // TypeProto.Tensor
  const type = new ProtoWriter().message(1, tensorType); // TypeProto.tensor_type
  return new ProtoWriter().string(1, v.name).message(2, type);
}

function nodeProto(n: NodeSpec): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const [key, value] of Object.entries(n.intAttrs ?? {})) {
    w.message(5, new ProtoWriter().string(1, key).int(3, value).int(20, AttrType.INT));
  }
  return w;
}

export interface ModelSpec {
  graphName: string;
  docString: string;
  producerName: string;
  producerVersion: string;
  nodes: NodeSpec[];
  initializers: TensorInit[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  metadata: Record<string, string>;
}

export function encodeModel(spec: ModelSpec): Uint8Array {
  const graph = new ProtoWriter();
  for (const n of spec.nodes) graph.message(1, nodeProto(n));
  graph.string(2, spec.graphName);
  for (const t of spec.initializers) graph.message(5, tensorProto(t));
  graph.string(10, spec.docString);
  for (const i of spec.inputs) graph.message(11, valueInfoProto(i));
  for (const o of spec.outputs) graph.message(12, valueInfoProto(o));

  const model = new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, spec.producerName)
    .string(3, spec.producerVersion)
    .int(5, 1) // model_version
    .string(6, spec.docString)
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, OPSET)); // opset_import: default domain
  for (const [key, value] of Object.entries(spec.metadata)) {
    model.message(14, new ProtoWriter().string(1, key).string(2, value));
  }
  return model.bytes();
}

export function float32LE(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

export function int64LE(values: bigint[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  return out;
}

export interface StaticEmbeddingModel {
  vocabSize: number;
  dim: number;
  /** Row-major [vocabSize, dim] int8 table. */
  table: Int8Array;
  /** Per-row dequantisation scale, length vocabSize. */
  scales: Float32Array;
  docString: string;
  metadata: Record<string, string>;
}

/**
 * last_hidden_state[b, s, :] = float(table[input_ids[b, s], :]) * scales[input_ids[b, s]] * attention_mask[b, s]
 *
 * The mask factor zeroes padded positions inside the graph too (the [PAD] row is already
 * zero; this only makes the output independent of which id is used for padding).
 */
export function buildStaticEmbeddingOnnx(m: StaticEmbeddingModel): Uint8Array {
  if (m.table.length !== m.vocabSize * m.dim) throw new Error('table size mismatch');
  if (m.scales.length !== m.vocabSize) throw new Error('scales size mismatch');
  const seq: Dim[] = ['batch_size', 'sequence_length'];
  return encodeModel({
    graphName: 'static_word_embeddings',
    docString: m.docString,
    producerName: 'candidate-search/scripts/build-bundled-model.ts',
    producerVersion: '1',
    initializers: [
      {
        name: 'embeddings.word_embeddings.int8',
        dataType: DataType.INT8,
        dims: [m.vocabSize, m.dim],
        raw: new Uint8Array(m.table.buffer, m.table.byteOffset, m.table.byteLength),
      },
      {
        name: 'embeddings.word_embeddings.scale',
        dataType: DataType.FLOAT,
        dims: [m.vocabSize, 1],
        raw: float32LE(m.scales),
      },
      { name: 'last_axis', dataType: DataType.INT64, dims: [1], raw: int64LE([-1n]) },
    ],
    nodes: [
      {
        opType: 'Gather',
        name: 'gather_rows',
        inputs: ['embeddings.word_embeddings.int8', 'input_ids'],
        outputs: ['rows_int8'],
        intAttrs: { axis: 0 },
      },
      { opType: 'Cast', name: 'rows_to_float', inputs: ['rows_int8'], outputs: ['rows_q'], intAttrs: { to: DataType.FLOAT } },
      {
        opType: 'Gather',
        name: 'gather_scales',
        inputs: ['embeddings.word_embeddings.scale', 'input_ids'],
        outputs: ['row_scale'],
        intAttrs: { axis: 0 },
      },
      { opType: 'Cast', name: 'mask_to_float', inputs: ['attention_mask'], outputs: ['mask_f'], intAttrs: { to: DataType.FLOAT } },
      { opType: 'Unsqueeze', name: 'mask_unsqueeze', inputs: ['mask_f', 'last_axis'], outputs: ['mask_3d'] },
      { opType: 'Mul', name: 'scale_times_mask', inputs: ['row_scale', 'mask_3d'], outputs: ['token_scale'] },
      { opType: 'Mul', name: 'dequantize', inputs: ['rows_q', 'token_scale'], outputs: ['last_hidden_state'] },
    ],
    inputs: [
      { name: 'input_ids', elemType: DataType.INT64, shape: seq },
      { name: 'attention_mask', elemType: DataType.INT64, shape: seq },
    ],
    outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: [...seq, m.dim] }],
    metadata: m.metadata,
  });
}
