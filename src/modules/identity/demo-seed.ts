import type { Db } from '../../platform/db.js';
import { createCitizenStore } from './citizen-store.js';
import { createOidcStore } from './oidc/store.js';

/** An e-ID account of the demo: who holds it, at which level, since when. */
export interface DemoCitizenAccount {
  personId: number;
  personalId: string;
  phone: string;
  level: 1 | 2;
  createdAt: Date;
}

/**
 * The demo province's e-ID accounts and single sign-on traffic (src/demo.ts), written in bulk: thousands
 * of accounts share one password hash of random bytes (nobody can sign in with them; hashing each with
 * argon2id would take minutes), and sign-ins are the per-day counts the statistics read (oidc_sign_ins).
 * Development tools only: nothing here is audited.
 */
export function unsafeDemoIdentitySeeder(db: Db) {
  const citizens = createCitizenStore(db);
  const oidc = createOidcStore(db);
  return {
    accounts: (accounts: DemoCitizenAccount[], passwordHash: string) => citizens.insertDemoAccounts(accounts, passwordHash),
    signIns: (rows: { clientId: string; day: string; count: number }[]) => oidc.addSignInCounts(rows),
  };
}
