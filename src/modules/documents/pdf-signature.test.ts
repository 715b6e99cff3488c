import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { addSignaturePlaceholder, signWithIdentity } from './pdf-signature.js';
import { CadesSigner } from './cades.js';
import { DEVELOPMENT_MARK, generateDevelopmentIdentity, readIdentity } from './signing-identity.js';
import { HAS_OPENSSL, HAS_PDFSIG, extractSignature, opensslVerify, pdfsig } from './testing.js';

async function drawn(signedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').text('Trich luc khai sinh (thu)');
  addSignaturePlaceholder(doc, { reason: 'Kết quả giải quyết hồ sơ', name: 'Ủy ban nhân dân xã Tân Hòa', signedAt });
  doc.end();
  return done;
}

describe('PAdES signature on a pdfkit PDF', async () => {
  // A Vietnamese unit name in the subject: the case @signpdf/signer-p12 (node-forge) gets wrong (cades.ts).
  const identity = await generateDevelopmentIdentity('Ủy ban nhân dân xã Tân Hòa');
  const signed = await signWithIdentity(await drawn(new Date()), new CadesSigner(identity));

  it('generates a development certificate that says so in its subject, and reads it back from its PKCS#12', () => {
    expect(identity.development).toBe(true);
    expect(identity.subject.commonName).toBe(`Ủy ban nhân dân xã Tân Hòa (${DEVELOPMENT_MARK})`);
    const again = readIdentity(identity.p12, identity.passphrase);
    expect(again.certificateSha256).toBe(identity.certificateSha256);
    expect(() => readIdentity(identity.p12, 'sai-mat-khau')).toThrow(/PKCS#12/);
  });

  it('covers the whole file but the signature itself (ETSI.CAdES.detached)', () => {
    const { byteRange } = extractSignature(signed);
    expect(byteRange[0]).toBe(0);
    expect(byteRange[2]! + byteRange[3]!).toBe(signed.length);
    expect(signed.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
  });

  it.skipIf(!HAS_PDFSIG)('is valid for Poppler\'s pdfsig (poppler-utils; skipped where it is not installed)', () => {
    const report = pdfsig(signed);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('ETSI.CAdES.detached');
    expect(report).toContain(`Ủy ban nhân dân xã Tân Hòa (${DEVELOPMENT_MARK})`);
    expect(report).toContain('Total document signed');
  });

  it.skipIf(!HAS_OPENSSL)('is valid for OpenSSL (cms -verify of the extracted CMS over the byte range)', () => {
    expect(opensslVerify(signed)).toMatch(/Verification successful/);
  });

  it.skipIf(!HAS_PDFSIG)('is invalid for pdfsig once one byte of the signed content changes', () => {
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Trich');
    if (at >= 0) tampered[at] = 'X'.charCodeAt(0);
    else tampered[100] = tampered[100]! ^ 1;
    expect(pdfsig(tampered)).not.toContain('Signature is Valid.');
  });
});

if (!HAS_PDFSIG) console.warn('pdf-signature.test.ts: pdfsig (Debian poppler-utils) is not installed; its checks are skipped (.ci/run installs it)');
