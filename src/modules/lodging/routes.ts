import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { citizenRoute, officerRoute, publicRoute, streamedRead, verifierRoute } from '../../platform/access.js';
import { subjectShown } from '../../platform/audit.js';
import { STAY_FIELDS, type LodgingService } from './service.js';
import * as S from './schema.js';
import { stayViewSubject, type AlertView } from './views.js';

const DESK_TAG = ['Lưu trú: cơ sở khai báo'];
const POLICE_TAG = ['Lưu trú: công an quản lý'];
const CITIZEN_TAG = ['Định danh điện tử công dân'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const HEARTBEAT_MS = 15_000;
const DESK_PURPOSE = 'Thông báo lưu trú';
const POLICE_PURPOSE = 'Quản lý lưu trú';
/** A facility's record names its owner, phone and address (a rental room's owner is a private person). */
const FACILITY_FIELDS = ['owner_name', 'phone', 'address'];
const facilitySubject = (f: { id: number }) => ({ kind: 'lodging_facility', id: String(f.id) });
/** Lists whose answer masks identity numbers: their service marks each item with its guest (views.ts `shownStay`). */
const guestsShown = (r: { items: object[] }) => r.items.map(subjectShown);
/** The alert stream's answer is its events: each is recorded as it is pushed (`streamedRead`). */
const EACH_EVENT = () => [];

export function lodgingRoutes(lodging: LodgingService, opts: { applicationsPerMinute: number }) {
  return async function (app: FastifyInstance) {
    /** Open alert streams, ended when the server closes. */
    const streams = new Set<() => void>();
    app.addHook('onClose', async () => {
      for (const end of streams) end();
    });

    // ---- the facility's desk ----
    app.route(verifierRoute({
      method: 'GET',
      url: '/api/v1/desk/facility',
      audit: { action: 'lodging.facility.read', fields: FACILITY_FIELDS, subjects: (r) => [facilitySubject(r.facility)], purpose: DESK_PURPOSE },
      schema: { tags: DESK_TAG, summary: 'Cơ sở lưu trú của quầy và hạn thông báo áp dụng cho khách đến lúc này', response: { 200: S.DeskFacility } },
      handler: async (_req, verifier) => lodging.deskFacility(verifier),
    }));

    app.route(verifierRoute({
      method: 'GET',
      url: '/api/v1/desk/stays',
      audit: { action: 'lodging.stay.desk-read', fields: ['full_name', 'date_of_birth', 'room'], subjects: guestsShown, purpose: DESK_PURPOSE },
      schema: {
        tags: DESK_TAG, summary: 'Khách của cơ sở: đang lưu trú (mặc định) hoặc cả khách đã đi, đã hủy; tìm theo họ tên, số phòng',
        querystring: S.DeskStaysQuery, response: { 200: S.CitizenStays },
      },
      handler: async (req, verifier) => lodging.guestsAt(verifier, { current: req.query.current !== false, q: req.query.q, room: req.query.room }),
    }));

    app.route(verifierRoute({
      method: 'PATCH',
      url: '/api/v1/desk/stays/:id',
      audit: 'lodging.stay.amended',
      purpose: DESK_PURPOSE,
      schema: {
        tags: DESK_TAG, summary: 'Sửa khai báo của khách đang lưu trú: phòng, ngày dự kiến rời đi (công an địa bàn thấy cả giá trị cũ)',
        params: Id, body: S.AmendStayBody, response: { 200: S.Stay },
      },
      handler: async (req, verifier) => lodging.amendStay(verifier, req.params.id, req.body),
    }));

    app.route(verifierRoute({
      method: 'POST',
      url: '/api/v1/desk/stays/:id/cancellation',
      audit: 'lodging.stay.cancelled',
      purpose: DESK_PURPOSE,
      schema: {
        tags: DESK_TAG, summary: 'Hủy khai báo của khách chưa rời đi, có lý do (công an địa bàn vẫn thấy khai báo, kèm lý do hủy)',
        params: Id, body: S.CancelStayBody, response: { 200: S.Stay },
      },
      handler: async (req, verifier) => lodging.cancelStay(verifier, req.params.id, req.body.reason),
    }));

    app.route(verifierRoute({
      method: 'POST',
      url: '/api/v1/desk/stays',
      audit: 'lodging.stay.declared',
      purpose: DESK_PURPOSE,
      schema: {
        tags: DESK_TAG,
        summary: 'Thông báo lưu trú: một hoặc nhiều khách (quét mã QR, chip thẻ, hoặc nhập thông tin)',
        description: 'Ghi bền vững trước khi trả lời. Gửi lại cùng Idempotency-Key trả về khai báo đã ghi, không tạo lưu trú thứ hai. '
          + 'Thông báo sau thời hạn vẫn được nhận và đánh dấu trễ hạn.',
        headers: S.IdempotencyHeaders, body: S.DeclareBody, response: { 201: S.Booking, 200: S.Booking },
      },
      handler: async (req, verifier, reply) => {
        const booking = await lodging.declare(verifier, req.body, req.headers['idempotency-key']);
        reply.code(booking.replayed ? 200 : 201);
        return booking;
      },
    }));

    app.route(verifierRoute({
      method: 'POST',
      url: '/api/v1/desk/stays/check-out',
      audit: 'lodging.stay.departed',
      purpose: DESK_PURPOSE,
      schema: { tags: DESK_TAG, summary: 'Khách rời cơ sở', body: S.CheckOutBody, response: { 200: S.CheckedOut } },
      handler: async (req, verifier) => lodging.checkOut(verifier, req.body.stayIds, req.body.departedAt),
    }));

    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/lodging/facility-applications',
      audit: 'lodging.facility.applied',
      schema: { tags: DESK_TAG, summary: 'Cơ sở lưu trú tự đăng ký (chờ công an xã duyệt)', body: S.ApplicationBody, response: { 201: S.Facility } },
      config: { rateLimit: { max: opts.applicationsPerMinute, timeWindow: 60_000 } },
      handler: async (req, _caller, reply) => {
        reply.code(201);
        return lodging.facilities.apply(req.body);
      },
    }));

    // ---- police ----
    app.route(officerRoute('lodging.oversee', {
      method: 'GET',
      url: '/api/v1/lodging/stays',
      audit: { action: 'lodging.stay.read', fields: STAY_FIELDS, subjects: guestsShown, purpose: POLICE_PURPOSE },
      schema: { tags: POLICE_TAG, summary: 'Lưu trú trong địa bàn: tìm theo họ tên (không dấu), số định danh, hộ chiếu; lọc', querystring: S.StayQuery, response: { 200: S.StayPage } },
      handler: async (req, caller) => lodging.searchStays(caller, req.query),
    }));

    app.route(officerRoute('lodging.oversee', {
      method: 'GET',
      url: '/api/v1/lodging/stays/:id',
      audit: { action: 'lodging.stay.read', fields: STAY_FIELDS, subjects: (r) => [stayViewSubject(r.stay)], purpose: POLICE_PURPOSE },
      schema: { tags: POLICE_TAG, summary: 'Một lưu trú, đầy đủ (được ghi nhật ký truy cập)', params: Id, response: { 200: S.StayDetail } },
      handler: async (req, caller) => lodging.getStay(caller, req.params.id),
    }));

    app.route(officerRoute('lodging.oversee', {
      method: 'GET',
      url: '/api/v1/lodging/facilities',
      audit: { action: 'lodging.facility.read', fields: FACILITY_FIELDS, subjects: (r) => r.items.map(facilitySubject), purpose: POLICE_PURPOSE },
      schema: { tags: POLICE_TAG, summary: 'Cơ sở lưu trú trong địa bàn (lọc: trạng thái, xã, không khai báo N ngày)', querystring: S.FacilityQuery, response: { 200: S.FacilityList } },
      handler: async (req, caller) => lodging.facilities.list(caller, req.query),
    }));

    app.route(officerRoute('lodging.facilities', {
      method: 'POST',
      url: '/api/v1/lodging/facilities',
      audit: 'lodging.facility.registered',
      schema: { tags: POLICE_TAG, summary: 'Đăng ký cơ sở lưu trú (hoạt động ngay)', body: S.FacilityBody, response: { 201: S.Facility } },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return lodging.facilities.register(caller, req.body);
      },
    }));

    app.route(officerRoute('lodging.oversee', {
      method: 'GET',
      url: '/api/v1/lodging/facilities/:id',
      audit: { action: 'lodging.facility.read', fields: FACILITY_FIELDS, subjects: (r) => [facilitySubject(r)], purpose: POLICE_PURPOSE },
      schema: { tags: POLICE_TAG, summary: 'Một cơ sở lưu trú', params: Id, response: { 200: S.Facility } },
      handler: async (req, caller) => lodging.facilities.get(caller, req.params.id),
    }));

    app.route(officerRoute('lodging.facilities', {
      method: 'POST',
      url: '/api/v1/lodging/facilities/:id/decision',
      audit: 'lodging.facility.decided',
      schema: { tags: POLICE_TAG, summary: 'Duyệt, từ chối hoặc tạm ngừng cơ sở lưu trú', params: Id, body: S.DecisionBody, response: { 200: S.Facility } },
      handler: async (req, caller) => lodging.facilities.decide(caller, req.params.id, req.body.decision, req.body.note),
    }));

    app.route(officerRoute('lodging.facilities', {
      method: 'POST',
      url: '/api/v1/lodging/facilities/:id/staff',
      audit: 'lodging.facility.staff-added',
      schema: { tags: POLICE_TAG, summary: 'Tạo tài khoản nhân viên cho cơ sở (mật khẩu ban đầu hiện một lần)', params: Id, body: S.StaffBody, response: { 201: S.StaffCreated } },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return lodging.facilities.addStaff(caller, req.params.id, req.body);
      },
    }));

    app.route(officerRoute('watchlist.manage', {
      method: 'GET',
      url: '/api/v1/lodging/watchlist',
      audit: {
        action: 'lodging.watchlist.read', fields: ['full_name', 'date_of_birth', 'personal_id'], purpose: POLICE_PURPOSE,
        subjects: (r) => r.items.map((e) => ({ kind: 'watchlist_entry', id: String(e.id) })),
      },
      schema: { tags: POLICE_TAG, summary: 'Danh sách theo dõi (truy nã, mất tích) của tỉnh', querystring: S.WatchlistQuery, response: { 200: S.WatchlistPage } },
      handler: async (req, caller) => lodging.watchlist.list(caller, req.query),
    }));

    app.route(officerRoute('watchlist.manage', {
      method: 'POST',
      url: '/api/v1/lodging/watchlist',
      audit: 'lodging.watchlist.added',
      schema: { tags: POLICE_TAG, summary: 'Thêm người vào danh sách theo dõi', body: S.WatchlistBody, response: { 201: S.WatchlistEntry } },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return lodging.watchlist.add(caller, req.body);
      },
    }));

    app.route(officerRoute('watchlist.manage', {
      method: 'DELETE',
      url: '/api/v1/lodging/watchlist/:id',
      audit: 'lodging.watchlist.removed',
      schema: { tags: POLICE_TAG, summary: 'Đưa người ra khỏi danh sách theo dõi', params: Id, response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        await lodging.watchlist.remove(caller, req.params.id);
        reply.code(204);
        return null;
      },
    }));

    app.route(officerRoute('lodging.oversee', {
      method: 'GET',
      url: '/api/v1/lodging/alerts',
      audit: { action: 'lodging.alert.read', fields: STAY_FIELDS, subjects: (r) => r.items.map((a) => ({ kind: 'lodging_stay', id: String(a.stay.id) })), purpose: POLICE_PURPOSE },
      schema: { tags: POLICE_TAG, summary: 'Cảnh báo trùng danh sách theo dõi trong địa bàn', querystring: S.AlertQuery, response: { 200: Type.Object({ items: Type.Array(S.Alert) }) } },
      handler: async (req, caller) => lodging.alerts(caller, req.query),
    }));

    app.route(officerRoute('lodging.oversee', {
      method: 'POST',
      url: '/api/v1/lodging/alerts/:id/acknowledge',
      audit: 'lodging.alert.acknowledged',
      schema: { tags: POLICE_TAG, summary: 'Xác nhận đã tiếp nhận cảnh báo', params: Id, response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        await lodging.acknowledgeAlert(caller, req.params.id);
        reply.code(204);
        return null;
      },
    }));

    app.route(officerRoute('lodging.oversee', {
      method: 'GET',
      url: '/api/v1/lodging/alerts/stream',
      // Each alert is recorded under this declaration as it is pushed (streamedRead), long after this handler returned.
      audit: { action: 'lodging.alert.read', fields: STAY_FIELDS, subjects: EACH_EVENT, purpose: POLICE_PURPOSE },
      schema: {
        tags: POLICE_TAG,
        summary: 'Cảnh báo tức thời (Server-Sent Events): mỗi sự kiện `alert` là một cảnh báo dạng JSON; mỗi sự kiện `stay` báo một lượt lưu trú trong địa bàn vừa được cơ sở sửa hoặc hủy (StayChanged)',
        produces: ['text/event-stream'],
        response: {
          200: {
            description: 'Luồng sự kiện; dữ liệu của mỗi sự kiện `alert` theo lược đồ cảnh báo như ở GET /api/v1/lodging/alerts, của mỗi sự kiện `stay` theo lược đồ StayChanged',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
        },
      },
      handler: async (req, caller, reply) => {
        // Each event leaves through the compiled serializer of `Alert`, like any JSON answer: undeclared fields never leave.
        const alertJson = reply.compileSerializationSchema(S.Alert);
        const changeJson = reply.compileSerializationSchema(S.StayChanged);
        // The same entry as GET /lodging/alerts writes for the alert, durable before the event leaves.
        const recordShown = streamedRead((alert: AlertView) => [{ kind: 'lodging_stay', id: String(alert.stay.id) }]);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
        res.write(': da06 alerts\n\n');
        const lastEventId = String(req.headers['last-event-id'] ?? '');
        const lastSeen = /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : undefined;
        const stop = lodging.subscribeAlerts(caller, (alert) => {
          recordShown(alert).then(() => res.write(`event: alert\nid: ${alert.id}\ndata: ${alertJson(alert)}\n\n`), () => undefined);
        }, lastSeen, (change) => {
          // Only the stay's number and the kind of change: nothing personal, so nothing to record; the console reloads it.
          res.write(`event: stay\ndata: ${changeJson(change)}\n\n`);
        });
        const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
        const close = () => {
          clearInterval(beat);
          stop();
          streams.delete(end);
        };
        const end = () => {
          close();
          res.end();
        };
        streams.add(end);
        req.raw.on('close', close);
      },
    }));

    app.route(officerRoute('lodging.oversee', {
      method: 'GET',
      url: '/api/v1/lodging/statistics',
      audit: 'none',
      schema: { tags: POLICE_TAG, summary: 'Thống kê lưu trú (mô hình 39): theo ngày, loại cơ sở, quốc tịch, tuổi, giới tính, thời gian lưu trú, xã', querystring: S.StatisticsQuery, response: { 200: S.Statistics } },
      handler: async (req, caller) => lodging.statistics(caller, req.query),
    }));

    // ---- citizen ----
    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/stays',
      audit: {
        action: 'lodging.stay.own-read', fields: STAY_FIELDS, purpose: 'Công dân xem lịch sử lưu trú của mình',
        subjects: (r) => [...new Set(r.items.map((s) => s.personalId).filter((id) => id !== null))].map((id) => ({ kind: 'person', id })),
      },
      schema: { tags: CITIZEN_TAG, summary: 'Lịch sử lưu trú của công dân', response: { 200: S.CitizenStays } },
      handler: async (_req, caller) => lodging.staysOfCitizen(caller),
    }));
  };
}
