import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute } from '../../platform/access.js';
import type { LinkageService } from './service.js';
import { DomainError } from './errors.js';
import * as S from './schema.js';
import { reviewRoutes } from './review-routes.js';
import { qualityRoutes } from './quality-routes.js';

const TAG = ['Đối sánh danh sách với CSDL dân cư'];
const PURPOSE = 'Làm sạch danh sách của ngành: đối sánh với CSDL dân cư để gắn số định danh';
/** The list types an upload may be sent as. */
const LIST_TYPES = ['text/csv', 'application/x-ndjson'];

export interface LinkageRouteOptions {
  /** Largest list file taken, in bytes. */
  maxUploadBytes: number;
}

/** An upload spooled to a temporary file as it arrives (never held whole in memory), refused beyond the limit. */
interface Spooled {
  file: string;
  bytes: number;
}
const spooled = new WeakMap<FastifyRequest, Spooled>();

/** The linkage module's routes: a sector officer uploads a list, follows the run, reads the results, previews and sets thresholds. */
export function linkageRoutes(linkage: LinkageService, opts: LinkageRouteOptions) {
  return async function (app: FastifyInstance) {
    await app.register(async (upload) => {
      for (const type of LIST_TYPES) {
        upload.addContentTypeParser(type, (req, payload, done) => {
          const dir = mkdtempSync(path.join(tmpdir(), 'da06-linkage-'));
          const file = path.join(dir, 'list');
          const out = createWriteStream(file);
          let bytes = 0;
          let failed = false;
          const fail = (err: Error) => {
            if (failed) return;
            failed = true;
            out.destroy();
            rmSync(dir, { recursive: true, force: true });
            done(err, undefined);
          };
          payload.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > opts.maxUploadBytes) {
              payload.destroy();
              fail(new DomainError('LINKAGE_FILE_TOO_LARGE', { megabytes: Math.floor(opts.maxUploadBytes / 2 ** 20) }));
            }
          });
          payload.on('error', (err) => fail(err));
          payload.pipe(out);
          out.on('finish', () => {
            if (failed) return;
            spooled.set(req, { file, bytes });
            done(null, undefined);
          });
        });
      }
      upload.route(officerRoute('linkage.run', {
        method: 'POST',
        url: '/api/v1/linkage/runs',
        audit: 'linkage.run.created',
        purpose: PURPOSE,
        bodyLimit: opts.maxUploadBytes,
        schema: {
          tags: TAG,
          summary: 'Tải lên danh sách của ngành (CSV UTF-8 có dòng tiêu đề, hoặc NDJSON) để đối sánh với CSDL dân cư; đối sánh chạy nền, xem tiến độ ở GET /runs/{id}',
          description: 'Thân yêu cầu là nội dung tệp (Content-Type text/csv hoặc application/x-ndjson). Cột nhận biết: personal_id, legacy_id, full_name, date_of_birth (YYYY-MM-DD, dd/MM/yyyy, MM/yyyy, yyyy), sex, address, commune_code, phone; các cột khác được giữ nguyên và trả lại. Tệp mã hóa khác UTF-8 hoặc sai dấu ngoặc kép bị từ chối, kèm số dòng lỗi đầu tiên.',
          querystring: S.RunQuery, response: { 202: S.Run },
        },
        handler: async (req, caller, reply) => {
          const upload = spooled.get(req);
          if (!upload) throw new DomainError('LINKAGE_FILE_REFUSED', { line: 1, problem: 'Content-Type phải là text/csv hoặc application/x-ndjson' });
          try {
            const run = await linkage.start({ caller }, { file: upload.file, source: req.query.source, scheme: req.query.scheme ?? '2025' });
            reply.code(202);
            return run;
          } finally {
            rmSync(path.dirname(upload.file), { recursive: true, force: true });
          }
        },
      }));
    });

    app.route(officerRoute('linkage.run', {
      method: 'GET',
      url: '/api/v1/linkage/runs',
      audit: 'none',
      schema: { tags: TAG, summary: 'Các lượt đối sánh của tỉnh (mới nhất trước): nguồn, người tải, số dòng, số khớp/cần xem xét/không khớp', response: { 200: Type.Array(S.Run) } },
      handler: async (_req, caller) => linkage.runs(caller),
    }));

    app.route(officerRoute('linkage.run', {
      method: 'GET',
      url: '/api/v1/linkage/runs/:id',
      audit: 'none',
      schema: { tags: TAG, summary: 'Một lượt đối sánh và tiến độ (số dòng đã xử lý)', params: S.RunId, response: { 200: S.Run } },
      handler: async (req, caller) => linkage.run(caller, req.params.id),
    }));

    app.route(officerRoute('linkage.run', {
      method: 'GET',
      url: '/api/v1/linkage/runs/:id/results',
      audit: { action: 'linkage.results.read', fields: ['personalId', 'fields'], subjects: (_r, req) => [{ kind: 'linkage_run', id: String(req.params.id) }], purpose: PURPOSE },
      schema: { tags: TAG, summary: 'Kết quả đối sánh theo trang (lọc theo trạng thái)', params: S.RunId, querystring: S.ResultsQuery, response: { 200: S.ResultsPage } },
      handler: async (req, caller) => linkage.results(caller, req.params.id, req.query),
    }));

    app.route(officerRoute('linkage.run', {
      method: 'GET',
      url: '/api/v1/linkage/runs/:id/results.csv',
      audit: { action: 'linkage.results.read', fields: ['personalId', 'fields'], subjects: (_r, req) => [{ kind: 'linkage_run', id: String(req.params.id) }], purpose: PURPOSE },
      schema: { tags: TAG, summary: 'Tải kết quả đối sánh (CSV): row, personal_id, match_probability, status, reasons rồi các cột của danh sách', params: S.RunId, produces: ['text/csv'], response: { 200: S.CsvFile } },
      handler: async (req, caller, reply) => {
        const csv = await linkage.resultsCsv(caller, req.params.id);
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="doi-sanh-${req.params.id}.csv"`);
        return csv;
      },
    }));

    await app.register(qualityRoutes(linkage.quality));

    app.route(officerRoute('linkage.run', {
      method: 'GET',
      url: '/api/v1/linkage/runs/:id/preview',
      audit: 'none',
      schema: { tags: TAG, summary: 'Xem trước: số dòng khớp / cần xem xét / không khớp ở các ngưỡng cho trước (không thay đổi gì)', params: S.RunId, querystring: S.Thresholds, response: { 200: S.Preview } },
      handler: async (req, caller) => linkage.preview(caller, req.params.id, req.query),
    }));

    app.route(officerRoute('linkage.run', {
      method: 'PUT',
      url: '/api/v1/linkage/sources/:source/thresholds',
      audit: 'linkage.thresholds.set',
      schema: { tags: TAG, summary: 'Đặt ngưỡng khớp và ngưỡng xem xét của nguồn danh sách (dùng cho các lượt sau), và nguồn có nhạy cảm không', params: S.SourceParams, body: S.SourceSettings, response: { 200: S.SourceThresholds } },
      handler: async (req, caller) => linkage.setThresholds(caller, req.params.source, req.body),
    }));

    await app.register(reviewRoutes(linkage.review));
  };
}
