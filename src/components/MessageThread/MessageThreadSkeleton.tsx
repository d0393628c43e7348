import { getCoreStrings } from '../i18n/coreStrings.ts';

const SHAPES = [
  { side: 'start', width: '62%' },
  { side: 'start', width: '44%' },
  { side: 'end', width: '52%' },
  { side: 'start', width: '70%' },
  { side: 'end', width: '38%' },
] as const;

/** Placeholder while the first page of a thread loads. */
export function MessageThreadSkeleton({ locale, className }: { locale?: string; className?: string }) {
  return (
    <div
      className={className ? `tc-thread tc-thread-skeleton ${className}` : 'tc-thread tc-thread-skeleton'}
      aria-busy="true"
    >
      <span className="tc-visually-hidden" role="status">
        {getCoreStrings(locale).threadLoading}
      </span>
      <div className="tc-thread-skeleton__rows" aria-hidden="true">
        {SHAPES.map((shape) => (
          <div
            key={`${shape.side}${shape.width}`}
            className="tc-thread-skeleton__bubble"
            data-side={shape.side}
            style={{ inlineSize: shape.width }}
          />
        ))}
      </div>
    </div>
  );
}
