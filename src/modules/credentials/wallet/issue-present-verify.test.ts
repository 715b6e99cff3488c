import { describe, expect, it } from 'vitest';
import { SDJwtVcInstance, TypeMetadataFormatSchema } from '@sd-jwt/sd-jwt-vc';
import { DomainError } from '../errors.js';
import { ISSUER, NOW, SAMPLES, STATUS_URI, makeIssuer, makeKey } from './fixtures.js';
import {
  DOCUMENT_TYPES, MAX_PRESENTATION_LENGTH, SPECS, createDocumentVerifier, decodeDocument, documentTypeMetadata, issueDocument,
  presentDocument, selectiveClaims, setStatus, signStatusListToken, verifyDocument, type DocumentType, type VerifyOptions,
} from './index.js';
import { b64uJson, decodeJsonPart, sha256B64u } from './format.js';
import { sdHasher } from './issue.js';

const issuer = makeIssuer();
const opts = (extra: Partial<VerifyOptions> = {}): VerifyOptions => ({ keys: issuer.keys, issuer: ISSUER, now: NOW, statusList: issuer.statusList, ...extra });
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);
const alwaysShown = (type: DocumentType) => SPECS[type].claims.filter((c) => c.disclosure === 'always').map((c) => c.claim);
const segments = (sdJwt: string) => sdJwt.split('~');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const payloadOf = (sdJwt: string) => decodeJsonPart(sdJwt.split('.')[1]) as Record<string, unknown>;

describe('issue → present → verify', () => {
  it.each(DOCUMENT_TYPES)('%s: a presentation shows exactly the always-shown claims and the chosen ones', async (type) => {
    const { sdJwt } = await issuer.issue(type);
    const all = selectiveClaims(type).filter((c) => c in decodeDocument(sdJwt).claims);
    const chosen = all.filter((_, i) => i % 2 === 0);
    const presentation = await presentDocument(sdJwt, chosen);
    expect(segments(presentation)).toHaveLength(chosen.length + 2);
    const r = await verifyDocument(presentation, opts());
    expect(r.reasons).toEqual([]);
    expect(r).toMatchObject({ valid: true, vct: SPECS[type].vct, type, typeLabel: SPECS[type].label, issuedAt: NOW.toISOString() });
    expect(Object.keys(r.disclosed).sort()).toEqual([...alwaysShown(type), ...chosen].sort());
    expect(r.withheld.sort()).toEqual(SPECS[type].claims.map((c) => c.claim).filter((c) => !(c in r.disclosed)).sort());
    for (const c of chosen) expect(r.disclosed[c].label).toBe(SPECS[type].claims.find((s) => s.claim === c)!.label);
  });

  it('the citizen sees every claim with its label and screen form', async () => {
    const { sdJwt, idx } = await issuer.issue('health-insurance');
    const d = decodeDocument(sdJwt);
    expect(d).toMatchObject({ type: 'health-insurance', typeLabel: 'Thẻ bảo hiểm y tế', issuer: ISSUER, status: { uri: STATUS_URI, idx } });
    expect(Object.keys(d.claims)).toEqual(SPECS['health-insurance'].claims.map((c) => c.claim));
    expect(d.claims.birth_date).toEqual({ label: 'Ngày sinh', value: '2008-03-14', text: '14/03/2008', disclosure: 'selective' });
    expect(d.claims.benefit_level.text).toMatch(/^Mức 4: 80%/);
    // the card summary ends with the card, at the end of 31/12/2025 in Vietnam
    expect(d.expiresAt).toBe('2025-12-31T17:00:00.000Z');
  });

  it('nothing chosen shows only what identifies the document; a claim the type lacks is refused', async () => {
    const { sdJwt } = await issuer.issue('judicial-record');
    const r = await verifyDocument(await presentDocument(sdJwt, []), opts());
    expect(r.valid).toBe(true);
    expect(Object.keys(r.disclosed)).toEqual(['form']);
    await expect(presentDocument(sdJwt, ['holder_name', 'blood_type'])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED', errors: [{ field: 'claims', code: 'WALLET_FIELD_CLAIM_UNKNOWN' }],
    });
    // an optional claim this document does not have is skipped, not an error
    expect(segments(await presentDocument(sdJwt, ['convictions', 'holder_name']))).toHaveLength(3);
  });

  it('personal claims are never in the signed payload; decoys make every document of a type the same shape', async () => {
    const full = await issuer.issue('judicial-record');
    const recorded = await issuer.issue('judicial-record', { ...SAMPLES['judicial-record'], criminalRecordStatus: 'recorded', convictions: ['Năm 2012, Tòa án nhân dân huyện X xử phạt 12 tháng tù về tội trộm cắp tài sản; đã chấp hành xong'], managementBan: 'Không bị cấm' });
    for (const { sdJwt } of [full, recorded]) {
      const p = payloadOf(sdJwt);
      expect(Object.keys(p).sort()).toEqual(['_sd', '_sd_alg', 'exp', 'form', 'iat', 'iss', 'status', 'vct']);
      expect(p._sd).toHaveLength(selectiveClaims('judicial-record').length);
      expect(decodeJsonPart(sdJwt.split('.')[0])).toEqual({ typ: 'dc+sd-jwt', kid: issuer.key.signer.kid, alg: 'ES256' });
    }
  });

  it('invalid requests are refused with Vietnamese field errors before anything is signed', async () => {
    const err = await issueDocument('health-insurance', { ...SAMPLES['health-insurance'], cardNumber: 'HS123', extra: 1 } as never,
      { signer: issuer.key.signer, issuer: ISSUER, status: { uri: STATUS_URI, idx: 1 }, now: NOW }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).errors.map((e) => e.field)).toEqual(['extra', 'cardNumber']);
    expect((err as DomainError).errors[1].message).toMatch(/Mã số thẻ BHYT/);
  });

  it('the SD-JWT library reads what we issue and reaches the same claims', async () => {
    const { sdJwt } = await issuer.issue('certified-copy');
    const lib = new SDJwtVcInstance({ hasher: sdHasher });
    const claims = await lib.getClaims(sdJwt) as Record<string, unknown>;
    const mine = decodeDocument(sdJwt).claims;
    for (const [k, v] of Object.entries(mine)) expect(claims[k]).toEqual(v.value);
  });

  it.each(DOCUMENT_TYPES)('%s: type metadata is valid SD-JWT VC Type Metadata', (type) => {
    const parsed = TypeMetadataFormatSchema.safeParse(documentTypeMetadata(type));
    expect(parsed.success).toBe(true);
  });
});

describe('what makes a document not valid', () => {
  it('a revoked document is refused, with its type and dates still shown', async () => {
    const local = makeIssuer(64);
    const { sdJwt, idx } = await local.issue('certified-copy');
    const presentation = await presentDocument(sdJwt, ['holder_name']);
    const verifier = createDocumentVerifier({ keys: local.keys, issuer: ISSUER, statusList: local.statusList });
    expect((await verifier.verify(presentation, NOW)).valid).toBe(true);
    setStatus(local.list, idx, 1);
    local.publish();
    const r = await verifier.verify(presentation, NOW);
    expect(r).toMatchObject({ valid: false, disclosed: {}, type: 'certified-copy', expiresAt: '2030-06-15T03:00:00.000Z' });
    expect(codes(r)).toEqual(['WALLET_REVOKED']);
    expect(r.reasons[0].message).toBe('Giấy tờ điện tử đã bị thu hồi.');
  });

  it('a changed disclosure, one from another document, or one given twice is refused', async () => {
    const a = await issuer.issue('health-insurance');
    const b = await issuer.issue('health-insurance', { ...SAMPLES['health-insurance'], holderName: 'Lê Văn Phú' });
    const [jwt, ...rest] = segments(await presentDocument(a.sdJwt, ['holder_name', 'birth_date']));
    const [salt, name] = decodeJsonPart(rest[0]) as [string, string, unknown];
    const forged = b64uJson([salt, name, name === 'holder_name' ? 'Lê Văn Phú' : '2001-01-01']);
    const fromB = segments(await presentDocument(b.sdJwt, ['holder_name']))[1];
    const cases: [string, string][] = [
      [[jwt, forged, rest[1], ''].join('~'), 'WALLET_DISCLOSURE_NOT_REFERENCED'],
      [[jwt, fromB, ''].join('~'), 'WALLET_DISCLOSURE_NOT_REFERENCED'],
      [[jwt, rest[0], rest[0], ''].join('~'), 'WALLET_DISCLOSURE_DUPLICATE'],
      [[jwt, b64uJson(['AAAAAAAAAAAAAAAAAAAAAA', 'holder_name']), ''].join('~'), 'WALLET_DISCLOSURE_MALFORMED'],
    ];
    for (const [presentation, code] of cases) {
      const r = await verifyDocument(presentation, opts());
      expect(r.valid, code).toBe(false);
      expect(codes(r)).toEqual([code]);
      expect(r.disclosed).toEqual({});
    }
  });

  it('a disclosure referenced by the signature but naming a claim the type lacks is refused', async () => {
    // Signed by our key, so only the disclosure rules can catch it.
    const { sdJwt } = await issuer.issue('certified-copy');
    const [jwt] = segments(sdJwt);
    const [head, body] = jwt.split('.');
    const extra = b64uJson(['BBBBBBBBBBBBBBBBBBBBBB', '__proto__', { polluted: true }]);
    const p = JSON.parse(Buffer.from(body, 'base64url').toString()) as { _sd: string[] };
    p._sd = [...p._sd.slice(1), sha256B64u(extra)];
    const newBody = b64uJson(p);
    const { signEs256 } = await import('./format.js');
    const resigned = `${head}.${newBody}.${signEs256(`${head}.${newBody}`, issuer.key.signer.privateKey)}`;
    const r = await verifyDocument(`${resigned}~${extra}~`, opts());
    expect(codes(r)).toEqual(['WALLET_DISCLOSURE_MALFORMED']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a changed payload, header or signature is refused', async () => {
    const presentation = await presentDocument((await issuer.issue('certified-copy')).sdJwt, ['holder_name']);
    const [jwt, ...rest] = segments(presentation);
    const [head, body, sig] = jwt.split('.');
    const p = payloadOf(presentation);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const cases: [string, string][] = [
      [`${head}.${b64uJson({ ...p, document_title: 'Bằng tiến sĩ' })}.${sig}`, 'WALLET_SIGNATURE_INVALID'],
      [`${head}.${b64uJson({ ...p, exp: (p.exp as number) + 86400 })}.${sig}`, 'WALLET_SIGNATURE_INVALID'],
      [`${head}.${body}.${flip(sig, 10)}`, 'WALLET_SIGNATURE_INVALID'],
      // same 64 signature bytes, spelled with other unused bits in the last character: one token has one form
      [`${head}.${body}.${sig.slice(0, -1)}${B64[B64.indexOf(sig.at(-1)!) ^ 1]}`, 'WALLET_SIGNATURE_INVALID'],
      [`${b64uJson({ typ: 'dc+sd-jwt', kid: issuer.key.signer.kid, alg: 'none' })}.${body}.${sig}`, 'WALLET_MALFORMED'],
      [`${b64uJson({ typ: 'vc+sd-jwt', kid: issuer.key.signer.kid, alg: 'ES256' })}.${body}.${sig}`, 'WALLET_WRONG_TYPE'],
      [`${head}.${body}`, 'WALLET_MALFORMED'],
    ];
    for (const [changed, code] of cases) {
      const r = await verifyDocument([changed, ...rest].join('~'), opts());
      expect(codes(r), code).toEqual([code]);
      expect(r.valid).toBe(false);
    }
  });

  it('expired, not yet valid, foreign issuer and unknown key are refused; a JWKS works like the key map', async () => {
    const { sdJwt } = await issuer.issue('judicial-record');
    const p = await presentDocument(sdJwt, ['holder_name']);
    const expired = await verifyDocument(p, opts({ now: new Date('2025-12-01T00:00:00Z') }));
    expect(codes(expired)).toEqual(['WALLET_EXPIRED']);
    expect(expired.reasons[0].message).toBe('Giấy tờ điện tử đã hết thời hạn sử dụng (từ 00:00 01/12/2025).');
    expect(codes(await verifyDocument(p, opts({ now: new Date('2025-06-14T00:00:00Z') })))).toEqual(['WALLET_NOT_YET_VALID']);
    expect(codes(await verifyDocument(p, opts({ issuer: 'https://da06.gia-mao.vn' })))).toEqual(['WALLET_WRONG_ISSUER']);
    expect(codes(await verifyDocument(p, opts({ keys: new Map([[makeKey().signer.kid, makeKey().publicKey]]) })))).toEqual(['WALLET_UNKNOWN_KEY']);
    expect(codes(await verifyDocument(p, opts({ keys: new Map([[issuer.key.signer.kid, makeKey().publicKey]]) })))).toEqual(['WALLET_SIGNATURE_INVALID']);
    expect((await verifyDocument(p, opts({ keys: { keys: [{ kty: 'RSA' }, issuer.key.jwk] } }))).valid).toBe(true);
  });

  it('another issuer signing with its own key under our kid is refused', async () => {
    const rogue = makeKey();
    const forged = await issueDocument('certified-copy', SAMPLES['certified-copy'], {
      signer: { kid: issuer.key.signer.kid, privateKey: rogue.signer.privateKey }, issuer: ISSUER, status: { uri: STATUS_URI, idx: 0 }, now: NOW,
    });
    expect(codes(await verifyDocument(forged, opts()))).toEqual(['WALLET_SIGNATURE_INVALID']);
  });

  it('without a trustworthy status list the document is not confirmed (fail closed)', async () => {
    const { sdJwt } = await issuer.issue('certified-copy');
    const other = makeKey();
    const token = (o: Partial<Parameters<typeof signStatusListToken>[1]>) =>
      signStatusListToken(issuer.list, { uri: STATUS_URI, issuer: ISSUER, signer: issuer.key.signer, now: NOW, ...o });
    const cases: [VerifyOptions['statusList'], string][] = [
      [() => undefined, 'WALLET_STATUS_UNAVAILABLE'],
      [() => { throw new Error('network down'); }, 'WALLET_STATUS_UNAVAILABLE'],
      [async () => Promise.reject(new Error('timeout')), 'WALLET_STATUS_UNAVAILABLE'],
      [() => token({ signer: other.signer }), 'WALLET_STATUS_INVALID'],
      [() => token({ signer: { kid: issuer.key.signer.kid, privateKey: other.signer.privateKey } }), 'WALLET_STATUS_INVALID'],
      [() => token({ uri: `${STATUS_URI}0` }), 'WALLET_STATUS_INVALID'],
      [() => token({ now: new Date(NOW.getTime() - 2 * 86_400_000) }), 'WALLET_STATUS_INVALID'],
      [() => sdJwt, 'WALLET_STATUS_INVALID'],
    ];
    for (const [statusList, code] of cases) expect(codes(await verifyDocument(sdJwt, opts({ statusList }))), code).toEqual([code]);
  });

  it('key binding and oversize input are refused without decoding', async () => {
    const { sdJwt } = await issuer.issue('certified-copy');
    expect(codes(await verifyDocument(`${sdJwt}eyJhbGciOiJFUzI1NiJ9.e30.sig`, opts()))).toEqual(['WALLET_KEY_BINDING_UNSUPPORTED']);
    expect(codes(await verifyDocument(sdJwt + 'A'.repeat(MAX_PRESENTATION_LENGTH), opts()))).toEqual(['WALLET_TOO_LARGE']);
    for (const bad of [undefined, null, 42, {}, '', '~', '~~', 'a.b.c~', sdJwt.split('~')[0]]) {
      const r = await verifyDocument(bad, opts());
      expect(r.valid).toBe(false);
      expect(codes(r)).toEqual(['WALLET_MALFORMED']);
    }
  });

  it('the largest document a validator accepts still verifies in full under the size limit', async () => {
    const long = (n: number) => 'Nguyễn Thị Ngọc Ánh '.repeat(Math.ceil(n / 20)).slice(0, n).trim();
    const input = {
      ...SAMPLES['judicial-record'], recordNumber: 'ẞ'.repeat(50), holderName: long(100), criminalRecordStatus: 'recorded' as const,
      convictions: Array.from({ length: 10 }, () => long(300)), managementBan: long(300), issuingAuthority: `Công an ${long(190)}`, purpose: long(300),
    };
    const err = await issuer.issue('judicial-record', input).catch((e: DomainError) => e);
    expect((err as DomainError).errors[0].code).toBe('WALLET_FIELD_DOCUMENT_TOO_LARGE');
    // Shrink the list until the validator accepts it: that document must fit and verify.
    let sdJwt = '';
    for (let n = 10; n > 0 && !sdJwt; n--) {
      sdJwt = await issuer.issue('judicial-record', { ...input, convictions: input.convictions.slice(0, n) }).then((x) => x.sdJwt, () => '');
    }
    expect(sdJwt.length).toBeGreaterThan(6000);
    expect(sdJwt.length).toBeLessThanOrEqual(MAX_PRESENTATION_LENGTH);
    expect((await verifyDocument(sdJwt, opts())).valid).toBe(true);
  });
});

describe('verification rate', () => {
  it('measures verifications per second in one loop', async () => {
    const { sdJwt } = await issuer.issue('health-insurance');
    const presentation = await presentDocument(sdJwt, ['holder_name', 'birth_date', 'card_number', 'valid_to']);
    const verifier = createDocumentVerifier({ keys: issuer.keys, issuer: ISSUER, statusList: issuer.statusList });
    for (let i = 0; i < 3000; i++) await verifier.verify(presentation, NOW);
    const n = 5000;
    const start = performance.now();
    for (let i = 0; i < n; i++) if (!(await verifier.verify(presentation, NOW)).valid) throw new Error('not valid');
    const perSecond = Math.round(n / ((performance.now() - start) / 1000));
    const oneShotStart = performance.now();
    for (let i = 0; i < 500; i++) await verifyDocument(presentation, opts({ keys: { keys: [issuer.key.jwk] } }));
    const oneShot = Math.round(500 / ((performance.now() - oneShotStart) / 1000));
    console.log(`wallet verify: ${perSecond}/s (reused verifier, 4 disclosures, ${presentation.length} chars); ${oneShot}/s one-shot with a JWKS`);
    expect(perSecond).toBeGreaterThan(100);
  });
});
