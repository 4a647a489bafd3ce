import { describe, expect, it } from 'vitest';
import { isValidAt, qaEntryInputSchema, type QaEntryInputRaw } from './qa-entry';

const base: QaEntryInputRaw = { question: '居住证如何办理？', answer: '到居住地派出所申领。', category: '户籍管理', tags: [], unit_id: 'gaj' };

describe('qaEntryInputSchema', () => {
  it('trims text, drops blank tags and repeats, defaults category and tags', () => {
    const r = qaEntryInputSchema.parse({ question: '  居住证如何办理？ ', answer: '\n到派出所申领。\n', tags: [' 居住证 ', '居住证', '', '落户'], unit_id: ' gaj ' });
    expect(r).toEqual({ question: '居住证如何办理？', answer: '到派出所申领。', category: '', tags: ['居住证', '落户'], unit_id: 'gaj' });
  });

  it.each<[string, Partial<QaEntryInputRaw>, string]>([
    ['an empty question', { question: '   ' }, 'question'],
    ['an empty answer', { answer: '' }, 'answer'],
    ['a missing unit', { unit_id: ' ' }, 'unit_id'],
    ['a question too long', { question: '问'.repeat(501) }, 'question'],
    ['a tag holding a separator', { tags: ['社保；医保'] }, 'tags'],
    ['valid_to before valid_from', { valid_from: 2000, valid_to: 1000 }, 'valid_to'],
    ['a fractional timestamp', { valid_from: 1.5 }, 'valid_from'],
  ])('rejects %s', (_name, patch, field) => {
    const r = qaEntryInputSchema.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it('accepts valid_to equal to valid_from (a one-instant window is still a window)', () => {
    expect(qaEntryInputSchema.safeParse({ ...base, valid_from: 1000, valid_to: 1000 }).success).toBe(true);
  });
});

describe('isValidAt', () => {
  it.each<[string, { valid_from?: number; valid_to?: number }, number, boolean]>([
    ['open on both ends', {}, 5, true],
    ['before valid_from', { valid_from: 10 }, 9, false],
    ['at valid_from', { valid_from: 10 }, 10, true],
    ['at valid_to', { valid_to: 20 }, 20, true],
    ['after valid_to', { valid_to: 20 }, 21, false],
    ['inside the window', { valid_from: 10, valid_to: 20 }, 15, true],
  ])('%s', (_name, window, t, expected) => {
    expect(isValidAt(window, t)).toBe(expected);
  });
});
