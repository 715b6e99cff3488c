import { Alert, Button, Input, Modal, Typography } from 'antd';
import { messages, t } from '../../messages.js';
import { useCopy } from '../../components/useCopy.js';

/** A relying party's new API key, shown this once with a copy button. */
export function ApiKeyModal({ shown, onClose }: { shown: { name: string; apiKey: string; title?: string } | null; onClose: () => void }) {
  const copy = useCopy();
  return (
    <Modal
      open={!!shown}
      title={shown?.title ?? (shown ? t('rpApiKeyTitle', { name: shown.name }) : '')}
      closable={false}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="rp-key-close">
          {messages.rpApiKeyClose}
        </Button>
      }
    >
      {shown && (
        <div data-testid="rp-key">
          <Typography.Paragraph strong>{shown.name}</Typography.Paragraph>
          <Alert type="warning" showIcon title={messages.rpApiKeyWarning} className="page-alert" data-testid="rp-key-warning" />
          <Input.TextArea readOnly value={shown.apiKey} autoSize className="mono rp-key-value" data-testid="rp-key-value" />
          <Button onClick={() => void copy(shown.apiKey)} className="rp-key-copy" data-testid="rp-key-copy">
            {messages.ssoCopy}
          </Button>
        </div>
      )}
    </Modal>
  );
}
