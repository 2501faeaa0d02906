import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './api/queryClient';
import { Providers } from './app/Providers';
import { listenForInstall } from './features/pwa/install';
import { registerWorker } from './features/pwa/registerWorker';
import { routes } from './app/routes';
import { browserLanguage } from './i18n';
import './index.css';

const root = document.getElementById('root');
if (!root) {
  throw new Error('The page has no #root element.');
}

// The offline shell, Today's saved data, update and push (issue 18): one worker, registered at every start.
registerWorker();
listenForInstall();

const router = createBrowserRouter(routes);
const queryClient = createQueryClient();

createRoot(root).render(
  <StrictMode>
    <Providers queryClient={queryClient} language={browserLanguage()}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
