import { describe, expect, it } from 'vitest';
import { Rejection, outcomeOf, reason, reasonsOf, runSteps } from './finding.js';
import type { RelyingPartyRow } from '../store.js';

const rp = { name: 'Bệnh viện Đa khoa Đồng Tháp', purpose: 'Khám chữa bệnh' } as RelyingPartyRow;

describe('verification steps', () => {
  it('a rejection stops the steps: its reasons and the parts known so far, and nobody identified (no audit entry)', async () => {
    const steps = [() => { throw new Rejection([reason('VERIFY_AA_CHALLENGE_UNKNOWN')], { checks: [] }); }, () => ({ outcome: { valid: true } })];
    let ran = 0;
    const finding = await runSteps('chip', async () => {
      for (const step of steps) {
        step();
        ran++;
      }
      return { outcome: { valid: true } };
    }, { notice: 'n' });
    expect(ran).toBe(0);
    expect(finding).toEqual({ method: 'chip', outcome: { notice: 'n', checks: [], reasons: [reason('VERIFY_AA_CHALLENGE_UNKNOWN')] } });
    expect(finding.holder).toBeUndefined();
  });

  it('any other error is not a reason: it leaves the verification unlogged', async () => {
    await expect(runSteps('wallet', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  });

  it('checks that pass give no reason; the outcome keeps the schema order whatever the steps set', () => {
    expect(reasonsOf(null, reason('VERIFY_ACCOUNT_LOCKED'), null)).toEqual([reason('VERIFY_ACCOUNT_LOCKED')]);
    const outcome = outcomeOf({ method: 'card_qr', outcome: { notice: 'n', valid: true } }, rp, '2026-01-01T00:00:00.000Z');
    expect(Object.keys(outcome)).toEqual([
      'method', 'valid', 'reasons', 'level', 'person', 'withheld', 'issuedAt', 'expiresAt', 'verifiedAt', 'relyingParty', 'registry', 'notice', 'checks', 'chipFace', 'document',
    ]);
    expect(outcome).toMatchObject({ valid: true, notice: 'n', relyingParty: { name: rp.name, purpose: rp.purpose }, person: {}, reasons: [] });
  });
});
