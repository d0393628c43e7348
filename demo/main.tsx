import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { model, postAgentReply, startAgents, startBackend } from './backend.ts';
import './portal.css';

await startBackend();
// `?quiet` keeps the agents silent (the end-to-end test drives replies itself).
if (!new URLSearchParams(location.search).has('quiet')) startAgents();
// For the console and the end-to-end test: `ticketChatDemo.postAgentReply(caseId, text)`.
Object.assign(window, { ticketChatDemo: { model, postAgentReply } });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
