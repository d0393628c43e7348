import type { ReactNode } from 'react';
import 'ticket-chat/styles.css';
import { Providers } from './providers';

export const metadata = { title: 'Support portal (ticket-chat Next.js example)' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
