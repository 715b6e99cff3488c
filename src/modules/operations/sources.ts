import type { AreaScope } from '../../platform/access.js';
import type { AreaFilter } from '../registry/index.js';

/**
 * What the operations centre reads from the other modules, each through its public service. Passed in
 * explicitly (app.ts) so the operations module depends on functions, not on other modules' internals.
 */
export interface Population {
  total: number;
  adults: number;
  households: number;
  averageHouseholdSize: number;
  pyramid: { band: string; male: number; female: number }[];
  ethnicity: { name: string; people: number }[];
  religion: { name: string; people: number }[];
  communes: { code: string; name: string; urban: boolean; people: number; households: number }[];
  labour: {
    workingAge: number;
    /** Working-age people by activity. */
    activities: { employed: number; student: number; homemaker: number; jobless: number; retired: number; none: number };
    bands: { band: string; male: number; female: number; urban: number; rural: number; employed: number }[];
  };
}

export interface LodgingStatistics {
  from: string;
  to: string;
  totals: { guests: number; domestic: number; international: number; late: number; longStays: number; alerts: number; facilitiesRegistered: number; facilitiesDeclaring: number };
  byDay: { day: string; guests: number; domestic: number; international: number; byKind: Record<string, number> }[];
  byFacilityKind: { kind: string; label: string; guests: number }[];
  byNationality: { nationality: string; name: string; guests: number }[];
  byAgeGroup: { group: string; male: number; female: number; unknown: number }[];
  byLengthOfStay: { nights: string; guests: number }[];
  byCommune: { communeCode: string; communeName: string; guests: number; late: number }[];
}

export interface OperationsSources {
  communesOf: (area: AreaFilter) => Promise<string[] | null>;
  /** The names an officer's province goes by: its 2025 name and those of the provinces merged into it (before 2025). */
  provinceNames: (area: AreaScope) => Promise<string[]>;
  population: (communes: string[] | null, year: number) => Promise<Population>;
  lifeEvents: (communes: string[] | null, months: number) => Promise<{ month: string; birth: number; death: number; move: number }[]>;
  statisticsRefreshedAt: () => Promise<string | null>;
  lodging: (communes: string[] | null, period: { from: string; to: string }) => Promise<LodgingStatistics>;
  eidCoverage: (communes: string[] | null) => Promise<{ level1: number; level2: number }>;
  /** Verifications at the counters (relying parties) of the officer's province, per kind of counter. */
  verificationsByType: (area: AreaScope, from: Date, to: Date) => Promise<{ type: string; label: string; verifications: number; valid: number; sites: number }[]>;
  /** Sign-ins per connected system (OpenID Connect client) per day over the last `days` days. */
  signIns: (days: number) => Promise<{ clientId: string; name: string; signIns: { day: string; count: number }[] }[]>;
  /** The one-stop desk's dossiers of a period (the services module's figures; models 1, 3 and 5). */
  services?: (communes: string[] | null, period: { from: string; to: string }) => Promise<ServicesStatistics>;
  /** Sector lists linked against the registry: the latest finished run of each source of the province by `before` (the linkage module; models 34–36). */
  linkage?: (area: AreaScope, before: Date) => Promise<LinkageFigure[]>;
}

/** A source's latest linked list: its rows and how many now carry a verified personal ID (matched). */
export interface LinkageFigure {
  source: string;
  rows: number;
  verified: number;
}

/** Dossiers of administrative procedures in a period: received, decided on time or late, papers not required. */
export interface ServicesFigure {
  received: number;
  decidedOnTime: number;
  decidedLate: number;
  openLate: number;
  papersNotRequired: number;
  papersUploaded: number;
  online: number;
}
export interface ServicesStatistics {
  from: string;
  to: string;
  totals: ServicesFigure;
  byProcedure: (ServicesFigure & { slug: string; code: string; name: string })[];
  byUnit: (ServicesFigure & { unitCode: string })[];
}
