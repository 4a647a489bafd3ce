import fs from 'node:fs';
import type { RumorScorer } from '../engine/types';
import { createDefaultRumorScorer } from '../rumor/default-scorer';
import { createModelRumorScorer, loadRumorModel } from '../rumor/model';

/**
 * The rumor scorer the engine uses: a trained model when one is configured
 * (FENGHUO_RUMOR_MODEL, from `pnpm fenghuo train rumor`), else the default
 * rules written for the project.
 */
export function createRumorScorer(modelFile?: string): RumorScorer {
  if (!modelFile) return createDefaultRumorScorer();
  let text: string;
  try {
    text = fs.readFileSync(modelFile, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the rumor model ${modelFile} (FENGHUO_RUMOR_MODEL): ${(error as Error).message}`);
  }
  return createModelRumorScorer(loadRumorModel(text));
}
