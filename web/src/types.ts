/** Shapes of the da06 API (see src/modules/registry/schema.ts and src/modules/identity/routes.ts). */
export interface Session {
  username: string;
  fullName: string;
  role: string;
  roleLabel: string;
  area: { level: 'province' | 'commune' | string; code: string };
  csrfToken: string;
}

export interface PersonListItem {
  ref: string;
  personalIdMasked: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  communeCode: string;
  communeName: string;
  deceased: boolean;
}

export interface PersonList {
  items: PersonListItem[];
  hasMore: boolean;
}

export interface Member {
  ref: string;
  personalIdMasked: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  relationToHead: string | null;
  dateOfDeath: string | null;
}

export interface Residence {
  kind: 'permanent' | 'temporary' | string;
  communeCode: string;
  communeName: string;
  address: string;
  validFrom: string;
  validTo: string | null;
}

export interface FormerIdentifier {
  kind: 'cmnd' | 'cancelled_id' | string;
  value: string;
  validUntil: string | null;
}

export interface LifeEvent {
  kind: 'birth' | 'death' | 'move' | string;
  occurredOn: string;
  communeCode: string | null;
  note: string | null;
}

export interface Person {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  ethnicity: string;
  religion: string;
  occupation: string | null;
  deceased: boolean;
  dateOfDeath: string | null;
  commune: { code: string; name: string; provinceCode: string; provinceName: string };
  household: { householdNo: string; address: string | null; relationToHead: string | null; members: Member[] } | null;
  formerIdentifiers: FormerIdentifier[];
  residences: Residence[];
  lifeEvents: LifeEvent[];
}

export interface Household {
  householdNo: string;
  address: string;
  commune: { code: string; name: string; provinceCode: string };
  members: Member[];
}

export interface AccessLogEntry {
  at: string;
  actorId: string;
  actorName: string | null;
  action: string;
  fields: string[];
  purpose: string | null;
}

export interface Unit {
  scheme: string;
  code: string;
  level: string;
  name: string;
  fullName: string;
  type: string;
  parentCode: string | null;
  provinceCode: string;
}
