import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ScreenErrorBoundary } from './components/ScreenErrorBoundary';
import { followHistory } from './navigation-history';
import './styles.css';

followHistory();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ScreenErrorBoundary whole>
      <App />
    </ScreenErrorBoundary>
  </StrictMode>,
);
