import type { ReactNode } from "react";
import { ClientOnly } from "~/components/client-only";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";

/** A screen-only chart (drawn in the browser), with a same-size fallback; print has its own bars. */
export function ChartBox({ title, children }: { title: string; children: () => ReactNode }) {
  const t = useStrings(attendanceStrings);
  return (
    <div className="chart-box no-print">
      <ClientOnly fallback={<div className="chart-box__fallback">{t.chartFallback}</div>}>{children}</ClientOnly>
      <span className="visually-hidden">{title}</span>
    </div>
  );
}
