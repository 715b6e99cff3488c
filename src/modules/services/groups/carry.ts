/**
 * How a step's form is filled from the steps before it (the liên thông form carries the data from one agency
 * to the next: the citizen never types the child's new personal ID). A rule names a form path of the step and
 * where its value comes from: `<step slug>.code` (the step's dossier code), `<step slug>.form.<path>` (what
 * that step's form said) or `<step slug>.result.<key>` (what its approval returned, e.g. the allocated ID).
 * A source that holds nothing leaves the field as the citizen gave it; the step's officer sees the form.
 */
export const CARRY_RULES: Record<string, Record<string, string>> = {
  'dang-ky-thuong-tru': {
    'members.0.fullName': 'dang-ky-khai-sinh.form.child.fullName',
    'members.0.birthDate': 'dang-ky-khai-sinh.form.child.birthDate',
    'members.0.sex': 'dang-ky-khai-sinh.form.child.sex',
    'members.0.personalId': 'dang-ky-khai-sinh.result.personalId',
  },
  'cap-the-bhyt-tre-em-duoi-6-tuoi': {
    'child.fullName': 'dang-ky-khai-sinh.form.child.fullName',
    'child.birthDate': 'dang-ky-khai-sinh.form.child.birthDate',
    'child.sex': 'dang-ky-khai-sinh.form.child.sex',
    'child.personalId': 'dang-ky-khai-sinh.result.personalId',
    birthDossierCode: 'dang-ky-khai-sinh.code',
  },
  'cap-the-can-cuoc-tre-em-duoi-6-tuoi': {
    'child.fullName': 'dang-ky-khai-sinh.form.child.fullName',
    'child.birthDate': 'dang-ky-khai-sinh.form.child.birthDate',
    'child.sex': 'dang-ky-khai-sinh.form.child.sex',
    'child.personalId': 'dang-ky-khai-sinh.result.personalId',
  },
  'xoa-dang-ky-thuong-tru': {
    'subject.fullName': 'dang-ky-khai-tu.form.deceased.fullName',
    'subject.birthDate': 'dang-ky-khai-tu.form.deceased.birthDate',
    'subject.sex': 'dang-ky-khai-tu.form.deceased.sex',
    'subject.personalId': 'dang-ky-khai-tu.form.deceased.personalId',
    dossierCode: 'dang-ky-khai-tu.code',
  },
  'giai-quyet-mai-tang-phi': {
    'deceased.fullName': 'dang-ky-khai-tu.form.deceased.fullName',
    'deceased.birthDate': 'dang-ky-khai-tu.form.deceased.birthDate',
    'deceased.sex': 'dang-ky-khai-tu.form.deceased.sex',
    'deceased.personalId': 'dang-ky-khai-tu.form.deceased.personalId',
    'deceased.deathDate': 'dang-ky-khai-tu.form.deceased.deathDate',
  },
};

/** The form paths of a step that the steps before it (`earlier`, by slug) fill in: the citizen does not type them. */
export function carriedPaths(stepSlug: string, earlier: readonly string[]): string[] {
  return Object.entries(CARRY_RULES[stepSlug] ?? {}).filter(([, source]) => earlier.includes(source.split('.')[0])).map(([target]) => target);
}

/** What the approved steps of a group left: by step slug, its dossier code, form and result. */
export type Carried = Record<string, { code: string; form: Record<string, unknown>; result: Record<string, unknown> }>;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';

function read(from: unknown, path: string[]): unknown {
  let v = from;
  for (const k of path) {
    if (!isObject(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function write(into: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = into;
  path.forEach((k, i) => {
    const last = i === path.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(path[i + 1]);
    const key: string | number = Array.isArray(node) ? Number(k) : k;
    const cur = (node as Record<string | number, unknown>)[key];
    if (last) {
      (node as Record<string | number, unknown>)[key] = value;
      return;
    }
    if (!isObject(cur)) (node as Record<string | number, unknown>)[key] = nextIsIndex ? [] : {};
    node = (node as Record<string | number, unknown>)[key] as Record<string, unknown>;
  });
}

/** The step's form with every carried value that the earlier steps hold written in (a copy; the input is kept). */
export function carryInto(stepSlug: string, form: Record<string, unknown>, carried: Carried): { form: Record<string, unknown>; filled: string[] } {
  const out = structuredClone(form);
  const filled: string[] = [];
  for (const [target, source] of Object.entries(CARRY_RULES[stepSlug] ?? {})) {
    const [step, part, ...rest] = source.split('.');
    const c = carried[step];
    if (!c) continue;
    const value = part === 'code' ? c.code : read(part === 'form' ? c.form : c.result, rest);
    if (value === undefined || value === null || value === '') continue;
    write(out, target.split('.'), value);
    filled.push(target);
  }
  return { form: out, filled };
}
