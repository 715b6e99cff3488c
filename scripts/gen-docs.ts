// Regenerates the documents derived from code: docs/errors.md, docs/configuration.md, docs/openapi.json,
// docs/events.md, docs/permissions.md, docs/audit-actions.md, docs/verification-reasons.md, docs/procedures.md, and the web UI's
// API types (web/src/api/schema.ts) from that OpenAPI document.
import { writeFileSync } from 'node:fs';
import { auditActionsDoc, configurationDoc, errorsDoc, eventsDoc, permissionsDoc } from '../src/platform/docs.js';
import { assembleModules } from '../src/platform/module.js';
import { openapiDocument } from '../src/openapi.js';
import { MODULES } from '../src/compose.js';
import { ROLES } from '../src/roles.js';
import { verificationReasonsDoc } from '../src/modules/credentials/index.js';
import { loadCatalogue, proceduresDoc } from '../src/modules/services/index.js';
import { WEB_SCHEMA_FILE, webClientSchema } from './web-client.js';

const assembled = assembleModules(MODULES);
const write = (name: string, text: string) => writeFileSync(new URL(`../docs/${name}`, import.meta.url), text);
const openapi = await openapiDocument();
write('errors.md', errorsDoc(assembled));
write('configuration.md', configurationDoc());
write('openapi.json', openapi);
write('events.md', eventsDoc(assembled));
write('permissions.md', permissionsDoc(assembled, ROLES));
write('audit-actions.md', auditActionsDoc(assembled));
write('verification-reasons.md', verificationReasonsDoc());
write('procedures.md', proceduresDoc(loadCatalogue()));
writeFileSync(WEB_SCHEMA_FILE, await webClientSchema(openapi));
