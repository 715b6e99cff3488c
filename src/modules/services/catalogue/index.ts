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
export { loadCatalogue, loadProcedureFile, ProcedureFileError, PROCEDURES_DIR } from './load.js';
export { computeFee, computeFormFee, formCounts } from './fees.js';
export { validateForm } from './form.js';
export { foldText } from './search.js';
export { groupTimeLimit, stepTimeLimit } from './group-limits.js';
export { timeLimitText } from './doc.js';
export { proceduresDoc } from './doc.js';
