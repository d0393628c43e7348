/** Contrast of computed colours (`rgb(…)` / `rgba(…)`, as every engine reports them), WCAG 2 formulas. */
function channels(color: string): [number, number, number, number] {
  const numbers = color.match(/-?[\d.]+/g)?.map(Number) ?? [];
  if (!/^rgba?\(/.test(color) || numbers.length < 3) throw new Error(`not an rgb() colour: ${color}`);
  const [r = 0, g = 0, b = 0, a = 1] = numbers;
  return [r, g, b, a];
}

/** Relative luminance of an opaque colour. */
export function luminance(color: string): number {
  const [r, g, b] = channels(color).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Whether the colour is see-through (then the contrast is against what lies behind it). */
export const isTransparent = (color: string): boolean => channels(color)[3] === 0;

export function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}
