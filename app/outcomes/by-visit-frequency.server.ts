import { listLinkedResponses } from "~/models/visit-frequency.server";
import {
  FREQUENCY_MEASURE_TAGS,
  publishByVisitFrequency,
  type FrequencyWave,
  type PageFigures,
} from "./by-visit-frequency";
import type { OutcomeReport } from "./load-outcomes.server";
import { measureFor, type Measure } from "./measures";

export interface VisitFrequencySection {
  waves: (FrequencyWave & { title: string })[];
  /** A programme filter is chosen: the breakdown is shown for everyone only (decision 0031). */
  filtered: boolean;
}

/**
 * The outcome page's breakdown by how often people came (decision 0031), for the waves and measures the page shows.
 * Null when none of the waves uses participant codes or the survey asks none of the measures.
 */
export async function loadVisitFrequencyBreakdown(report: OutcomeReport): Promise<VisitFrequencySection | null> {
  const measures = report.measures.filter((m) => (FREQUENCY_MEASURE_TAGS as readonly string[]).includes(m.tag));
  if (measures.length === 0 || !report.waves.some((w) => w.usesParticipantCodes)) return null;
  const title = (id: number) => report.waves.find((w) => w.id === id)?.title ?? String(id);
  if (report.programFilter) return { waves: [], filtered: true };
  const page: PageFigures = {
    waves: report.waves.map((w) => ({
      campaignId: w.id,
      usesParticipantCodes: w.usesParticipantCodes,
      responses: w.responses,
    })),
    measures: measures.map((m) => ({
      tag: m.tag,
      name: m.name,
      statement: m.statement,
      questions: m.questions.map((q) => q.name),
      all: m.waves.map((w) => ({ campaignId: w.campaignId, respondents: w.all.respondents, positive: w.all.positive })),
    })),
  };
  const responses = await listLinkedResponses({
    campaignIds: report.waves.filter((w) => w.usesParticipantCodes).map((w) => w.id),
    questions: page.measures.flatMap((m) => m.questions),
  });
  const definitions = new Map<string, Measure>();
  for (const m of measures) {
    const d = measureFor(m.tag);
    if (d) definitions.set(m.tag, d);
  }
  const waves = publishByVisitFrequency(page, responses, definitions);
  return { waves: waves.map((w) => ({ ...w, title: title(w.campaignId) })), filtered: false };
}
