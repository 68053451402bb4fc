import { createCanvas } from "@napi-rs/canvas";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title, type Plugin } from "chart.js";
import type { ReportChart } from "./draft-types";
import { CHART_HEIGHT, CHART_WIDTH, chartConfig } from "./chart-config";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title);

// A white page under the chart: Word and print show transparency as black or grey on some viewers.
const whiteBackground: Plugin<"bar"> = {
  id: "whiteBackground",
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** The chart drawn on the server with chart.js on @napi-rs/canvas, as PNG. */
export async function chartPng(chart: ReportChart): Promise<Buffer> {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const config = chartConfig(chart);
  const instance = new Chart(canvas.getContext("2d") as unknown as CanvasRenderingContext2D, {
    ...config,
    plugins: [whiteBackground],
  });
  try {
    return Buffer.from(await canvas.encode("png"));
  } finally {
    instance.destroy();
  }
}
