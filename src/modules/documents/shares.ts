import { createHash, randomBytes } from 'node:crypto';
import type { CitizenCaller } from '../../platform/access.js';
import { audited, shownAs } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { clientKind } from './client-kind.js';
import { DomainError } from './errors.js';
import type { DocumentsStore, SignedDocumentRow } from './store.js';
import type { DocumentView } from './service.js';
import { createShareStore, type ShareLinkRow } from './share-store.js';

/** How long a share link lives, as the citizen chooses it; the first is the default (a counter looks at it now). */
export const SHARE_VALIDITIES = { '15m': 15 * 60_000, '1h': 3600_000, '24h': 24 * 3600_000, '7d': 7 * 24 * 3600_000 } as const;
export type ShareValidity = keyof typeof SHARE_VALIDITIES;
/** How many accesses the history shows (newest first). */
const HISTORY_LIMIT = 200;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** 32 random bytes, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface SharesDeps {
  db: Db;
  store: DocumentsStore;
  /** The address of the share page: `<publicUrl>/shared/<token>`. */
  publicUrl: string;
  now: () => Date;
  view: (d: SignedDocumentRow) => DocumentView;
}

/** Who opened a shared document: the client's address and User-Agent, as the request gives them. */
export interface ShareClient {
  address: string | null;
  userAgent: string | null;
}

/**
 * Share links (chia sẻ văn bản): the holder gives a counter a link (or its QR) that opens one document of their store
 * without sign-in until it expires or the holder revokes it. Only the token's SHA-256 is kept. An unknown, expired or
 * revoked token all answer SHARE_LINK_NOT_FOUND alike; every opening is logged for the holder's access history.
 */
export function createShares(deps: SharesDeps) {
  const links = createShareStore(deps.db);
  const base = deps.publicUrl.replace(/\/$/, '');

  const state = (l: ShareLinkRow, now: Date) => (l.revoked_at ? 'revoked' as const : new Date(l.expires_at) <= now ? 'expired' as const : 'active' as const);
  const linkView = (l: ShareLinkRow, now: Date) => ({
    id: String(l.id), createdAt: new Date(l.created_at).toISOString(), expiresAt: new Date(l.expires_at).toISOString(),
    revokedAt: l.revoked_at && new Date(l.revoked_at).toISOString(), status: state(l, now), accesses: Number(l.accesses),
  });

  /** The caller's own document; another's, or none, reads as absent. */
  async function ownDocument(caller: CitizenCaller, id: string): Promise<SignedDocumentRow> {
    const d = UUID.test(id) ? await deps.store.byId(id) : undefined;
    if (!d || d.holder_personal_id !== caller.personalId) throw new DomainError('SIGNED_DOCUMENT_NOT_FOUND');
    return d;
  }

  /** The link of a token while it opens its document; otherwise the same answer for every reason. */
  async function openLink(token: string): Promise<{ link: ShareLinkRow; document: SignedDocumentRow }> {
    const link = TOKEN.test(token) ? await links.byToken(sha256(token)) : undefined;
    const document = link && state(link, deps.now()) === 'active' ? await deps.store.byId(link.document_id) : undefined;
    if (!link || !document) throw new DomainError('SHARE_LINK_NOT_FOUND');
    return { link, document };
  }

  const logAccess = (link: ShareLinkRow, what: 'view' | 'pdf', client: ShareClient) => links.logAccess({
    linkId: String(link.id), documentId: link.document_id, at: deps.now(), what,
    clientAddress: client.address?.slice(0, 64) ?? null, userAgent: client.userAgent?.slice(0, 300) ?? null,
  });

  return {
    /** A new link to one of the caller's documents (not a revoked one); the token is in the answer only this once. */
    async create(caller: CitizenCaller, id: string, validity: ShareValidity) {
      const d = await ownDocument(caller, id);
      if (d.revoked_at) throw new DomainError('SIGNED_DOCUMENT_REVOKED_ALREADY');
      const token = randomBytes(32).toString('base64url');
      const now = deps.now();
      return deps.db.transaction(async (tx) => {
        const link = await links.insert(tx, {
          documentId: d.id, holderPersonalId: d.holder_personal_id, tokenSha256: sha256(token), createdAt: now, expiresAt: new Date(now.getTime() + SHARE_VALIDITIES[validity]),
        });
        await audited(tx, { subjectKind: 'person', subjectId: d.holder_personal_id, fields: ['shareLink'], data: { document: d.id, link: String(link.id), validity } });
        return { ...linkView(link, now), url: `${base}/shared/${token}` };
      });
    },

    async list(caller: CitizenCaller, id: string) {
      const d = await ownDocument(caller, id);
      const now = deps.now();
      return shownAs({ items: (await links.ofDocument(d.id)).map((l) => linkView(l, now)) }, { kind: 'person', id: d.holder_personal_id });
    },

    /** Thu hồi: the link stops opening the document at once; a link no longer active cannot be revoked again. */
    async revoke(caller: CitizenCaller, id: string, linkId: string) {
      const d = await ownDocument(caller, id);
      if (!/^\d{1,15}$/.test(linkId)) throw new DomainError('SHARE_LINK_NOT_FOUND');
      return deps.db.transaction(async (tx) => {
        const link = await links.lock(tx, d.id, linkId);
        if (!link) throw new DomainError('SHARE_LINK_NOT_FOUND');
        const now = deps.now();
        if (state(link, now) !== 'active') throw new DomainError('SHARE_LINK_INACTIVE');
        await links.revoke(tx, linkId, now);
        await audited(tx, { subjectKind: 'person', subjectId: d.holder_personal_id, fields: ['shareLink'], data: { document: d.id, link: linkId } });
        return linkView({ ...link, revoked_at: now }, now);
      });
    },

    /** Lịch sử truy cập: every opening of the document through any of its links, for its holder only. */
    async history(caller: CitizenCaller, id: string) {
      const d = await ownDocument(caller, id);
      const items = (await links.accessesOf(d.id, HISTORY_LIMIT)).map((a) => ({
        at: new Date(a.at).toISOString(), what: a.what, clientAddress: a.client_address, client: clientKind(a.user_agent),
        linkId: String(a.link_id), linkCreatedAt: new Date(a.link_created_at).toISOString(),
      }));
      return shownAs({ items }, { kind: 'person', id: d.holder_personal_id });
    },

    /** What the link shows a counter: the document as /verify describes it, until when the link opens it. */
    async open(token: string, client: ShareClient) {
      const { link, document } = await openLink(token);
      await logAccess(link, 'view', client);
      return shownAs({
        authentic: true as const, document: deps.view(document), sha256: document.sha256, sharedUntil: new Date(link.expires_at).toISOString(),
      }, { kind: 'person', id: document.holder_personal_id });
    },

    async pdf(token: string, client: ShareClient): Promise<{ id: string; pdf: Buffer }> {
      const { link, document } = await openLink(token);
      const pdf = await deps.store.pdf(document.id);
      await logAccess(link, 'pdf', client);
      return { id: document.id, pdf: shownAs(pdf!, { kind: 'person', id: document.holder_personal_id }) };
    },
  };
}

export type Shares = ReturnType<typeof createShares>;
