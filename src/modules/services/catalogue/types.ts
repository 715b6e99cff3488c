/**
 * Shapes of the procedure catalogue (data/procedures/*.json): one file per administrative procedure
 * (thủ tục hành chính), the linked groups (data/procedures/groups/*.json) and the fee exemptions
 * (data/procedures/fee-exemptions.json). Every rule carries its Source; rules that the domain notes
 * mark [P] (partially verified) or [U] (unverified) keep that mark in the data, dated.
 */

/** 'yyyy-mm-dd', a civil date in Asia/Ho_Chi_Minh (the same as calendar/index.ts IsoDate). */
export type IsoDate = string;
/** Structurally the same as calendar/index.ts TimeLimit. */
export interface TimeLimit {
  workingDays?: number;
  workingHours?: number;
  sameDay?: boolean;
}

export type Agency = 'commune_people_committee' | 'commune_police' | 'province_justice' | 'social_insurance' | 'labour_social';
export type Effect =
  | 'birth'
  | 'permanent_residence'
  | 'temporary_residence'
  | 'absence'
  | 'residence_confirmation'
  | 'death'
  | 'remove_permanent_residence'
  | 'marriage'
  | 'criminal_record'
  | 'health_insurance_child'
  | 'funeral_allowance'
  | null;

/** Where a rule comes from. mark: 'verified' (primary text read), 'P' (partially verified), 'U' (unverified). */
export interface Source {
  document: string;
  article?: string;
  mark: 'verified' | 'P' | 'U';
  url?: string;
  note?: string;
}

/** Common part of every fee rule: dated, sourced, with the exemption codes that apply to it. */
interface FeeRuleBase {
  id: string;
  /** Vietnamese label shown to the citizen ("Lệ phí đăng ký thường trú"). */
  label: string;
  validFrom: IsoDate;
  validUntil?: IsoDate;
  /** Exemptions that waive this fee (codes in the data file, resolved from fee-exemptions.json at load). */
  exemptions?: FeeExemption[];
  /**
   * Applies only to a registration after its legal time limit (FeeInput.late): on-time birth and death
   * registration is free (Luật Hộ tịch 2014 Art. 11), so the free rule is the default and nobody
   * has to remember an exemption for the common case.
   */
  late?: boolean;
  source: Source;
}
export type FeeRule =
  | (FeeRuleBase & { kind: 'free' })
  /** The same amount per dossier; `online` may be lower than `direct`. */
  | (FeeRuleBase & { kind: 'fixed'; direct: number; online: number })
  /** Per person named in the dossier (e.g. temporary residence by list). */
  | (FeeRuleBase & { kind: 'per_person'; direct: number; online: number })
  /**
   * Per page, in tiers ("pages 1–2: 2.000 each; from page 3: 1.000 each"), capped per copy.
   * tiers are ordered by fromPage, the first starting at 1.
   */
  | (FeeRuleBase & { kind: 'per_page'; tiers: { fromPage: number; amount: number }[]; cap?: number; onlineFactor?: number });

export interface FeeExemption {
  code: string;
  /** "Trẻ em đăng ký khai sinh đúng hạn" */
  label: string;
  validFrom: IsoDate;
  validUntil?: IsoDate;
  source: Source;
}

export interface FeeQuote {
  /** VND, integer. */
  amount: number;
  currency: 'VND';
  channel: 'online' | 'direct';
  /** The rule applied (null when the procedure has no fee rule in force on that day: free). */
  rule: FeeRule | null;
  /** The exemption applied, when it waived the fee. */
  exemption: FeeExemption | null;
  /** "Miễn lệ phí: …", "2 trang × 2.000 đ + 3 trang × 1.000 đ", in Vietnamese. */
  explanation: string;
  source: Source | null;
}

/** A form field, JSON-schema-like, labels in Vietnamese. */
export interface FormField {
  type: 'string' | 'integer' | 'boolean' | 'object' | 'array';
  /** Vietnamese label. */
  title: string;
  /** Vietnamese help text. */
  description?: string;
  /**
   * date: ISO yyyy-mm-dd in data (shown dd/MM/yyyy); personal-id: 12 digits checked with the
   * registry's rules (sex/birth date from the sibling fields named in personalIdOf, when given).
   */
  format?: 'date' | 'personal-id' | 'phone' | 'email';
  /** For format 'personal-id': sibling fields holding the sex and birth date of the same person. */
  personalIdOf?: { sex?: string; birthDate?: string };
  /** Enumerations: values with Vietnamese labels. */
  oneOf?: { const: string; title: string }[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** For dates: 'today' bounds. */
  notAfterToday?: boolean;
  properties?: Record<string, FormField>;
  required?: string[];
  items?: FormField;
  minItems?: number;
  maxItems?: number;
}
export interface FormSchema {
  type: 'object';
  title: string;
  description?: string;
  properties: Record<string, FormField>;
  required: string[];
}

/** Data of the signed-in citizen (and related people) the platform reads from the registry. */
export type PrefillSource =
  | 'self.fullName'
  | 'self.personalId'
  | 'self.birthDate'
  | 'self.sex'
  | 'self.ethnicity'
  | 'self.nationality'
  | 'self.permanentAddress'
  | 'self.temporaryAddress'
  | 'self.phone'
  | 'self.email'
  | 'household.headFullName'
  | 'household.headPersonalId'
  | 'household.relationToHead'
  | 'household.members'
  /** The spouse recorded in the registry; for a marriage only after the other person confirms. */
  | 'spouse.fullName'
  | 'spouse.personalId'
  | 'spouse.birthDate'
  | 'spouse.sex'
  | 'spouse.ethnicity'
  | 'spouse.nationality'
  | 'spouse.permanentAddress'
  /** For a birth: the signed-in parent and the other parent (their spouse), by sex. */
  | 'mother.fullName'
  | 'mother.personalId'
  | 'mother.birthDate'
  | 'mother.ethnicity'
  | 'mother.nationality'
  | 'mother.permanentAddress'
  | 'father.fullName'
  | 'father.personalId'
  | 'father.birthDate'
  | 'father.ethnicity'
  | 'father.nationality'
  | 'father.permanentAddress';

export interface PrefillRule {
  /** Dotted path of the form field ("applicant.fullName"). */
  field: string;
  from: PrefillSource;
  /** Filled fields are locked (the citizen cannot change registry data in the form). */
  locked: boolean;
  /** 'spouse_confirmed': filled only after the other person confirms on their own account. */
  when?: 'spouse_confirmed';
}

export type UploadKind = 'pdf' | 'jpeg' | 'png';
export interface RequiredDocument {
  id: string;
  name: string;
  /** 'always', or only in the situation described by `condition`. */
  required: boolean;
  condition?: string;
  /** The platform reads it from its own data: counted as "giấy tờ không phải nộp". */
  providedByPlatform: boolean;
  /** For documents the citizen uploads. */
  upload?: { kinds: UploadKind[]; maxBytes: number };
  source: Source;
}

export interface ResultDocument {
  name: string;
  /** Form code where there is one ("CT07"). */
  formCode?: string;
  electronic: boolean;
  paper: boolean;
  source: Source;
}

export interface Procedure {
  slug: string;
  /** National TTHC code (CSDLQG về TTHC), e.g. "1.004222". */
  code: string;
  /** Where the code comes from ([U] where the domain notes do not give it). */
  codeSource: Source;
  localCode?: string;
  name: string;
  sector: string;
  level: 'commune' | 'province';
  agency: Agency;
  fullyOnline: boolean;
  /** One of the essential online public services of Đề án 06 (the "25 dịch vụ công thiết yếu"). */
  essential?: boolean;
  timeLimit: TimeLimit;
  /** Where the time limit comes from (with notes such as "≤ ½ ngày làm việc nếu …"). */
  timeLimitSource: Source;
  fees: FeeRule[];
  form: FormSchema;
  prefill: PrefillRule[];
  documents: RequiredDocument[];
  result: ResultDocument;
  effect: Effect;
  sources: Source[];
  validFrom: IsoDate;
  validUntil?: IsoDate;
}

export interface LinkedGroup {
  slug: string;
  code: string;
  name: string;
  /** Procedure slugs in order. */
  steps: string[];
  /** The group's own limit where the law prescribes one (§3); without it, the sum of its steps' (groups/limits.ts). */
  timeLimit?: TimeLimit;
  /** A step's limit inside the group where it differs from the procedure's own (by procedure slug). */
  stepTimeLimits?: Record<string, TimeLimit>;
  sources: Source[];
  validFrom: IsoDate;
  validUntil?: IsoDate;
}

export interface Catalogue {
  /** Every version of every procedure, by Vietnamese name. */
  list(): Procedure[];
  /** The version in force on `on` (by slug, national code or local code); without `on`, the latest version. */
  get(slugOrCode: string, on?: IsoDate): Procedure | undefined;
  /** Ignores diacritics and case; matches name, code and sector. */
  search(query: string): Procedure[];
  /** The linked groups (those in force on `on` when given). */
  groups(on?: IsoDate): LinkedGroup[];
  exemptions(): FeeExemption[];
}

export type FormResult = { ok: true; value: Record<string, unknown> } | { ok: false; errors: { path: string; message: string }[] };

export interface FeeInput {
  channel: 'online' | 'direct';
  pages?: number;
  persons?: number;
  exemption?: string;
  /** Registered after the legal time limit (60 days from a birth, 15 days from a death). */
  late?: boolean;
  on: IsoDate;
}
