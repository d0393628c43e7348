export { Composer, type ComposerHandle, type ComposerProps, MAX_MESSAGE_LENGTH } from './Composer.tsx';
