/**
 * Anchors of the audit chain outside the database. The chain alone proves that rows link up, not
 * that none were cut from its end or that it was not recomputed by someone holding the database: a
 * checkpoint (sequence number, hash, time) signed with a key the database never sees, appended to a
 * file (and optionally sent to another system), lets `da06 audit verify` tell both apart
 * (tested in `audit.test.ts`, "the probe's attacks on the chain, against signed checkpoints").
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CompactSign, compactVerify } from 'jose';
import { ConfigError, type Config } from './config.js';
import type { Db, Queryable } from './db.js';
import type { Checkpoint } from './audit.js';

export type { Checkpoint };

/** One line of the file: a readable copy of the checkpoint and its JWS (EdDSA), which alone is trusted. */
export interface CheckpointLine extends Checkpoint {
  jws: string;
}

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
const DEVELOPMENT_KEY_FILE = 'audit-checkpoint-key.pem';
const JWS_TYPE = 'da06-audit-checkpoint';
/** DER prefix of a PKCS#8 Ed25519 private key, before its 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A private Ed25519 key from PKCS#8 PEM or from a base64 32-byte seed. */
export function parseCheckpointKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    if (text.includes('-----BEGIN')) key = createPrivateKey(text);
    else {
      const seed = Buffer.from(text.trim(), 'base64');
      if (seed.length !== 32) throw new Error('seed length');
      key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    }
  } catch {
    throw new ConfigError('Cấu hình không hợp lệ: DA06_AUDIT_CHECKPOINT_KEY không phải khóa riêng Ed25519 (PKCS#8 PEM hoặc 32 byte base64)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError('Cấu hình không hợp lệ: DA06_AUDIT_CHECKPOINT_KEY phải là khóa Ed25519');
  return key;
}

export function checkpointFile(config: Config): string {
  return resolve(config.DA06_DATA_DIR, CHECKPOINT_FILE);
}

/**
 * The signing key: from configuration; outside production one generated once into the data folder.
 * Never in the database, whose holder must not be able to sign.
 */
export function checkpointSigningKey(config: Config): KeyObject {
  if (config.DA06_AUDIT_CHECKPOINT_KEY) return parseCheckpointKey(config.DA06_AUDIT_CHECKPOINT_KEY);
  if (config.DA06_ENV === 'production') throw new ConfigError('Cấu hình không hợp lệ: DA06_AUDIT_CHECKPOINT_KEY là bắt buộc ở chế độ production');
  const file = resolve(config.DA06_DATA_DIR, DEVELOPMENT_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  }
  return parseCheckpointKey(readFileSync(file, 'utf8'));
}

/**
 * The key that checks checkpoints: a public key file (an auditor needs no private key), else the
 * configured key, else the development key if one was generated; undefined when there is none.
 */
export function checkpointVerificationKey(config: Config, publicKeyFile?: string): KeyObject | undefined {
  if (publicKeyFile) return createPublicKey(readFileSync(publicKeyFile));
  if (config.DA06_AUDIT_CHECKPOINT_KEY) return createPublicKey(parseCheckpointKey(config.DA06_AUDIT_CHECKPOINT_KEY));
  const file = resolve(config.DA06_DATA_DIR, DEVELOPMENT_KEY_FILE);
  return existsSync(file) ? createPublicKey(parseCheckpointKey(readFileSync(file, 'utf8'))) : undefined;
}

export interface CheckpointTarget {
  /** The append-only file. */
  file: string;
  /** Receives each line as well (POST, JSON). */
  url?: string;
}

/**
 * Signs the newest row of the chain and appends it to the file, synced to disk before it returns;
 * then sends it to the URL, if any. Nothing is written for an empty log or when the newest row is
 * still `unlessSeq` (an idle server does not grow the file).
 */
export async function writeCheckpoint(db: Db, key: KeyObject, target: CheckpointTarget, unlessSeq?: number): Promise<CheckpointLine | undefined> {
  const last = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];
  if (!last || Number(last.seq) === unlessSeq) return undefined;
  // The head may be committed but not yet on disk (audited writes commit before the fsync): never sign a row a crash could still take back.
  await db.flushed();
  const checkpoint: Checkpoint = { seq: Number(last.seq), hash: last.hash, at: new Date().toISOString() };
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(checkpoint)))
    .setProtectedHeader({ alg: 'EdDSA', typ: JWS_TYPE })
    .sign(key);
  const line: CheckpointLine = { ...checkpoint, jws };
  const text = JSON.stringify(line);
  mkdirSync(dirname(target.file), { recursive: true });
  const handle = await open(target.file, 'a', 0o600);
  try {
    await handle.appendFile(text + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (target.url) {
    const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`audit checkpoint not accepted by ${target.url}: HTTP ${res.status}`);
  }
  return line;
}

/**
 * Writes a checkpoint every `minutes` and a last one at `stop` (after the server has drained its
 * audit entries). Failures go to `onError`; the next tick tries again. Each tick also checks that the
 * row of this process's previous checkpoint still carries its hash, so a cut or a rewrite shows in
 * the server's log at once, not only when someone runs `da06 audit verify`.
 */
export function keepAuditAnchored(db: Db, key: KeyObject, target: CheckpointTarget, minutes: number, onError: (err: unknown) => void,
  /** Run before each checkpoint: modules that anchor chains of their own in this one append their entry here. */
  beforeEach: () => Promise<unknown> = async () => undefined) {
  let last: Checkpoint | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      if (last) await checkStillAnchored(db, last).catch(onError);
      await beforeEach().catch(onError);
      const line = await writeCheckpoint(db, key, target, last?.seq);
      if (line) last = line;
    }).catch(onError);
    return running;
  };
  const timer = setInterval(() => void run(), minutes * 60_000);
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await run();
    },
  };
}

/** The log contradicts a checkpoint this process wrote: rows were cut or the chain recomputed. */
export class AuditAnchorError extends Error {
  override name = 'AuditAnchorError';
}

async function checkStillAnchored(db: Queryable, checkpoint: Checkpoint): Promise<void> {
  const row = (await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [checkpoint.seq])).rows[0];
  if (!row) throw new AuditAnchorError(`audit log truncated: row ${checkpoint.seq} of the checkpoint of ${checkpoint.at} is gone`);
  if (row.hash !== checkpoint.hash) throw new AuditAnchorError(`audit log rewritten: row ${checkpoint.seq} no longer has the hash of the checkpoint of ${checkpoint.at}`);
}

export interface ReadCheckpoints {
  /** Checkpoints whose signature holds, in file order. */
  checkpoints: Checkpoint[];
  /** Line numbers (from 1) whose signature or form is wrong: forged or damaged lines. */
  invalidLines: number[];
}

/** Reads the file (none yet: no checkpoints) and keeps only what the key signed; the readable copy is ignored. */
export async function readCheckpoints(file: string, publicKey: KeyObject): Promise<ReadCheckpoints> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  const result: ReadCheckpoints = { checkpoints: [], invalidLines: [] };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const checkpoint = await verifiedCheckpoint(lines[i], publicKey);
    if (checkpoint) result.checkpoints.push(checkpoint);
    else result.invalidLines.push(i + 1);
  }
  return result;
}

async function verifiedCheckpoint(line: string, publicKey: KeyObject): Promise<Checkpoint | undefined> {
  try {
    const { jws } = JSON.parse(line) as { jws: string };
    const { payload, protectedHeader } = await compactVerify(jws, publicKey, { algorithms: ['EdDSA'] });
    if (protectedHeader.typ !== JWS_TYPE) return undefined;
    const c = JSON.parse(new TextDecoder().decode(payload)) as Checkpoint;
    if (!Number.isSafeInteger(c.seq) || c.seq < 1 || !/^[0-9a-f]{64}$/.test(c.hash) || typeof c.at !== 'string') return undefined;
    return { seq: c.seq, hash: c.hash, at: c.at };
  } catch {
    return undefined;
  }
}
