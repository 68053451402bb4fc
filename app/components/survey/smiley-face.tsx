/** Five faces from very sad to very happy, drawn with strokes dark enough (well over 3:1) on any of our fills. */
const MOUTHS = [
  "M9 24 Q16 16 23 24",
  "M10 23 Q16 19 22 23",
  "M10 21 L22 21",
  "M10 20 Q16 25 22 20",
  "M9 19 Q16 28 23 19",
];

export function SmileyFace({ step }: { step: number }) {
  const mouth = MOUTHS[Math.max(0, Math.min(MOUTHS.length - 1, step))];
  return (
    <svg className="smiley__face" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="14" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="11.5" cy="12.5" r="1.8" fill="currentColor" />
      <circle cx="20.5" cy="12.5" r="1.8" fill="currentColor" />
      <path d={mouth} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
