/**
 * Sector data flowing back (issue 17, models 33–35): an agency with a write grant attaches a sector record (health
 * book, labour book, land rights, a civil-status event recorded elsewhere) to a person. The call goes the read
 * services' way (token + DPoP, grant and purpose, daily quota, signed exchange log); the identity the agency sent is
 * compared with the registry, which is never written: a record that disagrees, or names an unknown personal ID, is
 * held in the linkage review queue for the registry officer of the person's commune, and the agency hears the same
 * "accepted, pending review" in both cases.
 */
import type { TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType } from '@sinclair/typebox/errors';
import type { CitizenCaller } from '../../platform/access.js';
import { audited, canonicalJson, unchanged } from '../../platform/audit.js';
import { isRealIsoDate } from '../../platform/data-file.js';
import type { Db, Queryable } from '../../platform/db.js';
import { fieldError, type FieldError, type FieldErrorCode } from '../../platform/errors.js';
import { formatIsoDate, formatNumber } from '../../platform/format.js';
import { DomainError } from './errors.js';
import { MESSAGES, message } from './messages.js';
import { sha256 } from './log.js';
import { SECTOR_RECORDS } from './sector-schema.js';
import { sectorStore as store, type SectorRecordRow } from './sector-store.js';
import type { Agency, PersonFacts } from './service.js';
import type { GrantRow } from './store.js';

/** An item the registry officer decides in the linkage review queue (linkage's HeldItem, passed by the composition root). */
export interface HeldRecord {
  provinceCode: string; source: string; externalRef: string; createdBy: string; personalId: string; reasons: string[]; fields: Record<string, string>;
}

export interface SectorDeps {
  db: Db;
  today: () => string;
  normalizeName: (name: string) => string;
  unsafeFindPerson: (personalId: string) => Promise<PersonFacts | null>;
  /** The approved grant in force covering the purpose (refusals as for the reads). */
  grantFor: (agency: Agency, serviceCode: string, purpose: string) => Promise<GrantRow>;
  /** Counts the call against the grant's daily quota (refused over it). */
  count: (agency: Agency, grant: GrantRow, purpose: string) => Promise<void>;
  /** The agency's legal basis and province, as registered. */
  agencyFacts: (agencyId: number) => Promise<{ legalBasis: string; provinceCode: string }>;
  /** Puts a held record into the linkage review queue, in the record's transaction. */
  hold?: (tx: Queryable, item: HeldRecord) => Promise<void>;
}

export interface SectorRecordInput {
  service: string; reference: string; personalId: string; fullName: string; dateOfBirth: string; purpose: string; recordDate: string; record: Record<string, unknown>;
}

const KIND_KEYS = {
  'sector.health_book': 'SECTOR_KIND_HEALTH_BOOK', 'sector.labour_book': 'SECTOR_KIND_LABOUR_BOOK',
  'sector.land_rights': 'SECTOR_KIND_LAND_RIGHTS', 'sector.civil_status_event': 'SECTOR_KIND_CIVIL_STATUS_EVENT',
} as const;
export const kindLabel = (service: string) => (service in KIND_KEYS ? message(KIND_KEYS[service as keyof typeof KIND_KEYS]) : service);

const known = (key: string): key is keyof typeof MESSAGES => key in MESSAGES;
/** `doseNumber` → `SECTOR_FIELD_DOSE_NUMBER`: each record field's Vietnamese label. */
const fieldLabel = (field: string) => {
  const key = `SECTOR_FIELD_${field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
  return known(key) ? message(key) : field;
};
/** A value as people read it: numbers and dates the Vietnamese way, a code (`vaccination`) by its label. */
const valueText = (field: string, value: unknown): string => {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value !== 'string') return String(value);
  if (/Date$/.test(field)) return formatIsoDate(value);
  const key = `SECTOR_VALUE_${value.toUpperCase()}`;
  return /^[a-z_]+$/.test(value) && known(key) ? message(key) : value;
};

/** Typebox's first complaint about a record field, as the platform's field error codes say it. */
function recordErrors(schema: TObject, record: unknown): FieldError[] {
  const out: FieldError[] = [];
  for (const e of Value.Errors(schema, record)) {
    const field = `record${e.path.replace(/\//g, '.')}`;
    if (out.some((o) => o.field === field)) continue;
    const code: FieldErrorCode = e.type === ValueErrorType.ObjectRequiredProperty ? 'REQUIRED'
      : e.type === ValueErrorType.ObjectAdditionalProperties ? 'UNKNOWN_FIELD'
        : e.type === ValueErrorType.StringMaxLength ? 'TOO_LONG' : 'INVALID_FORMAT';
    out.push(fieldError(field, code));
  }
  return out;
}

/** The rules a record's schema cannot say: which fields each health-book entry needs, dates in order. */
function recordRule(service: string, r: Record<string, unknown>, recordDate: string, today: string): string | undefined {
  if (recordDate > today) return message('SECTOR_RECORD_DATE_FUTURE');
  if (service === 'sector.health_book') {
    if (r.entryType === 'vaccination' && (r.vaccine === undefined || r.doseNumber === undefined)) return message('SECTOR_VACCINATION_NEEDS');
    if (r.entryType === 'checkup' && r.conclusion === undefined) return message('SECTOR_CHECKUP_NEEDS');
  }
  if (service === 'sector.labour_book' && typeof r.toDate === 'string' && typeof r.fromDate === 'string' && r.toDate < r.fromDate) return message('SECTOR_DATES_ORDER');
  return undefined;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function view(r: SectorRecordRow) {
  return {
    id: Number(r.id), service: r.service_code, kindLabel: kindLabel(r.service_code), sourceAgency: r.agency_name, legalBasis: r.legal_basis,
    recordDate: r.record_date, receivedAt: iso(r.received_at),
    // In the order of the service's schema (jsonb keeps its keys in an order of its own).
    items: Object.keys(SECTOR_RECORDS[r.service_code]?.properties ?? r.payload).filter((f) => r.payload[f] !== undefined)
      .map((field) => ({ field, label: fieldLabel(field), text: valueText(field, r.payload[field]) })),
  };
}

export function createSectorRecords(deps: SectorDeps) {
  const { db } = deps;

  /** The record's content checked against its service's schema and rules; the same reference must be the same record. */
  function checkRecord(input: SectorRecordInput) {
    const schema = SECTOR_RECORDS[input.service];
    if (!schema) throw new DomainError('EXCHANGE_INVALID', { reason: message('EXCHANGE_SERVICE_UNKNOWN') });
    const errors = recordErrors(schema, input.record);
    // A date of the right shape that no calendar has (1986-02-30) is refused here, before the call is counted.
    const dates: [string, unknown][] = [['dateOfBirth', input.dateOfBirth], ['recordDate', input.recordDate],
      ...Object.entries(input.record as Record<string, unknown>).filter(([k]) => k.endsWith('Date')).map(([k, v]): [string, unknown] => [`record.${k}`, v])];
    for (const [field, value] of dates) {
      if (typeof value === 'string' && !isRealIsoDate(value) && !errors.some((e) => e.field === field)) errors.push(fieldError(field, 'INVALID_FORMAT'));
    }
    if (errors.length) throw new DomainError('EXCHANGE_RECORD_INVALID', { kind: kindLabel(input.service), reason: errors.map((e) => `${e.field}: ${e.message}`).join('; ') }, errors);
    const broken = recordRule(input.service, input.record, input.recordDate, deps.today());
    if (broken) throw new DomainError('EXCHANGE_RECORD_INVALID', { kind: kindLabel(input.service), reason: broken });
  }

  const receipt = (input: SectorRecordInput, status: SectorRecordRow['status'] | 'held', receivedAt: Date | string) =>
    ({ reference: input.reference, service: input.service, status: status === 'attached' ? 'attached' as const : 'pending_review' as const, receivedAt: iso(receivedAt) });

  return {
    /**
     * Receives one record: checked, counted, then attached when the name and birth date the agency sent agree with
     * the registry, held for review otherwise. A resend of the same reference answers what the first send got.
     */
    async receive(agency: Agency, input: SectorRecordInput) {
      checkRecord(input);
      const grant = await deps.grantFor(agency, input.service, input.purpose);
      const { purpose: _purpose, ...content } = input;
      // The same content in another key order is the same record (a resend rebuilt by another client).
      const requestSha256 = sha256(canonicalJson(content));
      const sent = await store.byReference(db, agency.id, input.reference);
      if (sent) return resend(input, sent, requestSha256);
      await deps.count(agency, grant, input.purpose);
      const person = await deps.unsafeFindPerson(input.personalId);
      const agrees = person !== null && deps.normalizeName(person.fullName) === deps.normalizeName(input.fullName) && person.dateOfBirth === input.dateOfBirth;
      const { legalBasis, provinceCode } = await deps.agencyFacts(agency.id);
      const status = agrees ? 'attached' as const : 'held' as const;
      const row = await db.transaction(async (tx) => {
        const inserted = await store.insert(tx, {
          agencyId: agency.id, grantId: Number(grant.id), serviceCode: input.service, reference: input.reference, personalId: input.personalId,
          fullName: input.fullName, dateOfBirth: input.dateOfBirth, payload: input.record, requestSha256, legalBasis, recordDate: input.recordDate, status,
        });
        if (!inserted) return undefined;
        if (status === 'held') {
          if (!deps.hold) throw new Error('exchange: no review queue to hold sector records in');
          await deps.hold(tx, {
            provinceCode, source: message('SECTOR_REVIEW_SOURCE', { agency: agency.name, kind: kindLabel(input.service) }), externalRef: String(inserted.id),
            createdBy: `exchange:${agency.id}`, personalId: input.personalId, reasons: person ? ['id:found', 'id:disagrees'] : ['no_candidate'],
            fields: {
              personal_id: input.personalId, full_name: input.fullName, date_of_birth: input.dateOfBirth,
              record_kind: kindLabel(input.service), agency: agency.name, reference: input.reference, record_date: input.recordDate,
            },
          });
        }
        await audited(tx, { subjectKind: 'person', subjectId: input.personalId, data: { service: input.service, reference: input.reference, status } });
        return inserted;
      });
      // A concurrent send of the same reference committed first: answered as a resend.
      if (!row) return resend(input, (await store.byReference(db, agency.id, input.reference))!, requestSha256);
      return { created: true, receipt: receipt(input, status, row.received_at) };
    },

    /** The registry officer's decision on a held record (called in the review queue's transaction). */
    async settle(tx: Queryable, externalRef: string, accepted: boolean) {
      await store.settle(tx, Number(externalRef), accepted ? 'attached' : 'rejected');
    },

    /** The citizen's own attached records. */
    async ownRecords(caller: CitizenCaller) {
      return (await store.attachedTo(db, caller.personalId)).map(view);
    },

    /** A person's attached records, for the registry officer (the route has checked the person is in their area). */
    async recordsOf(personalId: string) {
      return (await store.attachedTo(db, personalId)).map(view);
    },
  };

  function resend(input: SectorRecordInput, sent: SectorRecordRow, requestSha256: string) {
    if (sent.request_sha256 !== requestSha256) throw new DomainError('EXCHANGE_RECORD_REFERENCE_TAKEN', { reference: input.reference });
    // The first send wrote the entry; a resend changes nothing (and is not counted again).
    unchanged();
    return { created: false, receipt: receipt(input, sent.status === 'attached' ? 'attached' : 'held', sent.received_at) };
  }
}

export type SectorRecords = ReturnType<typeof createSectorRecords>;
