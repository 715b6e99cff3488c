import { defineEvents } from '../../platform/events.js';

/** Events the registry emits after its transaction commits. */
export const REGISTRY_EVENTS = defineEvents({
  'registry.person.died': { description: 'Đã ghi nhận công dân mất (hồ sơ được giữ, đánh dấu). Định danh điện tử khóa tài khoản.' },
  'registry.person.born': { description: 'Đã đăng ký khai sinh: trẻ có số định danh, được nhập hộ và liên kết với cha mẹ (theo hồ sơ).' },
  'registry.person.id-changed': { description: 'Số định danh được xác lập lại; số cũ thành số đã hủy.' },
});

declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A death was recorded in the registry (the person stays, marked). */
    'registry.person.died': {
      personId: number; personalId: string; dateOfDeath: string;
      /** Where the death happened, as recorded (null: not said). */
      place: string | null;
      /** The death registration dossier it came from (null: recorded by an officer directly). */
      sourceDossier: string | null;
    };
    /** A birth was registered from a public-service dossier: the child is in the registry with an allocated personal ID. */
    'registry.person.born': { personId: number; personalId: string; dateOfBirth: string; householdNo: string; dossierCode: string };
    /** A personal ID was re-established: the old number is cancelled. */
    'registry.person.id-changed': { personId: number; oldPersonalId: string; newPersonalId: string };
  }
}
