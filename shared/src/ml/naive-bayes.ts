/**
 * Multinomial naive Bayes over string features with add-one smoothing: the
 * simple baseline the evaluation compares against.
 */
export interface NaiveBayes {
  classes: string[];
  predict(features: readonly string[]): { label: string; scores: number[] };
}

export function trainNaiveBayes(docs: readonly string[][], labels: readonly string[]): NaiveBayes {
  const classes = [...new Set(labels)].sort();
  const counts = classes.map(() => new Map<string, number>());
  const totals = classes.map(() => 0);
  const docCounts = classes.map(() => 0);
  const vocab = new Set<string>();
  docs.forEach((d, i) => {
    const c = classes.indexOf(labels[i]!);
    docCounts[c]!++;
    for (const f of d) {
      counts[c]!.set(f, (counts[c]!.get(f) ?? 0) + 1);
      totals[c]!++;
      vocab.add(f);
    }
  });
  const V = vocab.size;
  const n = docs.length;
  return {
    classes,
    predict(features) {
      const scores = classes.map((_, c) => {
        let s = Math.log(docCounts[c]! / n);
        for (const f of features) if (vocab.has(f)) s += Math.log(((counts[c]!.get(f) ?? 0) + 1) / (totals[c]! + V));
        return s;
      });
      let best = 0;
      for (let c = 1; c < classes.length; c++) if (scores[c]! > scores[best]!) best = c;
      return { label: classes[best]!, scores };
    },
  };
}
