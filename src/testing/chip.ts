import { buildTestCard, testCscaPem } from '../modules/credentials/testing.js';
import type { TestApp } from './app.js';

/** What an NFC reader app sends for a person's chip card, signed by the test CSCA (see chip/testing.ts). */
export async function chipOf(p: { personalId: string; fullName: string; dateOfBirth: string; sex: 'Nam' | 'Nữ'; legacyId?: string | null }, opts: { face?: Buffer } = {}) {
  const card = await buildTestCard({
    personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, sex: p.sex === 'Nữ' ? 'F' : 'M',
    legacyId: p.legacyId ?? undefined, issuedOn: '2021-06-01', expiresOn: '2045-01-01', nationality: 'Việt Nam',
  }, { face: opts.face });
  // DG2 (the face) only when a face was given: the chip's hash check then covers it.
  return { sod: card.sod, dg1: card.dg1, dg13: card.dg13!, ...(opts.face ? { dg2: card.dg2! } : {}) };
}

/** Puts the test CSCA in the app's trust list, as `da06 trust add` would. */
export async function trustTestCsca(t: TestApp): Promise<void> {
  await t.services.credentials.trustList.add(await testCscaPem());
}
