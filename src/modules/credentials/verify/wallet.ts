import { decodeDocument, type DocumentVerification, type DocumentVerifier } from '../wallet/index.js';
import { runSteps, type Finding, type Holder, type OutcomeParts } from './finding.js';

export interface WalletSteps {
  documentVerifier: () => Promise<DocumentVerifier>;
  holderAt: (statusListId: number, idx: number) => Promise<Holder | undefined>;
}

/** A wallet document (SD-JWT VC) the citizen presented: signature, expiry, disclosures, revocation, then whose it is. */
export function verifyWalletDocument(deps: WalletSteps, text: string): Promise<Finding> {
  return runSteps('wallet', async () => {
    const result = await checkDocument(deps, text);
    const holder = await findHolder(deps, text);
    return { outcome: showDocument(result), holder, fields: result.valid ? Object.keys(result.disclosed) : [] };
  });
}

/** As any verifier would check it (wallet/verify.ts): every problem is a reason of the result. */
async function checkDocument(deps: WalletSteps, text: string): Promise<DocumentVerification> {
  return (await deps.documentVerifier()).verify(text);
}

/** Whose wallet the document was issued into, found by its status list entry (for the log). */
async function findHolder(deps: WalletSteps, text: string): Promise<Holder | null> {
  const decoded = (() => {
    try {
      return decodeDocument(text);
    } catch {
      return undefined;
    }
  })();
  const m = decoded ? /\/api\/v1\/status-lists\/(\d+)$/.exec(decoded.status.uri) : null;
  return decoded && m ? (await deps.holderAt(Number(m[1]), decoded.status.idx)) ?? null : null;
}

/** The document's type and the claims the citizen chose to show. */
function showDocument(result: DocumentVerification): OutcomeParts {
  return {
    valid: result.valid,
    reasons: result.reasons.map((r) => ({ code: r.code, message: r.message })),
    issuedAt: result.issuedAt,
    expiresAt: result.expiresAt,
    ...(result.type
      ? {
        document: {
          type: result.type, typeLabel: result.typeLabel ?? result.type, withheld: result.withheld,
          claims: Object.entries(result.disclosed).map(([claim, c]) => ({ claim, label: c.label, text: c.text })),
        },
      }
      : {}),
  };
}
