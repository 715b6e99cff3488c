// The linkage module (issue 18, models 20, 34–36): sector lists (health and social insurance, welfare, schools...)
// matched to the registry so that each row carries a verified personal ID. Reads the registry, never writes it.
// Other modules import only this file.
export { createLinkageService, type LinkageService, type LinkageDeps, type RunView } from './service.js';
export { linkageRoutes, type LinkageRouteOptions } from './routes.js';
export type { HeldItem, ExternalDecision } from './review.js';
export { RegistryIndex, linkRows, statusAt, DEFAULT_THRESHOLDS, type LinkResult, type RegistryRecord, type Thresholds } from './engine.js';
export { readListFile, ListFileError, type ListRow } from './input.js';
export { resultColumns, resultLine } from './output.js';
export { syntheticList, syntheticRegistry, type SyntheticRow } from './synthetic.js';

import { defineModule } from '../../platform/module.js';
import { LINKAGE_ERRORS } from './errors.js';
import { LINKAGE_PERMISSIONS } from './permissions.js';
import { LINKAGE_AUDIT } from './audit-actions.js';
import { MESSAGES } from './messages.js';
import { linkageRoutes as linkageRoutesPlugin } from './routes.js';

/** What the linkage module owns (platform/module.ts). */
export const linkageModule = defineModule({
  name: 'linkage',
  title: 'Đối sánh, làm sạch danh sách',
  permissions: LINKAGE_PERMISSIONS,
  errors: LINKAGE_ERRORS,
  auditActions: LINKAGE_AUDIT,
  messages: MESSAGES,
  routes: linkageRoutesPlugin,
  needs: ['registry'],
});
