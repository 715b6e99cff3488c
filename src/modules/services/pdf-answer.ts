import type { FastifyReply } from 'fastify';

/**
 * A PDF paper as a route's answer: its headers set on the reply, the file itself returned. Returning the
 * payload (never `reply`) is what makes the platform write the route's read entry before the file leaves
 * (platform/access.ts skips it for a handler that answers through `reply`; routes.test.ts "audits a PDF download").
 */
export function pdfAnswer(reply: FastifyReply, pdf: Buffer, fileName: string): Buffer {
  reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${fileName}.pdf"`);
  return pdf;
}
