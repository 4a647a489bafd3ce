export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  n: number;
  accuracy: number;
  macro_f1: number;
  per_class: Record<string, ClassScores>;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function classificationReport(truth: readonly string[], predicted: readonly string[], labels: readonly string[]): ClassificationReport {
  const per: Record<string, ClassScores> = {};
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
  let f1sum = 0;
  for (const l of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      if (predicted[i] === l && truth[i] === l) tp++;
      else if (predicted[i] === l) fp++;
      else if (truth[i] === l) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    f1sum += f1;
    per[l] = { precision: round(precision), recall: round(recall), f1: round(f1), support: tp + fn };
  }
  return { n: truth.length, accuracy: round(truth.length ? correct / truth.length : 0), macro_f1: round(labels.length ? f1sum / labels.length : 0), per_class: per };
}

/** Area under the precision–recall curve (average precision) of scores for the positive class. */
export function prAuc(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const totalPos = positive.filter(Boolean).length;
  if (totalPos === 0) return 0;
  let tp = 0;
  let ap = 0;
  let k = 0;
  while (k < order.length) {
    // Ties move together.
    let j = k;
    let tpAdd = 0;
    while (j < order.length && order[j]![0] === order[k]![0]) {
      if (positive[order[j]![1]]) tpAdd++;
      j++;
    }
    const prevRecall = tp / totalPos;
    tp += tpAdd;
    const precision = tp / j;
    ap += (tp / totalPos - prevRecall) * precision;
    k = j;
  }
  return round(ap);
}
