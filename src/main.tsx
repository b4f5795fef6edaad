import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initialize } from './store/actions';
import { applyViewFromUrl } from './store/urlSync';
import './ui/styles.css';

// Start fetching the data and loading the model before React's first render; App's effect
// finds both started (each runs once per page).
applyViewFromUrl();
void initialize();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
