import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// A throwaway consumer app: it knows ticket-chat only as the installed tarball.
export default defineConfig({
  plugins: [react()],
  preview: { host: '127.0.0.1', port: 0 },
  logLevel: 'warn',
});
