import { Link } from 'react-router-dom';
import { Button, Result } from 'antd';
import { messages } from '../messages.js';

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title={messages.notFoundTitle}
      extra={
        <Link to="/officer/people">
          <Button type="primary">{messages.toHome}</Button>
        </Link>
      }
    />
  );
}
