import { Link } from 'react-router-dom';
import { Button, Result } from 'antd';
import { messages } from '../messages.js';

/** `home`: where the button leads (the area the visitor works in). */
export function NotFoundPage({ home = '/officer/people' }: { home?: string }) {
  return (
    <Result
      status="404"
      title={messages.notFoundTitle}
      extra={
        <Link to={home}>
          <Button type="primary">{messages.toHome}</Button>
        </Link>
      }
    />
  );
}
