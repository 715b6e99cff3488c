/**
 * A realistic monthly report for tests and for the sample files a person can open: the Đồng Tháp
 * working group's report for November 2026. Figures are invented but shaped like real ones.
 */
import type { MonthlyReport, ReportModelRow } from './types.js';

const STATUS_LABEL: Record<ReportModelRow['status'], string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang triển khai',
  done: 'Hoàn thành',
  overdue: 'Quá hạn',
};

function model(row: Omit<ReportModelRow, 'statusLabel'>): ReportModelRow {
  return { ...row, statusLabel: STATUS_LABEL[row.status] };
}

export const FIXTURE_MODELS: ReportModelRow[] = [
  model({
    number: '9', national: 9, name: 'Mô hình 9: Thông báo lưu trú qua ứng dụng VNeID và phần mềm quản lý cơ sở lưu trú',
    leadUnit: 'Công an tỉnh', status: 'in_progress', deadline: '2026-12-31',
    indicators: [
      { label: 'Cơ sở lưu trú có thông báo trong tháng / đang hoạt động', value: '42/57 (73,7%)', kind: 'platform', source: 'da06' },
      { label: 'Lượt thông báo lưu trú qua VNeID', value: '3.418', kind: 'platform', source: 'da06' },
    ],
    problems: 'Một số cơ sở lưu trú nhỏ chưa có thiết bị kết nối Internet ổn định.',
  }),
  model({
    number: '2.1', national: 12, name: 'Cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID',
    leadUnit: 'Sở Tư pháp', status: 'done', deadline: '2026-09-30',
    indicators: [{ label: 'Phiếu lý lịch tư pháp cấp qua VNeID', value: '1.126', kind: 'manual', source: 'Sở Tư pháp' }],
    problems: '',
  }),
  model({
    number: '3', national: 4, name: 'Khám, chữa bệnh bằng thẻ căn cước thay thẻ bảo hiểm y tế',
    leadUnit: 'Sở Y tế', status: 'in_progress', deadline: '2026-12-15',
    indicators: [
      { label: 'Cơ sở khám chữa bệnh đã triển khai', value: '128/131 (97,7%)', kind: 'manual', source: 'Bảo hiểm xã hội tỉnh' },
    ],
    problems: 'Ba trạm y tế xã chưa được cấp đầu đọc thẻ căn cước.',
  }),
  model({
    number: '4', national: 17, name: 'Chi trả an sinh xã hội không dùng tiền mặt',
    leadUnit: 'Sở Nội vụ', status: 'overdue', deadline: '2026-10-31',
    indicators: [{ label: 'Đối tượng nhận trợ cấp qua tài khoản', value: '18.204/25.671 (70,9%)', kind: 'manual', source: 'Sở Nội vụ' }],
    problems: 'Nhiều người cao tuổi chưa mở tài khoản ngân hàng; đề nghị các ngân hàng hỗ trợ mở tài khoản tại xã.',
  }),
  model({
    number: '5', national: null, name: 'Sổ sức khỏe điện tử trên ứng dụng VNeID',
    leadUnit: 'Sở Y tế', status: 'in_progress', deadline: null,
    indicators: [{ label: 'Người dân đã có sổ sức khỏe điện tử', value: '612.530', kind: 'manual', source: 'Sở Y tế' }],
    problems: '',
  }),
  model({
    number: '6', national: 21, name: 'Thu học phí không dùng tiền mặt tại các cơ sở giáo dục',
    leadUnit: 'Sở Giáo dục và Đào tạo', status: 'not_started', deadline: '2027-03-31',
    indicators: [],
    problems: 'Chờ hướng dẫn của Bộ Giáo dục và Đào tạo về kết nối dữ liệu học sinh.',
  }),
  model({
    number: '7', national: 2, name: 'Liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
    leadUnit: 'Sở Tư pháp', status: 'overdue', deadline: '2026-11-15',
    indicators: [
      { label: 'Hồ sơ liên thông giải quyết đúng hạn', value: '861/940 (91,6%)', kind: 'platform', source: 'da06' },
      { label: 'Hồ sơ trả lại do sai dữ liệu', value: '37', kind: 'manual', source: 'UBND các xã, phường' },
    ],
    problems: 'Dữ liệu hộ tịch cũ chưa được số hóa đầy đủ.',
  }),
  model({
    number: '8', national: null, name: 'Xác thực sinh trắc học khi giao dịch tại ngân hàng',
    leadUnit: 'Ngân hàng Nhà nước Khu vực 14', status: 'done', deadline: '2026-08-31',
    indicators: [{ label: 'Tài khoản đã đối chiếu sinh trắc học', value: '96,2%', kind: 'manual', source: 'Ngân hàng Nhà nước Khu vực 14' }],
    problems: '',
  }),
];

export const FIXTURE_REPORT: MonthlyReport = {
  issuer: ['UBND TỈNH ĐỒNG THÁP', 'TỔ CÔNG TÁC ĐỀ ÁN 06'],
  number: 'Số: 12/BC-TCTĐA06',
  placeAndDate: 'Đồng Tháp, ngày 05 tháng 12 năm 2026',
  kind: 'BÁO CÁO',
  title: 'Kết quả triển khai các mô hình điểm Đề án 06 tháng 11/2026',
  intro: [
    'Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030, Tổ Công tác Đề án 06 tỉnh báo cáo kết quả triển khai các mô hình điểm trong tháng 11/2026 như sau:',
  ],
  highlights: [
    { label: 'Tổng số mô hình trong kế hoạch', value: '8 mô hình' },
    { label: 'Đã hoàn thành', value: '2 mô hình (25,0%)' },
    { label: 'Đang triển khai', value: '3 mô hình' },
    { label: 'Quá hạn', value: '2 mô hình' },
    { label: 'Hồ sơ dịch vụ công trực tuyến toàn trình trong tháng', value: '14.382 hồ sơ' },
  ],
  models: FIXTURE_MODELS,
  charts: [
    {
      title: 'Lượt thông báo lưu trú qua VNeID theo khu vực',
      unit: 'lượt',
      bars: [
        { label: 'Phường Cao Lãnh', value: 1245 },
        { label: 'Phường Sa Đéc', value: 980 },
        { label: 'Phường Hồng Ngự', value: 512 },
        { label: 'Xã Tháp Mười', value: 431 },
        { label: 'Các xã, phường còn lại', value: 250 },
      ],
    },
    {
      title: 'Hồ sơ dịch vụ công trực tuyến theo lĩnh vực',
      unit: 'hồ sơ',
      bars: [
        { label: 'Tư pháp - Hộ tịch', value: 6120 },
        { label: 'Cư trú', value: 4870 },
        { label: 'Bảo hiểm xã hội', value: 2190 },
        { label: 'Giáo dục', value: 1202 },
      ],
    },
  ],
  problems: [
    'Hạ tầng mạng tại một số xã vùng sâu chưa ổn định, ảnh hưởng đến việc thông báo lưu trú và xác thực sinh trắc học.',
    'Đề nghị Sở Tài chính bố trí kinh phí trang bị đầu đọc thẻ căn cước cho các trạm y tế xã còn thiếu.',
  ],
  nextTasks: [
    'Hoàn thành mô hình chi trả an sinh xã hội không dùng tiền mặt trước ngày 31/12/2026.',
    'Rà soát, làm sạch dữ liệu hộ tịch để giảm hồ sơ liên thông bị trả lại.',
  ],
  recipients: ['Tổ Công tác triển khai Đề án 06 Chính phủ', 'Thường trực Tỉnh ủy', 'Chủ tịch, các PCT UBND tỉnh', 'Các thành viên Tổ Công tác', 'Lưu: VT, CAT'],
  signature: { authority: ['TM. TỔ CÔNG TÁC'], title: 'Tổ trưởng', name: 'Nguyễn Văn An' },
  generatedNote: 'Số liệu đánh dấu "(tự động)" được tổng hợp từ dữ liệu của nền tảng Đề án 06; số liệu "(nhập tay)" do đơn vị ghi trong ngoặc cung cấp.',
};

/** A long report for pagination checks: the fixture's models repeated until there are `count`. */
export function longReport(count: number): MonthlyReport {
  const models = Array.from({ length: count }, (_, i) => {
    const base = FIXTURE_MODELS[i % FIXTURE_MODELS.length];
    return { ...base, number: String(i + 1), name: `${base.name} (đợt ${Math.floor(i / FIXTURE_MODELS.length) + 1})` };
  });
  return { ...FIXTURE_REPORT, models };
}
