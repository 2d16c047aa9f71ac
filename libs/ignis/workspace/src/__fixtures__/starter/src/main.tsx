import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
// The published tokens as plain CSS variables: IGNIS hot-updates this stylesheet when SLATE publishes.
import '../lumenforge-tokens.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
