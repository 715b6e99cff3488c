/**
 * The review queue (issue 18): a `review` row goes to the registry officer of its candidate's commune, who
 * sees it beside the registry record and accepts, rejects or chooses another person, with a reason; or the
 * citizen the row names settles it in the portal ("Đây là tôi"). Each decision is kept with who, when and
 * the row's probability, and the source's thresholds are suggested from them (review-learning.ts).
 */
import { can, type AreaScope, type CitizenCaller, type OfficerCaller } from '../../platform/access.js';
import { audited, shownAs } from '../../platform/audit.js';
import type { Db, Queryable } from '../../platform/db.js';
import { maskPersonalId } from '../registry/index.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './engine.js';
import { DomainError } from './errors.js';
import { message } from './messages.js';
import { suggestThresholds } from './review-learning.js';
import { createReviewStore, type CandidateRow, type Decision, type ReviewRow } from './review-store.js';

export interface ReviewDeps {
  db: Db;
  provinceOf: (area: AreaScope) => Promise<string>;
  thresholdsOf: (provinceCode: string, source: string) => Promise<Thresholds | undefined>;
}

/** The row's own fields a reviewer or the citizen compares (what the source listed about the person). */
const COMPARED = ['personal_id', 'legacy_id', 'full_name', 'date_of_birth', 'sex', 'address', 'commune_code', 'phone'] as const;

const iso = (d: Date | string) => new Date(d).toISOString();
const splitCodes = (s: string) => (s ? s.split(';') : []);

/**
 * The whole personal ID only to a role that reads the registry (the reviewers do, inside their area); any
 * other sees it masked as the registry's lists show it (maskPersonalId, the one masking).
 */
const shownId = (caller: OfficerCaller, personalId: string) => (can(caller, 'registry.read') ? personalId : maskPersonalId(personalId));

function listed(fields: Record<string, string>) {
  return Object.fromEntries(COMPARED.filter((k) => fields[k] !== undefined && fields[k] !== '').map((k) => [k, fields[k]]));
}

function candidateView(caller: OfficerCaller, c: CandidateRow, matchProbability: number) {
  return shownAs({
    personalId: shownId(caller, c.personal_id), fullName: c.full_name, dateOfBirth: c.date_of_birth, sex: c.sex, communeCode: c.commune_code, communeName: c.commune_name, deceased: c.deceased,
    matchProbability,
  }, { kind: 'person', id: c.personal_id });
}

function queueItem(caller: OfficerCaller, r: ReviewRow) {
  return shownAs({
    runId: Number(r.run_id), row: r.row_no, source: r.source, listedAt: iso(r.listed_at), matchProbability: Number(r.match_probability), reasons: splitCodes(r.reasons),
    fullName: r.fields.full_name ?? null, dateOfBirth: r.fields.date_of_birth ?? null,
    candidate: { personalId: shownId(caller, r.personal_id), fullName: r.candidate_name, communeCode: r.candidate_commune },
  }, { kind: 'person', id: r.personal_id });
}

export type Review = ReturnType<typeof createReview>;

/** An item another module holds for review (a sector record an agency sent that disagrees with the registry). */
export interface HeldItem {
  provinceCode: string;
  /** What the queue shows as the item's source (the agency and the record's kind). */
  source: string;
  /** The holder's own id of the item, passed back with the decision. */
  externalRef: string;
  /** Who sent it (the agency, as its audit actor). */
  createdBy: string;
  /** The person it names: the queue of their commune takes it. */
  personalId: string;
  reasons: string[];
  fields: Record<string, string>;
}

/** Told, in the decision's transaction, that a held item was accepted (for the person it names) or rejected. */
export type ExternalDecision = (tx: Queryable, item: { externalRef: string; accepted: boolean; decidedBy: string }) => Promise<void>;

export function createReview(deps: ReviewDeps) {
  const { db } = deps;
  const store = createReviewStore(db);
  let exchangeDecided: ExternalDecision | undefined;

  /** The row if its candidate lives in the caller's area; anything else reads as absent (404, never 403). */
  async function itemInArea(caller: OfficerCaller, runId: number, row: number, q = db as Parameters<typeof store.item>[0], lock = false) {
    const r = await store.item(q, caller.area, runId, row, lock);
    if (!r) throw new DomainError('LINKAGE_REVIEW_NOT_FOUND');
    if (r.status !== 'review') {
      if (await store.decided(q, runId, row)) throw new DomainError('LINKAGE_REVIEW_DECIDED');
      throw new DomainError('LINKAGE_REVIEW_NOT_FOUND');
    }
    return r;
  }

  async function candidateInArea(caller: OfficerCaller, personalId: string | undefined): Promise<CandidateRow> {
    const c = personalId && /^\d{12}$/.test(personalId) ? await store.personInArea(caller.area, personalId) : undefined;
    if (!c || c.deceased) throw new DomainError('LINKAGE_CANDIDATE_NOT_FOUND');
    return c;
  }

  return {
    /** The rows to review whose candidate lives in the caller's area, oldest list first. */
    async queue(caller: OfficerCaller, f: { limit?: number; offset?: number }) {
      const { total, rows } = await store.queue(caller.area, { limit: f.limit ?? 50, offset: f.offset ?? 0 });
      return { total, items: rows.map((r) => queueItem(caller, r)) };
    },

    /**
     * One row side by side with its candidates' registry records, best first: its own candidate, then the next ones
     * the probabilistic pass kept (those living in the caller's area); the route audits the read of each.
     */
    async item(caller: OfficerCaller, runId: number, row: number) {
      const r = await itemInArea(caller, runId, row);
      const wanted = [{ personalId: r.personal_id, matchProbability: Number(r.match_probability) }, ...(r.other_candidates ?? [])];
      const candidates = [];
      for (const w of wanted) {
        const c = await store.personInArea(caller.area, w.personalId);
        if (c) candidates.push(candidateView(caller, c, w.matchProbability));
      }
      // The row itself names the person it is about: the read's subject when no candidate is shown (a held sector
      // record for an ID the registry does not know).
      return shownAs({
        runId, row, source: r.source, listedAt: iso(r.listed_at), matchProbability: Number(r.match_probability), reasons: splitCodes(r.reasons),
        listed: listed(r.fields), fields: r.fields, candidates,
      }, { kind: 'person', id: r.personal_id });
    },

    /** The reviewer's decision with its reason: the row is settled, the decision kept and audited. */
    async decide(caller: OfficerCaller, runId: number, row: number, input: { decision: 'accept' | 'reject' | 'choose'; personalId?: string; reason: string }) {
      const chosen = input.decision === 'choose' ? await candidateInArea(caller, input.personalId) : undefined;
      return db.transaction(async (tx) => {
        const r = await itemInArea(caller, runId, row, tx, true);
        // A held sector record is attached to the person it names or rejected: never moved to someone else.
        if (r.origin === 'exchange' && input.decision === 'choose') throw new DomainError('LINKAGE_REVIEW_CHOICE_NOT_OFFERED');
        // A record for a personal ID the registry does not know has nobody to be attached to: it can only be rejected.
        if (input.decision === 'accept' && r.candidate_name === null) throw new DomainError('LINKAGE_CANDIDATE_NOT_FOUND');
        const personalId = input.decision === 'accept' ? r.personal_id : chosen?.personal_id ?? null;
        const probability = Number(r.match_probability);
        await store.settle(tx, {
          runId, row, provinceCode: r.province_code, source: r.source, decision: input.decision, candidate: r.personal_id, personalId, reason: input.reason,
          matchProbability: probability, decidedBy: caller.username, citizenPersonId: null, reasonCode: 'reviewed',
        });
        if (r.origin === 'exchange' && r.external_ref !== null) {
          if (!exchangeDecided) throw new Error('linkage review: no receiver of the exchange module\'s decisions');
          await exchangeDecided(tx, { externalRef: r.external_ref, accepted: personalId !== null, decidedBy: caller.username });
        }
        await audited(tx, {
          subjectKind: 'person', subjectId: personalId ?? r.personal_id,
          data: { runId, row, decision: input.decision, matchProbability: probability, reason: input.reason },
        });
        return { runId, row, status: personalId ? 'matched' as const : 'unmatched' as const, personalId: personalId && shownId(caller, personalId), reasons: ['reviewed'] };
      });
    },

    /** The thresholds the source's decisions suggest, beside the ones its next runs use. */
    async suggestion(caller: OfficerCaller, source: string) {
      const provinceCode = await deps.provinceOf(caller.area);
      const current = (await deps.thresholdsOf(provinceCode, source)) ?? DEFAULT_THRESHOLDS;
      const decided = await store.decisionsOf(provinceCode, source);
      const settings = await store.sourceSettings(provinceCode, source);
      return {
        source, thresholds: current, sensitive: settings?.sensitive ?? false, suggested: suggestThresholds(current, decided),
        accepted: decided.filter((d) => d.accepted).length, rejected: decided.filter((d) => !d.accepted).length,
      };
    },

    /**
     * Holds another module's item in the queue, in that module's transaction (the exchange module's data-quality
     * queue is this queue): the registry officer of the named person's commune decides it like a list's row.
     */
    async hold(tx: Queryable, item: HeldItem) {
      await store.insertHeld(tx, { ...item, origin: 'exchange' });
    },

    /** Who is told the decisions on the exchange module's held items (the composition root wires it). */
    onExchangeDecision(receiver: ExternalDecision) {
      exchangeDecided = receiver;
    },

    /** Marks a source sensitive (its rows settled by a citizen only at e-ID level 2), in the thresholds' transaction. */
    setSensitive: store.setSensitive,

    // ---- the citizen's side ----

    /** The rows still pending that name the citizen: what the source listed about them, nobody else's data. */
    async pendingOf(caller: CitizenCaller) {
      return (await store.pendingOf(caller.personalId)).map((r) => ({
        runId: Number(r.run_id), row: r.row_no, source: r.source, listedAt: iso(r.listed_at), sensitive: r.sensitive,
        fullName: r.fields.full_name ?? null, dateOfBirth: r.fields.date_of_birth ?? null,
      }));
    },

    /** "Đây là tôi" (matched to them) or "Không phải tôi" (unmatched for them), with the e-ID level the source needs. */
    async answer(caller: CitizenCaller, runId: number, row: number, mine: boolean) {
      return db.transaction(async (tx) => {
        const r = await store.pendingRowOf(tx, caller.personalId, runId, row);
        if (!r) throw new DomainError('LINKAGE_REVIEW_NOT_FOUND');
        if (r.status !== 'review') throw new DomainError('LINKAGE_REVIEW_DECIDED');
        if (r.sensitive && caller.level < 2) throw new DomainError('LINKAGE_LEVEL2_REQUIRED');
        const decision: Decision = mine ? 'citizen_confirmed' : 'citizen_refused';
        await store.settle(tx, {
          runId, row, provinceCode: r.province_code, source: r.source, decision, candidate: caller.personalId, personalId: mine ? caller.personalId : null,
          reason: message(mine ? 'LINKAGE_CITIZEN_REASON_CONFIRMED' : 'LINKAGE_CITIZEN_REASON_REFUSED'), matchProbability: Number(r.match_probability),
          decidedBy: 'citizen', citizenPersonId: caller.personId, reasonCode: decision,
        });
        await audited(tx, { subjectKind: 'person', subjectId: caller.personalId, data: { runId, row, decision, source: r.source } });
        return { runId, row, status: mine ? 'matched' as const : 'unmatched' as const };
      });
    },

    /** The citizen's answers, as items of their access history. */
    async historyOf(citizenPersonId: number, limit = 100) {
      return (await store.answersOf(citizenPersonId, limit)).map((a) => ({
        at: iso(a.decided_at), agency: a.source, service: a.source,
        fields: [message('LINKAGE_FIELD_NAME'), message('LINKAGE_FIELD_BIRTH')], purpose: message('LINKAGE_HISTORY_PURPOSE'), refused: false, reason: null,
        heading: message(a.decision === 'citizen_confirmed' ? 'LINKAGE_HISTORY_CONFIRMED' : 'LINKAGE_HISTORY_REFUSED'),
      }));
    },
  };
}
