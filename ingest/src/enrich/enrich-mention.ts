import fs from 'node:fs';
import { ok, reject, type Mention, type StepResult } from '@fenghuo/shared';
import { createModelSentimentScorer, loadSentimentModel } from '@fenghuo/shared/sentiment-model';
import {
  keywords,
  loadSentimentLexicon,
  loadSentimentModifiers,
  region,
  segment,
  segmenter,
  sentiment,
  simhash,
  type Place,
  type SentimentLabel,
  type SentimentLexicon,
} from '@fenghuo/shared/text';

export interface Enrichment {
  tokens: string[];
  keywords: string[];
  simhash: string;
  sentiment: number;
  sentimentLabel: SentimentLabel;
  place?: Place;
  regionSource: 'field' | 'text' | 'author' | '';
}

export type Enricher = (mention: Mention) => StepResult<Enrichment>;

/**
 * Runs the enrichment steps in order. Each step is a pure function; one that
 * throws rejects this mention with the step's name and never the batch.
 */
export interface EnricherOptions {
  /** A trained sentiment model (JSON from `pnpm fenghuo train sentiment`): it labels sentiment instead of the lexicon. */
  sentimentModel?: string;
}

export function createEnricher(options: EnricherOptions = {}): Enricher {
  const seg = segmenter();
  const model = options.sentimentModel ? createModelSentimentScorer(loadSentimentModel(readModel(options.sentimentModel))) : undefined;
  const lexicon: SentimentLexicon = { words: loadSentimentLexicon(), modifiers: loadSentimentModifiers() };
  // Negations, intensifiers and contrast words steer sentiment but are not what a text is about.
  const skip = new Set([...seg.stopwords, ...lexicon.modifiers.keys()]);
  return (mention) => {
    let step = 'segment';
    try {
      const text = mention.title ? `${mention.title}\n${mention.text}` : mention.text;
      const s = segment(text, seg, skip);
      step = 'keywords';
      const kw = keywords(s.tokens, seg);
      step = 'simhash';
      const hash = simhash(s.tokens, seg);
      step = 'sentiment';
      const senti = model ? model(text) : sentiment(s.all, s.emoticons, lexicon);
      step = 'region';
      const r = region(mention, s.tokens);
      const out: Enrichment = {
        tokens: s.tokens,
        keywords: kw,
        simhash: hash,
        sentiment: senti.score,
        sentimentLabel: senti.label,
        regionSource: r.source,
      };
      if (r.place) out.place = r.place;
      return ok(out);
    } catch (error) {
      return reject(`enrich_${step}`, `${step} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

function readModel(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the sentiment model ${file} (FENGHUO_SENTIMENT_MODEL): ${(error as Error).message}`);
  }
}
