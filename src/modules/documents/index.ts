// The documents module (issue 16): results as PDFs with a PAdES signature by the issuing unit's certificate,
// kept in PostgreSQL with their hash, checked by anyone at /verify, revoked by the unit, listed in the citizen's
// document store (kho dữ liệu điện tử, DOMAIN-SERVICES.md §1.8). Other modules import only this file.
export { createDocumentsService, DEVELOPMENT_NOTICE, type DocumentsService, type DocumentsDeps, type DocumentMeta, type Sealing, type SignedResult, type Verification, type ResultWallet, type ResultForWallet } from './service.js';
export { DEVELOPMENT_MARK } from './signing-identity.js';

import { defineModule } from '../../platform/module.js';
import { DOCUMENTS_ERRORS } from './errors.js';
import { DOCUMENTS_PERMISSIONS } from './permissions.js';
import { DOCUMENTS_AUDIT } from './audit-actions.js';
import { documentsRoutes } from './routes.js';

/** What the documents module owns (platform/module.ts). */
export const documentsModule = defineModule({
  name: 'documents',
  title: 'Văn bản điện tử',
  permissions: DOCUMENTS_PERMISSIONS,
  errors: DOCUMENTS_ERRORS,
  auditActions: DOCUMENTS_AUDIT,
  routes: documentsRoutes,
  needs: [],
});
