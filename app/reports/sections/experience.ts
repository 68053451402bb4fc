import type { GroupFigure, MeasureFigures, OutcomeReport } from "~/outcomes/load-outcomes.server";
import type { Block, Part } from "../draft-types";
import type { DraftContext } from "../draft-context";
import { countWord, formatNumber, MONTHS, percentText } from "../swedish";

/** The measures the narrative speaks of, in the order it speaks of them, with the key of their figure. */
const NARRATED = [
  { tag: "support_need_daytime", key: "survey.supportDaytime", verb: "behövde mer stöd med något att göra på dagarna" },
  { tag: "support_need_loneliness", key: "survey.supportLoneliness", verb: "behövde mer stöd utifrån ensamhet" },
] as const;

const FURTHER = [
  { tag: "loneliness_direct", key: "survey.lonelyOften" },
  { tag: "loneliness_ucla3", key: "survey.lonelyUcla" },
  { tag: "participation_community", key: "survey.community" },
  { tag: "participation_society", key: "survey.society" },
] as const;

/** "under april och maj 2023", "under maj 2023", "under perioden 15 mars–3 juni 2024". */
export function waveTime(opensOn: string, closesOn: string): string {
  const [y1, m1] = opensOn.split("-").map(Number);
  const [y2, m2] = closesOn.split("-").map(Number);
  if (y1 === y2 && m1 === m2) return `under ${MONTHS[m1 - 1]} ${y1}`;
  if (y1 === y2 && m2 === m1 + 1) return `under ${MONTHS[m1 - 1]} och ${MONTHS[m2 - 1]} ${y1}`;
  if (y1 === y2) return `under ${MONTHS[m1 - 1]}–${MONTHS[m2 - 1]} ${y1}`;
  return `under ${MONTHS[m1 - 1]} ${y1}–${MONTHS[m2 - 1]} ${y2}`;
}

/** Said once after the changes, not after each: a difference the interval does not rule out may be chance. */
function certaintySentence(sure: readonly boolean[]): string {
  const certain = sure.filter(Boolean).length;
  if (certain === 0)
    return sure.length === 1
      ? "Förändringen är inte statistiskt säkerställd och kan bero på slumpen."
      : "Ingen av förändringarna är statistiskt säkerställd, så de kan bero på slumpen.";
  if (certain === sure.length)
    return sure.length === 1
      ? "Förändringen är statistiskt säkerställd."
      : "Alla förändringarna är statistiskt säkerställda.";
  return "Övriga förändringar är inte statistiskt säkerställda och kan bero på slumpen.";
}

function measure(report: OutcomeReport, tag: string): MeasureFigures | undefined {
  return report.measures.find((m) => m.tag === tag);
}

function latest(m: MeasureFigures): GroupFigure | null {
  return m.waves[m.waves.length - 1]?.all ?? null;
}

/** 6. Deltagarnas upplevelse (brukarenkät): the latest wave closed by the end of the period, and the one before. */
export function experienceSection(ctx: DraftContext): Block[] {
  const survey = ctx.input.survey;
  if (!survey) {
    return [
      {
        t: "p",
        parts: [
          "Ingen brukarenkät för programmen avslutades under perioden eller före den, så det finns inga enkätresultat att redovisa.",
        ],
      },
    ];
  }
  const { report, enrolled } = survey;
  const wave = report.waves[report.waves.length - 1];
  const previous = report.waves.length > 1 ? report.waves[report.waves.length - 2] : null;
  const when = waveTime(wave.opensOn, wave.closesOn);
  const filters = `${wave.title} (${wave.opensOn}–${wave.closesOn})`;
  const blocks: Block[] = [];

  const responses = wave.responses;
  const answered: Part[] = [`I brukarenkäten som genomfördes ${when} svarade `];
  answered.push(
    ctx.figure({
      key: "survey.responses",
      label: "Svar i brukarenkäten",
      computation: "brukarenkät: inkomna svar",
      filters,
      n: responses.n,
      value: responses.n,
      text:
        responses.n === null
          ? "färre än fem personer"
          : `${countWord(responses.n)} ${responses.n === 1 ? "person" : "personer"}`,
      suppressed: responses.n === null,
    }),
  );
  if (responses.n !== null && enrolled !== null && enrolled > 0) {
    const rate = (responses.n / enrolled) * 100;
    answered.push(
      ", vilket motsvarar ",
      ctx.figure({
        key: "survey.responseRate",
        label: "Svarsfrekvens: svar i förhållande till antalet inskrivna när enkäten stängde",
        computation: "brukarenkät: svar / inskrivna",
        filters,
        n: enrolled,
        value: Math.round(rate * 10) / 10,
        text: percentText(rate),
      }),
      ` av de ${formatNumber(enrolled)} inskrivna`,
    );
  }
  answered.push(".");
  blocks.push({ t: "p", parts: answered });

  // The two support needs, in the words of the follow-ups: "uppgav 33 procent … medan 22 procent …".
  const needs = NARRATED.map((n) => ({ ...n, m: measure(report, n.tag) }))
    .map((n) => ({ ...n, g: n.m ? latest(n.m) : null }))
    .filter((n) => n.g && n.g.share !== null);
  needs.forEach((n) =>
    ctx.figure({
      key: n.key,
      label: `Andel som ${n.m!.statement.sv} (${n.m!.name.sv})`,
      computation: `brukarenkät: ${n.m!.name.sv}; ${n.m!.source.sv}`,
      filters,
      n: n.g!.respondents.n,
      value: Math.round(n.g!.share! * 1000) / 10,
      text: percentText(n.g!.share! * 100),
    }),
  );
  if (needs.length === 2) {
    blocks.push({
      t: "p",
      parts: [
        "Av de svarande uppgav ",
        { f: needs[0].key },
        ` att de ${needs[0].verb} medan `,
        { f: needs[1].key },
        ` uppgav att de ${needs[1].verb}.`,
      ],
    });
  } else if (needs.length === 1) {
    blocks.push({ t: "p", parts: ["Av de svarande uppgav ", { f: needs[0].key }, ` att de ${needs[0].verb}.`] });
  }

  const further: Part[][] = [];
  for (const f of FURTHER) {
    const m = measure(report, f.tag);
    const g = m ? latest(m) : null;
    if (!m || !g || g.share === null) continue;
    further.push([
      ctx.figure({
        key: f.key,
        label: `Andel som ${m.statement.sv} (${m.name.sv})`,
        computation: `brukarenkät: ${m.name.sv}; ${m.source.sv}`,
        filters,
        n: g.respondents.n,
        value: Math.round(g.share * 1000) / 10,
        text: percentText(g.share * 100),
      }),
      ` ${m.statement.sv}`,
    ]);
  }
  if (further.length > 0) {
    // "Enkäten visar också att …": a clause of its own, so every item keeps the word order of a statement.
    const parts: Part[] = ["Enkäten visar också att "];
    further.forEach((f, i) => {
      if (i > 0) parts.push(i === further.length - 1 ? " och " : ", ");
      parts.push(...f);
    });
    parts.push(".");
    blocks.push({ t: "p", parts });
  }

  // Change since the wave before, with whether it is certain.
  if (previous) {
    const changes: Part[][] = [];
    const sure: boolean[] = [];
    for (const n of [...NARRATED, ...FURTHER]) {
      const m = measure(report, n.tag);
      if (!m?.change) continue;
      const pp = Math.round(Math.abs(m.change.difference) * 100);
      const direction =
        pp === 0
          ? "oförändrad"
          : m.change.difference > 0
            ? `ökat med ${countWord(pp)} procentenheter`
            : `minskat med ${countWord(pp)} procentenheter`;
      const key = `${n.key}.change`;
      ctx.figure({
        key,
        label: `Förändring av andelen som ${m.statement.sv} sedan föregående enkät (${previous.title})`,
        computation: "brukarenkät: skillnad mellan andelar med Newcombes 95 % konfidensintervall",
        filters: `${previous.title} jämfört med ${wave.title}`,
        n: null,
        value: Math.round(m.change.difference * 1000) / 10,
        text: pp === 0 ? "är oförändrad" : `har ${direction}`,
      });
      sure.push(m.change.sure);
      changes.push([`andelen som ${m.statement.sv} `, { f: key }, m.change.sure ? " (statistiskt säkerställd)" : ""]);
    }
    if (changes.length > 0) {
      const parts: Part[] = [
        `Så har andelarna förändrats jämfört med brukarenkäten ${waveTime(previous.opensOn, previous.closesOn)}: `,
      ];
      changes.forEach((c, i) => {
        if (i > 0) parts.push(i === changes.length - 1 ? " och " : ", ");
        parts.push(...c);
      });
      parts.push(". ", certaintySentence(sure));
      blocks.push({ t: "p", parts });
    }
  }

  // Barriers: the options people named, the largest first, in the survey's own words. "Inget hindrar mig" is no
  // barrier: it rules the others out, so it gets a sentence of its own.
  const barriers = measure(report, "barriers");
  const b = barriers ? latest(barriers) : null;
  if (barriers && b) {
    const shown = b.distribution.filter((d) => d.share !== null && d.count.n !== null && d.count.n > 0);
    const named = shown
      .filter((d) => !d.exclusive)
      .sort((x, y) => (y.share ?? 0) - (x.share ?? 0))
      .slice(0, 4);
    const barrierFigure = (d: (typeof shown)[number], label: string) => {
      const key = `survey.barrier.${d.value}`;
      ctx.figure({
        key,
        label: `${label} ”${d.label.sv}”`,
        computation: `brukarenkät: ${barriers.name.sv}`,
        filters,
        n: b.respondents.n,
        value: Math.round((d.share ?? 0) * 1000) / 10,
        text: percentText((d.share ?? 0) * 100),
      });
      return key;
    };
    if (named.length > 0) {
      const parts: Part[] = ["Som hinder för att komma oftare angav de svarande främst "];
      named.forEach((d, i) => {
        if (i > 0) parts.push(i === named.length - 1 ? " och " : ", ");
        const key = barrierFigure(d, "Andel av de svarande som angav hindret");
        parts.push(`”${d.label.sv}” (`, { f: key }, ")");
      });
      parts.push(".");
      const none = shown.find((d) => d.exclusive);
      if (none) {
        const key = barrierFigure(none, "Andel av de svarande som svarade");
        parts.push(" Samtidigt svarade ", { f: key }, ` ”${none.label.sv}”.`);
      }
      blocks.push({ t: "p", parts });
    }
  }
  return blocks;
}
