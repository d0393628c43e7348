export { ChatErrorBoundary, type ChatErrorBoundaryProps, type ChatErrorInfo } from './ChatErrorBoundary.tsx';
