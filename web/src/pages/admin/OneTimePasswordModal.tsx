import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { messages } from '../../messages.js';
import { useCopy } from '../../components/useCopy.js';

export interface OneTimePassword {
  title: string;
  fullName: string;
  username: string;
  password: string;
}

/** A one-time password (a new account's, or a reset's), shown this once with a copy button. */
export function OneTimePasswordModal({ shown, onClose }: { shown: OneTimePassword | null; onClose: () => void }) {
  const copy = useCopy();
  return (
    <Modal
      open={!!shown}
      title={shown?.title}
      closable={false}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="officer-password-close">
          {messages.officerPasswordClose}
        </Button>
      }
    >
      {shown && (
        <div data-testid="officer-password">
          <Typography.Paragraph>
            <strong>{shown.fullName}</strong> · {messages.username}: <Typography.Text code data-testid="officer-password-username">{shown.username}</Typography.Text>
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={messages.officerPasswordWarning} className="page-alert" data-testid="officer-password-warning" />
          <Typography.Paragraph>{messages.officerOneTimePassword}:</Typography.Paragraph>
          <Space.Compact className="sso-secret">
            <Input readOnly value={shown.password} className="mono" data-testid="officer-password-value" aria-label={messages.officerOneTimePassword} />
            <Button onClick={() => void copy(shown.password)} data-testid="officer-password-copy">
              {messages.ssoCopy}
            </Button>
          </Space.Compact>
        </div>
      )}
    </Modal>
  );
}
