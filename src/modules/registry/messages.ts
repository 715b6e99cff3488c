import { defineMessages } from '../../platform/messages.js';

/** Text the registry module sends to people (errors live in errors.ts). */
export const { texts: MESSAGES, text: message } = defineMessages({
  IMPORT_HEADER_MISSING: 'thiếu cột {columns}',
  IMPORT_HEADER_UNKNOWN: 'cột không được hỗ trợ: {columns}',
  IMPORT_HEADER_DUPLICATED: 'cột lặp lại: {columns}',
  IMPORT_SUMMARY: 'Tệp có {lines} dòng: {header} dòng tiêu đề, {blank} dòng trống, {read} dòng dữ liệu; nhập {imported}, từ chối {rejected}',
  STATS_OTHER: 'Khác',
});

export type MessageKey = keyof typeof MESSAGES;
