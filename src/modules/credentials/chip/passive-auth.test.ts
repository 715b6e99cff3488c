import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChipInputError, passiveAuthenticate, prepareTrustList, type ChipCheck, type PassiveAuthReport } from './index.js';
import { CHIP_MESSAGES } from './messages.js';
import { buildTestCard, DEFAULT_PERSON, dg13Entries, testCscaPem, type TestCard, type TestCardOptions } from './testing.js';

const AT = new Date('2026-01-15T03:00:00Z');
const CHALLENGE = Buffer.from('a1b2c3d4e5f60718', 'hex');

async function verify(options: TestCardOptions = {}, extra: { trust?: string[]; at?: Date; withAa?: boolean } = {}) {
  const card = await buildTestCard(DEFAULT_PERSON, options);
  const aa = extra.withAa ? { aaChallenge: CHALLENGE.toString('base64'), aaSignature: card.signChallenge(CHALLENGE) } : {};
  const report = passiveAuthenticate({ ...card, ...aa }, { trustList: prepareTrustList(extra.trust ?? [card.cscaPem]), at: extra.at ?? AT });
  return { card, report };
}

const check = (report: PassiveAuthReport, name: ChipCheck['check'], dataGroup?: number) =>
  report.checks.find((c) => c.check === name && (dataGroup === undefined || c.dataGroup === dataGroup))!;

describe('passiveAuthenticate: a genuine card', () => {
  it('passes every check and returns the parsed DG1 and DG13', async () => {
    const { report } = await verify({}, { withAa: true });
    expect(report.authentic).toBe(true);
    expect(report.checks.map((c) => [c.check, c.dataGroup ?? null, c.status])).toEqual([
      ['sod_signature', null, 'pass'],
      ['certificate_chain', null, 'pass'],
      ['certificate_validity', null, 'pass'],
      ['dg_hash', 1, 'pass'],
      ['dg_hash', 2, 'pass'],
      ['dg_hash', 13, 'pass'],
      ['dg_hash', 15, 'pass'],
      ['dg1_mrz', null, 'pass'],
      ['dg13_parse', null, 'pass'],
      ['dg1_dg13_consistency', null, 'pass'],
      ['active_authentication', null, 'pass'],
    ]);
    expect(report.dg1).toMatchObject({ personalId: '001095012345', documentNumber: '095012345', dateOfBirth: '1995-03-14', sex: 'M', fullName: 'NGUYEN VAN AN' });
    expect(report.dg13).toMatchObject({ personalId: '001095012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1995-03-14', sex: 'M', legacyId: '012345678' });
    expect(report.hashAlgorithm).toBe('SHA-256');
    expect(report.dataGroupsInSod).toEqual([1, 2, 13, 15]);
    expect(report.csca?.subject).toContain('CSCA Thử nghiệm Việt Nam');
    expect(report.documentSigner?.issuer).toBe(report.csca?.subject);
  });

  it('fingerprints the document signer certificate as embedded, byte for byte', async () => {
    const { card, report } = await verify();
    expect(report.documentSigner?.fingerprintSha256).toBe(createHash('sha256').update(card.documentSignerDer).digest('hex'));
    expect(report.documentSigner?.serialNumber).toBe('1002');
  });

  it('gives every check a catalogued code and its Vietnamese message', async () => {
    const { report } = await verify({ tamper: 'dg2' }, { withAa: true });
    for (const c of report.checks) {
      expect(CHIP_MESSAGES).toHaveProperty(c.code);
      expect(c.message).not.toMatch(/\{\w+\}/);
    }
  });

  it.each([
    ['ecdsa-p256', 'SHA-256'],
    ['ecdsa-p384', 'SHA-384'],
    ['ecdsa-p256', 'SHA-512'],
    ['rsa-pkcs1', 'SHA-256'],
    ['rsa-pkcs1', 'SHA-512'],
    ['rsa-pss', 'SHA-256'],
    ['rsa-pss', 'SHA-384'],
    ['rsa-pss', 'SHA-512'],
  ] as const)('verifies a SOD signed with %s over %s', async (signatureAlgorithm, hash) => {
    const { report } = await verify({ signatureAlgorithm, hash });
    expect(check(report, 'sod_signature')).toMatchObject({ status: 'pass', code: 'SOD_SIGNATURE_VALID' });
    expect(report.authentic).toBe(true);
  });

  it('accepts the trust list as PEM strings and works without DG2, DG13 and DG15', async () => {
    const card = await buildTestCard(DEFAULT_PERSON, { includeDg2: false, includeDg13: false, activeAuthentication: false });
    const report = passiveAuthenticate({ sod: card.sod, dg1: card.dg1 }, { trustList: [card.cscaPem], at: AT });
    expect(report.authentic).toBe(true);
    expect(report.checks.filter((c) => c.check === 'dg_hash')).toHaveLength(1);
    expect(check(report, 'dg13_parse')).toMatchObject({ status: 'skipped', code: 'DG13_NOT_SUPPLIED' });
    expect(check(report, 'dg1_dg13_consistency')).toMatchObject({ status: 'skipped', code: 'CONSISTENCY_NOT_CHECKED' });
    expect(check(report, 'active_authentication')).toMatchObject({ status: 'skipped', code: 'AA_NOT_REQUESTED' });
  });

  it('reads an LDSSecurityObject in a constructed (BER) OCTET STRING', async () => {
    const { report } = await verify({ berEContent: true });
    expect(report.authentic).toBe(true);
  });

  it('accepts raw bytes as well as base64', async () => {
    const card = await buildTestCard();
    const report = passiveAuthenticate({ sod: Buffer.from(card.sod, 'base64'), dg1: Buffer.from(card.dg1, 'base64') }, { trustList: [card.cscaPem], at: AT });
    expect(report.authentic).toBe(true);
  });
});

describe('passiveAuthenticate: tampered or badly issued cards', () => {
  it.each(['dg1', 'dg2', 'dg13'] as const)('a modified %s fails its hash check', async (tamper) => {
    const { report } = await verify({ tamper });
    const dataGroup = Number(tamper.slice(2));
    expect(check(report, 'dg_hash', dataGroup)).toMatchObject({ status: 'fail', code: 'DG_HASH_MISMATCH' });
    expect(report.checks.filter((c) => c.check === 'dg_hash' && c.dataGroup !== dataGroup).every((c) => c.status === 'pass')).toBe(true);
    expect(check(report, 'sod_signature').status).toBe('pass');
    expect(report.authentic).toBe(false);
  });

  it('a DG13 with another name is caught by its hash, not by the DG1 comparison', async () => {
    const { report } = await verify({ tamper: 'dg13' });
    expect(report.dg13?.fullName).toBe('Trần Văn Giả');
    expect(check(report, 'dg1_dg13_consistency').status).toBe('pass');
  });

  it('a SOD signed with another key fails the signature check', async () => {
    const { report } = await verify({ wrongSignerKey: true });
    expect(check(report, 'sod_signature')).toMatchObject({ status: 'fail', code: 'SOD_SIGNATURE_INVALID' });
    expect(check(report, 'certificate_chain').status).toBe('pass');
    expect(report.authentic).toBe(false);
  });

  it.each(['rsa-pkcs1', 'rsa-pss', 'ecdsa-p384'] as const)('a SOD signed with another %s key fails', async (signatureAlgorithm) => {
    const { report } = await verify({ wrongSignerKey: true, signatureAlgorithm });
    expect(check(report, 'sod_signature').code).toBe('SOD_SIGNATURE_INVALID');
  });

  it('an expired document signer fails the validity check only', async () => {
    const { report } = await verify({ expiredDocumentSigner: true });
    expect(check(report, 'certificate_validity')).toMatchObject({ status: 'fail', code: 'DS_CERTIFICATE_EXPIRED' });
    expect(check(report, 'certificate_validity').message).toContain('01/01/2016');
    expect(check(report, 'certificate_chain').status).toBe('pass');
    expect(check(report, 'sod_signature').status).toBe('pass');
    expect(report.authentic).toBe(false);
  });

  it('a document signer not yet valid at the given date fails', async () => {
    const { report } = await verify({}, { at: new Date('2023-06-01T00:00:00Z') });
    expect(check(report, 'certificate_validity')).toMatchObject({ status: 'fail', code: 'DS_CERTIFICATE_NOT_YET_VALID' });
  });

  it('a card checked after its document signer expired fails the validity check', async () => {
    const { report } = await verify({}, { at: new Date('2041-06-01T00:00:00Z') });
    expect(check(report, 'certificate_validity')).toMatchObject({ status: 'fail', code: 'DS_CERTIFICATE_EXPIRED' });
    expect(report.authentic).toBe(false);
  });

  it('a document signer from a CSCA outside the trust list fails the chain', async () => {
    const { report } = await verify({ issuer: 'untrusted' });
    expect(check(report, 'certificate_chain')).toMatchObject({ status: 'fail', code: 'CHAIN_UNTRUSTED_ISSUER' });
    expect(check(report, 'certificate_chain').message).toContain('CSCA Không tin cậy');
    expect(check(report, 'certificate_validity')).toMatchObject({ status: 'pass', code: 'DS_CERTIFICATE_VALID' });
    expect(check(report, 'sod_signature').status).toBe('pass');
    expect(report.csca).toBeUndefined();
    expect(report.authentic).toBe(false);
  });

  it('a CSCA impostor with the trusted name and key id fails on the signature', async () => {
    const { report } = await verify({ issuer: 'forged' });
    expect(check(report, 'certificate_chain')).toMatchObject({ status: 'fail', code: 'CHAIN_SIGNATURE_INVALID' });
    expect(report.authentic).toBe(false);
  });

  it('a trusted certificate that is not a CA cannot anchor the chain', async () => {
    const card = await buildTestCard(DEFAULT_PERSON, { issuer: 'not-ca' });
    const report = passiveAuthenticate(card, { trustList: [card.issuerPem], at: AT });
    expect(check(report, 'certificate_chain')).toMatchObject({ status: 'fail', code: 'CHAIN_CSCA_NOT_CA' });
    expect(report.authentic).toBe(false);
  });

  it('an empty trust list fails the chain', async () => {
    const { report } = await verify({}, { trust: [] });
    expect(check(report, 'certificate_chain')).toMatchObject({ status: 'fail', code: 'CHAIN_TRUST_LIST_EMPTY' });
    expect(report.authentic).toBe(false);
  });

  it('a data group the SOD does not cover fails', async () => {
    const withDg2 = await buildTestCard();
    const withoutDg2 = await buildTestCard(DEFAULT_PERSON, { includeDg2: false });
    const report = passiveAuthenticate({ ...withoutDg2, dg2: withDg2.dg2 }, { trustList: [withDg2.cscaPem], at: AT });
    expect(check(report, 'dg_hash', 2)).toMatchObject({ status: 'fail', code: 'DG_NOT_IN_SOD' });
    expect(report.authentic).toBe(false);
  });

  it('a SOD that does not parse is reported, not thrown, and hashes are skipped', async () => {
    const card = await buildTestCard();
    const report = passiveAuthenticate({ ...card, sod: Buffer.from('not a sod').toString('base64') }, { trustList: [card.cscaPem], at: AT });
    expect(check(report, 'sod_signature')).toMatchObject({ status: 'fail', code: 'SOD_MALFORMED' });
    expect(check(report, 'certificate_chain').status).toBe('skipped');
    expect(check(report, 'certificate_validity').status).toBe('skipped');
    expect(report.checks.filter((c) => c.check === 'dg_hash').every((c) => c.status === 'skipped' && c.code === 'DG_HASH_NOT_CHECKED')).toBe(true);
    expect(check(report, 'dg1_mrz').status).toBe('pass');
    expect(report.authentic).toBe(false);
  });

  it('a DG1 that does not parse is a failed MRZ check', async () => {
    const card = await buildTestCard();
    const report = passiveAuthenticate({ ...card, dg1: Buffer.from([0x61, 0x03, 0x5f, 0x1f, 0x00]).toString('base64') }, { trustList: [card.cscaPem], at: AT });
    expect(check(report, 'dg1_mrz')).toMatchObject({ status: 'fail', code: 'MRZ_NOT_TD1' });
    expect(check(report, 'dg_hash', 1).status).toBe('fail');
    expect(check(report, 'dg1_dg13_consistency').status).toBe('skipped');
    expect(report.dg1).toBeUndefined();
  });
});

describe('passiveAuthenticate: MRZ and DG1/DG13 consistency', () => {
  it('reports wrong MRZ check digits even on an authentic card', async () => {
    const good = (await buildTestCard()).mrz;
    const mrz = good.slice(0, 36) + (good[36] === '0' ? '1' : '0') + good.slice(37); // DOB check digit
    const { report } = await verify({ mrz });
    expect(check(report, 'dg1_mrz')).toMatchObject({ status: 'fail', code: 'MRZ_CHECK_DIGIT_INVALID' });
    expect(check(report, 'dg1_mrz').message).toContain('ngày sinh');
    expect(report.authentic).toBe(true);
  });

  it('flags DG13 data that disagrees with the MRZ', async () => {
    const entries = dg13Entries({ ...DEFAULT_PERSON, dateOfBirth: '1995-03-15', sex: 'F' });
    const { report } = await verify({ dg13Entries: entries });
    expect(check(report, 'dg1_dg13_consistency')).toMatchObject({ status: 'fail', code: 'DG1_DG13_INCONSISTENT' });
    expect(check(report, 'dg1_dg13_consistency').message).toContain('ngày sinh, giới tính');
    expect(report.authentic).toBe(true);
  });

  it('compares the MRZ document number with the last 9 digits when the MRZ has no 12-digit ID', async () => {
    const good = (await buildTestCard()).mrz;
    const mrz = good.slice(0, 15) + '<'.repeat(15) + good.slice(30); // composite check digit now wrong, irrelevant here
    const { report } = await verify({ mrz });
    expect(report.dg1?.personalId).toBeUndefined();
    expect(check(report, 'dg1_dg13_consistency').status).toBe('pass');
    const other = await verify({ mrz, dg13Entries: dg13Entries({ ...DEFAULT_PERSON, personalId: '001095999999' }) });
    expect(check(other.report, 'dg1_dg13_consistency').message).toContain('số định danh cá nhân');
  });
});

describe('passiveAuthenticate: active authentication', () => {
  it.each(['ecdsa', 'rsa-sha1', 'rsa-sha256'] as const)('verifies a %s chip signature over the challenge', async (activeAuthentication) => {
    const { report } = await verify({ activeAuthentication }, { withAa: true });
    expect(check(report, 'active_authentication')).toMatchObject({ status: 'pass', code: 'AA_VALID' });
  });

  it.each(['ecdsa', 'rsa-sha1'] as const)('rejects a %s signature over another challenge (replay)', async (activeAuthentication) => {
    const card = await buildTestCard(DEFAULT_PERSON, { activeAuthentication });
    const signature = card.signChallenge(Buffer.from('0000000000000000', 'hex'));
    const report = passiveAuthenticate({ ...card, aaChallenge: CHALLENGE, aaSignature: signature }, { trustList: [card.cscaPem], at: AT });
    expect(check(report, 'active_authentication')).toMatchObject({ status: 'fail', code: 'AA_SIGNATURE_INVALID' });
    expect(report.authentic).toBe(true);
  });

  it('a clone with its own DG15 key signs fine but its key is not the one the issuer signed', async () => {
    const { report } = await verify({ tamper: 'dg15' }, { withAa: true });
    expect(check(report, 'dg_hash', 15).code).toBe('DG_HASH_MISMATCH');
    expect(check(report, 'active_authentication')).toMatchObject({ status: 'fail', code: 'AA_KEY_NOT_AUTHENTICATED' });
    expect(report.authentic).toBe(false);
  });

  it('is skipped when the challenge or signature is missing', async () => {
    const card = await buildTestCard();
    const report = passiveAuthenticate({ ...card, aaChallenge: CHALLENGE }, { trustList: [card.cscaPem], at: AT });
    expect(check(report, 'active_authentication')).toMatchObject({ status: 'skipped', code: 'AA_NOT_REQUESTED' });
  });
});

describe('passiveAuthenticate: input that cannot be decoded throws ChipInputError', () => {
  let card: TestCard;
  const run = (input: Record<string, unknown>, options: Record<string, unknown> = {}) => () =>
    passiveAuthenticate({ ...card, ...input } as never, { trustList: [card.cscaPem], at: AT, ...options } as never);
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(ChipInputError);
      return (err as ChipInputError).code;
    }
    return 'no error';
  };

  it.each([
    ['sod missing', { sod: undefined }, 'INPUT_MISSING'],
    ['dg1 empty', { dg1: '' }, 'INPUT_MISSING'],
    ['a number', { dg13: 42 }, 'INPUT_WRONG_TYPE'],
    ['base64url', { dg2: 'ab-_' }, 'INPUT_NOT_BASE64'],
    ['whitespace', { sod: 'YWJj\nZA==' }, 'INPUT_NOT_BASE64'],
    ['no padding', { dg1: 'YWJjZA' }, 'INPUT_NOT_BASE64'],
    ['non-canonical padding bits', { dg1: 'YWJjZB==' }, 'INPUT_NOT_BASE64'],
    ['SOD over 64 KiB', { sod: Buffer.alloc(64 * 1024 + 1).toString('base64') }, 'INPUT_TOO_LARGE'],
    ['DG13 over 16 KiB as bytes', { dg13: Buffer.alloc(16 * 1024 + 1) }, 'INPUT_TOO_LARGE'],
    ['DG2 string far too long', { dg2: 'A'.repeat(10_000_000) }, 'INPUT_TOO_LARGE'],
    [
      'total over the limit',
      { sod: Buffer.alloc(60_000), dg2: Buffer.alloc(256 * 1024), dg13: Buffer.alloc(16_000), dg15: Buffer.alloc(4000), dg1: Buffer.alloc(1000) },
      'INPUT_TOTAL_TOO_LARGE',
    ],
  ])('%s', async (_name, input, code) => {
    card = await buildTestCard();
    expect(codeOf(run(input))).toBe(code);
  });

  it('rejects a missing trust list, a bad certificate in it and an invalid date', async () => {
    card = await buildTestCard();
    expect(codeOf(run({}, { trustList: undefined }))).toBe('TRUST_LIST_INVALID');
    expect(codeOf(run({}, { trustList: ['garbage'] }))).toBe('CSCA_PEM_INVALID');
    expect(codeOf(run({}, { at: new Date('nope') }))).toBe('INPUT_WRONG_TYPE');
    expect(codeOf(() => passiveAuthenticate(null as never, { trustList: [] }))).toBe('INPUT_WRONG_TYPE');
  });

  it('carries a Vietnamese message', async () => {
    card = await buildTestCard();
    expect(() => run({ sod: '***' })()).toThrow('Trường sod không phải chuỗi base64 hợp lệ.');
  });
});

describe('passiveAuthenticate: repeated calls', () => {
  it('reuses a prepared trust list', async () => {
    const trustList = prepareTrustList([await testCscaPem()]);
    const card = await buildTestCard();
    const reports = Array.from({ length: 20 }, () => passiveAuthenticate(card, { trustList, at: AT }));
    expect(reports.every((r) => r.authentic)).toBe(true);
  });
});
