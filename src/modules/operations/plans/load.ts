/**
 * Reads and validates the plan data files (data/plans/, shapes in plan-file.ts). Every problem is
 * reported in Vietnamese with the file and the JSON path of the first problem, e.g.
 *   Tệp kế hoạch không hợp lệ: /…/dong-thap-332-2023.json — tại $.models[7].deadline: không đúng định dạng (giá trị: "31/12/2023")
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataFileReader, isRealIsoDate, jsonPath } from '../../../platform/data-file.js';
import { NATIONAL_MODEL_COUNT, NationalModelsFile, PlanFile } from './plan-file.js';

export const PLANS_DIR = fileURLToPath(new URL('../../../../data/plans/', import.meta.url));
export const NATIONAL_MODELS_FILE = 'national-models.json';

export { isRealIsoDate, jsonPath };

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

const { fail, readJson, check } = dataFileReader('kế hoạch', (file, path, message) => new PlanFileError(file, path, message));

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
