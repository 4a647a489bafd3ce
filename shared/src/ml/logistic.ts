import { dot, type SparseVector } from './sparse';
import { seededRandom, shuffle } from './random';

/**
 * Logistic regression on hashed sparse features, trained with AdaGrad and L2
 * (lazy, per touched weight), multinomial (softmax) for K ≥ 2 classes.
 * Deterministic for a seed.
 */

export interface LogisticOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Weight per class (e.g. inverse frequency); default 1. */
  classWeights?: number[];
  seed?: number;
}

export interface LogisticModel {
  kind: 'logistic';
  bits: number;
  classes: string[];
  /** K weight vectors of 2^bits, concatenated. */
  weights: Float32Array;
  bias: Float32Array;
}

export function trainLogistic(xs: SparseVector[], ys: number[], classes: string[], bits: number, options: LogisticOptions = {}): LogisticModel {
  const K = classes.length;
  const D = 1 << bits;
  const weights = new Float32Array(K * D);
  const grad2 = new Float32Array(K * D);
  const bias = new Float32Array(K);
  const bias2 = new Float32Array(K);
  const lr = options.learningRate ?? 0.2;
  const l2 = options.l2 ?? 1e-6;
  const epochs = options.epochs ?? 8;
  const cw = options.classWeights ?? classes.map(() => 1);
  const rand = seededRandom(options.seed ?? 7);
  const order = xs.map((_, i) => i);
  const z = new Float64Array(K);
  for (let e = 0; e < epochs; e++) {
    shuffle(order, rand);
    for (const i of order) {
      const x = xs[i]!;
      const y = ys[i]!;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        z[k] = bias[k]! + dot(weights.subarray(k * D, (k + 1) * D), x);
        if (z[k]! > max) max = z[k]!;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k]! - max));
      const w = cw[y] ?? 1;
      for (let k = 0; k < K; k++) {
        const g = w * (z[k]! / sum - (k === y ? 1 : 0));
        if (g === 0) continue;
        bias2[k]! += g * g;
        bias[k]! -= (lr * g) / Math.sqrt(bias2[k]! + 1e-8);
        const off = k * D;
        for (let n = 0; n < x.idx.length; n++) {
          const j = off + x.idx[n]!;
          const gj = g * x.val[n]! + l2 * weights[j]!;
          grad2[j]! += gj * gj;
          weights[j]! -= (lr * gj) / Math.sqrt(grad2[j]! + 1e-8);
        }
      }
    }
  }
  return { kind: 'logistic', bits, classes, weights, bias };
}

/** Class probabilities for one vector. */
export function predictProba(model: LogisticModel, x: SparseVector): number[] {
  const K = model.classes.length;
  const D = 1 << model.bits;
  const z = new Array<number>(K);
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    z[k] = model.bias[k]! + dot(model.weights.subarray(k * D, (k + 1) * D), x);
    if (z[k]! > max) max = z[k]!;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k]! - max));
  return z.map((v) => v / sum);
}

/** Contribution of each non-zero feature to class k's score (for explaining a prediction). */
export function contributions(model: LogisticModel, x: SparseVector, k: number): { index: number; value: number }[] {
  const D = 1 << model.bits;
  const out: { index: number; value: number }[] = [];
  for (let n = 0; n < x.idx.length; n++) out.push({ index: x.idx[n]!, value: model.weights[k * D + x.idx[n]!]! * x.val[n]! });
  return out;
}

/** JSON-safe form: weights as base64 of their Float32 bytes. */
export function serialiseLogistic(model: LogisticModel): Record<string, unknown> {
  return {
    kind: model.kind,
    bits: model.bits,
    classes: model.classes,
    bias: Array.from(model.bias),
    weights: Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).toString('base64'),
  };
}

export function deserialiseLogistic(json: Record<string, unknown>): LogisticModel {
  if (json.kind !== 'logistic') throw new Error(`not a logistic model: ${String(json.kind)}`);
  const bits = Number(json.bits);
  const classes = json.classes as string[];
  const buf = Buffer.from(String(json.weights), 'base64');
  const weights = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  if (weights.length !== classes.length << bits) throw new Error('model weights do not match its size');
  return { kind: 'logistic', bits, classes, weights, bias: Float32Array.from(json.bias as number[]) };
}
