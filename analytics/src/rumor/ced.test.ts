import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRumor } from './evaluate';

// Real data beside the project (../shared/data/README.md), read by path, never copied.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CED = path.resolve(repoRoot, '..', 'shared', 'data', 'rumor', 'ced.jsonl.gz');

describe.skipIf(!fs.existsSync(CED))('rumor model on CED (train → chronological test)', () => {
  it('beats the naive Bayes floor with all reactions', async () => {
    // A lighter configuration than the default (fewer folds, a smaller hash space, the first 300 reaction
    // texts per cascade) keeps this test near 20 s; the full configuration reaches 0.94 (RESULTS.md).
    const r = await evaluateRumor({
      data: CED,
      train: CED,
      window: 'all',
      trainOptions: { folds: 3, bits: 18, epochs: 5, maxReactionTexts: 300 },
    });
    expect(r).toMatchObject({ n: 664, scorer: 'trained', window: 'all' });
    // Floor: naive Bayes over post + reaction texts, 0.88 macro-F1 with all reactions.
    expect(r.macro_f1).toBeGreaterThanOrEqual(0.9);
    expect(r.pr_auc).toBeGreaterThanOrEqual(0.95);
  }, 180_000);
});
