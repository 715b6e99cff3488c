/**
 * Reading the hand-written JSON data files (data/plans/, data/procedures/): parse, check against a
 * TypeBox schema, and report the first problem in Vietnamese with the file and its JSON path, e.g.
 *   Tệp thủ tục không hợp lệ: /…/dang-ky-tam-tru.json — tại $.fees[0].direct: phải là số nguyên (giá trị: "15.000")
 */
import { readFileSync } from 'node:fs';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';

/** "/models/3/deadline" → "$.models[3].deadline". */
export function jsonPath(pointer: string): string {
  if (pointer === '' || pointer === '/') return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((key) => (/^[0-9]+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`))
      .join('')
  );
}

/** A real calendar day (2023-02-30 is not). */
export function isRealIsoDate(text: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** What a (simple) schema accepts, in words: "ngày ISO YYYY-MM-DD hoặc null", "'province' hoặc 'district'". */
function expected(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Record<string, unknown>[]).map(expected).join(' hoặc ');
  if ('const' in schema) return JSON.stringify(schema.const);
  switch (schema.type) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'true/false';
    case 'integer':
      return 'minimum' in schema && 'maximum' in schema
        ? `số nguyên từ ${String(schema.minimum)} đến ${String(schema.maximum)}`
        : 'số nguyên';
    case 'string':
      if (typeof schema.description === 'string') return schema.description;
      return typeof schema.pattern === 'string' ? `chuỗi theo mẫu ${String(schema.pattern)}` : 'chuỗi không rỗng';
    case 'array':
      return 'mảng';
    case 'object':
      return 'đối tượng';
    default:
      return 'giá trị hợp lệ';
  }
}

function describe(error: ValueError): string {
  const schema = error.schema as Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'thiếu trường bắt buộc';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'có trường không được phép';
    case ValueErrorType.Object:
      return 'phải là một đối tượng JSON';
    case ValueErrorType.Array:
      return 'phải là một mảng';
    case ValueErrorType.ArrayMinItems:
      return `phải có ít nhất ${String(schema.minItems)} phần tử`;
    case ValueErrorType.ArrayMaxItems:
      return `chỉ được có tối đa ${String(schema.maxItems)} phần tử`;
    case ValueErrorType.String:
      return 'phải là chuỗi ký tự';
    case ValueErrorType.StringMinLength:
      return 'không được để trống';
    case ValueErrorType.StringPattern:
      return `không đúng định dạng (mẫu ${String(schema.pattern)})`;
    case ValueErrorType.Integer:
      return 'phải là số nguyên';
    case ValueErrorType.Number:
      return 'phải là số';
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return `phải lớn hơn hoặc bằng ${String(schema.minimum)}`;
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return `phải nhỏ hơn hoặc bằng ${String(schema.maximum)}`;
    case ValueErrorType.Boolean:
      return 'phải là true hoặc false';
    case ValueErrorType.Literal:
      return `phải là ${JSON.stringify(schema.const)}`;
    case ValueErrorType.Union:
      return `phải là ${expected(schema)}`;
    default:
      return error.message;
  }
}

/**
 * The first error; inside a union of objects told apart by `kind` (fee rules), the error within the
 * variant of that kind, so "$.fees[0].direct" is named rather than "$.fees[0]".
 */
function firstError(schema: TSchema, data: unknown, prefix = ''): ValueError | undefined {
  const first = Value.Errors(schema, data).First();
  if (!first || first.type !== ValueErrorType.Union) return first && { ...first, path: prefix + first.path };
  const value = first.value as { kind?: unknown } | null;
  const variants = (first.schema as { anyOf?: TSchema[] }).anyOf ?? [];
  const variant =
    typeof value === 'object' && value !== null && 'kind' in value
      ? variants.find((v) => (v.properties as Record<string, { const?: unknown }> | undefined)?.kind?.const === value.kind)
      : undefined;
  return variant ? firstError(variant, value, prefix + first.path) : { ...first, path: prefix + first.path };
}

function show(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value) ?? String(value);
  return ` (giá trị: ${text.length > 80 ? `${text.slice(0, 77)}...` : text})`;
}

/**
 * Read, fail and check helpers for one kind of data file. `noun` names it in messages ("kế hoạch",
 * "thủ tục"); `error` builds the kind's error (jsonPath null: the file could not be read or parsed).
 */
export function dataFileReader(noun: string, error: (file: string, jsonPath: string | null, message: string) => Error) {
  function fail(file: string, path: string, what: string, value?: unknown): never {
    throw error(file, path, `Tệp ${noun} không hợp lệ: ${file} — tại ${path}: ${what}${show(value)}`);
  }
  function readJson(file: string): unknown {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw error(file, null, `Không đọc được tệp ${noun} ${file}: ${(e as Error).message}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw error(file, null, `Tệp ${noun} ${file} không phải JSON hợp lệ: ${(e as Error).message}`);
    }
  }
  function check<T extends TSchema>(file: string, schema: T, data: unknown): Static<T> {
    if (Value.Check(schema, data)) return data;
    const first = firstError(schema, data);
    if (!first) fail(file, '$', 'không khớp cấu trúc');
    fail(file, jsonPath(first.path), describe(first), first.value);
  }
  return { fail, readJson, check };
}
