/**
 * Reads and validates the plan data files (data/plans/, shapes in plan-file.ts). Every problem is
 * reported in Vietnamese with the file and the JSON path of the first problem, e.g.
 *   Tệp kế hoạch không hợp lệ: /…/dong-thap-332-2023.json — tại $.models[7].deadline: không đúng định dạng (giá trị: "31/12/2023")
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSchema, Static } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { NATIONAL_MODEL_COUNT, NationalModelsFile, PlanFile } from './plan-file.js';

export const PLANS_DIR = fileURLToPath(new URL('../../../../data/plans/', import.meta.url));
export const NATIONAL_MODELS_FILE = 'national-models.json';

export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    /** JSON path of the first problem ("$" for the whole document); null when the file could not be read or parsed. */
    readonly jsonPath: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'PlanFileError';
  }
}

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
      return typeof schema.pattern === 'string' ? `chuỗi theo mẫu ${schema.pattern}` : 'chuỗi không rỗng';
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
    case ValueErrorType.IntegerMinimum:
      return `phải lớn hơn hoặc bằng ${String(schema.minimum)}`;
    case ValueErrorType.IntegerMaximum:
      return `phải nhỏ hơn hoặc bằng ${String(schema.maximum)}`;
    case ValueErrorType.Boolean:
      return 'phải là true hoặc false';
    case ValueErrorType.Union:
      return `phải là ${expected(schema)}`;
    default:
      return error.message;
  }
}

function show(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return ` (giá trị: ${text.length > 80 ? `${text.slice(0, 77)}...` : text})`;
}

function fail(file: string, path: string, what: string, value?: unknown): never {
  throw new PlanFileError(file, path, `Tệp kế hoạch không hợp lệ: ${file} — tại ${path}: ${what}${show(value)}`);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PlanFileError(file, null, `Không đọc được tệp kế hoạch ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PlanFileError(file, null, `Tệp kế hoạch ${file} không phải JSON hợp lệ: ${(e as Error).message}`);
  }
}

function check<T extends TSchema>(file: string, schema: T, data: unknown): Static<T> {
  if (Value.Check(schema, data)) return data;
  const first = Value.Errors(schema, data).First();
  if (!first) fail(file, '$', 'không khớp cấu trúc');
  fail(file, jsonPath(first.path), describe(first), first.value);
}

/** A real calendar day (2023-02-30 is not). */
export function isRealIsoDate(text: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Parses and validates one plan file: schema, real dates, unique model numbers, known groups. */
export function loadPlanFile(file: string): PlanFile {
  const plan = check(file, PlanFile, readJson(file));
  if (plan.issuedOn !== null && !isRealIsoDate(plan.issuedOn)) fail(file, '$.issuedOn', 'không phải ngày có thật', plan.issuedOn);
  const groups = new Set<string>();
  plan.groups.forEach((g, i) => {
    if (groups.has(g.number)) fail(file, `$.groups[${i}].number`, 'số nhóm bị trùng', g.number);
    groups.add(g.number);
  });
  const numbers = new Set<string>();
  plan.models.forEach((m, i) => {
    if (numbers.has(m.number)) fail(file, `$.models[${i}].number`, 'số mô hình bị trùng trong kế hoạch', m.number);
    numbers.add(m.number);
    if (!groups.has(m.group)) fail(file, `$.models[${i}].group`, 'không có nhóm này trong "groups"', m.group);
    if (m.deadline !== null && !isRealIsoDate(m.deadline)) fail(file, `$.models[${i}].deadline`, 'không phải ngày có thật', m.deadline);
  });
  return plan;
}

/** The national list of 43 models (data/plans/national-models.json, or `file`). */
export function loadNationalModels(file: string = join(PLANS_DIR, NATIONAL_MODELS_FILE)): NationalModelsFile {
  const list = check(file, NationalModelsFile, readJson(file));
  const groupNames = new Map(list.groups.map((g) => [g.number, g.name]));
  list.models.forEach((m, i) => {
    if (m.number !== i + 1) fail(file, `$.models[${i}].number`, `phải là ${i + 1} (danh mục đánh số liên tục 1–${NATIONAL_MODEL_COUNT})`, m.number);
    if (groupNames.get(m.group) !== m.groupName) fail(file, `$.models[${i}].groupName`, `không khớp tên nhóm ${m.group} trong "groups"`, m.groupName);
  });
  return list;
}

/** Absolute paths of the bundled plan files (data/plans/*.json except national-models.json), sorted. */
export function bundledPlanFiles(): string[] {
  return readdirSync(PLANS_DIR)
    .filter((name) => name.endsWith('.json') && name !== NATIONAL_MODELS_FILE)
    .sort()
    .map((name) => join(PLANS_DIR, name));
}
