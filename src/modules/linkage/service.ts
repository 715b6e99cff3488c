import type { OfficerCaller, AreaScope } from '../../platform/access.js';
import { audited } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db.js';
import { csvLine } from '../../platform/csv.js';
import { DEFAULT_THRESHOLDS, RegistryIndex, linkRows, statusAt, type LinkResult, type RegistryRecord, type Thresholds } from './engine.js';
import { DomainError } from './errors.js';
import { ListFileError, readListFile, type ListFile } from './input.js';
import { message } from './messages.js';
import { resultColumns, resultLine } from './output.js';
import { createLinkageStore, type ResultRow, type RunRow } from './store.js';
import { createReview } from './review.js';
import { createLinkageQuality, flagPeople } from './quality-service.js';

export interface LinkageDeps {
  db: Db;
  provinceOf: (area: AreaScope) => Promise<string>;
  /** The 2025 communes a pre-2025 commune became (the registry's unit links); [] for an unknown code. */
  successors: (preCode: string) => Promise<string[]>;
  /** The most rows one run takes. */
  maxRows?: number;
}

/** Who starts a run: an officer through the API, or the operator's command line (with the province it links in). */
export type RunStarter = { caller: OfficerCaller } | { cli: { user: string; provinceCode: string; ctx: RequestContext } };

export interface RunView {
  id: number;
  source: string;
  scheme: '2025' | 'pre2025';
  state: RunRow['state'];
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  thresholds: Thresholds;
  columns: string[];
  rows: number;
  processed: number;
  matched: number;
  review: number;
  unmatched: number;
}

const PROBLEM_TEXT = {
  encoding: 'LINKAGE_PROBLEM_ENCODING', quoting: 'LINKAGE_PROBLEM_QUOTING', columns: 'LINKAGE_PROBLEM_COLUMNS', json: 'LINKAGE_PROBLEM_JSON', header: 'LINKAGE_PROBLEM_HEADER',
  empty: 'LINKAGE_PROBLEM_EMPTY', too_many_rows: 'LINKAGE_PROBLEM_TOO_MANY_ROWS', characters: 'LINKAGE_PROBLEM_CHARACTERS',
} as const;

/** The reason codes of a row decided after the run (review.ts): its status no longer follows the thresholds. */
const SETTLED_REASONS = new Set(['reviewed', 'citizen_confirmed', 'citizen_refused']);

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function view(r: RunRow): RunView {
  return {
    id: Number(r.id), source: r.source, scheme: r.scheme, state: r.state, createdBy: r.created_by, createdAt: iso(r.created_at)!, finishedAt: iso(r.finished_at),
    thresholds: { match: Number(r.match_threshold), review: Number(r.review_threshold) }, columns: r.columns, rows: Number(r.row_count), processed: Number(r.processed),
    matched: Number(r.matched), review: Number(r.review), unmatched: Number(r.unmatched),
  };
}

function checkThresholds(t: Thresholds): Thresholds {
  if (!(t.review > 0 && t.review <= t.match && t.match <= 1)) throw new DomainError('LINKAGE_THRESHOLDS_INVALID');
  return t;
}

export type LinkageService = ReturnType<typeof createLinkageService>;

/** The linkage module's use cases: a list uploaded, linked in the background, its results read; a source's thresholds. */
export function createLinkageService(deps: LinkageDeps) {
  const { db } = deps;
  const store = createLinkageStore(db);
  const maxRows = deps.maxRows ?? 2_000_000;
  const running = new Set<Promise<void>>();
  const review = createReview({ db, provinceOf: deps.provinceOf, thresholdsOf: (provinceCode, source) => store.thresholdsOf(provinceCode, source) });

  async function readList(file: string): Promise<ListFile> {
    try {
      return await readListFile(file, { maxRows });
    } catch (err) {
      if (err instanceof ListFileError) throw new DomainError('LINKAGE_FILE_REFUSED', { line: err.line, problem: message(PROBLEM_TEXT[err.problem]) });
      throw err;
    }
  }

  async function registryIndex(provinceCode: string): Promise<RegistryIndex> {
    const records: RegistryRecord[] = [];
    for await (const page of store.unsafeRegistryPeople(provinceCode)) for (const r of page) records.push(r);
    return new RegistryIndex(records);
  }

  /** Links the list and stores its results in batches (the run's progress), then its counts. */
  async function link(run: RunRow, list: ListFile): Promise<void> {
    const id = Number(run.id);
    const counts = { matched: 0, review: 0, unmatched: 0 };
    try {
      const index = await registryIndex(run.province_code);
      const successors = new Map<string, string[]>();
      if (run.scheme === 'pre2025') {
        for (const code of new Set(list.rows.map((r) => (r.fields.commune_code ?? '').trim()).filter(Boolean))) successors.set(code, await deps.successors(code));
      }
      const { results } = linkRows(list.rows, index, {
        thresholds: { match: Number(run.match_threshold), review: Number(run.review_threshold) }, scheme: run.scheme, successors: (c) => successors.get(c) ?? [],
      });
      await flagPeople(db, run.province_code, results, list.rows);
      for (const r of results) counts[r.status]++;
      for (let i = 0; i < results.length; i += 2000) {
        const batch = results.slice(i, i + 2000).map((result, k) => ({ result, fields: list.rows[i + k].fields }));
        await db.transaction((tx) => store.insertResults(tx, id, batch));
      }
      await store.finishRun(id, 'done', counts);
    } catch (err) {
      await store.finishRun(id, 'failed', counts);
      throw err;
    }
  }

  function whoOf(starter: RunStarter) {
    return 'caller' in starter ? starter.caller.username : `cli:${starter.cli.user}`;
  }

  async function provinceOfStarter(starter: RunStarter) {
    return 'caller' in starter ? deps.provinceOf(starter.caller.area) : starter.cli.provinceCode;
  }

  return {
    /** Quality reports of finished runs (quality-service.ts). */
    quality: createLinkageQuality({ db, doneRun }),

    /**
     * Reads the list with the strict reader (a bad file is refused whole, with its first bad line), records the
     * run and its audit entry (who, which source, how many rows), then links it: in the background for the API
     * (`wait: false`, the run shows its progress), before returning for the command line.
     */
    async start(starter: RunStarter, input: { file: string; source: string; scheme: '2025' | 'pre2025'; wait?: boolean }): Promise<RunView> {
      const list = await readList(input.file);
      const provinceCode = await provinceOfStarter(starter);
      const thresholds = (await store.thresholdsOf(provinceCode, input.source)) ?? DEFAULT_THRESHOLDS;
      const run = await db.transaction(async (tx) => {
        const r = await store.insertRun(tx, {
          provinceCode, source: input.source, scheme: input.scheme, createdBy: whoOf(starter), match: thresholds.match, review: thresholds.review, columns: list.columns, rows: list.rows.length,
        });
        const details = { subjectKind: 'linkage_run', subjectId: String(r.id), data: { source: input.source, rows: list.rows.length, scheme: input.scheme } };
        await ('cli' in starter ? audited(tx, details, starter.cli.ctx) : audited(tx, details));
        return r;
      });
      const job = link(run, list);
      if (input.wait) {
        await job;
      } else {
        const tracked: Promise<void> = job.catch(() => undefined).finally(() => running.delete(tracked));
        running.add(tracked);
      }
      return view((await store.run(Number(run.id), provinceCode))!);
    },

    async run(caller: OfficerCaller, id: number): Promise<RunView> {
      return view(await ownRun(caller, id));
    },

    async runs(caller: OfficerCaller): Promise<RunView[]> {
      return (await store.runs(await deps.provinceOf(caller.area), 50)).map(view);
    },

    async results(caller: OfficerCaller, id: number, f: { status?: LinkResult['status']; limit?: number; offset?: number }) {
      const run = await doneRun(caller, id);
      const { total, rows } = await store.results(Number(run.id), { status: f.status, limit: f.limit ?? 100, offset: f.offset ?? 0 });
      return { total, items: rows.map(resultView) };
    },

    /** The results as the CSV file the sector gets back: linkage's columns, then its own as they came. */
    async resultsCsv(caller: OfficerCaller, id: number): Promise<Buffer> {
      const run = await doneRun(caller, id);
      return resultsFile(run);
    },

    /** How many rows would be matched, reviewed, unmatched at other thresholds (nothing changes). */
    async preview(caller: OfficerCaller, id: number, t: Thresholds) {
      checkThresholds(t);
      const run = await doneRun(caller, id);
      const counts = { matched: 0, review: 0, unmatched: 0 };
      for (const r of await store.probabilities(Number(run.id))) {
        // A row settled by a reviewer or by the citizen (review.ts) stays as decided, whatever the thresholds.
        const settled = r.reasons.some((code) => SETTLED_REASONS.has(code));
        counts[settled ? r.status : statusAt({ matchProbability: r.match_probability, status: r.status, pass: r.pass, reasons: r.reasons }, t)]++;
      }
      return { thresholds: t, ...counts };
    },

    /** The thresholds a source's next runs use; `sensitive`: its rows settled by a citizen only at e-ID level 2. */
    async setThresholds(caller: OfficerCaller, source: string, input: Thresholds & { sensitive?: boolean }) {
      const t = checkThresholds({ match: input.match, review: input.review });
      const provinceCode = await deps.provinceOf(caller.area);
      await db.transaction(async (tx) => {
        await store.setThresholds(tx, provinceCode, source, t);
        if (input.sensitive !== undefined) await review.setSensitive(tx, provinceCode, source, input.sensitive);
        await audited(tx, { subjectKind: 'linkage_source', subjectId: `${provinceCode}:${source}`, data: { match: t.match, review: t.review, ...(input.sensitive === undefined ? {} : { sensitive: input.sensitive }) } });
      });
      return { source, thresholds: t, sensitive: (await review.suggestion(caller, source)).sensitive };
    },

    /** The review queue and the citizen's answers (review.ts). */
    review,

    /** The results file of a run the command line started (no officer: the run's own province). */
    async unsafeResultsFile(id: number, provinceCode: string): Promise<Buffer> {
      const run = await store.run(id, provinceCode);
      if (!run) throw new DomainError('LINKAGE_RUN_NOT_FOUND');
      return resultsFile(run);
    },

    /** Waits for the runs linking in the background (before the database closes). */
    async drain(): Promise<void> {
      await Promise.all([...running]);
    },
  };

  async function ownRun(caller: OfficerCaller, id: number): Promise<RunRow> {
    const run = await store.run(id, await deps.provinceOf(caller.area));
    if (!run) throw new DomainError('LINKAGE_RUN_NOT_FOUND');
    return run;
  }

  async function doneRun(caller: OfficerCaller, id: number): Promise<RunRow> {
    const run = await ownRun(caller, id);
    if (run.state !== 'done') throw new DomainError('LINKAGE_RUN_NOT_DONE');
    return run;
  }

  async function resultsFile(run: RunRow): Promise<Buffer> {
    const parts: string[] = [csvLine(resultColumns(run.columns))];
    for await (const page of store.allResults(Number(run.id))) {
      for (const r of page) parts.push(resultLine(resultView(r), r.fields, run.columns));
    }
    return Buffer.from('\uFEFF' + parts.join('\r\n') + '\r\n', 'utf8');
  }
}

function resultView(r: ResultRow) {
  return { row: r.row_no, personalId: r.personal_id, matchProbability: r.match_probability, status: r.status, reasons: r.reasons, fields: r.fields };
}
