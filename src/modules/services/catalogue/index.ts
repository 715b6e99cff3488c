/**
 * Procedure catalogue of the services module: procedures as validated data (data/procedures/),
 * their forms, fees and the linked groups. Other code of the services module imports only this file.
 */
export type {
  IsoDate,
  TimeLimit,
  Agency,
  Effect,
  Source,
  FeeRule,
  FeeExemption,
  FeeQuote,
  FeeInput,
  FormField,
  FormSchema,
  FormResult,
  PrefillSource,
  PrefillRule,
  UploadKind,
  RequiredDocument,
  ResultDocument,
  Procedure,
  LinkedGroup,
  Catalogue,
} from './types.js';
import type { Catalogue, FeeInput, FeeQuote, FormResult, Procedure } from './types.js';

export function loadCatalogue(_dir?: string): Catalogue {
  throw new Error('not implemented yet');
}

export function computeFee(_p: Procedure, _input: FeeInput): FeeQuote {
  throw new Error('not implemented yet');
}

export function validateForm(_p: Procedure, _data: unknown): FormResult {
  throw new Error('not implemented yet');
}
