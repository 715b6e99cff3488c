/**
 * The national public-service portal (DVCQG) wired to the dossiers (issue 15, DOMAIN-SERVICES.md §1.2, §1.4,
 * §1.10; contract: docs/connectors/dvcqg.md):
 * - every status change of a dossier is written to the outbox (dvcqg_outbox) in the transaction of the change
 *   (`enqueue`, called by service.ts applyChange): a change that rolls back leaves no message;
 * - the sync worker (`deliver`, run by the server every DA06_DVCQG_SYNC_SECONDS and by `da06 services dvcqg-sync`)
 *   pushes them in order per dossier, each push carrying the whole history, retried with exponential back-off;
 *   after DA06_DVCQG_MAX_FAILURES failed deliveries, or at once when the portal refuses it, a message is a dead
 *   letter kept with its last error, holding the dossier's later messages back until an administrator retries it;
 * - dossiers filed on the portal are received (`receive`: pulled page by page, or pushed to the signed webhook),
 *   each checked on its own, matched to the registry by personal ID, and put in the receiving unit's queue with
 *   the channel "dvcqg" and the portal's code kept; receiving is idempotent on that code.
 * Off (every function a no-op or 404) when DA06_DVCQG_URL is unset. The local stand-in is named as such
 * ("bản mô phỏng") wherever the connection is shown: it is never presented as the real portal.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OfficerCaller } from '../../platform/access.js';
import { appendAudit, audited } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import { uniqueViolation, type Transaction } from '../../platform/db.js';
import { todayInVietnam } from '../../platform/time.js';
import {
  DVCQG_STATUSES, DvcqgError, createDvcqgClient, dvcqgSettings, parsePortalDossier,
  type DvcqgPortal, type DvcqgSettings, type DvcqgStatusCode, type PortalDossier, type PortalItem, type StatusUpdate,
} from './connectors/index.js';
import { acceptanceDue } from './deadlines.js';
import { createConfirmationStore } from './confirmation-store.js';
import { createDvcqgStore, type OutboxRow } from './dvcqg-store.js';
import { DomainError, type FieldError } from './errors.js';
import type { Actor, Change, DeskContext } from './service.js';
import { PREFILL_FIELDS } from './prefill.js';
import { CRITERIA } from './rating-criteria.js';
import { loadRatingScale } from './rating.js';
import { RESULT_TITLES } from './signed-results.js';
import { DOSSIER_STATES, type TransitionName } from './states.js';
import type { DossierRow } from './store.js';

export interface DvcqgLinkSettings {
  client: DvcqgSettings;
  /** The URL is the local stand-in (dvcqg-standin), not the portal: said wherever the connection is shown. */
  standin: boolean;
  maxFailures: number;
  backoffMs: number;
  syncSeconds: number;
  webhookSecret?: string;
}

/** The connection's settings from the configuration, or undefined when it is off (no DA06_DVCQG_URL). */
export function dvcqgLinkSettings(config: Config): DvcqgLinkSettings | undefined {
  const client = dvcqgSettings(config);
  if (!client) return undefined;
  return {
    client, standin: config.DA06_DVCQG_STANDIN, maxFailures: config.DA06_DVCQG_MAX_FAILURES, backoffMs: config.DA06_DVCQG_BACKOFF_MS,
    syncSeconds: config.DA06_DVCQG_SYNC_SECONDS, ...(config.DA06_DVCQG_WEBHOOK_SECRET ? { webhookSecret: config.DA06_DVCQG_WEBHOOK_SECRET } : {}),
  };
}

export const STANDIN_LABEL = 'Bản mô phỏng Cổng Dịch vụ công quốc gia (dvcqg-standin), không phải Cổng thật';
export const PORTAL_LABEL = 'Cổng Dịch vụ công quốc gia';
const RECEIVE_PURPOSE = 'Nhận hồ sơ công dân nộp trên Cổng Dịch vụ công quốc gia';
const MAX_BACKOFF_MS = 3_600_000;
/** How long a worker holds a message it is sending before another node may take it. */
const LEASE_MS = 120_000;
/** A webhook's timestamp may be this far from our clock; its signature is remembered twice as long (replays). */
export const WEBHOOK_WINDOW_S = 300;
const CHANNEL_CODE = { direct: 1, online: 2, dvcqg: 2 } as const;
/** How long after its return the portal is asked for a dossier's rating, and how often. */
const RATING_WINDOW_DAYS = 30;
const RATING_POLL_HOURS = 6;
const RESULT_PURPOSE = 'Trả kết quả giải quyết thủ tục hành chính trên Cổng Dịch vụ công quốc gia và vào kho dữ liệu của công dân (NĐ 118/2025/NĐ-CP Điều 22)';
const RATING_PURPOSE = 'Nhận đánh giá của công dân trên Cổng Dịch vụ công quốc gia (NĐ 118/2025/NĐ-CP Điều 33)';
/**
 * A portal score on our scale: the portal's scale runs from 1 to `max` (our assumption: the contract sends only the
 * maximum; a 0 counts as its lowest), mapped linearly onto ours from its lowest to its highest value, rounded.
 */
export function onOurScale(score: number, max: number, bottom: number, top: number): number {
  if (max <= 1) return top;
  const at = (Math.min(Math.max(score, 1), max) - 1) / (max - 1);
  return Math.round(bottom + at * (top - bottom));
}
/** The portal's nine contents, ASCII letters (connectors/dvcqg-contract.ts), in the decree's order. */
const PORTAL_CRITERIA = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] as const;

export interface DeliveryTally { sent: number; retrying: number; dead: number }
/** One pull: dossiers received, found again, refused; `failed` when one could not be stored (the batch is pulled again next run). */
export interface ReceiveTally { received: number; duplicates: number; refused: number; failed: number }

/** A dossier received from the portal, as the webhook answers it. */
export interface Received { portalCode: string; localCode: string; dossierId: number; duplicate: boolean }

export function createDvcqgLink(ctx: DeskContext, settings: DvcqgLinkSettings | undefined, portalOverride?: DvcqgPortal) {
  const { deps, store } = ctx;
  const dstore = createDvcqgStore(deps.db);
  const results = createConfirmationStore(deps.db);
  const portal = settings ? (portalOverride ?? createDvcqgClient(settings.client)) : undefined;
  const log = deps.log;
  const random = Math.random;

  function requirePortal(): DvcqgPortal {
    if (!portal) throw new DomainError('DVCQG_NOT_CONFIGURED');
    return portal;
  }

  const backoff = (failures: number) => Math.min(MAX_BACKOFF_MS, (settings?.backoffMs ?? 5000) * 2 ** (failures - 1)) * (0.5 + random() / 2);

  /** Called by applyChange in the change's transaction: the message the portal will be sent for it. */
  async function enqueue(tx: Transaction, updated: DossierRow, name: TransitionName, actor: Actor, c: Change, at: Date): Promise<void> {
    if (!portal || c.visible === false || !updated.code) return;
    const status = DOSSIER_STATES[updated.state].dvcqg;
    if (!status) return;
    const portalCode = updated.channel === 'dvcqg' ? await dstore.portalCodeOf(tx, Number(updated.id)) : undefined;
    await dstore.enqueue(tx, {
      dossierId: Number(updated.id), dossierCode: portalCode ?? updated.code, status, transition: name, at,
      actor: { kind: actor.kind, ...(actor.kind === 'system' ? {} : { id: actor.id.slice(0, 100) }), ...(actor.name ? { name: actor.name.slice(0, 200) } : {}) },
      comment: c.comment ? c.comment.slice(0, 2000) : null,
      channel: CHANNEL_CODE[updated.channel], dueAt: updated.due_at, extended: updated.extended,
    });
    // A returned dossier with a result document: the portal gets it too (NĐ 118 Art. 22), after the status above.
    if (name === 'return_result') {
      const result = await results.result(Number(updated.id), tx);
      if (result) {
        // mã số giấy tờ: personal ID + result type (NĐ 118 Art. 22), and the dossier's code: a person's second
        // certificate of the same kind is another document.
        await dstore.enqueueResult(tx, {
          dossierId: Number(updated.id), dossierCode: portalCode ?? updated.code, documentNumber: `${updated.applicant_personal_id}.${result.kind}.${updated.code}`,
          documentType: result.kind, title: (RESULT_TITLES as Record<string, string>)[result.kind] ?? updated.procedure_name,
          issuedAt: new Date(result.created_at), at,
        });
      }
    }
  }

  function updateOf(row: OutboxRow, history: OutboxRow[]): StatusUpdate {
    const dueAt = row.due_at ? new Date(row.due_at) : undefined;
    return {
      dossierCode: row.dossier_code, channel: row.channel, ...(dueAt ? { dueAt } : {}), extended: row.extended,
      overdue: !!dueAt && new Date(row.at).getTime() > dueAt.getTime(),
      history: history.map((h) => ({ seq: h.seq, status: h.status as DvcqgStatusCode, at: new Date(h.at), actor: h.actor, ...(h.comment ? { comment: h.comment } : {}) })),
    };
  }

  async function deliverOne(p: DvcqgPortal, row: OutboxRow, now: Date): Promise<keyof DeliveryTally> {
    try {
      await p.pushStatus(updateOf(row, await dstore.history(Number(row.dossier_id), row.seq)));
      await dstore.markSent(Number(row.id), new Date());
      return 'sent';
    } catch (err) {
      const known = err instanceof DvcqgError ? err : undefined;
      const failures = row.failures + 1;
      const retryAt = known?.retryable && failures < (settings?.maxFailures ?? 1) ? new Date(now.getTime() + backoff(failures)) : null;
      await dstore.markFailed(Number(row.id), { kind: known?.kind ?? 'internal', message: known?.message ?? String(err) }, retryAt, new Date());
      log?.error({ err, outboxId: Number(row.id), dossierId: Number(row.dossier_id), seq: row.seq, failures, deadLetter: !retryAt }, 'DVCQG status push failed');
      return retryAt ? 'retrying' : 'dead';
    }
  }

  /**
   * Sends the messages due at `now`, each dossier's strictly in order (one at a time, the next only after the
   * previous was accepted), different dossiers side by side; goes on while it makes progress.
   */
  async function deliver(now = new Date()): Promise<DeliveryTally> {
    const tally: DeliveryTally = { sent: 0, retrying: 0, dead: 0 };
    if (!portal) return tally;
    for (let round = 0; round < 1000; round++) {
      const rows = await dstore.due(now, 50);
      let sent = 0;
      await Promise.all(rows.map(async (row) => {
        if (!(await dstore.claim(Number(row.id), row.next_attempt_at, new Date(now.getTime() + LEASE_MS)))) return;
        const outcome = await deliverOne(portal, row, now);
        tally[outcome]++;
        if (outcome === 'sent') sent++;
      }));
      if (sent === 0) break;
    }
    return tally;
  }

  /** Sends the due results (each after its dossier's status messages were all accepted), with the same retries. */
  async function deliverResults(now = new Date()): Promise<DeliveryTally> {
    const tally: DeliveryTally = { sent: 0, retrying: 0, dead: 0 };
    if (!portal) return tally;
    const rows = await dstore.dueResults(now, 50);
    for (const row of rows) {
      if (!(await dstore.claimResult(Number(row.id), row.next_attempt_at, new Date(now.getTime() + LEASE_MS)))) continue;
      try {
        const pdf = await results.result(Number(row.dossier_id));
        if (!pdf) throw new DvcqgError('rejected', 'Kết quả của hồ sơ không còn / the result is gone');
        const ack = await portal.pushResult({
          dossierCode: row.dossier_code, documentNumber: row.document_number, documentType: row.document_type, title: row.title,
          issuedAt: new Date(row.issued_at), file: { name: `${row.document_type}.pdf`, sha256: pdf.sha256, content: Buffer.from(pdf.content) },
        });
        // Sent outside da06: recorded (who: the system; whose: the applicant; which document; why) with its mark.
        await deps.db.transaction(async (tx) => {
          await dstore.markResultSent(Number(row.id), ack.receiptId, new Date(), tx);
          await appendAudit(tx, [{
            actorKind: 'system', actorId: 'dvcqg', action: 'services.dossier.result-sent', subjectKind: 'person', subjectId: pdf.applicant_personal_id,
            fields: [row.document_type], purpose: RESULT_PURPOSE,
          }]);
        });
        tally.sent++;
      } catch (err) {
        const known = err instanceof DvcqgError ? err : undefined;
        const failures = row.failures + 1;
        const retryAt = known?.retryable && failures < (settings?.maxFailures ?? 1) ? new Date(now.getTime() + backoff(failures)) : null;
        await dstore.markResultFailed(Number(row.id), { kind: known?.kind ?? 'internal', message: known?.message ?? String(err) }, retryAt, new Date());
        log?.error({ err, resultId: Number(row.id), dossierId: Number(row.dossier_id), failures, deadLetter: !retryAt }, 'DVCQG result push failed');
        tally[retryAt ? 'retrying' : 'dead']++;
      }
    }
    return tally;
  }

  /**
   * Takes the citizens' ratings given on the portal (NĐ 118 Art. 33) for dossiers returned within RATING_WINDOW_DAYS
   * that have none here, each asked at most every RATING_POLL_HOURS. The portal's nine contents (a)–(i) in ASCII are
   * ours in order (a, b, c, d, đ, e, g, h, i); a score on another scale is brought to ours, in proportion.
   */
  async function pullRatings(now = new Date()): Promise<{ rated: number; asked: number }> {
    const tally = { rated: 0, asked: 0 };
    if (!portal) return tally;
    const scale = loadRatingScale(todayInVietnam(now));
    const top = Math.max(...scale.values.map((v) => v.value));
    const bottom = Math.min(...scale.values.map((v) => v.value));
    const candidates = await dstore.ratingCandidates(now, RATING_WINDOW_DAYS, new Date(now.getTime() - RATING_POLL_HOURS * 3_600_000), 100);
    for (const c of candidates) {
      tally.asked++;
      try {
        const rating = await portal.pullRating(c.dossier_code);
        if (rating) {
          const scores: Record<string, number> = {};
          for (const x of rating.scores) {
            const key = CRITERIA[PORTAL_CRITERIA.indexOf(x.criterion as typeof PORTAL_CRITERIA[number])];
            if (key) scores[key] = onOurScale(x.score, x.max, bottom, top);
          }
          const taken = await deps.db.transaction(async (tx) => {
            const inserted = await store.insertRating(tx, {
              dossierId: Number(c.dossier_id), accountId: null, scaleVersion: scale.validFrom, scores, comment: rating.comment?.slice(0, 2000) ?? null,
              channel: 'dvcqg', ratedAt: rating.ratedAt,
            });
            if (inserted) {
              await appendAudit(tx, [{
                actorKind: 'system', actorId: 'dvcqg', action: 'services.dossier.rated', subjectKind: 'dossier', subjectId: String(c.dossier_id), purpose: RATING_PURPOSE,
              }]);
            }
            return inserted;
          });
          if (taken) tally.rated++;
        }
      } catch (err) {
        log?.error({ err, dossierId: Number(c.dossier_id) }, 'DVCQG rating could not be taken');
      }
      await dstore.markPolled(Number(c.dossier_id), now);
    }
    return tally;
  }

  // ---- receiving ----

  const refused = (reason: string) => new DomainError('DVCQG_DOSSIER_INVALID', { reason });

  /** The 2025 unit a portal unit code names: ours (`12345`) or our agency identifier (`UBX.12345`, service.ts agencyCodeOf). */
  async function unitOf(unitCode: string, level: string): Promise<{ unitCode: string; provinceCode: string }> {
    const m = /^(?:[A-Z]{2,5}\.)?(\d{2,5})$/.exec(unitCode);
    const unit = m ? await deps.registry.getUnit('2025', m[1]).catch(() => undefined) : undefined;
    if (!m || !unit || unit.level !== level) throw new DomainError('DVCQG_UNIT_UNKNOWN', { code: unitCode });
    return { unitCode: m[1], provinceCode: unit.provinceCode };
  }

  /** The province of the unit a portal dossier names, when it names one of ours (a refusal's, for its administrators). */
  async function provinceNamed(item: PortalItem | undefined): Promise<string | null> {
    const m = item?.ok ? /^(?:[A-Z]{2,5}\.)?(\d{2,5})$/.exec(item.dossier.unitCode) : null;
    const unit = m ? await deps.registry.getUnit('2025', m[1]).catch(() => undefined) : undefined;
    return unit?.provinceCode ?? null;
  }

  /** Creates the dossier of a checked portal dossier, or finds the one made before from the same portal code. */
  async function receiveDossier(d: PortalDossier): Promise<Received> {
    const known = await dstore.receivedDossier(deps.db, d.code);
    if (known) return { portalCode: d.code, localCode: known.code ?? '', dossierId: known.dossierId, duplicate: true };
    const on = todayInVietnam(d.submittedAt);
    const p = ctx.ref.catalogue().get(d.procedureCode, on) ?? ctx.ref.catalogue().get(d.procedureCode.slice(0, 8), on);
    if (!p) throw new DomainError('DVCQG_PROCEDURE_UNKNOWN', { code: d.procedureCode });
    const person = await deps.registry.unsafeFindForVerification(d.applicant.personalId);
    if (!person || person.dateOfDeath || person.numberCancelled) throw new DomainError('DVCQG_APPLICANT_UNKNOWN');
    const named = await unitOf(d.unitCode, p.level);
    // Paperless as on our own portal: every field the registry holds is taken from it and locked, whatever the
    // portal sent (its form is the citizen's typing; the registry is the source); the release is audited with the receipt.
    const read = await deps.registry.unsafeIdentityFactsToRecord(person.personId, { actorKind: 'system', actorId: 'dvcqg' }, PREFILL_FIELDS, RECEIVE_PURPOSE);
    if (!read) throw new DomainError('DVCQG_APPLICANT_UNKNOWN');
    // Every rule of our own intake (intake.ts), all at once, before anything is written: the form's schema, the
    // declarant's relation, the people named, confirmations, the same child filed twice. The papers stay on the
    // portal (its attachments are counted, not downloaded): they are not asked for here.
    const papers = new Set(p.documents.map((x) => x.id));
    const intake = (q?: Transaction) => ctx.checkIntake({ procedure: p, facts: read.facts, form: d.form, dossierId: null, unit: named, papers }, q);
    const refusal = (errors: FieldError[]) => new DomainError('DVCQG_FORM_INVALID', {}, errors);
    const first = await intake();
    if (first.errors.length) throw refusal(first.errors);
    const now = ctx.now();
    try {
      const row = await deps.db.transaction(async (tx) => {
        // Again in the transaction (the same child filed meanwhile): received whole or not at all.
        const { value, errors, subjects, prefilled, unit } = await intake(tx);
        if (errors.length) throw refusal(errors);
        const draft = await store.insertDossier(tx, {
          procedureSlug: p.slug, procedureCode: p.code, procedureName: p.name, procedureVersion: p.validFrom, agency: p.agency,
          applicantAccountId: null, applicantPersonId: person.personId, applicantName: person.fullName, applicantPersonalId: person.personalId,
          subjectPersonIds: subjects.personIds, unitCode: unit.unitCode, provinceCode: unit.provinceCode, channel: 'dvcqg', formData: value, prefilledFields: prefilled.locked,
          documentsNotRequired: p.documents.filter((x) => x.providedByPlatform).length,
        });
        await dstore.recordReceived(tx, d.code, Number(draft.id));
        const acceptanceDueAt = acceptanceDue(ctx.ref.calendar(), now, ctx.ref.hours(p.agency));
        const code = await ctx.reserveCode(tx, p.agency, unit.unitCode, now);
        return ctx.applyChange(tx, draft, 'submit', { kind: 'system', id: 'dvcqg', name: null, purpose: RECEIVE_PURPOSE }, {
          change: { code, submittedAt: d.submittedAt, receivedAt: now, acceptanceDueAt, deadlineAt: acceptanceDueAt },
          data: { dvcqgCode: d.code, attachments: d.attachments.length }, release: [read.release],
        }, now);
      });
      return { portalCode: d.code, localCode: row.code ?? '', dossierId: Number(row.id), duplicate: false };
    } catch (err) {
      // The same portal dossier received twice at once (pull and webhook, two nodes): the unique code decides.
      if (uniqueViolation(err)) {
        const again = await dstore.receivedDossier(deps.db, d.code);
        if (again) return { portalCode: d.code, localCode: again.code ?? '', dossierId: again.dossierId, duplicate: true };
      }
      throw err;
    }
  }

  /** Tells the portal the dossier's local code; a failure is logged (the next pull lists it again, received once). */
  async function acknowledge(p: DvcqgPortal, r: Received): Promise<void> {
    await p.acknowledgeDossier(r.portalCode, r.localCode).catch((err: unknown) => log?.error({ err, portalCode: r.portalCode }, 'DVCQG acknowledgement failed'));
  }

  /**
   * Records and logs a refused portal dossier (RFC 9457 problem: code, status, title, field errors). A pulled one is
   * refused back to the portal (`POST /dossiers/{code}/refusal`); a pushed one is refused in the webhook's answer.
   * The same refusal of the same dossier is recorded and told once (a page pulled again refuses it again).
   */
  async function refuse(p: DvcqgPortal, code: string | null, via: 'pull' | 'webhook', err: DomainError, item?: PortalItem): Promise<void> {
    const errors = err.errors.map((e) => ({ field: e.field.slice(0, 200), code: e.code, message: e.message.slice(0, 1000) })).slice(0, 200);
    const problem = { type: 'about:blank', code: err.code, status: err.status, title: err.message, ...(code ? { instance: code } : {}), ...(errors.length ? { errors } : {}) };
    if (!(await dstore.recordRefusal(code, via, problem, await provinceNamed(item)))) return;
    log?.error({ portalCode: code, via, problem }, 'DVCQG dossier refused');
    if (via === 'pull' && code) {
      await p.refuseDossier(code, { code: err.code, title: err.message.slice(0, 1000), status: err.status, errors })
        .catch((e: unknown) => log?.error({ err: e, portalCode: code }, 'DVCQG refusal could not be sent to the portal'));
    }
  }

  /** One item of the portal: received, found again, or refused (recorded) without touching the others. */
  async function receiveItem(p: DvcqgPortal, item: PortalItem, via: 'pull' | 'webhook'): Promise<Received> {
    try {
      if (!item.ok) throw refused(item.reason);
      const r = await receiveDossier(item.dossier);
      await acknowledge(p, r);
      return r;
    } catch (err) {
      if (err instanceof DomainError && err.status < 500) await refuse(p, item.ok ? item.dossier.code : item.code, via, err, item);
      throw err;
    }
  }

  /**
   * Pulls the dossiers filed on the portal since the saved cursor, each on its own (a bad one costs only itself: it is
   * refused, recorded and told to the portal). The cursor moves past a page only once every dossier of it is stored,
   * received or refused (review 2 #5): one that could not be stored (the database failing, a crash) stops the pull
   * with the cursor before its page, and the next run pulls that page again — received ones are found again by their
   * portal code, refused ones are not recorded twice. Nothing is ever skipped.
   */
  async function receive(pageSize = 100): Promise<ReceiveTally> {
    const tally: ReceiveTally = { received: 0, duplicates: 0, refused: 0, failed: 0 };
    if (!portal) return tally;
    let cursor = await dstore.cursor();
    for (let page = 0; page < 1000; page++) {
      const batch = await portal.listDossierBatch(cursor, pageSize);
      for (const item of batch.items) {
        try {
          const r = await receiveItem(portal, item, 'pull');
          tally[r.duplicate ? 'duplicates' : 'received']++;
        } catch (err) {
          if (err instanceof DomainError && err.status < 500) {
            tally.refused++;
            continue;
          }
          tally.failed++;
          log?.error({ err, portalCode: item.ok ? item.dossier.code : item.code, cursor }, 'DVCQG dossier could not be stored: the page is pulled again next run');
          return tally;
        }
      }
      if (!batch.nextCursor) break;
      cursor = batch.nextCursor;
      await dstore.saveCursor(cursor);
    }
    return tally;
  }

  /**
   * A dossier the portal pushes to the webhook: `X-DVCQG-Timestamp` (Unix seconds, within WEBHOOK_WINDOW_S of our
   * clock) and `X-DVCQG-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` with the shared secret;
   * a signature seen before is a replay. Checked before the body is even parsed.
   */
  async function webhook(raw: string, timestamp: string | undefined, signature: string | undefined, now = new Date()): Promise<Received> {
    const p = requirePortal();
    const secret = settings?.webhookSecret;
    if (!secret) throw new DomainError('DVCQG_NOT_CONFIGURED');
    const given = /^sha256=([0-9a-f]{64})$/.exec(signature ?? '')?.[1];
    if (!given || !timestamp || !/^\d{1,12}$/.test(timestamp)) throw new DomainError('DVCQG_SIGNATURE');
    if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WEBHOOK_WINDOW_S) throw new DomainError('DVCQG_TIMESTAMP', { seconds: WEBHOOK_WINDOW_S });
    const expected = createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest();
    if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) throw new DomainError('DVCQG_SIGNATURE');
    if (!(await dstore.takeDelivery(given, new Date(now.getTime() - 2 * WEBHOOK_WINDOW_S * 1000)))) throw new DomainError('DVCQG_REPLAY');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      const err = refused('nội dung không phải JSON');
      await refuse(p, null, 'webhook', err);
      throw err;
    }
    try {
      return await receiveItem(p, parsePortalDossier(body), 'webhook');
    } catch (err) {
      // Not received and not refused (the database failing): the delivery is given back, so that the portal's retry
      // of the same signed request is taken rather than refused as a replay (received once all the same: by its code).
      if (!(err instanceof DomainError) || err.status >= 500) await dstore.forgetDelivery(given).catch(() => undefined);
      throw err;
    }
  }

  // ---- what an administrator sees and does ----

  /** The province an administrator's views are limited to (their area's; review 2 #7). */
  const provinceOf = (caller: OfficerCaller) => deps.registry.provinceOf(caller.area);

  function target() {
    return {
      configured: !!portal,
      standin: !!settings?.standin,
      label: !portal ? 'Chưa kết nối Cổng Dịch vụ công quốc gia' : settings?.standin ? STANDIN_LABEL : PORTAL_LABEL,
      origin: settings ? new URL(settings.client.url).origin : null,
      webhook: !!settings?.webhookSecret,
    };
  }

  const letterView = (r: OutboxRow & { waiting?: number }) => ({
    id: Number(r.id), dossierId: Number(r.dossier_id), dossierCode: r.dossier_code, seq: r.seq, status: r.status,
    statusLabel: DVCQG_STATUSES[r.status as DvcqgStatusCode] ?? String(r.status), transition: r.transition, at: new Date(r.at).toISOString(),
    state: r.state, failures: r.failures, lastError: r.last_error, lastErrorKind: r.last_error_kind,
    deadAt: r.dead_at ? new Date(r.dead_at).toISOString() : null, waiting: r.waiting ?? 0,
  });

  /** One run of the worker: pull what the portal holds, then push what is due. */
  async function runOnce(now = new Date()) {
    requirePortal();
    const received = await receive();
    const delivered = await deliver(now);
    const results = await deliverResults(now);
    const ratings = await pullRatings(now);
    return { target: target(), received, delivered, results, ratings };
  }

  return {
    enqueue,
    deliver,
    deliverResults,
    pullRatings,
    receive,
    webhook,
    target,

    runOnce,

    /**
     * The connection, the queue's counts of the caller's province's dossiers and the latest refused portal dossiers
     * filed for its units (and those naming no unit of ours): an administrator of another province sees none of them.
     */
    async overview(caller: OfficerCaller) {
      const province = await provinceOf(caller);
      return {
        ...target(), ...(await dstore.counts(province)),
        refusals: (await dstore.refusals(province, 20)).map((r) => ({
          id: Number(r.id), portalCode: r.portal_code, via: r.via, problem: r.problem, at: new Date(r.at).toISOString(), provinceCode: r.province_code,
        })),
      };
    },

    /** The dead letters of the caller's province's dossiers. */
    async deadLetters(caller: OfficerCaller, limit = 50, offset = 0) {
      const { rows, total } = await dstore.deadLetters(await provinceOf(caller), limit, offset);
      return { target: target(), items: rows.map(letterView), total };
    },

    /** Every province's dead letters, with no caller to limit them: the operator's CLI only (`da06 services dvcqg-dead-letters`). */
    async unsafeAllDeadLetters(limit = 50, offset = 0) {
      const { rows, total } = await dstore.deadLetters(null, limit, offset);
      return { target: target(), items: rows.map(letterView), total };
    },

    /**
     * Puts a dead letter of the caller's province back in line (audited); the worker's next run sends it, and the
     * dossier's later ones behind it. Another province's reads as absent (404, not 403).
     */
    async retry(caller: OfficerCaller, id: number) {
      requirePortal();
      const province = await provinceOf(caller);
      const row = await deps.db.transaction(async (tx) => {
        const r = await dstore.requeue(tx, id, province, new Date());
        if (!r) throw new DomainError('DVCQG_DEAD_LETTER_NOT_FOUND');
        await audited(tx, { subjectKind: 'dvcqg_message', subjectId: String(id) });
        return r;
      });
      return letterView(row);
    },

    /** Runs the worker every DA06_DVCQG_SYNC_SECONDS until stopped (the server, when the connection is configured). */
    start(): { stop: () => Promise<void> } {
      if (!portal || !settings) return { stop: async () => undefined };
      let running: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        running = running.then(() => runOnce()).catch((err: unknown) => log?.error({ err }, 'DVCQG sync run failed'));
      }, settings.syncSeconds * 1000);
      timer.unref();
      return { stop: async () => { clearInterval(timer); await running; } };
    },
  };
}

export type DvcqgLink = ReturnType<typeof createDvcqgLink>;
