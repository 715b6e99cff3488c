import { defineEvents } from '../platform/events.js';

/** Events the platform's own tests emit: the platform knows no module's events. */
export const TEST_EVENTS = defineEvents({
  'test.broadcast': { description: 'Sự kiện thử gửi tới mọi máy chủ', broadcast: true },
  'test.local': { description: 'Sự kiện thử trong tiến trình' },
});

declare module '../platform/events.js' {
  interface DomainEvents {
    'test.broadcast': { alertIds: number[]; communeCode: string; provinceCode: string };
    'test.local': { personId: number; personalId: string; dateOfDeath: string };
  }
}
