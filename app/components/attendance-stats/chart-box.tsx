import type { ReactNode } from "react";
import { ClientOnly } from "~/components/client-only";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";

/** A screen-only chart (drawn in the browser), with a same-size fallback; print has its own bars. */
export function ChartBox({
  title,
  children,
  bars,
}: {
  title: string;
  children: () => ReactNode;
  /** Horizontal bars: the box grows with their number, so every label has its own line. */
  bars?: number;
}) {
  const t = useStrings(attendanceStrings);
  const style = bars && bars > 6 ? { height: `${bars * 28 + 90}px` } : undefined;
  return (
    <div className="chart-box no-print" style={style}>
      <ClientOnly fallback={<div className="chart-box__fallback">{t.chartFallback}</div>}>{children}</ClientOnly>
      <span className="visually-hidden">{title}</span>
    </div>
  );
}
