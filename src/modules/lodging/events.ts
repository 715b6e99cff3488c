import { defineEvents } from '../../platform/events.js';

/** Events the lodging module emits after its transaction commits. */
export const LODGING_EVENTS = defineEvents({
  'lodging.alert.raised': {
    description: 'Khách lưu trú trùng danh sách theo dõi: cảnh báo đã ghi, đẩy tới màn hình công an địa bàn (không báo cho cơ sở).',
    broadcast: true,
  },
});

declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A declared stay matched the police watchlist: alerts committed, for the consoles of the area. */
    'lodging.alert.raised': { alertIds: number[]; communeCode: string; provinceCode: string };
  }
}
