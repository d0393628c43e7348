export { CaseUnreadBadge, type CaseUnreadBadgeProps } from './CaseUnreadBadge.tsx';
