import { DistinctCounter } from './distinct-counter';

/**
 * One new name as the stream uses it. jieba cuts a name it has never seen
 * in different ways depending on the words around it (河龙石乡 → 河龙 + 石乡,
 * 龙石乡, 河龙石), so the first-story rule counts the pieces of one name
 * together: new words first heard close together in time that share two
 * characters are one name, and a mention counts once however many of its
 * pieces it holds.
 */
export interface NewName {
  /** The piece first heard (ties: code-point order): the name's series is `keyword:<root>`. */
  root: string;
  /** Every piece (the root included) with when it was first heard. */
  pieces: Map<string, number>;
  /** When the earliest piece was first heard. */
  first: number;
  /** Times of the mentions using the name, ascending; the caller drops those out of its window from the front. */
  times: number[];
  authors: DistinctCounter;
  /** Mentions per event (as it was when the mention came; callers resolve merges). */
  events: Map<string, number>;
  /** Since when the first-story rule has held for the name (confirmed on the name, not on one of its events). */
  holdingSince?: number;
  /** Every mention counted, so that two names joined later count a mention once. */
  readonly seen: Map<string, { time: number; event: string; author?: string }>;
}

export interface NewWordSighting {
  word: string;
  /** When the stream first carried the word. */
  first: number;
}

export class NewNames {
  private readonly byWord = new Map<string, NewName>();
  /** Two-character pieces of the words followed: which words hold them. */
  private readonly byBigram = new Map<string, Set<string>>();

  /** @param joinWithinMs how close in time two words must be first heard to be pieces of one name. */
  constructor(private readonly joinWithinMs: number) {}

  get size(): number {
    return this.byWord.size;
  }

  has(word: string): boolean {
    return this.byWord.has(word);
  }

  /** The name a word is a piece of. */
  get(word: string): NewName | undefined {
    return this.byWord.get(word);
  }

  words(): IterableIterator<string> {
    return this.byWord.keys();
  }

  /** Counts one mention for every name its new words are pieces of, once per name. */
  observe(sightings: readonly NewWordSighting[], mention: { id: string; time: number; author?: string }, eventId: string): void {
    for (const s of sightings) if (!this.byWord.has(s.word)) this.follow(s);
    // After the joins a new piece may have made.
    const names = new Set(sightings.map((s) => this.byWord.get(s.word)!));
    for (const name of names) count(name, mention.id, mention.time, eventId, mention.author);
  }

  /** Forgets the names whose earliest piece was first heard before `before`. */
  prune(before: number): void {
    for (const [word, name] of this.byWord) {
      if (name.first >= before) continue;
      this.byWord.delete(word);
      for (const b of bigrams(word)) {
        const holders = this.byBigram.get(b);
        holders?.delete(word);
        if (holders?.size === 0) this.byBigram.delete(b);
      }
    }
  }

  /** Starts following a word: a piece of a name heard about the same time, or a name of its own. */
  private follow(s: NewWordSighting): void {
    let name: NewName = { root: s.word, pieces: new Map([[s.word, s.first]]), first: s.first, times: [], authors: new DistinctCounter(), events: new Map(), seen: new Map() };
    this.byWord.set(s.word, name);
    // Hashtags are whole names already.
    if (s.word.startsWith('#')) return;
    for (const b of bigrams(s.word)) {
      let holders = this.byBigram.get(b);
      if (!holders) this.byBigram.set(b, (holders = new Set()));
      // Sorted: the same joins in the same order whatever the set's history.
      for (const other of [...holders].sort()) {
        const theirs = this.byWord.get(other);
        if (!theirs || theirs === name) continue;
        if (Math.abs(theirs.pieces.get(other)! - s.first) > this.joinWithinMs) continue;
        name = this.join(name, theirs);
      }
      holders.add(s.word);
    }
  }

  /** One name from two; mentions both counted are counted once. */
  private join(a: NewName, b: NewName): NewName {
    const [keep, gone] = a.first < b.first || (a.first === b.first && a.root < b.root) ? [a, b] : [b, a];
    for (const [w, first] of gone.pieces) {
      keep.pieces.set(w, first);
      this.byWord.set(w, keep);
    }
    for (const [id, m] of gone.seen) if (!keep.seen.has(id)) count(keep, id, m.time, m.event, m.author);
    keep.times.sort((x, y) => x - y);
    if (gone.holdingSince !== undefined) keep.holdingSince = Math.min(keep.holdingSince ?? Infinity, gone.holdingSince);
    return keep;
  }
}

function count(name: NewName, id: string, time: number, event: string, author: string | undefined): void {
  if (name.seen.has(id)) return;
  name.seen.set(id, author === undefined ? { time, event } : { time, event, author });
  name.times.push(time);
  if (author) name.authors.add(author);
  name.events.set(event, (name.events.get(event) ?? 0) + 1);
}

function bigrams(word: string): string[] {
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}
