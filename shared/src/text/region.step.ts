import type { Mention } from '@fenghuo/shared';
import { placeFromFreeText, placeFromTokens, type Place } from './places';

export interface RegionResult {
  place?: Place;
  /** Where it came from: the record's region field, its text, or its author's location. */
  source: 'field' | 'text' | 'author' | '';
}

/**
 * Where a mention is about: its own region field first, then places named in
 * its text (the event's place), then the author's location (where they are).
 */
export function region(mention: Mention, tokens: readonly string[]): RegionResult {
  if (mention.region) {
    const p = placeFromFreeText(mention.region);
    if (p) return { place: p, source: 'field' };
  }
  const fromText = placeFromTokens(tokens);
  if (fromText) return { place: fromText, source: 'text' };
  const location = mention.author?.location;
  if (location && !/^(其他|海外|other)/i.test(location.trim())) {
    const p = placeFromFreeText(location);
    if (p) return { place: p, source: 'author' };
  }
  return { source: '' };
}
