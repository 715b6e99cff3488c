import type { Locale } from 'antd/es/locale/index.js';
import viVNModule from 'antd/es/locale/vi_VN.js';
import 'dayjs/locale/vi';

/**
 * antd's Vietnamese locale. TypeScript (NodeNext) sees antd's untyped-module .d.ts as CommonJS
 * and types the default import as the module object; the bundler hands over the locale itself.
 */
const imported = viVNModule as unknown as Locale & { default?: Locale };
export const viVN: Locale = imported.default ?? imported;
