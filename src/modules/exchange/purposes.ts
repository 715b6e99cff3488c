// The purpose catalogue of the data services: dated, configurable data (data/exchange/purposes.json, or the file named
// by DA06_EXCHANGE_PURPOSES_FILE), not logic. A grant names only purposes of its service's catalogue, and a call
// naming any other purpose is refused with EXCHANGE_PURPOSE_UNKNOWN (service.ts grantFor).
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { dataFileReader, isRealIsoDate } from '../../platform/data-file.js';

export const PURPOSES_FILE = fileURLToPath(new URL('../../../data/exchange/purposes.json', import.meta.url));

const CatalogueDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ngày ISO YYYY-MM-DD' });
const PurposeEntry = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+$', maxLength: 100, description: 'mã dạng nhóm.tên (chữ thường, số, gạch ngang)' }),
  label: Type.String({ minLength: 1, maxLength: 300 }),
  legalBasis: Type.String({ minLength: 1, maxLength: 1000 }),
  mark: Type.Union([Type.Literal('verified'), Type.Literal('P'), Type.Literal('U')]),
  services: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { minItems: 1 }),
  validFrom: CatalogueDay,
  validUntil: Type.Optional(CatalogueDay),
}, { additionalProperties: false });
const PurposesFile = Type.Object({
  description: Type.String(),
  purposes: Type.Array(PurposeEntry, { minItems: 1 }),
}, { additionalProperties: false });

export type CataloguePurpose = Static<typeof PurposeEntry>;

export class PurposesFileError extends Error {
  constructor(readonly file: string, readonly jsonPath: string | null, message: string) {
    super(message);
    this.name = 'PurposesFileError';
  }
}

const { fail, readJson, check } = dataFileReader('danh mục mục đích khai thác', (file, path, msg) => new PurposesFileError(file, path, msg));

/** Reads and checks the catalogue: real days, a code used once, `validUntil` not before `validFrom`. */
export function loadPurposes(file = PURPOSES_FILE): CataloguePurpose[] {
  const doc = check(file, PurposesFile, readJson(file));
  const codes = new Set<string>();
  doc.purposes.forEach((p, i) => {
    if (codes.has(p.code)) fail(file, `$.purposes[${i}].code`, 'mã mục đích bị trùng', p.code);
    codes.add(p.code);
    if (!isRealIsoDate(p.validFrom)) fail(file, `$.purposes[${i}].validFrom`, 'không phải ngày có thật', p.validFrom);
    if (p.validUntil !== undefined && (!isRealIsoDate(p.validUntil) || p.validUntil < p.validFrom)) {
      fail(file, `$.purposes[${i}].validUntil`, 'không phải ngày có thật hoặc trước validFrom', p.validUntil);
    }
  });
  return doc.purposes;
}

/** The catalogue as the gateway asks it: the purposes of a service in force on a day, and a code's label. */
export function purposeCatalogue(purposes: CataloguePurpose[]) {
  const inForce = (p: CataloguePurpose, day: string) => p.validFrom <= day && (p.validUntil === undefined || p.validUntil >= day);
  const byCode = new Map(purposes.map((p) => [p.code, p]));
  return {
    /** The purposes of `service` in force on `day`, in the catalogue's order. */
    ofService: (service: string, day: string) => purposes.filter((p) => p.services.includes(service) && inForce(p, day)),
    /** Whether `code` is a purpose of `service` in force on `day`. */
    has(service: string, code: string, day: string) {
      const p = byCode.get(code);
      return p !== undefined && p.services.includes(service) && inForce(p, day);
    },
    /** The Vietnamese label of a code (what the citizen reads in their access history); the text itself when unknown. */
    label: (code: string) => byCode.get(code)?.label ?? code,
  };
}

export type PurposeCatalogue = ReturnType<typeof purposeCatalogue>;
