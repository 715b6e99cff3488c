import { Type } from '@sinclair/typebox';

/**
 * Facts an officer corrects with a reason (cải chính): the civil-status facts the registry holds as
 * plain values. Sex is not among them: digit 4 of the personal ID encodes it, so a change of sex
 * re-establishes the number (POST /people/:key/personal-id); nor is the personal ID itself. A date
 * of birth is corrected only within what the ID encodes (century and year). Nationality is not a
 * field of this registry (Vietnamese citizens only).
 */
export const CORRECTABLE_FIELDS = ['fullName', 'dateOfBirth', 'ethnicity', 'religion', 'occupation'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export const CorrectableFieldSchema = Type.Union(CORRECTABLE_FIELDS.map((f) => Type.Literal(f)), {
  description: 'fullName | dateOfBirth (YYYY-MM-DD, cùng năm sinh mà số định danh mã hóa) | ethnicity | religion | occupation',
});
