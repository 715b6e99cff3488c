import { Link } from 'react-router-dom';
import { Button } from 'antd';
import { messages } from '../messages.js';

/** Header button of the services pages: back to the catalogue and the citizen's dossiers. */
export function BackToServices({ tab }: { tab?: 'mine' }) {
  return (
    <Link to={tab ? `/citizen/services?tab=${tab}` : '/citizen/services'}>
      <Button ghost size="small" data-testid="back-to-services">
        {messages.servicesBackToCatalogue}
      </Button>
    </Link>
  );
}
