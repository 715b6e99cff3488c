// Regenerates the documents derived from code: docs/errors.md, docs/configuration.md, docs/openapi.json,
// docs/events.md, docs/permissions.md, docs/audit-actions.md, docs/verification-reasons.md.
import { writeFileSync } from 'node:fs';
import { auditActionsDoc, configurationDoc, errorsDoc, eventsDoc, permissionsDoc } from '../src/platform/docs.js';
import { assembleModules } from '../src/platform/module.js';
import { openapiDocument } from '../src/openapi.js';
import { MODULES } from '../src/compose.js';
import { ROLES } from '../src/roles.js';
import { verificationReasonsDoc } from '../src/modules/credentials/reasons-doc.js';

const assembled = assembleModules(MODULES);
const write = (name: string, text: string) => writeFileSync(new URL(`../docs/${name}`, import.meta.url), text);
write('errors.md', errorsDoc(assembled));
write('configuration.md', configurationDoc());
write('openapi.json', await openapiDocument());
write('events.md', eventsDoc(assembled));
write('permissions.md', permissionsDoc(assembled, ROLES));
write('audit-actions.md', auditActionsDoc(assembled));
write('verification-reasons.md', verificationReasonsDoc());
