// Test support other modules' tests share (lint: only test code may import a module's testing.js).
export { PEOPLE, SIGN_UPS, COMMUNE_A, COMMUNE_B, OTHER_PROVINCE_COMMUNE, insertFixturePeople, person as fixturePerson } from './fixtures.js';
export { Person } from './schema.js';
