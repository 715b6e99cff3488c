import type { Answer } from '../api.js';

/** Shapes of the services API, taken from the generated schema (never written by hand). */
export type ProcedureSummary = Answer<'/api/v1/services/procedures'>['items'][number];
export type ProcedureDetail = Answer<'/api/v1/services/procedures/{slug}'>;
export type RequiredDocument = ProcedureDetail['documents'][number];
export type Dossier = Answer<'/api/v1/services/dossiers/{id}'>;
export type DossierSummary = Answer<'/api/v1/services/dossiers'>['items'][number];
export type TimelineEntry = Dossier['timeline'][number];
export type DocumentView = Dossier['documents'][number];
export type QueueItem = Answer<'/api/v1/services/officer/dossiers'>['items'][number];
export type OfficerDossier = Answer<'/api/v1/services/officer/dossiers/{id}'>;
export type RegistryRecord = NonNullable<OfficerDossier['registry']['applicant']>;
export type DueFlag = NonNullable<QueueItem['dueFlag']>;
export type DossierStateName = Dossier['state'];

/** A procedure form's field, as the catalogue writes it (src/modules/services/catalogue/types.ts FormField). */
export interface FormField {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  title?: string;
  description?: string;
  format?: string;
  oneOf?: { const: string; title: string }[];
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, FormField>;
  required?: string[];
  items?: FormField;
  minItems?: number;
  maxItems?: number;
}
export type LinkedGroup = Answer<'/api/v1/services/linked-groups'>['items'][number];
export type GroupView = Answer<'/api/v1/services/groups/{id}'>;
export type GroupTimelineEntry = GroupView['timeline'][number];
