import { defineMessages } from '../../platform/messages.js';

/** Text the lodging module sends to people (errors live in errors.ts). */
export const { texts: MESSAGES, text: message } = defineMessages({
  LODGING_WALLET_NOT_IDENTITY: 'đây là giấy tờ trong ví, không phải mã QR định danh hay mã QR trên thẻ căn cước',
  LODGING_QR_INVALID: 'mã không hợp lệ',
});

export type MessageKey = keyof typeof MESSAGES;
