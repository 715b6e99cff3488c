// Test support for the services module (lint: only test code imports a module's testing.ts).
import path from 'node:path';
import { loadProcedureFile, PROCEDURES_DIR, type Catalogue, type FeeQuote, type FormResult, type Procedure } from './catalogue/index.js';
import { createHmac } from 'node:crypto';
import type { FormRules } from './service.js';
export { DvcqgStandin } from './connectors/dvcqg-standin.js';

/** The headers of a webhook delivery signed as the portal signs it (dvcqg-link.ts `webhook`). */
export function signedDvcqgDelivery(body: string, secret: string, at = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-dvcqg-timestamp': String(at), 'x-dvcqg-signature': `sha256=${signature}` };
}

const SOURCE = { document: 'Thủ tục thử nghiệm (dữ liệu kiểm thử)', mark: 'U' as const };

/** A commune procedure of the people's committee: one paper to upload, one the platform reads itself. */
export const BIRTH_LIKE: Procedure = {
  slug: 'thu-tuc-ho-tich-thu', code: '9.000001', name: 'Thủ tục hộ tịch thử nghiệm', sector: 'Hộ tịch', level: 'commune',
  agency: 'commune_people_committee', fullyOnline: true, timeLimit: { workingDays: 3 }, fees: [],
  form: {
    type: 'object', title: 'Tờ khai', required: ['applicant', 'childName'],
    properties: {
      applicant: {
        type: 'object', title: 'Người yêu cầu', required: ['fullName', 'personalId'],
        properties: { fullName: { type: 'string', title: 'Họ, chữ đệm và tên' }, personalId: { type: 'string', title: 'Số định danh cá nhân' }, address: { type: 'string', title: 'Nơi cư trú' } },
      },
      childName: { type: 'string', title: 'Họ, chữ đệm và tên của trẻ', minLength: 1 },
    },
  },
  prefill: [
    { field: 'applicant.fullName', from: 'self.fullName', locked: true },
    { field: 'applicant.personalId', from: 'self.personalId', locked: true },
    { field: 'applicant.address', from: 'self.permanentAddress', locked: true },
  ],
  documents: [
    { id: 'giay-chung-sinh', name: 'Giấy chứng sinh', required: true, providedByPlatform: false, upload: { kinds: ['pdf', 'jpeg', 'png'], maxBytes: 2_000_000 }, source: SOURCE },
    { id: 'giay-to-cu-tru', name: 'Giấy tờ chứng minh nơi cư trú', required: true, providedByPlatform: true, source: SOURCE },
  ],
  result: { name: 'Giấy khai sinh (thử)', electronic: true, paper: true, source: SOURCE },
  effect: null, sources: [SOURCE], validFrom: '2025-07-01', codeSource: SOURCE, timeLimitSource: SOURCE,
};

/** A residence procedure of the commune police, nothing to upload. */
export const RESIDENCE_LIKE: Procedure = {
  ...BIRTH_LIKE,
  slug: 'thu-tuc-cu-tru-thu', code: '9.000002', name: 'Xác nhận cư trú thử nghiệm', sector: 'Cư trú', agency: 'commune_police',
  timeLimit: { workingDays: 3 },
  form: {
    type: 'object', title: 'Tờ khai', required: ['applicant'],
    properties: { applicant: BIRTH_LIKE.form.properties.applicant, purpose: { type: 'string', title: 'Mục đích' } },
  },
  documents: [{ id: 'giay-to-cu-tru', name: 'Giấy tờ chứng minh nơi cư trú', required: true, providedByPlatform: true, source: SOURCE }],
};

/** A same-day procedure (results "ngay trong ngày", the 15:00 rule moves them), nothing to upload. */
export const SAME_DAY_LIKE: Procedure = {
  ...RESIDENCE_LIKE, slug: 'thu-tuc-trong-ngay-thu', code: '9.000003', name: 'Thủ tục trả trong ngày thử nghiệm', agency: 'commune_people_committee',
  timeLimit: { sameDay: true },
};

/** A marriage (effect `marriage`): the other party confirms with their own e-ID before the dossier can be submitted. */
export const MARRIAGE_LIKE: Procedure = {
  ...RESIDENCE_LIKE, slug: 'thu-tuc-ket-hon-thu', code: '9.000004', name: 'Đăng ký kết hôn thử nghiệm', sector: 'Hộ tịch', agency: 'commune_people_committee',
  effect: 'marriage', documents: [],
  form: {
    type: 'object', title: 'Tờ khai', required: ['applicant'],
    properties: { applicant: BIRTH_LIKE.form.properties.applicant, spouse: { type: 'object', title: 'Bên thứ hai', properties: { personalId: { type: 'string', title: 'Số định danh cá nhân' } } } },
  },
};

export const FIXTURE_PROCEDURES = [BIRTH_LIKE, RESIDENCE_LIKE, SAME_DAY_LIKE];

export const fixtureCatalogue = (procedures: Procedure[] = FIXTURE_PROCEDURES): Catalogue => ({
  list: () => procedures,
  get: (key) => procedures.find((p) => p.slug === key || p.code === key),
  search: (q) => procedures.filter((p) => p.name.toLowerCase().includes(q.toLowerCase())),
  groups: () => [],
  exemptions: () => [],
});

/** Required fields and string lengths only: enough for the workflow's tests (the catalogue tests its own validator). */
function validate(schema: { properties?: Record<string, unknown>; required?: string[] }, data: unknown, path: string, errors: { path: string; message: string }[]) {
  const obj = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  for (const key of schema.required ?? []) {
    const v = obj[key];
    if (v === undefined || v === null || v === '') errors.push({ path: `${path}${key}`, message: 'Trường bắt buộc' });
  }
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const s = sub as { type?: string; properties?: Record<string, unknown>; required?: string[]; minLength?: number };
    if (s.type === 'object' && obj[key] !== undefined) validate(s, obj[key], `${path}${key}.`, errors);
    if (s.type === 'string' && obj[key] !== undefined && typeof obj[key] !== 'string') errors.push({ path: `${path}${key}`, message: 'Phải là chuỗi ký tự' });
  }
}

export const fixtureForms: FormRules = {
  validateForm: (p, data): FormResult => {
    const errors: { path: string; message: string }[] = [];
    validate(p.form, data, '', errors);
    return errors.length ? { ok: false, errors } : { ok: true, value: data as Record<string, unknown> };
  },
  computeFee: (_p, input): FeeQuote => ({ amount: 0, currency: 'VND', channel: input.channel, rule: null, exemption: null, explanation: 'Miễn phí', source: null }),
};

/** A tiny valid PDF and PNG, for uploads. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** The catalogue's own certification procedure (copies/), for tests that otherwise run on the fixture procedures. */
export const certifiedCopyProcedure = (): Procedure => loadProcedureFile(path.join(PROCEDURES_DIR, 'chung-thuc-ban-sao-tu-ban-chinh.json'), []);
