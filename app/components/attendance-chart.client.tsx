import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { Bar, Doughnut, Line } from "react-chartjs-2";
import { PALETTE } from "./chart-colors";

ChartJS.register(ArcElement, BarElement, CategoryScale, LinearScale, LineElement, PointElement, Legend, Tooltip);

export interface ChartSeries {
  label: string;
  /** null: unknown, drawn as a gap. */
  data: (number | null)[];
  color: string;
}

/**
 * One Chart.js chart. The canvas is an image with a name; the same figures are in the table that
 * always follows it, which is what screen readers and print use.
 */
export function AttendanceChart({
  kind,
  title,
  labels,
  series,
  stacked = false,
  horizontal = false,
  unit,
}: {
  kind: "bar" | "line" | "doughnut";
  title: string;
  labels: string[];
  series: ChartSeries[];
  stacked?: boolean;
  horizontal?: boolean;
  unit?: string;
}) {
  const data = {
    labels,
    datasets: series.map((s) => ({
      label: s.label,
      data: s.data,
      backgroundColor: kind === "doughnut" ? s.data.map((_, i) => PALETTE[i % PALETTE.length]) : s.color,
      borderColor: kind === "doughnut" ? "#fff" : s.color,
      borderWidth: kind === "line" ? 3 : 1,
      tension: 0.2,
    })),
  };
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    plugins: {
      legend: { display: series.length > 1 || kind === "doughnut", position: "bottom" as const },
      tooltip: { enabled: true },
    },
  };
  const axes = {
    indexAxis: horizontal ? ("y" as const) : ("x" as const),
    scales: {
      // Every category keeps its label (Chart.js would otherwise skip every second or third one).
      x: {
        stacked,
        ticks: { color: "#1b1f24", ...(horizontal ? {} : { autoSkip: false }) },
        title: { display: Boolean(unit) && horizontal, text: unit ?? "" },
      },
      y: {
        stacked,
        beginAtZero: true,
        ticks: { color: "#1b1f24", precision: 0, ...(horizontal ? { autoSkip: false } : {}) },
        title: { display: Boolean(unit) && !horizontal, text: unit ?? "" },
      },
    },
  };
  const aria = { "aria-label": title, role: "img" };
  if (kind === "doughnut") return <Doughnut data={data} options={common} {...aria} />;
  if (kind === "line") return <Line data={data} options={{ ...common, ...axes }} {...aria} />;
  return <Bar data={data} options={{ ...common, ...axes }} {...aria} />;
}
