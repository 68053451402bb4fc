import type { Block, Draft, DraftSection, SectionKey } from "./draft-types";
import { SECTION_KEYS, SECTION_TITLES } from "./draft-types";
import { DraftContext, T } from "./draft-context";
import type { ReportInput } from "./report-input";
import {
  attendanceAppendix,
  openActivitySection,
  registerAttendanceTables,
  visitsSection,
} from "./sections/attendance";
import { equalitySection } from "./sections/equality";
import { experienceSection } from "./sections/experience";
import { backgroundSection, governanceSection, summarySection } from "./sections/summary";
import { developmentSection, registerThemeTable, viewsSection } from "./sections/voices";
import { workshopsSection } from "./sections/workshops";
import { cellLabel } from "./draft-context";
import { periodText } from "./swedish";

/** Bump when the wording of generated text changes. */
export const GENERATOR_VERSION = 1;

/**
 * The follow-up report drafted from the period's data: deterministic (the same input gives the same
 * draft), every number a named figure, every person count through one protected publication.
 */
export function buildDraft(
  input: ReportInput,
  { onProtected }: { onProtected?: (audit: ReturnType<DraftContext["pub"]["audit"]>) => void } = {},
): Draft {
  const ctx = new DraftContext(input);
  registerAttendanceTables(ctx);
  registerThemeTable(ctx);
  ctx.pub.protect();
  onProtected?.(ctx.pub.audit());

  const built: Partial<Record<SectionKey, Block[]>> = {};
  built["oppen-verksamhet"] = openActivitySection(ctx);
  built.besok = visitsSection(ctx);
  built.framtidsverkstad = workshopsSection(ctx);
  built.upplevelse = experienceSection(ctx);
  built.synpunkter = viewsSection(ctx);
  built.utveckling = developmentSection(ctx);
  built.jamstalldhet = equalitySection(ctx);
  built.bilaga = [...attendanceAppendix(ctx), ...themesAppendix(ctx)];
  built.bakgrund = backgroundSection();
  built.samverkan = governanceSection();
  built.sammanfattning = summarySection(ctx);

  const sections: DraftSection[] = SECTION_KEYS.map((key) => ({
    key,
    title: SECTION_TITLES[key],
    blocks: nonEmpty(key, built[key] ?? []),
  }));
  return {
    generator: GENERATOR_VERSION,
    period: input.period,
    programNames: input.programs.map((p) => p.name),
    scope: ctx.scope,
    figures: ctx.book.figures,
    sections,
    tables: ctx.tables,
    charts: ctx.charts,
  };
}

/** Never an empty heading: a section with nothing to say says so. */
function nonEmpty(key: SectionKey, blocks: Block[]): Block[] {
  if (blocks.length > 0) return blocks;
  const none: Partial<Record<SectionKey, string>> = {
    bilaga: "Det finns inga uppgifter för perioden att redovisa i tabeller.",
  };
  return [{ t: "p", parts: [none[key] ?? "Det finns inget att redovisa för perioden."] }];
}

function themesAppendix(ctx: DraftContext): Block[] {
  const themes = ctx.input.themes
    .filter((t) => t.parent === null && t.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "sv"));
  if (themes.length === 0) return [];
  const table = ctx.pub.get(T.themes);
  return [
    ctx.addTable({
      key: "themes",
      caption: "Synpunkter per tema",
      columns: ["Tema", "Synpunkter"],
      rows: themes.map((t, i) => ({ label: t.name, cells: [cellLabel(table.rows[i][0])] })),
      source: `Källa: inkomna synpunkter, ${periodText(ctx.input.period.from, ctx.input.period.to)}. En synpunkt kan ha flera teman. Färre än fem anges som ”färre än 5”.`,
    }),
  ];
}
