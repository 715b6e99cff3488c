import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import dayjs from 'dayjs';
import { BrowserRouter } from 'react-router-dom';
import { viVN } from './locale.js';
import { AppRoutes } from './routes.js';
import { SessionProvider } from './session.js';
import { messages } from './messages.js';
import { theme } from './theme.js';
import './styles.css';

dayjs.locale('vi');
document.title = messages.documentTitle;

// No StrictMode: its doubled effects in development would record every audited read twice.
createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={viVN} theme={theme}>
    <AntApp>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </AntApp>
  </ConfigProvider>,
);
