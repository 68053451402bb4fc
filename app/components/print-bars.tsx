import { protectedLabel, type ProtectedCell } from "~/privacy/small-counts";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useLocale, useStrings } from "~/i18n/use-strings";

/**
 * A bar chart for print, drawn on the server from protected figures only: a hidden count gets no bar (a bar's
 * length would give the number back), just its words. The screen has the interactive charts instead.
 */
export function PrintBars({ title, bars }: { title: string; bars: { label: string; cell: ProtectedCell }[] }) {
  const locale = useLocale();
  const t = useStrings(attendanceStrings);
  if (bars.length === 0) return null;
  const max = Math.max(1, ...bars.filter((b) => b.cell.status === "shown").map((b) => b.cell.value));
  const rowHeight = 22;
  const labelWidth = 190;
  const barWidth = 420;
  const height = bars.length * rowHeight + 4;
  return (
    <figure className="print-only print-bars">
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${labelWidth + barWidth + 90} ${height}`}
        width="100%"
        style={{ maxWidth: "48rem" }}
      >
        {bars.map((b, i) => {
          const y = i * rowHeight + 2;
          const shown = b.cell.status === "shown";
          const w = shown ? Math.round((b.cell.value / max) * barWidth) : 0;
          return (
            <g key={`${b.label}-${i}`}>
              <text x={labelWidth - 8} y={y + 15} textAnchor="end" fontSize="13" fill="#1b1f24">
                {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
              </text>
              {w > 0 ? <rect x={labelWidth} y={y + 3} width={w} height={rowHeight - 6} fill="#1f5f99" /> : null}
              <text x={labelWidth + w + 6} y={y + 15} fontSize="13" fill="#1b1f24">
                {protectedLabel(b.cell, locale)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{`${title}. ${t.printBarsNote}`}</figcaption>
    </figure>
  );
}
