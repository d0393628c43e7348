export { linkify, type TextPart } from './linkify.ts';
export { MessageThread, type MessageThreadHandle, type MessageThreadProps } from './MessageThread.tsx';
export { MessageThreadSkeleton } from './MessageThreadSkeleton.tsx';
export { RetryAlert, type RetryAlertProps } from './RetryAlert.tsx';
export { ThreadAlert, type ThreadAlertProps } from './ThreadAlert.tsx';
export {
  DEFAULT_GROUP_WINDOW_MS,
  type GroupPosition,
  getThreadLayout,
  type MessageSide,
  sideOf,
  type ThreadLayoutOptions,
  type ThreadRow,
} from './threadLayout.ts';
