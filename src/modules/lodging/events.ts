import { defineEvents } from '../../platform/events.js';

/** Events the lodging module emits after its transaction commits. */
export const LODGING_EVENTS = defineEvents({
  'lodging.alert.raised': {
    description: 'Khách lưu trú trùng danh sách theo dõi: cảnh báo đã ghi, đẩy tới màn hình công an địa bàn (không báo cho cơ sở).',
    broadcast: true,
  },
  'lodging.stay.changed': {
    description: 'Cơ sở lưu trú sửa (phòng, ngày dự kiến rời đi) hoặc hủy một khai báo: báo tới màn hình công an địa bàn để tải lại danh sách.',
    broadcast: true,
  },
});

declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A declared stay matched the police watchlist: alerts committed, for the consoles of the area. */
    'lodging.alert.raised': { alertIds: number[]; communeCode: string; provinceCode: string };
    /** A facility amended or cancelled a stay (committed): the consoles of the area reload it. */
    'lodging.stay.changed': { stayId: number; change: 'amended' | 'cancelled'; communeCode: string; provinceCode: string };
  }
}
