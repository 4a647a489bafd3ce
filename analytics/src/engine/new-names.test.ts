import { describe, expect, it } from 'vitest';
import { NewNames } from './new-names';

const T = Date.parse('2026-11-27T20:00:00+08:00');

describe('new names: pieces of one name counted together', () => {
  // Each case: words first heard at offsets (s), then mentions (their words);
  // expected: which words end up one name, and the mentions each name counts.
  const cases: { name: string; words: Record<string, number>; mentions: string[][]; names: string[][]; counts: number[] }[] = [
    {
      name: 'a made-up name cut three ways (河龙石乡 → 河龙 + 石乡, 龙石乡, 河龙石) is one name',
      words: { 河龙: 0, 石乡: 0, 龙石乡: 5, 河龙石: 9 },
      mentions: [['河龙', '石乡'], ['龙石乡'], ['河龙', '石乡'], ['河龙石']],
      names: [['河龙', '河龙石', '石乡', '龙石乡']],
      counts: [4],
    },
    {
      name: 'words sharing two characters but first heard minutes apart stay apart',
      words: { 桃塘岭: 0, 塘岭: 120 },
      mentions: [['桃塘岭'], ['塘岭'], ['塘岭']],
      names: [['塘岭'], ['桃塘岭']],
      counts: [2, 1],
    },
    {
      name: 'words heard together sharing one character only stay apart',
      words: { 凤湾: 0, 湾安: 0 },
      mentions: [['凤湾', '湾安']],
      names: [['凤湾'], ['湾安']],
      counts: [1, 1],
    },
    {
      name: 'a hashtag is a name of its own',
      words: { '#河龙石乡塌桥#': 0, 河龙: 0 },
      mentions: [['#河龙石乡塌桥#', '河龙']],
      names: [['#河龙石乡塌桥#'], ['河龙']],
      counts: [1, 1],
    },
  ];

  it.each(cases)('$name', ({ words, mentions, names, counts }) => {
    const n = new NewNames(60_000);
    mentions.forEach((ws, i) => n.observe(ws.map((w) => ({ word: w, first: T + words[w]! * 1000 })), { id: `m${i}`, time: T + 10_000 + i * 1000, author: `a${i}` }, `e${i}`));
    const found = [...new Set([...n.words()].map((w) => n.get(w)!))];
    expect(found.map((x) => [...x.pieces.keys()].sort()).sort()).toEqual(names);
    expect(names.map((ws) => n.get(ws[0]!)!.times.length)).toEqual(counts);
  });

  it('a mention counted under two names before they were joined counts once after', () => {
    const n = new NewNames(60_000);
    // 河龙 and 石乡 share no two characters: two names, each counting the mention.
    n.observe([{ word: '河龙', first: T }, { word: '石乡', first: T }], { id: 'm1', time: T, author: 'a' }, 'e1');
    n.observe([{ word: '河龙', first: T }, { word: '石乡', first: T }], { id: 'm2', time: T + 1000, author: 'b' }, 'e1');
    expect(n.get('河龙')).not.toBe(n.get('石乡'));
    // 河龙石 bridges 河龙 (河龙), 龙石乡 bridges 石乡 (石乡) and 河龙石 (龙石).
    n.observe([{ word: '河龙石', first: T + 2000 }], { id: 'm3', time: T + 2000, author: 'c' }, 'e2');
    n.observe([{ word: '龙石乡', first: T + 3000 }], { id: 'm4', time: T + 3000, author: 'd' }, 'e3');
    const name = n.get('河龙')!;
    expect(n.get('石乡')).toBe(name);
    expect(name.root).toBe('河龙');
    expect(name.times).toEqual([T, T + 1000, T + 2000, T + 3000]);
    expect(name.authors.size).toBe(4);
    expect(Object.fromEntries(name.events)).toEqual({ e1: 2, e2: 1, e3: 1 });
  });

  it('forgets names whose earliest piece is older than the cut, with their pieces', () => {
    const n = new NewNames(60_000);
    n.observe([{ word: '河龙', first: T }], { id: 'm1', time: T }, 'e1');
    n.observe([{ word: '河龙石', first: T + 30_000 }], { id: 'm2', time: T + 30_000 }, 'e1');
    n.observe([{ word: '凤湾', first: T + 90_000 }], { id: 'm3', time: T + 90_000 }, 'e2');
    n.prune(T + 1);
    expect([...n.words()]).toEqual(['凤湾']);
    // A word heard again later starts a new name, not joined to the forgotten one.
    n.observe([{ word: '龙石', first: T + 100_000 }], { id: 'm4', time: T + 100_000 }, 'e3');
    expect(n.get('龙石')!.pieces.size).toBe(1);
  });
});
