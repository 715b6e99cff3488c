// linkage.*: a sector list against the registry (issue 18), the engine end to end: the list read from a
// CSV file with the strict reader, the registry's people indexed, both passes (identifier, then
// Fellegi–Sunter with EM), the results written as CSV. The registry's people come from the synthetic
// generator in memory (loading them from the database is the service's part and not timed here).
// The list's errors and their proportions: src/modules/linkage/synthetic.ts.
// BENCH_LINKAGE_PEOPLE (default 1,000,000) people; BENCH_LINKAGE_ROWS (default the same) rows.
//
// Ceiling (the bare version of the same work, same run, same file, same reader, same output): the rows'
// personal IDs joined to the registry through one hash map (what one SQL join by personal_id would do: the
// real bench runs in memory too, so the ceiling does, rather than time a database load the real run does not
// make), and every row and person grouped by one blocking key (folded surname, given name, birth year) with
// the groups' sizes summed; the results file written the same way. It leaves out: date and sex parsing beyond
// the year, the other blocking keys (dates, communes, rotations), every comparison of a candidate pair, the
// random-pairs u estimate and EM, the decision and its reasons. `linkage.ratio` = rows/s real ÷ rows/s ceiling.
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { csvLine } from '../src/platform/csv.js';
import { foldSpelling, nameTokens } from '../src/platform/name-match.js';
import { RegistryIndex, linkRows, readListFile, resultColumns, resultLine, syntheticList, syntheticRegistry, type LinkResult, type RegistryRecord } from '../src/modules/linkage/index.js';
import { emit } from './_common.js';

export async function run(): Promise<void> {
  const people = Number(process.env.BENCH_LINKAGE_PEOPLE ?? 1_000_000);
  const rows = Number(process.env.BENCH_LINKAGE_ROWS ?? people);
  const { records, communes } = syntheticRegistry(people, 18, Math.max(20, Math.round(people / 8000)));
  const list = syntheticList(records, communes, { rows, seed: 42 });
  const dir = mkdtempSync(path.join(tmpdir(), 'da06-linkage-'));
  try {
    const file = path.join(dir, 'list.csv');
    const columns = Object.keys(list[0].fields);
    writeFileSync(file, [csvLine(columns), ...list.map((r) => csvLine(columns.map((c) => r.fields[c])))].join('\n') + '\n');
    let peak = process.memoryUsage().rss;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const read = await readListFile(file, { maxRows: rows + 1 });
    const index = new RegistryIndex(records);
    const t1 = performance.now();
    const { results, pairs } = linkRows(read.rows, index);
    const t2 = performance.now();
    const out = createWriteStream(path.join(dir, 'matches.csv'));
    out.write(csvLine(resultColumns(read.columns)) + '\n');
    for (let i = 0; i < results.length; i++) out.write(resultLine(results[i], read.rows[i].fields, read.columns) + '\n');
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const t3 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().rss);

    const ceilingSeconds = await ceiling(file, records, rows, path.join(dir, 'bare.csv'));
    const seconds = (t3 - t0) / 1000;
    emit('linkage.rows_per_s', Math.round(rows / seconds), 'rows/s');
    emit('linkage.ceiling_rows_per_s', Math.round(rows / ceilingSeconds), 'rows/s');
    emit('linkage.ratio', round4(ceilingSeconds / seconds), 'ratio');
    emit('linkage.seconds_1m', Math.round((seconds * 1_000_000 / rows) * 10) / 10, 's');
    // CPU seconds of the process over the same span (the garbage collector's helper threads included): steadier than
    // the wall clock on a shared machine, where the run waits for a core.
    emit('linkage.cpu_seconds', Math.round((cpu.user + cpu.system) / 1e4) / 100, 's');
    emit('linkage.seconds_read_and_index', Math.round(t1 - t0) / 1000, 's');
    emit('linkage.seconds_link', Math.round(t2 - t1) / 1000, 's');
    emit('linkage.pairs_per_row', Math.round((pairs / rows) * 10) / 10, 'pairs');
    for (const withId of [true, false]) {
      const q = quality(list.filter((l) => l.hasId === withId).map((l) => ({ truth: l.truth, r: results[l.row - 1] })));
      const tag = withId ? 'with_id' : 'without_id';
      emit(`linkage.precision.${tag}`, q.precision, 'ratio');
      emit(`linkage.recall.${tag}`, q.recall, 'ratio');
      emit(`linkage.f1.${tag}`, q.f1, 'ratio');
    }
    emit('linkage.review_share', round4(results.filter((r) => r.status === 'review').length / rows), 'ratio');
    emit('linkage.peak_rss_mb', Math.round(peak / 2 ** 20), 'MB');
    emit('linkage.people', people, 'people');
    emit('linkage.rows', rows, 'rows');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The bare version (see the comment at the top): seconds for the same file read, joined by ID, grouped by one key, written. */
async function ceiling(file: string, records: readonly RegistryRecord[], rows: number, outFile: string): Promise<number> {
  const key = (name: string | undefined, year: string) => {
    const t = nameTokens(name ?? '');
    return t.length ? `${foldSpelling(t[0])}|${foldSpelling(t[t.length - 1])}|${year}` : '';
  };
  const t0 = performance.now();
  const read = await readListFile(file, { maxRows: rows + 1 });
  const byId = new Map<string, number>();
  const groups = new Map<string, number>();
  records.forEach((r, i) => {
    byId.set(r.personalId, i);
    const k = key(r.fullName, r.dateOfBirth.slice(0, 4));
    groups.set(k, (groups.get(k) ?? 0) + 1);
  });
  let candidates = 0;
  const results: LinkResult[] = read.rows.map((r) => {
    const i = byId.get(r.fields.personal_id ?? '');
    const year = /(\d{4})/.exec(r.fields.date_of_birth ?? '')?.[1] ?? '';
    candidates += groups.get(key(r.fields.full_name, year)) ?? 0;
    return i === undefined
      ? { row: r.row, personalId: null, matchProbability: 0, status: 'unmatched', reasons: [], pass: 'none' }
      : { row: r.row, personalId: records[i].personalId, matchProbability: 1, status: 'matched', reasons: [], pass: 'id' };
  });
  const out = createWriteStream(outFile);
  out.write(csvLine(resultColumns(read.columns)) + '\n');
  for (let i = 0; i < results.length; i++) out.write(resultLine(results[i], read.rows[i].fields, read.columns) + '\n');
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (candidates < 0) throw new Error('unreachable: keeps the grouping from being optimised away');
  return (performance.now() - t0) / 1000;
}

/** Precision and recall of `matched` against the truth: a matched row is right when it names the row's person. */
function quality(rows: { truth: string | null; r: LinkResult }[]) {
  const tp = rows.filter(({ truth, r }) => r.status === 'matched' && r.personalId === truth).length;
  const matched = rows.filter(({ r }) => r.status === 'matched').length;
  const real = rows.filter(({ truth }) => truth !== null).length;
  const precision = matched ? tp / matched : 1;
  const recall = real ? tp / real : 1;
  return { precision: round4(precision), recall: round4(recall), f1: round4(precision + recall ? (2 * precision * recall) / (precision + recall) : 0) };
}
