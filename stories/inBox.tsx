import type { Decorator } from '@storybook/react-vite';
import type { CSSProperties } from 'react';

/** Decorator: renders the story inside a box of the given size (the components fill their container). */
export const inBox =
  (style: CSSProperties): Decorator =>
  (Story) => (
    <div style={style}>
      <Story />
    </div>
  );
