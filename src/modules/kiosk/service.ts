import { randomBytes } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { ChipInput } from '../credentials/index.js';
import type { servicesSchemas } from '../services/index.js';
import type { Db } from '../../platform/db.js';
import type { AreaScope, OfficerCaller } from '../../platform/access.js';
import { audited, shownAs } from '../../platform/audit.js';
import { deriveKey, hmac } from '../../platform/crypto.js';
import { todayInVietnam } from '../../platform/time.js';
import { DomainError } from './errors.js';
import { message } from './messages.js';
import { createKioskStore, type KioskDeviceRow, type KioskDeviceUseRow } from './store.js';
import type { KioskPayment as KioskPaymentSchema, KioskProcedures as KioskProceduresSchema, KioskSubmitBody, KioskSubmitted } from './schema.js';

const DEVICE_KEY_PREFIX = 'da06kiosk_';

/** What the kiosk module asks of the others, passed in by the composition root (src/compose.ts). */
export interface KioskDeps {
  db: Db;
  masterKey: string;
  /** Seconds without a touch after which a citizen's session at a kiosk ends (DA06_KIOSK_IDLE_SECONDS). */
  idleSeconds: number;
  /** The province (2025 scheme) an administrator administers. */
  provinceOf: (area: AreaScope) => Promise<string>;
  /** A unit of the 2025 scheme, or undefined. */
  unit: (code: string) => Promise<{ code: string; fullName: string; provinceCode: string } | undefined>;
  /** An active relying party's province; undefined when it is unknown or deactivated (credentials). */
  relyingPartyProvince: (id: number) => Promise<string | undefined>;
  /**
   * An identity QR verified at the relying party the kiosk stands for (credentials' own verification, logged
   * and audited there, seen by the citizen in their history): the fields its purpose shows, or the reason it fails.
   */
  verifyIdentityQr: (relyingPartyId: number, qr: string) => Promise<{ valid: boolean; reason: string | null; personalId?: string; fullName?: string }>;
  /** A dossier's state and due date by its code, nothing else (services); undefined when there is none. */
  dossierStatus: (code: string) => Promise<{ code: string; state: string; stateLabel: string; dueAt: string | null } | undefined>;
  /**
   * A chip card read by the kiosk's card reader, verified by the credentials module as at the centre's counter
   * (passive authentication against the trust list, then the registry; logged and audited there).
   */
  verifyChip: (relyingPartyId: number, input: ChipInput) => Promise<{ valid: boolean; reason: string | null; personalId?: string; fullName?: string }>;
  /** A fresh challenge for the chip's active authentication, spent once by the centre's relying party (credentials). */
  chipChallenge: (relyingPartyId: number) => Promise<{ challenge: string; expiresAt: string }>;
  /** The dossiers the person applied for through their e-ID account, newest first (services); none without an account. */
  dossiersOf: (personalId: string) => Promise<KioskDossier[]>;
  /** The receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) of one of the person's dossiers (services); undefined when it is not theirs or has none. */
  receiptOf: (personalId: string, dossierId: number) => Promise<KioskReceipt | undefined>;
  /** The latest payment asked for one of the person's dossiers (payments), with its QR while it is to pay; undefined when none. */
  paymentOf?: (personalId: string, dossierId: number) => Promise<KioskPayment | undefined>;
  /**
   * The procedures the person can submit here without paper, their forms prefilled from the registry, the documents
   * of their store for each paper (services); undefined when they have no e-ID account.
   */
  kioskProcedures?: (personalId: string) => Promise<Static<typeof KioskProceduresSchema> | undefined>;
  /**
   * Starts and submits the person's dossier in one go, as their own online submission made at this kiosk (services);
   * undefined when they have no e-ID account.
   */
  submitAtKiosk?: (personalId: string, input: Static<typeof KioskSubmitBody>, kiosk: { deviceId: number; deviceName: string }, key: string | undefined)
    => Promise<Static<typeof KioskSubmitted> | undefined>;
}

/** A dossier's fee as the kiosk shows it to pay by QR: what the citizen's portal shows, and the QR image (SVG) while it is to pay. */
export type KioskPayment = Static<typeof KioskPaymentSchema>;

/** A dossier as the kiosk lists it to its applicant. */
export interface KioskDossier {
  id: number;
  code: string | null;
  procedureName: string;
  state: string;
  stateLabel: string;
  submittedAt: string | null;
  dueAt: string | null;
}

/** The receipt's data, as the services module gives it to the applicant (services schema ReceiptData). */
export type KioskReceipt = Static<typeof servicesSchemas.ReceiptData>;

export interface KioskDevice {
  id: number;
  name: string;
  unitCode: string;
  provinceCode: string;
  relyingPartyId: number;
}

const deviceOf = (r: KioskDeviceRow): KioskDevice => ({
  id: Number(r.id), name: r.name, unitCode: r.unit_code, provinceCode: r.province_code, relyingPartyId: Number(r.relying_party_id),
});
const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);
const view = (r: KioskDeviceRow) => ({
  ...deviceOf(r), active: r.active, createdAt: new Date(r.created_at).toISOString(), disabledAt: iso(r.disabled_at), lastSeenAt: iso(r.last_seen_at),
});
const useView = (r: KioskDeviceUseRow) => ({ ...view(r), queueTickets: Number(r.queue_tickets), signIns: Number(r.sign_ins) });

/**
 * Self-service kiosks of a public-administration centre (issue 16, model 2): devices an administrator
 * registers, each opening kiosk mode with its key; queue numbers; a citizen's short session opened by their
 * identity QR; the look-up of a dossier by its code.
 */
export function createKioskService(deps: KioskDeps) {
  const { db } = deps;
  const store = createKioskStore(db);
  const keyHmac = deriveKey(deps.masterKey, 'kiosk-device-keys');
  const sessionHmac = deriveKey(deps.masterKey, 'kiosk-session-tokens');
  const invalid = (reason: string) => new DomainError('KIOSK_INVALID', { reason });

  /** The open session of this kiosk the token names, refreshed; refused once it was ended or left idle. */
  async function sessionOf(device: KioskDevice, token: string | undefined) {
    const row = token ? await store.touchSession(hmac(sessionHmac, token), device.id, deps.idleSeconds) : undefined;
    if (!row) throw new DomainError('KIOSK_SESSION_ENDED');
    return { personalId: row.personal_id, fullName: row.full_name, idleSeconds: deps.idleSeconds };
  }

  /** One citizen at a time: the kiosk's earlier session ends. The session lasts while it is used. */
  async function openSession(device: KioskDevice, personalId: string, fullName: string | null) {
    const token = randomBytes(32).toString('base64url');
    await store.endSessionsOf(device.id);
    await store.insertSession({ tokenHash: hmac(sessionHmac, token), deviceId: device.id, personalId, fullName });
    return { sessionToken: token, fullName, idleSeconds: deps.idleSeconds };
  }

  async function checkRegistration(province: string, input: { name: string; unitCode: string; relyingPartyId: number }) {
    if (!input.name.trim()) throw invalid(message('KIOSK_NAME_EMPTY'));
    const unit = await deps.unit(input.unitCode);
    if (!unit || unit.provinceCode !== province) throw invalid(message('KIOSK_UNIT_OUTSIDE'));
    if ((await deps.relyingPartyProvince(input.relyingPartyId)) !== province) throw invalid(message('KIOSK_RP_UNKNOWN'));
  }

  return {
    idleSeconds: deps.idleSeconds,

    /** Registers a kiosk of the administrator's province; its key is returned this once and kept only as its HMAC. */
    async register(caller: OfficerCaller, input: { name: string; unitCode: string; relyingPartyId: number }) {
      const province = await deps.provinceOf(caller.area);
      await checkRegistration(province, input);
      const key = DEVICE_KEY_PREFIX + randomBytes(24).toString('base64url');
      const row = await db.transaction(async (tx) => {
        const r = await store.insertDevice(tx, { name: input.name.trim(), unitCode: input.unitCode, provinceCode: province, relyingPartyId: input.relyingPartyId, keyHash: hmac(keyHmac, key) });
        await audited(tx, { subjectKind: 'kiosk', subjectId: String(r.id) });
        return r;
      });
      return { device: view(row), deviceKey: key };
    },

    /** Stops a kiosk at once: its key opens nothing more and the citizen signed in there is signed out. Another province's reads as absent. */
    async disable(caller: OfficerCaller, id: number) {
      const province = await deps.provinceOf(caller.area);
      return db.transaction(async (tx) => {
        const r = await store.disableDevice(tx, id, province);
        if (!r) throw new DomainError('KIOSK_NOT_FOUND');
        await audited(tx, { subjectKind: 'kiosk', subjectId: String(r.id) });
        return view(r);
      });
    },

    async list(caller: OfficerCaller) {
      return (await store.listDevices(await deps.provinceOf(caller.area))).map(useView);
    },

    /** The registered, active device a key opens; anything else is refused (deny by default). */
    async deviceOfKey(key: string | undefined): Promise<KioskDevice> {
      if (!key || !key.startsWith(DEVICE_KEY_PREFIX) || key.length > 100) throw new DomainError('KIOSK_NOT_REGISTERED');
      const row = await store.activeDeviceByKeyHash(hmac(keyHmac, key));
      if (!row) throw new DomainError('KIOSK_NOT_REGISTERED');
      return deviceOf(row);
    },

    async describe(device: KioskDevice) {
      const unit = await deps.unit(device.unitCode);
      return { name: device.name, unitCode: device.unitCode, unitName: unit?.fullName ?? device.unitCode, idleSeconds: deps.idleSeconds };
    },

    /** The next queue number of the kiosk's centre today (Asia/Ho_Chi_Minh), for the desk. */
    async takeQueueNumber(device: KioskDevice) {
      const day = todayInVietnam();
      const unit = await deps.unit(device.unitCode);
      const taken = await db.transaction(async (tx) => {
        const t = await store.takeNumber(tx, device.unitCode, day, device.id);
        await audited(tx, { subjectKind: 'kiosk', subjectId: String(device.id), data: { day, number: t.number } });
        return t;
      });
      return { ...taken, day, unitCode: device.unitCode, unitName: unit?.fullName ?? device.unitCode, deviceName: device.name };
    },

    /**
     * A citizen signs in at the kiosk with the identity QR on their phone, verified as at the centre's
     * counter. One citizen at a time: the kiosk's earlier session ends. The session lasts while it is used.
     */
    async signIn(device: KioskDevice, qr: string) {
      const outcome = await deps.verifyIdentityQr(device.relyingPartyId, qr);
      if (!outcome.valid) throw new DomainError('KIOSK_SIGNIN_FAILED', { reason: outcome.reason ?? '' });
      if (!outcome.personalId) throw new DomainError('KIOSK_SIGNIN_FAILED', { reason: message('KIOSK_QR_NEEDS_ID') });
      return openSession(device, outcome.personalId, outcome.fullName ?? null);
    },

    /**
     * A citizen signs in with their chip ID card on the kiosk's reader (docs/connectors/kiosk-card-reader.md).
     * The reader's program is trusted with nothing: the chip's passive authentication against the trust list
     * decides, as at the centre's counter; a tampered or unknown chip opens nothing.
     */
    async signInWithChip(device: KioskDevice, input: ChipInput) {
      const outcome = await deps.verifyChip(device.relyingPartyId, input);
      if (!outcome.valid) throw new DomainError('KIOSK_CHIP_SIGNIN_FAILED', { reason: outcome.reason ?? '' });
      if (!outcome.personalId) throw new DomainError('KIOSK_CHIP_SIGNIN_FAILED', { reason: message('KIOSK_CHIP_NO_ID') });
      return openSession(device, outcome.personalId, outcome.fullName ?? null);
    },

    /** A challenge the reader hands the chip (INTERNAL AUTHENTICATE): a copied read cannot be replayed. */
    async chipChallenge(device: KioskDevice) {
      return deps.chipChallenge(device.relyingPartyId);
    },

    session: sessionOf,

    /** Ends the citizen's session (the button, or the kiosk's idle reset); ending an ended one changes nothing. */
    async signOut(device: KioskDevice, token: string) {
      return db.transaction(async (tx) => {
        const ended = await store.endSession(tx, hmac(sessionHmac, token), device.id);
        if (ended) await audited(tx, { subjectKind: 'kiosk', subjectId: String(device.id) });
        return ended;
      });
    },

    /** The signed-in citizen's dossiers, marked with the person they show (the route's read audit). */
    async dossiersOfSession(device: KioskDevice, token: string | undefined) {
      const { personalId } = await sessionOf(device, token);
      return shownAs({ items: await deps.dossiersOf(personalId) }, { kind: 'person', id: personalId });
    },

    /** The receipt of one of the signed-in citizen's dossiers, to print at the kiosk; another's reads as absent. */
    async receiptOfSession(device: KioskDevice, token: string | undefined, dossierId: number) {
      const { personalId } = await sessionOf(device, token);
      const receipt = await deps.receiptOf(personalId, dossierId);
      if (!receipt) throw new DomainError('KIOSK_CITIZEN_DOSSIER_NOT_FOUND');
      return shownAs(receipt, { kind: 'person', id: personalId });
    },

    /** The fee of one of the signed-in citizen's dossiers, to pay by QR at the kiosk (the page asks again until it is paid). */
    async paymentOfSession(device: KioskDevice, token: string | undefined, dossierId: number) {
      const { personalId } = await sessionOf(device, token);
      const payment = await deps.paymentOf?.(personalId, dossierId);
      if (!payment) throw new DomainError('KIOSK_PAYMENT_NOT_FOUND');
      return shownAs(payment, { kind: 'person', id: personalId });
    },

    /**
     * What the signed-in citizen may submit at this kiosk without paper. Only a person with an e-ID account: the
     * dossier is theirs and shows in their portal; a person without one is sent to the desk (a queue number).
     */
    async proceduresOfSession(device: KioskDevice, token: string | undefined) {
      const { personalId } = await sessionOf(device, token);
      const found = await deps.kioskProcedures?.(personalId);
      if (!found) throw new DomainError('KIOSK_NO_ACCOUNT');
      return shownAs(found, { kind: 'person', id: personalId });
    },

    /** The signed-in citizen's paperless dossier, started and submitted in one go at this kiosk (the kiosk recorded with it). */
    async submitOfSession(device: KioskDevice, token: string | undefined, input: Static<typeof KioskSubmitBody>, key: string | undefined) {
      const { personalId } = await sessionOf(device, token);
      const submitted = await deps.submitAtKiosk?.(personalId, input, { deviceId: device.id, deviceName: device.name }, key);
      if (!submitted) throw new DomainError('KIOSK_NO_ACCOUNT');
      return submitted;
    },

    /** State and due date of a dossier by its code: what the desk's paper receipt says, nothing about the applicant. */
    async lookUpDossier(code: string) {
      const status = await deps.dossierStatus(code);
      if (!status) throw new DomainError('KIOSK_DOSSIER_NOT_FOUND');
      return status;
    },
  };
}

export type KioskService = ReturnType<typeof createKioskService>;
