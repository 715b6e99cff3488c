import * as asn1js from 'asn1js';
import { isRealDate } from './dg1.js';
import { childrenOf, decodeBer, hasTag, smallInteger, stringValue, TAG_CLASS, toBuffer } from './der.js';
import { ChipInputError, parseOrThrow } from './errors.js';

/**
 * The Vietnamese DG13 (application tag 13, 0x6D) as reverse-engineered by the community
 * (DOMAIN.md §3.3, no official specification):
 *
 *   6D { SEQUENCE { INTEGER 1 (version), OID 1.0.10646.1.0.8, SET { SEQUENCE { INTEGER fieldNo, value }, … } } }
 *
 * Fields are identified by their number, never by position, and absent ones are simply omitted.
 */
const DG13_TAG = 13;

export interface Dg13RawField {
  /** The field number, or null when the entry is not SEQUENCE { INTEGER, … }. */
  field: number | null;
  /** The entry's value (or the whole entry when field is null) as hex DER. */
  der: string;
  /** The value as text, when it is a string. */
  text?: string;
}

export interface Dg13Data {
  version?: number;
  /** 1: số định danh cá nhân (12 digits, kept as text). */
  personalId?: string;
  /** 2: họ và tên. */
  fullName?: string;
  /** 3: ngày sinh, YYYY-MM-DD (YYYY or YYYY-MM when the card gives 00 for unknown day/month). */
  dateOfBirth?: string;
  /** 4: giới tính ("Nam" → M, "Nữ" → F). */
  sex?: 'M' | 'F';
  /** 5: quốc tịch as written ("Việt Nam"). */
  nationality?: string;
  /** 6: dân tộc. */
  ethnicity?: string;
  /** 7: tôn giáo. */
  religion?: string;
  /** 8: quê quán. */
  placeOfOrigin?: string;
  /** 9: nơi thường trú. */
  residence?: string;
  /** 10: đặc điểm nhận dạng. */
  identifyingMarks?: string;
  /** 11: ngày cấp, YYYY-MM-DD. */
  issuedOn?: string;
  /** 12: ngày hết hạn, YYYY-MM-DD. */
  expiresOn?: string;
  /** 12 said "Không thời hạn" (cards issued at 60 and older have no expiry). */
  noExpiry?: boolean;
  /** 13: họ tên cha, mẹ. */
  father?: string;
  mother?: string;
  /** 14: họ tên vợ/chồng. */
  spouse?: string;
  /** 15: số CMND cũ (9 digits) or another former document number. */
  legacyId?: string;
  /** Fields with numbers this parser does not know (16 is seen on real cards), kept raw. */
  unknownFields: Dg13RawField[];
  /** Known fields whose value is not in the expected form (or repeated), kept raw. */
  unreadableFields: Dg13RawField[];
  /** Number of field entries in the SET. */
  fieldCount: number;
}

type TextKey = 'personalId' | 'fullName' | 'nationality' | 'ethnicity' | 'religion' | 'placeOfOrigin' | 'residence' | 'identifyingMarks' | 'legacyId';
type DateKey = 'dateOfBirth' | 'issuedOn' | 'expiresOn';

type FieldReader =
  | { kind: 'text'; key: TextKey }
  | { kind: 'date'; key: DateKey }
  | { kind: 'sex' }
  | { kind: 'parents' }
  | { kind: 'spouse' };

const FIELDS: Record<number, FieldReader> = {
  1: { kind: 'text', key: 'personalId' },
  2: { kind: 'text', key: 'fullName' },
  3: { kind: 'date', key: 'dateOfBirth' },
  4: { kind: 'sex' },
  5: { kind: 'text', key: 'nationality' },
  6: { kind: 'text', key: 'ethnicity' },
  7: { kind: 'text', key: 'religion' },
  8: { kind: 'text', key: 'placeOfOrigin' },
  9: { kind: 'text', key: 'residence' },
  10: { kind: 'text', key: 'identifyingMarks' },
  11: { kind: 'date', key: 'issuedOn' },
  12: { kind: 'date', key: 'expiresOn' },
  13: { kind: 'parents' },
  14: { kind: 'spouse' },
  15: { kind: 'text', key: 'legacyId' },
};

const hex = (node: asn1js.AsnType) => toBuffer(node.valueBeforeDecodeView).toString('hex');
const clean = (text: string) => text.normalize('NFC').trim();
const fold = (text: string) => clean(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Parses DG13 bytes. Throws ChipInputError('DG13_MALFORMED') when the envelope is wrong. */
export function parseDg13(bytes: Uint8Array): Dg13Data {
  return parseOrThrow('DG13_MALFORMED', () => readDg13(bytes));
}

function readDg13(bytes: Uint8Array): Dg13Data {
  const root = decodeBer(bytes, 'DG13_MALFORMED');
  if (!hasTag(root, TAG_CLASS.application, DG13_TAG)) throw new ChipInputError('DG13_MALFORMED', {}, 'DG13 must start with tag 0x6D');
  const [content] = childrenOf(root);
  if (!(content instanceof asn1js.Sequence)) throw new ChipInputError('DG13_MALFORMED', {}, 'no SEQUENCE inside 0x6D');
  const parts = childrenOf(content);
  const sets = parts.filter((n) => n instanceof asn1js.Set);
  if (sets.length === 0) throw new ChipInputError('DG13_MALFORMED', {}, 'no SET of fields');

  const data: Dg13Data = { unknownFields: [], unreadableFields: [], fieldCount: 0 };
  const version = smallInteger(parts[0]);
  if (version !== null) data.version = version;
  const seen = new Set<number>();

  for (const entry of sets.flatMap(childrenOf)) {
    data.fieldCount++;
    const [numberNode, value] = childrenOf(entry);
    const field = entry instanceof asn1js.Sequence ? smallInteger(numberNode) : null;
    if (field === null) {
      data.unknownFields.push({ field: null, der: hex(entry) });
      continue;
    }
    const raw: Dg13RawField = { field, der: value ? hex(value) : '' };
    const text = stringValue(value);
    if (text !== null) raw.text = text;
    const reader = FIELDS[field];
    if (!reader) {
      data.unknownFields.push(raw);
    } else if (seen.has(field) || !value || !readField(data, reader, value)) {
      data.unreadableFields.push(raw);
    }
    seen.add(field);
  }
  return data;
}

/** Stores one known field; false when its value is not in the documented form. */
function readField(data: Dg13Data, reader: FieldReader, value: asn1js.AsnType): boolean {
  const text = stringValue(value);
  switch (reader.kind) {
    case 'text':
      if (text === null) return false;
      data[reader.key] = clean(text);
      return true;
    case 'date': {
      if (text === null) return false;
      if (reader.key === 'expiresOn' && fold(text) === 'khong thoi han') {
        data.noExpiry = true;
        return true;
      }
      const iso = dg13Date(text);
      if (iso === null) return false;
      data[reader.key] = iso;
      return true;
    }
    case 'sex': {
      const sex = text === null ? '' : fold(text);
      if (sex !== 'nam' && sex !== 'nu') return false;
      data.sex = sex === 'nam' ? 'M' : 'F';
      return true;
    }
    case 'parents': {
      // SEQUENCE { UTF8String father, UTF8String mother }; either may be empty.
      const names = childrenOf(value).map(stringValue);
      if (!(value instanceof asn1js.Sequence) || names.some((n) => n === null)) return false;
      const [father, mother] = names.map((n) => clean(n!));
      if (father) data.father = father;
      if (mother) data.mother = mother;
      return true;
    }
    case 'spouse': {
      const [name] = childrenOf(value).map(stringValue);
      if (!(value instanceof asn1js.Sequence) || name === null) return false;
      if (name && clean(name)) data.spouse = clean(name);
      return true;
    }
  }
}

/**
 * dd/MM/yyyy → YYYY-MM-DD. Cards of people whose exact birth day is unknown carry 00 for the
 * day (and month); those become the ISO 8601 reduced forms YYYY-MM and YYYY. A bare yyyy is
 * accepted for the same reason. Anything else is null.
 */
export function dg13Date(text: string): string | null {
  const value = text.trim();
  if (/^[0-9]{4}$/.test(value)) return value;
  const m = /^([0-9]{2})\/([0-9]{2})\/([0-9]{4})$/.exec(value);
  if (!m) return null;
  const [, day, month, year] = m;
  if (month === '00') return day === '00' ? year : null;
  if (day === '00') return Number(month) <= 12 ? `${year}-${month}` : null;
  return isRealDate(Number(year), Number(month), Number(day)) ? `${year}-${month}-${day}` : null;
}
