import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './api/queryClient';
import { Providers } from './app/Providers';
import { routes } from './app/routes';
import { browserLanguage } from './i18n';
import './index.css';

const root = document.getElementById('root');
if (!root) {
  throw new Error('The page has no #root element.');
}

const router = createBrowserRouter(routes);
const queryClient = createQueryClient();

createRoot(root).render(
  <StrictMode>
    <Providers queryClient={queryClient} language={browserLanguage()}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
