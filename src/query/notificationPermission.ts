// Kept apart from notify.ts: the portal imports this from the package root, while notify.ts loads lazily.

/**
 * Asks the user to allow notifications: call it from a click (browsers ignore or penalise a request
 * without a user gesture); `notify` itself never asks. Resolves with the permission, or 'unsupported'.
 */
export async function requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  // Older Safari takes a callback and returns undefined.
  // A browser (or policy) that throws instead still resolves: with the permission as it stands.
  return new Promise((resolve) => {
    try {
      const answer = Notification.requestPermission(resolve);
      if (answer) answer.then(resolve, () => resolve(Notification.permission));
    } catch {
      resolve(Notification.permission);
    }
  });
}
