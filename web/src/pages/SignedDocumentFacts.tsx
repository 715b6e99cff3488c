import { Alert, Descriptions, Result, Tag } from 'antd';
import type { Answer } from '../api.js';
import { formatDateTime } from '../format.js';
import { messages } from '../messages.js';

export type SignedDocument = NonNullable<Answer<'/api/v1/documents/verify/{id}'>['document']>;

/**
 * An authentic da06 document as /verify and a share link show it: authentic or revoked, who it is about, who
 * issued and signed it, and nothing more than the document itself shows. `testId` names the page's verdicts.
 */
export function SignedDocumentFacts({ d, testId }: { d: SignedDocument; testId: 'verify' | 'shared' }) {
  return (
    <>
      <Result
        status={d.revoked ? 'warning' : 'success'}
        title={d.revoked ? messages.verifyRevoked : messages.verifyAuthentic}
        data-testid={d.revoked ? `${testId}-revoked` : `${testId}-authentic`}
      />
      {d.development && <Alert type="warning" showIcon title={messages.verifyDevelopment} data-testid={`${testId}-development`} />}
      <Descriptions column={1} size="small" bordered className="verify-facts">
        <Descriptions.Item label={messages.verifyDocTitle}>{d.title}</Descriptions.Item>
        <Descriptions.Item label={messages.verifyHolder}>{d.holderName}</Descriptions.Item>
        {d.dossierCode && <Descriptions.Item label={messages.verifyDossierCode}>{d.dossierCode}</Descriptions.Item>}
        <Descriptions.Item label={messages.verifyIssuer}>{d.issuerName}</Descriptions.Item>
        <Descriptions.Item label={messages.verifyIssuedAt}>{formatDateTime(d.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label={messages.verifySignedBy}>{d.signedBy}</Descriptions.Item>
        {d.revokedAt && (
          <Descriptions.Item label={messages.verifyRevokedAt}>
            <Tag color="red">{formatDateTime(d.revokedAt)}</Tag>
          </Descriptions.Item>
        )}
      </Descriptions>
    </>
  );
}
