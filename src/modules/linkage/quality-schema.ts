import { Type } from '@sinclair/typebox';

const Field = Type.Union([
  Type.Literal('personal_id'), Type.Literal('legacy_id'), Type.Literal('full_name'), Type.Literal('date_of_birth'),
  Type.Literal('sex'), Type.Literal('address'), Type.Literal('commune_code'), Type.Literal('phone'),
]);

const Figures = {
  rows: Type.Integer({ description: 'Số dòng' }),
  matched: Type.Integer(),
  review: Type.Integer(),
  unmatched: Type.Integer(),
  completeness: Type.Array(Type.Object({
    field: Field,
    count: Type.Integer({ description: 'Số dòng có giá trị dùng được của cột' }),
    share: Type.Number({ minimum: 0, maximum: 1 }),
  }), { description: 'Độ đầy đủ của từng cột: số định danh 12 số, CMND 9 hoặc 12 số, họ tên có chữ, ngày sinh đọc được, giới tính đọc được, địa chỉ không trống, mã xã 5 số, điện thoại 10–11 số bắt đầu bằng 0' }),
  dateOfBirth: Type.Object({
    full: Type.Integer({ description: 'Ngày sinh đủ ngày, tháng, năm' }),
    monthYear: Type.Integer({ description: 'Chỉ tháng và năm' }),
    yearOnly: Type.Integer({ description: 'Chỉ năm' }),
  }),
  duplicateRows: Type.Integer({ description: 'Dòng khớp cùng một người với dòng khớp khác của danh sách' }),
  deceased: Type.Integer({ description: 'Dòng trỏ tới người đã chết (theo CSDL dân cư lúc đối sánh)' }),
  movedOut: Type.Integer({ description: 'Dòng trỏ tới người đã chuyển thường trú ra ngoài tỉnh (lúc đối sánh)' }),
};

const CommuneFigures = Type.Object({
  communeCode: Type.Union([Type.String(), Type.Null()]),
  communeName: Type.Union([Type.String(), Type.Null()]),
  ...Figures,
});

export const QualityReport = Type.Object({
  runId: Type.Integer(),
  source: Type.String(),
  overall: Type.Object(Figures),
  byPersonCommune: Type.Array(CommuneFigures, { description: 'Theo xã thường trú hiện tại của người mà dòng trỏ tới (người đã khớp, hoặc ứng viên của dòng cần xem xét); communeCode null: dòng không trỏ tới ai' }),
  byListCommune: Type.Array(CommuneFigures, { description: 'Theo commune_code ghi trong dòng của danh sách; communeCode null: dòng không ghi' }),
  duplicates: Type.Object({
    groups: Type.Integer({ description: 'Số người có từ hai dòng khớp trở lên' }),
    rows: Type.Integer({ description: 'Số dòng thuộc các nhóm trùng' }),
    items: Type.Array(Type.Object({ personalId: Type.String(), rows: Type.Array(Type.Integer()) }), { description: 'Các nhóm trùng (tối đa 500 nhóm đầu theo thứ tự dòng)' }),
  }),
});
