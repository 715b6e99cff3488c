/** Every user-facing text of the web UI, in Vietnamese. Components read from here only. */
export const messages = {
  appName: 'da06 — Nền tảng Đề án 06',
  appSubtitle: 'Dữ liệu dân cư, định danh và xác thực điện tử cấp tỉnh',
  documentTitle: 'da06 — Cơ sở dữ liệu dân cư',
  footer: 'Dữ liệu dân cư là dữ liệu cá nhân được bảo vệ. Chỉ truy cập khi có nhiệm vụ.',

  // sign-in
  loginTitle: 'Đăng nhập cán bộ',
  loginHint: 'Sử dụng tài khoản được cấp để truy cập hệ thống.',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  usernameRequired: 'Vui lòng nhập tên đăng nhập',
  passwordRequired: 'Vui lòng nhập mật khẩu',
  signIn: 'Đăng nhập',
  signOut: 'Đăng xuất',
  sessionExpired: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',

  // layout
  navPeople: 'Tra cứu công dân',
  area: 'Địa bàn',
  loading: 'Đang tải…',
  back: 'Quay lại',
  genericError: 'Đã xảy ra lỗi, vui lòng thử lại.',
  networkError: 'Không kết nối được máy chủ.',
  notFoundTitle: 'Không tìm thấy trang',
  toHome: 'Về trang chủ',

  // search
  searchTitle: 'Tra cứu công dân',
  searchHint: 'Tìm theo họ tên (có hoặc không dấu), số định danh cá nhân 12 số hoặc số CMND 9 số.',
  searchQuery: 'Họ tên, số định danh hoặc CMND',
  searchQueryPlaceholder: 'Ví dụ: nguyen van an hoặc 082012345678',
  dateOfBirthFilter: 'Ngày sinh',
  communeFilter: 'Xã/phường',
  allCommunes: 'Tất cả xã/phường',
  search: 'Tìm kiếm',
  reset: 'Xóa điều kiện',
  loadMore: 'Xem thêm',
  noResults: 'Không tìm thấy công dân phù hợp',
  resultsCount: 'Đang hiển thị {n} kết quả',
  enterCriteria: 'Nhập ít nhất một điều kiện để tìm kiếm.',

  // columns / fields
  fullName: 'Họ và tên',
  personalIdMasked: 'Số định danh',
  personalId: 'Số định danh cá nhân',
  dateOfBirth: 'Ngày sinh',
  sex: 'Giới tính',
  commune: 'Xã/phường',
  ethnicity: 'Dân tộc',
  religion: 'Tôn giáo',
  occupation: 'Nghề nghiệp',
  status: 'Tình trạng',
  alive: 'Đang sống',
  deceased: 'Đã mất',
  deceasedOn: 'Đã mất ngày {date}',
  placeOfRegistration: 'Nơi đăng ký thường trú',
  none: '—',

  // person page
  personTitle: 'Hồ sơ công dân',
  viewLogged: 'Mọi lần xem hồ sơ đều được ghi nhật ký',
  viewLoggedDetail: 'Lần xem này đã được ghi nhận kèm tên cán bộ, thời gian và mục đích.',
  residences: 'Nơi cư trú',
  residenceKind: 'Loại',
  permanent: 'Thường trú',
  temporary: 'Tạm trú',
  address: 'Địa chỉ',
  validFrom: 'Từ ngày',
  validTo: 'Đến ngày',
  present: 'Hiện tại',
  noResidences: 'Chưa có thông tin cư trú',
  household: 'Hộ gia đình',
  householdNo: 'Số hộ',
  relationToHead: 'Quan hệ với chủ hộ',
  members: 'Thành viên trong hộ',
  noHousehold: 'Chưa thuộc hộ gia đình nào',
  formerIdentifiers: 'Số định danh cũ',
  idKind: 'Loại giấy tờ',
  idValue: 'Số',
  validUntil: 'Hiệu lực đến',
  cmnd: 'Chứng minh nhân dân',
  cancelledId: 'Số định danh đã hủy',
  noFormerIds: 'Không có số định danh cũ',
  lifeEvents: 'Sự kiện hộ tịch',
  birth: 'Khai sinh',
  move: 'Chuyển đến',
  death: 'Khai tử',
  noLifeEvents: 'Chưa có sự kiện hộ tịch',
  accessLog: 'Nhật ký truy cập',
  accessAt: 'Thời gian',
  accessActor: 'Cán bộ',
  accessAction: 'Thao tác',
  accessFields: 'Trường dữ liệu',
  accessPurpose: 'Mục đích',
  noAccessLog: 'Chưa có lượt truy cập',

  // household page
  householdTitle: 'Hộ gia đình số {no}',
  householdAddress: 'Địa chỉ hộ',
  memberCount: 'Số thành viên',
} as const;

export type MessageKey = keyof typeof messages;

/** Message with `{name}` placeholders filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Audit action codes → Vietnamese. */
export const actionLabels: Record<string, string> = {
  'person.read': 'Xem hồ sơ',
  'person.create': 'Đăng ký',
  'person.death.record': 'Ghi nhận khai tử',
  'household.read': 'Xem hộ',
  'person.search': 'Tìm kiếm',
};

/** Field names recorded in the audit trail → Vietnamese. */
export const fieldLabels: Record<string, string> = {
  personalId: 'Số định danh',
  fullName: 'Họ tên',
  dateOfBirth: 'Ngày sinh',
  sex: 'Giới tính',
  ethnicity: 'Dân tộc',
  religion: 'Tôn giáo',
  occupation: 'Nghề nghiệp',
  residence: 'Cư trú',
  household: 'Hộ gia đình',
  formerIdentifiers: 'Số định danh cũ',
  lifeEvents: 'Sự kiện hộ tịch',
  dateOfDeath: 'Ngày mất',
  members: 'Thành viên hộ',
  address: 'Địa chỉ',
  commune: 'Xã/phường',
  'personalId(masked)': 'Số định danh (đã che)',
};

export const levelLabels: Record<string, string> = {
  province: 'Cấp tỉnh',
  commune: 'Cấp xã',
};
