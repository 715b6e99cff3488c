import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute, publicRoute } from '../../platform/access.js';
import type { MoveInput, RegistryService, SearchQuery } from './service.js';
import { AuditTrail, Household, MoveCreate, Person, PersonalIdChange, PersonCreate, PersonKeyParam, PersonList, Scheme, Unit, UnitDetail } from './schema.js';
import { HOUSEHOLD_NO_PATTERN, type PersonInput } from './validate.js';

export function registryRoutes(registry: RegistryService) {
  return async function (app: FastifyInstance) {
    // ---- administrative units: public reference data ----
    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/units',
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
        const { scheme, ...f } = req.query as { scheme: string; level?: string; parentCode?: string; provinceCode?: string; q?: string };
        return registry.listUnits(scheme, f);
      },
    }));

    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/units/:scheme/:code',
      schema: {
        tags: ['Đơn vị hành chính'],
        summary: 'Một đơn vị; với pre2025 kèm đơn vị kế thừa, với 2025 kèm đơn vị trước sáp nhập',
        params: Type.Object({ scheme: Scheme, code: Type.String({ pattern: '^\\d{2,5}$' }) }),
        response: { 200: UnitDetail },
      },
      handler: async (req) => {
        const { scheme, code } = req.params as { scheme: string; code: string };
        return registry.getUnit(scheme, code);
      },
    }));

    // ---- people and households: officers, limited to their area ----
    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/people',
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
      handler: async (req, caller) => registry.searchPeople(caller, req.query as SearchQuery, req.id),
    }));

    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/people/:key',
      schema: {
        tags: ['Dân cư'],
        summary: 'Hồ sơ đầy đủ của công dân (mỗi lần xem được ghi nhật ký)',
        params: PersonKeyParam,
        querystring: Type.Object({ purpose: Type.Optional(Type.String({ maxLength: 200, description: 'Mục đích xem' })) }, { additionalProperties: false }),
        response: { 200: Person },
      },
      // One SQL round trip builds the record (RegistryStore.findPersonDocument); the serializer of `Person` filters it.
      handler: async (req, caller) =>
        registry.getPersonDocument(caller, (req.params as { key: string }).key, (req.query as { purpose?: string }).purpose, req.id),
    }));

    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/people/:key/access-log',
      schema: {
        tags: ['Dân cư'],
        summary: 'Nhật ký: ai đã xem, sửa hồ sơ công dân này',
        params: PersonKeyParam,
        response: { 200: AuditTrail },
      },
      handler: async (req, caller) => registry.personAuditTrail(caller, (req.params as { key: string }).key),
    }));

    app.route(officerRoute('registry.write', {
      method: 'POST',
      url: '/api/v1/people',
      schema: {
        tags: ['Dân cư'],
        summary: 'Đăng ký thông tin công dân mới',
        body: PersonCreate,
        response: { 201: Person },
      },
      handler: async (req, caller, reply) => {
        const person = await registry.createPerson(caller, req.body as PersonInput, req.id);
        return reply.code(201).send(person);
      },
    }));

    app.route(officerRoute('registry.write', {
      method: 'POST',
      url: '/api/v1/people/:key/death',
      schema: {
        tags: ['Dân cư'],
        summary: 'Ghi nhận công dân đã mất (hồ sơ được giữ, đánh dấu, không xóa)',
        params: PersonKeyParam,
        body: Type.Object({ dateOfDeath: Type.String({ maxLength: 20 }) }, { additionalProperties: false }),
        response: { 200: Person },
      },
      handler: async (req, caller) =>
        registry.recordDeath(caller, (req.params as { key: string }).key, (req.body as { dateOfDeath: string }).dateOfDeath, req.id),
    }));

    app.route(officerRoute('registry.write', {
      method: 'POST',
      url: '/api/v1/people/:key/moves',
      schema: {
        tags: ['Dân cư'],
        summary: 'Đăng ký thường trú (chuyển đến) hoặc tạm trú',
        params: PersonKeyParam,
        body: MoveCreate,
        response: { 200: Person },
      },
      handler: async (req, caller) => registry.recordMove(caller, (req.params as { key: string }).key, req.body as MoveInput, req.id),
    }));

    app.route(officerRoute('registry.write', {
      method: 'POST',
      url: '/api/v1/people/:key/personal-id',
      schema: {
        tags: ['Dân cư'],
        summary: 'Xác lập lại số định danh (số cũ được giữ như số đã hủy)',
        params: PersonKeyParam,
        body: PersonalIdChange,
        response: { 200: Person },
      },
      handler: async (req, caller) =>
        registry.reestablishPersonalId(caller, (req.params as { key: string }).key, req.body as { newPersonalId: string; sex: 'Nam' | 'Nữ' }, req.id),
    }));

    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/households/:householdNo',
      schema: {
        tags: ['Dân cư'],
        summary: 'Hộ gia đình và các thành viên',
        params: Type.Object({ householdNo: Type.String({ maxLength: 40, pattern: HOUSEHOLD_NO_PATTERN }) }),
        response: { 200: Household },
      },
      handler: async (req, caller) => registry.getHousehold(caller, (req.params as { householdNo: string }).householdNo, req.id),
    }));
  };
}
