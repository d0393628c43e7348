import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { makeClient } from '../../test/harness.tsx';
import { TicketChatProvider, useTicketChatClient, useTicketChatLocale } from './TicketChatProvider.tsx';

describe('TicketChatProvider', () => {
  test('provides the client, its language and time zone, and a QueryClient with polling-friendly defaults', () => {
    const client = makeClient({ language: 'en-us', timeZone: 'UTC' });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TicketChatProvider client={client} crossTab={false}>
        {children}
      </TicketChatProvider>
    );
    const { result } = renderHook(
      () => ({ client: useTicketChatClient(), locale: useTicketChatLocale(), qc: useQueryClient() }),
      { wrapper },
    );
    expect(result.current.client).toBe(client);
    expect(result.current.locale).toEqual({ language: 'en-us', timeZone: 'UTC' });
    const defaults = result.current.qc.getDefaultOptions().queries;
    expect(defaults?.retry).toBe(false);
    expect(defaults?.refetchOnWindowFocus).toBe(false);
  });

  test('uses the given QueryClient, else an enclosing one', () => {
    const client = makeClient();
    const given = new QueryClient();
    const ambient = new QueryClient();
    const withProp = renderHook(() => useQueryClient(), {
      wrapper: ({ children }) => (
        <TicketChatProvider client={client} queryClient={given} crossTab={false}>
          {children}
        </TicketChatProvider>
      ),
    });
    expect(withProp.result.current).toBe(given);
    const enclosed = renderHook(() => useQueryClient(), {
      wrapper: ({ children }) => (
        <QueryClientProvider client={ambient}>
          <TicketChatProvider client={client} crossTab={false}>
            {children}
          </TicketChatProvider>
        </QueryClientProvider>
      ),
    });
    expect(enclosed.result.current).toBe(ambient);
  });

  test('hooks outside the provider fail with a message that says what is missing', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useTicketChatClient())).toThrow(/TicketChatProvider/);
    vi.mocked(console.error).mockRestore();
  });
});
