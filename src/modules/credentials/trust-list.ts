import type { Db } from '../../platform/db.js';
import { DomainError } from './errors.js';
import { ChipInputError, parseCscaCertificate, prepareTrustList, type TrustList } from './chip/index.js';
import { createCredentialStore } from './store.js';

/**
 * The CSCA certificates chip cards are checked against (da06 trust add|list|remove, admin API).
 * Parsed once and kept until the list changes on this node; other nodes pick a change up within
 * CACHE_MS.
 */
const CACHE_MS = 60_000;

export function createTrustListService(db: Db) {
  const store = createCredentialStore(db);
  let cached: { list: TrustList; until: number } | undefined;

  return {
    async current(): Promise<TrustList> {
      if (cached && cached.until > Date.now()) return cached.list;
      const rows = await store.listCsca();
      cached = { list: prepareTrustList(rows.map((r) => new Uint8Array(r.der))), until: Date.now() + CACHE_MS };
      return cached.list;
    },

    /** Adds one CSCA certificate (PEM or DER); refuses anything that is not a CA certificate. */
    async add(input: string | Uint8Array) {
      let info: ReturnType<typeof parseCscaCertificate>;
      try {
        info = parseCscaCertificate(input);
      } catch (err) {
        if (err instanceof ChipInputError) throw new DomainError('CSCA_INVALID', { reason: err.message });
        throw err;
      }
      const added = await store.insertCsca({ fingerprint: info.fingerprintSha256, subject: info.subject, serial: info.serialNumber, notBefore: info.notBefore, notAfter: info.notAfter, der: info.der });
      cached = undefined;
      return { fingerprint: info.fingerprintSha256, subject: info.subject, notBefore: info.notBefore.toISOString(), notAfter: info.notAfter.toISOString(), added };
    },

    async list() {
      return (await store.listCsca()).map((r) => ({
        fingerprint: r.fingerprint, subject: r.subject, serial: r.serial,
        notBefore: new Date(r.not_before).toISOString(), notAfter: new Date(r.not_after).toISOString(), addedAt: new Date(r.added_at).toISOString(),
      }));
    },

    async remove(fingerprint: string) {
      if (!(await store.deleteCsca(fingerprint.toLowerCase().replace(/:/g, '')))) throw new DomainError('CSCA_NOT_FOUND');
      cached = undefined;
    },
  };
}

export type TrustListService = ReturnType<typeof createTrustListService>;
