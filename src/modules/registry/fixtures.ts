import type { Db } from '../../platform/db.js';
import { createRegistryStore, type PersonInsert } from './store.js';

/** A handful of people in two communes of Đồng Tháp (82) and one in Hồ Chí Minh (79), for route tests. */
export const PEOPLE: PersonInsert[] = [
  person('082084001234', 'Nguyễn Văn An', '1984-05-12', 'Nam', '28249', 'HK-A', 'Chủ hộ', '123456789', '0912345678'),
  person('082186002345', 'Trần Thị Bích', '1986-02-03', 'Nữ', '28249', 'HK-A', 'Vợ', null, '0912000111'),
  person('082212003456', 'Nguyễn Văn Bình', '2012-09-30', 'Nam', '28249', 'HK-A', 'Con', null, '0912000222'),
  person('087090004567', 'Lê Văn An', '1990-01-01', 'Nam', '28261', 'HK-B', 'Chủ hộ', null, '0987654321'),
  person('079175005678', 'Phạm Thị An', '1975-07-07', 'Nữ', '25747', 'HK-C', 'Chủ hộ'),
];

/** What the fixture people type when they sign up for an e-ID (matches the registry rows above). */
export const SIGN_UPS = {
  an: { personalId: '082084001234', fullName: 'Nguyễn Văn An', dateOfBirth: '1984-05-12', phone: '0912345678' },
  bich: { personalId: '082186002345', fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03', phone: '0912000111' },
  binh: { personalId: '082212003456', fullName: 'Nguyễn Văn Bình', dateOfBirth: '2012-09-30', phone: '0912000222' },
  le: { personalId: '087090004567', fullName: 'Lê Văn An', dateOfBirth: '1990-01-01', phone: '0987654321' },
};

export const COMMUNE_A = '28249';
export const COMMUNE_B = '28261';
export const OTHER_PROVINCE_COMMUNE = '25747';

/** A registry row of a fixture person (tests add their own people with it: insertPeople). */
export function person(
  personalId: string, fullName: string, dateOfBirth: string, sex: 'Nam' | 'Nữ', communeCode: string,
  householdNo: string, relationToHead: string, legacyId: string | null = null, phone: string | null = null,
): PersonInsert {
  return {
    personalId, fullName, dateOfBirth, sex, ethnicity: 'Kinh', religion: 'Không', occupation: null, communeCode, householdNo,
    relationToHead, legacyId, dateOfDeath: null, address: 'Số 1, khu phố 1', residenceFrom: dateOfBirth, phone,
  };
}

export async function insertFixturePeople(db: Db, people: PersonInsert[] = PEOPLE): Promise<void> {
  const store = createRegistryStore(db);
  await db.transaction((tx) => store.insertPeopleBatch(tx, people));
}
