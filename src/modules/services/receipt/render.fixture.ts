/**
 * Papers of one dossier for the rendering tests. The dates follow the test vector of
 * DOMAIN-SERVICES.md §1.7: accepted on Thursday 12/02/2026, 3 working days, Tết off 14–22/02, so
 * the result is due on 24/02/2026.
 */
import type { ApologyData, DossierPaperBase, ReceiptData, RefusalData, SupplementData } from './index.js';

/** 14:05 on 12/02/2026 in Vietnam. */
export const RECEIVED_AT = new Date('2026-02-12T07:05:00Z');
/** 17:00 on 24/02/2026 in Vietnam. */
export const APPOINTMENT_AT = new Date('2026-02-24T10:00:00Z');
export const DOSSIER_CODE = 'G22.99.08-260212-000123';

const BASE: DossierPaperBase = {
  dossierCode: DOSSIER_CODE,
  unit: { parent: 'Ủy ban nhân dân xã Tân Hòa', name: 'Bộ phận Một cửa', place: 'Tân Hòa', address: 'số 1 đường Nguyễn Huệ, xã Tân Hòa, tỉnh Đồng Tháp', phone: '0277 3851 234' },
  applicant: { name: 'Nguyễn Thị Hồng Nhung', address: 'ấp Tân Lập, xã Tân Hòa, tỉnh Đồng Tháp', phone: '0912 345 678', email: 'nhung.nguyen@example.vn' },
  procedure: { name: 'Đăng ký thường trú', code: '1.004222' },
  lookupUrl: 'https://dichvucong.dongthap.gov.vn/tra-cuu-ho-so',
  issuedAt: RECEIVED_AT,
};

export const RECEIPT: ReceiptData = {
  ...BASE,
  documents: [
    { name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', originals: 1, copies: 0 },
    { name: 'Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp (hợp đồng mua bán nhà ở đã công chứng)', originals: 0, copies: 1 },
  ],
  notRequired: [
    'Thẻ Căn cước công dân (thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư)',
    'Giấy khai sinh',
    'Giấy xác nhận thông tin về cư trú (Mẫu CT07)',
  ],
  sets: 1,
  timeLimit: { workingDays: 3 },
  receivedAt: RECEIVED_AT,
  appointmentAt: APPOINTMENT_AT,
  delivery: 'counter',
  deliveryDetail: 'quầy số 3, Trung tâm phục vụ hành chính công xã Tân Hòa',
  fees: [{ label: 'Lệ phí đăng ký thường trú', amount: 20000 }],
  register: { book: '02/2026', entry: '123' },
  officer: { name: 'Trần Văn Bình' },
};

export const SUPPLEMENT: SupplementData = {
  ...BASE,
  issuedAt: new Date('2026-02-13T02:30:00Z'),
  receivedAt: RECEIVED_AT,
  items: [
    { what: 'Bổ sung văn bản đồng ý cho đăng ký thường trú của chủ sở hữu chỗ ở hợp pháp', reason: 'chỗ ở không thuộc sở hữu của người đăng ký' },
    { what: 'Nộp bản sao hợp đồng mua bán nhà ở có chứng thực', reason: 'bản đã nộp không đọc được trang 2' },
    { what: 'Ghi rõ quan hệ với chủ hộ tại mục 10 của Tờ khai CT01' },
  ],
  respondBy: new Date('2026-03-02T10:00:00Z'),
  contact: { name: 'ông Trần Văn Bình', phone: '0277 3851 234' },
  officer: { name: 'Trần Văn Bình' },
};

export const REFUSAL: RefusalData = {
  ...BASE,
  receivedAt: RECEIVED_AT,
  reasons: ['Chỗ ở đề nghị đăng ký thường trú thuộc địa điểm không được đăng ký thường trú mới (Điều 23 Luật Cư trú).'],
  officer: { name: 'Trần Văn Bình' },
};

/** 17:00 on 03/03/2026 in Vietnam: the one new appointment. */
export const NEW_APPOINTMENT_AT = new Date('2026-03-03T10:00:00Z');

export const APOLOGY: ApologyData = {
  ...BASE,
  issuedAt: new Date('2026-02-23T02:00:00Z'),
  receivedAt: RECEIVED_AT,
  originalAppointmentAt: APPOINTMENT_AT,
  newAppointmentAt: NEW_APPOINTMENT_AT,
  reasons: ['Cần xác minh thông tin về chỗ ở hợp pháp với cơ quan quản lý đất đai.'],
  signer: { name: 'Lê Minh Tâm', caption: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] },
};
