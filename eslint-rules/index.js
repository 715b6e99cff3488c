// da06's own lint rules (registered in eslint.config.js, tested in src/lint-rules.test.ts).
import moduleBoundaries from './module-boundaries.js';
import moduleLayers from './module-layers.js';
import noRequestCasts from './no-request-casts.js';

export default {
  meta: { name: 'da06' },
  rules: { 'module-boundaries': moduleBoundaries, 'module-layers': moduleLayers, 'no-request-casts': noRequestCasts },
};
