import { Fragment, type ReactNode, type Ref } from 'react';
import type { ThreadRow } from './threadLayout.ts';

/** Every row in the DOM: short threads, and long ones while the virtualizer chunk loads. */
export function PlainRows(props: {
  rows: readonly ThreadRow[];
  contentRef: Ref<HTMLDivElement>;
  renderRow: (row: ThreadRow) => ReactNode;
}) {
  return (
    <div ref={props.contentRef} className="tc-thread__rows">
      {props.rows.map((row) => (
        <Fragment key={row.key}>{props.renderRow(row)}</Fragment>
      ))}
    </div>
  );
}
