import { z } from 'zod';

/**
 * An entry of the Q&A library (咨询答问库): a question citizens ask, the
 * answer a unit has approved for it, and when that answer holds (policies
 * change: an answer about this year's enrolment must not be offered next
 * year).
 */
export interface QaEntry {
  id: string;
  question: string;
  answer: string;
  category: string;
  tags: string[];
  /** The unit that owns and answers for the entry. */
  unit_id: string;
  /** Epoch ms of the first instant the answer holds; absent = since always. */
  valid_from?: number;
  /** Epoch ms of the last instant the answer holds (inclusive); absent = until withdrawn. */
  valid_to?: number;
  updated_at: number;
}

export type QaEntryInput = Omit<QaEntry, 'id' | 'updated_at'>;

export const QA_QUESTION_MAX = 500;
export const QA_ANSWER_MAX = 5000;
export const QA_CATEGORY_MAX = 50;
export const QA_TAG_MAX = 30;
export const QA_TAGS_MAX = 20;

/** Tags are stored one cell apart in CSV, separated by these: a tag holding one would come back as two. */
export const QA_TAG_SEPARATOR = /[;；]/;

const epochMs = z.number().int().nonnegative();

const tagsSchema = z
  .array(
    z
      .string()
      .trim()
      .max(QA_TAG_MAX)
      .refine((t) => !QA_TAG_SEPARATOR.test(t), 'must not contain ; or ；'),
  )
  // Blank tags come from trailing separators (社保;医保;) and mean nothing.
  .transform((tags) => [...new Set(tags.filter((t) => t !== ''))])
  .refine((tags) => tags.length <= QA_TAGS_MAX, `at most ${QA_TAGS_MAX} tags`);

const qaEntryInputObject = z
  .object({
    question: z.string().trim().min(1, 'is required').max(QA_QUESTION_MAX),
    answer: z.string().trim().min(1, 'is required').max(QA_ANSWER_MAX),
    // Optional in input: a library without categories is still a library.
    category: z.string().trim().max(QA_CATEGORY_MAX).default(''),
    tags: tagsSchema.default([]),
    unit_id: z.string().trim().min(1, 'is required').max(64),
    valid_from: epochMs.optional(),
    valid_to: epochMs.optional(),
  })
  .refine((e) => e.valid_from === undefined || e.valid_to === undefined || e.valid_to >= e.valid_from, {
    message: 'must not be before valid_from',
    path: ['valid_to'],
  });

/** What an editor or an import may send; parsing gives a QaEntryInput (trimmed, tags deduplicated). */
export type QaEntryInputRaw = z.input<typeof qaEntryInputObject>;

export const qaEntryInputSchema: z.ZodType<QaEntryInput, QaEntryInputRaw> = qaEntryInputObject;

/** Whether the entry's answer holds at `t` (both ends inclusive). */
export function isValidAt(e: Pick<QaEntry, 'valid_from' | 'valid_to'>, t: number): boolean {
  return (e.valid_from === undefined || t >= e.valid_from) && (e.valid_to === undefined || t <= e.valid_to);
}
