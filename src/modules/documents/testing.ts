// Test support for the documents module (lint: only test code imports a module's testing.ts): the PDF
// signature checked by tools that share no code with da06 (Poppler's pdfsig, OpenSSL on the extracted CMS).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const has = (tool: string) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined;
export const HAS_PDFSIG = has('pdfsig');
export const HAS_OPENSSL = spawnSync('openssl', ['version'], { stdio: 'ignore' }).error === undefined;

/** The byte range a PAdES signature covers and its CMS (the /Contents hex without its zero padding). */
export function extractSignature(pdf: Buffer): { signed: Buffer; cms: Buffer; byteRange: number[] } {
  const text = pdf.toString('latin1');
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text);
  if (!m) throw new Error('no /ByteRange in the PDF');
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  const hex = text.slice(b + 1, c - 1).replace(/(?:00)+$/, '');
  return { signed: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]), cms: Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'), byteRange: [a, b, c, d] };
}

function inTemp<T>(files: Record<string, Buffer>, run: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'da06-sig-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdfsig's report of the PDF (its exit status is not relied on: the report says "Signature is Valid."). */
export function pdfsig(pdf: Buffer): string {
  return inTemp({ 'doc.pdf': pdf }, (dir) => {
    const r = spawnSync('pdfsig', [path.join(dir, 'doc.pdf')], { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`;
  });
}

/**
 * `openssl cms -verify` of the extracted CMS over the signed byte range, trusting the certificate embedded in
 * it (the development certificate is self-signed); returns OpenSSL's answer, throwing when it refuses.
 */
export function opensslVerify(pdf: Buffer): string {
  const { signed, cms } = extractSignature(pdf);
  return inTemp({ 'sig.der': cms, 'content.bin': signed }, (dir) => {
    const p = (f: string) => path.join(dir, f);
    execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', p('sig.der'), '-print_certs', '-out', p('cert.pem')]);
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p('sig.der'), '-content', p('content.bin'),
      '-CAfile', p('cert.pem'), '-purpose', 'any', '-out', p('out.bin')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl cms -verify refused: ${r.stderr}`);
    return r.stderr.trim();
  });
}

/** The verification link a signed result carries (its QR block is also a link annotation: /URI (...)). */
export function verifyLinkOf(pdf: Buffer): string {
  const m = /\/URI \((https?:[^)]*\/verify\?d=[^)]*)\)/.exec(pdf.toString('latin1'));
  if (!m) throw new Error('no verification link in the PDF');
  return m[1]!;
}
