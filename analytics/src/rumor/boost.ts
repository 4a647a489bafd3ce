import { seededRandom } from '@fenghuo/shared/ml';

/**
 * Gradient-boosted regression trees for binary log-loss (generic, small,
 * deterministic): histogram splits on quantile bins, missing values (NaN)
 * routed to the better side, Newton leaf values with L2, optional starting
 * margin (to boost on top of another model), row subsampling with a seeded
 * generator. Explanations follow the path attribution of Saabas: every split
 * on the way to a leaf credits its feature with the change in node value.
 */

export interface BoostOptions {
  trees?: number;
  depth?: number;
  learningRate?: number;
  /** Minimum hessian sum (≈ examples × p(1−p)) in a leaf. */
  minChildWeight?: number;
  /** L2 on leaf values. */
  lambda?: number;
  /** Share of rows per tree. */
  subsample?: number;
  /** Quantile bins per feature. */
  bins?: number;
  seed?: number;
  /** Weight of each example (e.g. class balancing); default 1. */
  weights?: readonly number[];
}

/** One node: a split (`f` ≥ 0) or a leaf (`f` = −1). `v` is the node's value (leaf output, or what it would output as a leaf). */
export interface TreeNode {
  f: number;
  /** Go left when x ≤ t. */
  t: number;
  /** Missing values go left. */
  ml: boolean;
  l: number;
  r: number;
  v: number;
}

export interface BoostedTrees {
  kind: 'boosted-trees';
  features: string[];
  base: number;
  trees: TreeNode[][];
}

/** Quantile bin edges of one column (NaN ignored). */
function binEdges(col: Float64Array, bins: number): number[] {
  const xs = Array.from(col).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const e = xs[Math.floor((b * xs.length) / bins)];
    if (e !== undefined && (!edges.length || e > edges[edges.length - 1]!)) edges.push(e);
  }
  return edges;
}

/**
 * Trains boosted trees. `x[i][j]` is feature j of example i (NaN = missing),
 * `y[i]` is 0/1, `margin[i]` an optional starting log-odds.
 */
export function trainBoostedTrees(features: string[], x: readonly (readonly number[])[], y: readonly number[], options: BoostOptions = {}, margin?: readonly number[]): BoostedTrees {
  const n = x.length;
  const F = features.length;
  const nTrees = options.trees ?? 200;
  const depth = options.depth ?? 3;
  const eta = options.learningRate ?? 0.05;
  const minChild = options.minChildWeight ?? 2;
  const lambda = options.lambda ?? 1;
  const subsample = options.subsample ?? 0.8;
  const nb = options.bins ?? 32;
  const w = options.weights ?? new Array<number>(n).fill(1);
  const rand = seededRandom(options.seed ?? 11);

  // Bin every column once; bin index nb (= edges.length + 1 at most) is "missing".
  const edges: number[][] = [];
  const binned: Uint8Array[] = [];
  for (let j = 0; j < F; j++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = x[i]![j]!;
    const e = binEdges(col, nb);
    edges.push(e);
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (Number.isNaN(v)) b[i] = 255;
      else {
        let k = 0;
        while (k < e.length && v > e[k]!) k++;
        b[i] = k;
      }
    }
    binned.push(b);
  }

  // Starting log-odds: the weighted prior, unless a margin is given.
  let sw = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i]!;
    sy += w[i]! * y[i]!;
  }
  const p0 = Math.min(1 - 1e-6, Math.max(1e-6, sy / sw));
  const base = margin ? 0 : Math.log(p0 / (1 - p0));
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = base + (margin?.[i] ?? 0);

  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: TreeNode[][] = [];
  for (let t = 0; t < nTrees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-f[i]!));
      g[i] = w[i]! * (p - y[i]!);
      h[i] = w[i]! * Math.max(p * (1 - p), 1e-6);
    }
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (subsample >= 1 || rand() < subsample) rows.push(i);
    const nodes: TreeNode[] = [];
    const grow = (idx: number[], d: number): number => {
      let G = 0;
      let H = 0;
      for (const i of idx) {
        G += g[i]!;
        H += h[i]!;
      }
      const value = (-G / (H + lambda)) * eta;
      const id = nodes.length;
      nodes.push({ f: -1, t: 0, ml: false, l: -1, r: -1, v: value });
      if (d >= depth || H < 2 * minChild) return id;
      const parentScore = (G * G) / (H + lambda);
      let best = { gain: 1e-9, f: -1, bin: 0, ml: false };
      const gb = new Float64Array(257);
      const hb = new Float64Array(257);
      for (let j = 0; j < F; j++) {
        const col = binned[j]!;
        const nbj = edges[j]!.length + 1;
        gb.fill(0, 0, nbj);
        hb.fill(0, 0, nbj);
        let gm = 0;
        let hm = 0;
        for (const i of idx) {
          const b = col[i]!;
          if (b === 255) {
            gm += g[i]!;
            hm += h[i]!;
          } else {
            gb[b]! += g[i]!;
            hb[b]! += h[i]!;
          }
        }
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < nbj - 1; b++) {
          gl += gb[b]!;
          hl += hb[b]!;
          for (const ml of hm > 0 ? [false, true] : [false]) {
            const GL = gl + (ml ? gm : 0);
            const HL = hl + (ml ? hm : 0);
            const GR = G - GL;
            const HR = H - HL;
            if (HL < minChild || HR < minChild) continue;
            const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parentScore;
            if (gain > best.gain) best = { gain, f: j, bin: b, ml };
          }
        }
      }
      if (best.f < 0) return id;
      const col = binned[best.f]!;
      const left: number[] = [];
      const right: number[] = [];
      for (const i of idx) {
        const b = col[i]!;
        if (b === 255 ? best.ml : b <= best.bin) left.push(i);
        else right.push(i);
      }
      const node = nodes[id]!;
      node.f = best.f;
      node.t = edges[best.f]![best.bin]!;
      node.ml = best.ml;
      node.l = grow(left, d + 1);
      node.r = grow(right, d + 1);
      return id;
    };
    grow(rows, 0);
    trees.push(nodes);
    for (let i = 0; i < n; i++) f[i]! += leafOf(nodes, x[i]!).v;
  }
  return { kind: 'boosted-trees', features, base, trees };
}

function leafOf(nodes: readonly TreeNode[], x: readonly number[]): TreeNode {
  let node = nodes[0]!;
  while (node.f >= 0) {
    const v = x[node.f]!;
    node = nodes[(Number.isNaN(v) ? node.ml : v <= node.t) ? node.l : node.r]!;
  }
  return node;
}

/** Log-odds output (without any starting margin). */
export function boostMargin(model: BoostedTrees, x: readonly number[]): number {
  let s = model.base;
  for (const nodes of model.trees) s += leafOf(nodes, x).v;
  return s;
}

/** Per-feature contributions (Saabas): sum + bias equals `boostMargin`. */
export function boostContributions(model: BoostedTrees, x: readonly number[]): { bias: number; byFeature: number[] } {
  const by = new Array<number>(model.features.length).fill(0);
  let bias = model.base;
  for (const nodes of model.trees) {
    let node = nodes[0]!;
    bias += node.v;
    while (node.f >= 0) {
      const v = x[node.f]!;
      const next = nodes[(Number.isNaN(v) ? node.ml : v <= node.t) ? node.l : node.r]!;
      by[node.f]! += next.v - node.v;
      node = next;
    }
  }
  return { bias, byFeature: by };
}
