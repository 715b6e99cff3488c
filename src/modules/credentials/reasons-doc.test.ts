import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verificationReasonsDoc } from './reasons-doc.js';

describe('generated documents (run `npm run docs` when this fails)', () => {
  it('docs/verification-reasons.md lists exactly the verification catalogues', () => {
    expect(readFileSync(new URL('../../../docs/verification-reasons.md', import.meta.url), 'utf8')).toBe(verificationReasonsDoc());
  });
});
