import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute, publicRoute } from '../../platform/access.js';
import { subjectShown } from '../../platform/audit.js';
import { DEFAULT_PURPOSE, DETAIL_FIELDS, HOUSEHOLD_FIELDS, LIST_FIELDS, PORTRAIT_FIELDS, type RegistryService } from './service.js';
import { AuditTrail, CorrectionCreate, DeathCreate, Household, MoveCreate, Person, PersonalIdChange, PersonCreate, PersonKeyParam, PersonList, Portrait, PortraitSet, Scheme, Unit, UnitDetail } from './schema.js';
import { HOUSEHOLD_NO_PATTERN } from './validate.js';

export function registryRoutes(registry: RegistryService) {
  return async function (app: FastifyInstance) {
    // ---- administrative units: public reference data ----
    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/units',
      audit: 'none',
      schema: {
        tags: ['Đơn vị hành chính'],
        summary: 'Danh sách đơn vị hành chính của một danh mục',
        querystring: Type.Object({
          scheme: Scheme,
          level: Type.Optional(Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')])),
          parentCode: Type.Optional(Type.String({ pattern: '^\\d{2,3}$' })),
          provinceCode: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
        }, { additionalProperties: false }),
        response: { 200: Type.Array(Unit) },
      },
      handler: async (req) => {
        const { scheme, ...f } = req.query;
        return registry.listUnits(scheme, f);
      },
    }));

    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/units/:scheme/:code',
      audit: 'none',
      schema: {
        tags: ['Đơn vị hành chính'],
        summary: 'Một đơn vị; với pre2025 kèm đơn vị kế thừa, với 2025 kèm đơn vị trước sáp nhập',
        params: Type.Object({ scheme: Scheme, code: Type.String({ pattern: '^\\d{2,5}$' }) }),
        response: { 200: UnitDetail },
      },
      handler: async (req) => registry.getUnit(req.params.scheme, req.params.code),
    }));

    // ---- people and households: officers, limited to their area ----
    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/people',
      // One entry per person in the list, so each appears in their own access history.
      audit: { action: 'person.search', fields: LIST_FIELDS, subjects: (r) => r.items.map(subjectShown), purpose: DEFAULT_PURPOSE },
      schema: {
        tags: ['Dân cư'],
        summary: 'Tìm công dân theo tên (không dấu cũng được), số định danh, số CMND, ngày sinh, xã',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          dateOfBirth: Type.Optional(Type.String({ format: 'date' })),
          communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
          scheme: Type.Optional(Scheme),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, default: 0 })),
        }, { additionalProperties: false }),
        response: { 200: PersonList },
      },
      handler: async (req, caller) => registry.searchPeople(caller, req.query),
    }));

    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/people/:key',
      audit: { action: 'person.read', fields: DETAIL_FIELDS, subjects: (p) => [{ kind: 'person', id: p.personalId }], purpose: DEFAULT_PURPOSE },
      schema: {
        tags: ['Dân cư'],
        summary: 'Hồ sơ đầy đủ của công dân (mỗi lần xem được ghi nhật ký)',
        params: PersonKeyParam,
        querystring: Type.Object({ purpose: Type.Optional(Type.String({ maxLength: 200, description: 'Mục đích xem' })) }, { additionalProperties: false }),
        response: { 200: Person },
      },
      // One SQL round trip builds the record (RegistryStore.findPersonDocument); the serializer of `Person` filters it.
      handler: async (req, caller) => registry.getPersonDocument(caller, req.params.key),
    }));

    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/people/:key/photo',
      audit: { action: 'person.read', fields: PORTRAIT_FIELDS, subjects: (p) => [{ kind: 'person', id: p.personalId }], purpose: DEFAULT_PURPOSE },
      schema: {
        tags: ['Dân cư'],
        summary: 'Ảnh chân dung của công dân (chụp khi cấp thẻ; dữ liệu mẫu: ảnh minh họa). Mỗi lần xem được ghi nhật ký',
        params: PersonKeyParam,
        response: { 200: Portrait },
      },
      handler: async (req, caller) => registry.getPortrait(caller, req.params.key),
    }));

    app.route(officerRoute('registry.write', {
      method: 'PUT',
      url: '/api/v1/people/:key/photo',
      audit: 'person.photo.set',
      purpose: 'Cập nhật ảnh chân dung khi cấp thẻ',
      schema: {
        tags: ['Dân cư'],
        summary: 'Cập nhật ảnh chân dung (khi cấp thẻ căn cước hoặc nhập từ hệ thống khác)',
        params: PersonKeyParam,
        body: PortraitSet,
        response: { 200: Portrait },
      },
      handler: async (req, caller) => registry.setPortrait(caller, req.params.key, req.body),
    }));

    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/people/:key/access-log',
      // Who read or changed the record: no field of the person is shown.
      audit: 'none',
      schema: {
        tags: ['Dân cư'],
        summary: 'Nhật ký: ai đã xem, sửa hồ sơ công dân này',
        params: PersonKeyParam,
        response: { 200: AuditTrail },
      },
      handler: async (req, caller) => registry.personAuditTrail(caller, req.params.key),
    }));

    app.route(officerRoute('registry.write', {
      method: 'POST',
      url: '/api/v1/people',
      audit: 'person.create',
      purpose: 'Đăng ký thông tin công dân',
      schema: {
        tags: ['Dân cư'],
        summary: 'Đăng ký thông tin công dân mới',
        body: PersonCreate,
        response: { 201: Person },
      },
      handler: async (req, caller, reply) => {
        const person = await registry.createPerson(caller, req.body);
        reply.code(201);
        return person;
      },
    }));

    app.route(officerRoute('registry.write', {
      method: 'POST',
      url: '/api/v1/people/:key/death',
      audit: 'person.death.record',
      purpose: 'Khai tử',
      schema: {
        tags: ['Dân cư'],
        summary: 'Ghi nhận công dân đã mất (hồ sơ được giữ, đánh dấu, không xóa)',
        params: PersonKeyParam,
        body: DeathCreate,
        response: { 200: Person },
      },
      handler: async (req, caller) => registry.recordDeath(caller, req.params.key, req.body.dateOfDeath, req.body.place),
    }));

    app.route(officerRoute('registry.write', {
      method: 'POST',
      url: '/api/v1/people/:key/corrections',
      audit: 'person.correct',
      purpose: 'Cải chính thông tin công dân',
      schema: {
        tags: ['Dân cư'],
        summary: 'Cải chính một thông tin (họ tên, ngày sinh, dân tộc, tôn giáo, nghề nghiệp) kèm lý do; giá trị cũ được giữ trong lịch sử cải chính',
        params: PersonKeyParam,
        body: CorrectionCreate,
        response: { 200: Person },
      },
      handler: async (req, caller) => registry.correctPerson(caller, req.params.key, req.body),
    }));

    app.route(officerRoute('registry.write', {
      method: 'POST',
      url: '/api/v1/people/:key/moves',
      audit: 'person.move',
      purpose: 'Đăng ký cư trú',
      schema: {
        tags: ['Dân cư'],
        summary: 'Đăng ký thường trú (chuyển đến) hoặc tạm trú',
        params: PersonKeyParam,
        body: MoveCreate,
        response: { 200: Person },
      },
      handler: async (req, caller) => registry.recordMove(caller, req.params.key, req.body),
    }));

    app.route(officerRoute('registry.write', {
      method: 'POST',
      url: '/api/v1/people/:key/personal-id',
      audit: 'person.personal-id.establish',
      purpose: 'Xác lập lại số định danh',
      schema: {
        tags: ['Dân cư'],
        summary: 'Xác lập lại số định danh (số cũ được giữ như số đã hủy)',
        params: PersonKeyParam,
        body: PersonalIdChange,
        response: { 200: Person },
      },
      handler: async (req, caller) => registry.reestablishPersonalId(caller, req.params.key, req.body),
    }));

    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/households/:householdNo',
      // One entry per member shown.
      audit: { action: 'household.read', fields: HOUSEHOLD_FIELDS, subjects: (h) => h.members.map(subjectShown), purpose: DEFAULT_PURPOSE },
      schema: {
        tags: ['Dân cư'],
        summary: 'Hộ gia đình và các thành viên',
        params: Type.Object({ householdNo: Type.String({ maxLength: 40, pattern: HOUSEHOLD_NO_PATTERN }) }),
        response: { 200: Household },
      },
      handler: async (req, caller) => registry.getHousehold(caller, req.params.householdNo),
    }));
  };
}
