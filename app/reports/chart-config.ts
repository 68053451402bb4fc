import type { ChartConfiguration } from "chart.js";
import { PALETTE } from "~/components/chart-colors";
import type { ReportChart } from "./draft-types";

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;

/** One chart definition for the screen and the DOCX: the report's chart as a chart.js configuration. */
export function chartConfig(chart: ReportChart): ChartConfiguration<"bar", (number | null)[], string> {
  const stacked = chart.kind === "stacked-bar";
  return {
    type: "bar",
    data: {
      labels: chart.labels,
      datasets: chart.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        backgroundColor: PALETTE[i % PALETTE.length],
        borderWidth: 0,
      })),
    },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      locale: "sv-SE",
      plugins: {
        title: { display: true, text: chart.title, color: "#1b1f24", font: { size: 16, weight: "bold" } },
        legend: { position: "bottom", labels: { color: "#1b1f24", font: { size: 13 } } },
      },
      scales: {
        x: { stacked, ticks: { color: "#1b1f24", font: { size: 12 } } },
        y: { stacked, beginAtZero: true, ticks: { color: "#1b1f24", precision: 0 } },
      },
    },
  };
}
