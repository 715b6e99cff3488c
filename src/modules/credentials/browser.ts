// Browser-safe vocabulary the web UI imports (lint: only web/ imports a module's browser.ts; it must
// import nothing that reaches the server).
export { CHIP_FACE_FIELD, CHIP_FACE_LABEL, FIELD_LABELS, PURPOSE_FIELDS, RELYING_PARTY_TYPES } from './fields.js';
