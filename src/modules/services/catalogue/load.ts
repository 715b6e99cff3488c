/**
 * Reads and validates the catalogue's data files (data/procedures/, shapes in procedure-file.ts).
 * Every problem is reported in Vietnamese with the file and the JSON path of the first problem, e.g.
 *   Tệp thủ tục không hợp lệ: /…/dang-ky-tam-tru.json — tại $.fees[0].direct: phải là số nguyên (giá trị: "15.000")
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataFileReader, isRealIsoDate } from '../../../platform/data-file.js';
import { FeeExemptionsFile, LinkedGroupFile, ProcedureFile } from './procedure-file.js';
import type { Catalogue, FeeExemption, FeeRule, FormField, FormSchema, LinkedGroup, Procedure } from './types.js';
import { foldText } from './search.js';
import { inForce } from './in-force.js';

export const PROCEDURES_DIR = fileURLToPath(new URL('../../../../data/procedures/', import.meta.url));
export const GROUPS_SUBDIR = 'groups';
export const EXEMPTIONS_FILE = 'fee-exemptions.json';

export class ProcedureFileError extends Error {
  constructor(
    readonly file: string,
    /** JSON path of the first problem; null when the file could not be read or parsed. */
    readonly jsonPath: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ProcedureFileError';
  }
}

const { fail, readJson, check } = dataFileReader('thủ tục', (file, path, message) => new ProcedureFileError(file, path, message));

function checkDates(file: string, path: string, from: string, until: string | undefined): void {
  if (!isRealIsoDate(from)) fail(file, `${path}.validFrom`, 'không phải ngày có thật', from);
  if (until !== undefined) {
    if (!isRealIsoDate(until)) fail(file, `${path}.validUntil`, 'không phải ngày có thật', until);
    if (until < from) fail(file, `${path}.validUntil`, 'sớm hơn validFrom', until);
  }
}

/** Fields of a form, recursively: "applicant.fullName" → field. */
function walkFields(props: Record<string, FormField>, prefix: string, out: Map<string, FormField>): void {
  for (const [name, field] of Object.entries(props)) {
    out.set(prefix + name, field);
    if (field.properties) walkFields(field.properties, `${prefix}${name}.`, out);
  }
}

function checkForm(file: string, form: FormSchema): void {
  const visit = (props: Record<string, FormField>, required: string[], path: string) => {
    required.forEach((r, i) => {
      if (!(r in props)) fail(file, `${path}.required[${i}]`, 'không có trường này trong "properties"', r);
    });
    for (const [name, f] of Object.entries(props)) {
      const at = `${path}.properties.${name}`;
      if (f.type === 'object' && !f.properties) fail(file, at, 'trường kiểu object phải có "properties"');
      if (f.type === 'array' && !f.items) fail(file, at, 'trường kiểu array phải có "items"');
      if (f.format && f.type !== 'string') fail(file, `${at}.format`, 'chỉ dùng cho trường kiểu string', f.format);
      if (f.oneOf && f.type !== 'string') fail(file, `${at}.oneOf`, 'chỉ dùng cho trường kiểu string');
      if (f.pattern !== undefined) {
        try {
          new RegExp(f.pattern, 'u');
        } catch {
          fail(file, `${at}.pattern`, 'không phải biểu thức chính quy hợp lệ', f.pattern);
        }
      }
      if (f.personalIdOf) {
        for (const sib of [f.personalIdOf.sex, f.personalIdOf.birthDate]) {
          if (sib !== undefined && !(sib in props)) fail(file, `${at}.personalIdOf`, 'trỏ tới trường không có ở cùng cấp', sib);
        }
      }
      if (f.properties) visit(f.properties, f.required ?? [], at);
      if (f.items?.properties) visit(f.items.properties, f.items.required ?? [], `${at}.items`);
    }
  };
  visit(form.properties, form.required, '$.form');
}

export function loadExemptions(file: string): FeeExemption[] {
  const data = check(file, FeeExemptionsFile, readJson(file));
  const seen = new Set<string>();
  data.exemptions.forEach((e, i) => {
    if (seen.has(e.code)) fail(file, `$.exemptions[${i}].code`, 'mã miễn lệ phí bị trùng', e.code);
    seen.add(e.code);
    checkDates(file, `$.exemptions[${i}]`, e.validFrom, e.validUntil);
  });
  return data.exemptions;
}

/** Parses and validates one procedure file; exemption codes are resolved against `exemptions`. */
export function loadProcedureFile(file: string, exemptions: FeeExemption[]): Procedure {
  const p = check(file, ProcedureFile, readJson(file));
  checkDates(file, '$', p.validFrom, p.validUntil);
  const byCode = new Map(exemptions.map((e) => [e.code, e]));
  const feeIds = new Set<string>();
  const fees: FeeRule[] = p.fees.map((f, i) => {
    if (feeIds.has(f.id)) fail(file, `$.fees[${i}].id`, 'mã quy tắc phí bị trùng', f.id);
    feeIds.add(f.id);
    checkDates(file, `$.fees[${i}]`, f.validFrom, f.validUntil);
    if (f.kind === 'fixed' || f.kind === 'per_person') {
      if (f.online > f.direct) fail(file, `$.fees[${i}].online`, 'lệ phí trực tuyến không được cao hơn lệ phí trực tiếp', f.online);
    }
    if (f.kind === 'per_page') {
      if (f.tiers[0].fromPage !== 1) fail(file, `$.fees[${i}].tiers[0].fromPage`, 'bậc đầu tiên phải bắt đầu từ trang 1', f.tiers[0].fromPage);
      f.tiers.forEach((t, j) => {
        if (j > 0 && t.fromPage <= f.tiers[j - 1].fromPage) fail(file, `$.fees[${i}].tiers[${j}].fromPage`, 'các bậc phải tăng dần', t.fromPage);
      });
    }
    const resolved = (f.exemptions ?? []).map((code, j) => byCode.get(code) ?? fail(file, `$.fees[${i}].exemptions[${j}]`, `không có mã miễn lệ phí này trong ${EXEMPTIONS_FILE}`, code));
    return { ...f, exemptions: resolved } as FeeRule;
  });
  // Two fee rules of the same kind of charge must not be in force on the same day.
  p.fees.forEach((a, i) => p.fees.forEach((b, j) => {
    if (j > i && a.label === b.label && (b.validUntil === undefined || a.validFrom <= b.validUntil) && (a.validUntil === undefined || b.validFrom <= a.validUntil)) {
      fail(file, `$.fees[${j}].validFrom`, `trùng thời gian hiệu lực với $.fees[${i}] (cùng tên phí)`, b.validFrom);
    }
  }));
  // The schema checked the form's shape; TypeBox's static type of a recursive record is too loose to say so.
  const form = p.form as unknown as FormSchema;
  checkForm(file, form);
  const fields = new Map<string, FormField>();
  walkFields(form.properties, '', fields);
  p.prefill.forEach((r, i) => {
    if (!fields.has(r.field)) fail(file, `$.prefill[${i}].field`, 'không có trường này trong biểu mẫu', r.field);
  });
  const docIds = new Set<string>();
  p.documents.forEach((d, i) => {
    if (docIds.has(d.id)) fail(file, `$.documents[${i}].id`, 'mã giấy tờ bị trùng', d.id);
    docIds.add(d.id);
    if (!d.providedByPlatform && !d.upload) fail(file, `$.documents[${i}].upload`, 'giấy tờ người dân nộp phải có "upload" (loại tệp, dung lượng tối đa)');
    if (d.providedByPlatform && d.upload) fail(file, `$.documents[${i}].upload`, 'giấy tờ nền tảng tự đọc không nhận tệp tải lên');
  });
  return { ...p, form, fees };
}

export function loadGroupFile(file: string): LinkedGroup {
  const g = check(file, LinkedGroupFile, readJson(file));
  checkDates(file, '$', g.validFrom, g.validUntil);
  return g;
}

const jsonFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json') && n !== EXEMPTIONS_FILE).sort().map((n) => join(dir, n)) : []);

/** Loads and validates every file of the catalogue (data/procedures/ unless `dir`). */
export function loadCatalogue(dir: string = PROCEDURES_DIR): Catalogue {
  const exemptionList = loadExemptions(join(dir, EXEMPTIONS_FILE));
  const procedures: Procedure[] = [];
  const files = jsonFiles(dir);
  for (const file of files) procedures.push(loadProcedureFile(file, exemptionList));
  // Versions of one slug share the code and do not overlap; a code belongs to one slug.
  procedures.forEach((p, i) => {
    const file = files[i];
    procedures.slice(0, i).forEach((q) => {
      if (q.code === p.code && q.slug !== p.slug) fail(file, '$.code', `mã thủ tục đã dùng cho "${q.slug}"`, p.code);
      if (q.slug === p.slug) {
        if (q.code !== p.code) fail(file, '$.code', `các phiên bản của "${p.slug}" phải cùng mã`, p.code);
        const overlap = (q.validUntil === undefined || p.validFrom <= q.validUntil) && (p.validUntil === undefined || q.validFrom <= p.validUntil);
        if (overlap) fail(file, '$.validFrom', `trùng thời gian hiệu lực với một phiên bản khác của "${p.slug}"`, p.validFrom);
      }
    });
  });
  const groupFiles = jsonFiles(join(dir, GROUPS_SUBDIR));
  const groups = groupFiles.map((file) => {
    const g = loadGroupFile(file);
    g.steps.forEach((s, i) => {
      if (!procedures.some((p) => p.slug === s)) fail(file, `$.steps[${i}]`, 'không có thủ tục này trong danh mục', s);
    });
    for (const s of Object.keys(g.stepTimeLimits ?? {})) {
      if (!g.steps.includes(s)) fail(file, `$.stepTimeLimits.${s}`, 'không phải một bước của nhóm', s);
    }
    return g;
  });
  const sorted = [...procedures].sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.validFrom.localeCompare(b.validFrom));
  const keys = sorted.map((p) => ({ p, text: foldText(`${p.name} ${p.code} ${p.localCode ?? ''} ${p.sector} ${p.slug.replace(/-/g, ' ')}`) }));
  return {
    list: () => sorted,
    get(slugOrCode, on) {
      const matches = sorted.filter((p) => p.slug === slugOrCode || p.code === slugOrCode || p.localCode === slugOrCode);
      if (on === undefined) return matches.reduce<Procedure | undefined>((best, p) => (!best || p.validFrom > best.validFrom ? p : best), undefined);
      return matches.find((p) => inForce(p, on));
    },
    search(query) {
      const words = foldText(typeof query === 'string' ? query : '').split(' ').filter(Boolean);
      if (words.length === 0) return [];
      return keys.filter((k) => words.every((w) => k.text.includes(w))).map((k) => k.p);
    },
    groups: (on) => (on === undefined ? groups : groups.filter((g) => inForce(g, on))),
    exemptions: () => exemptionList,
  };
}
