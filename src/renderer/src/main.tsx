import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { webKeyMissing } from './api/web-bridge';
import { NoWebKey } from './components/NoWebKey';
import { ScreenErrorBoundary } from './components/ScreenErrorBoundary';
import { followHistory } from './navigation-history';
import './styles.css';

followHistory();

// Read after App's modules took the key from the address (web-bridge.ts): none there, nor kept.
const keyless = window.api === undefined && webKeyMissing();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ScreenErrorBoundary whole>{keyless ? <NoWebKey /> : <App />}</ScreenErrorBoundary>
  </StrictMode>,
);
