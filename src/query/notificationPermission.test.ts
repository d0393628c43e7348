import { requestNotificationPermission } from './notificationPermission.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A Notification API whose requestPermission does what `request` does. */
const stubNotification = (request: () => unknown) =>
  vi.stubGlobal('Notification', { permission: 'default', requestPermission: request });

// Was: a requestPermission that throws made it reject, though it is documented as resolving (attack2, minor).
test('resolves with the permission as it stands when requestPermission throws', async () => {
  stubNotification(() => {
    throw new TypeError('not allowed here');
  });
  await expect(requestNotificationPermission()).resolves.toBe('default');
});

test('resolves with the answer of the promise form, and the permission when that rejects', async () => {
  stubNotification(() => Promise.resolve('granted'));
  await expect(requestNotificationPermission()).resolves.toBe('granted');
  stubNotification(() => Promise.reject(new Error('no')));
  await expect(requestNotificationPermission()).resolves.toBe('default');
});

test('unsupported without a Notification API', async () => {
  vi.stubGlobal('Notification', undefined);
  await expect(requestNotificationPermission()).resolves.toBe('unsupported');
});
