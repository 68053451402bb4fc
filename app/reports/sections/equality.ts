import { isHidden } from "~/privacy/small-counts";
import type { Block, Part } from "../draft-types";
import { NGEN, T, type DraftContext } from "../draft-context";
import { percentText } from "../swedish";

const WOMEN_ONLY = /kvinn/i;

/** 9. Jämställdhetsanalys: enrolled and visitors by gender, compared; the women-only activity. */
export function equalitySection(ctx: DraftContext): Block[] {
  const blocks: Block[] = [];
  const enrolment = ctx.pub.get(T.enrolment);
  const visits = ctx.pub.get(T.visitsByMonth).totals;
  const enrolledTotals = ctx.input.enrolment.length > 1 ? enrolment.totals : (enrolment.rows[0] ?? null);
  const programs = ctx.input.enrolment.map((e) => e.programName);
  const scopeName = programs.length === 1 ? programs[0] : "programmen";

  let womenEnrolled: number | null = null;
  if (enrolledTotals) {
    const total = enrolledTotals[NGEN];
    const women = enrolledTotals[0];
    const men = enrolledTotals[1];
    if (!isHidden(total) && total.value > 0 && !isHidden(women) && !isHidden(men)) {
      womenEnrolled = (women.value / total.value) * 100;
      const share = (key: string, cell: typeof women, who: string) =>
        ctx.figure({
          key,
          label: `Andel ${who} bland de inskrivna i ${scopeName}`,
          computation: "inskrivna: kategori / totalt",
          n: total.value,
          value: Math.round((cell.value / total.value) * 1000) / 10,
          text: percentText((cell.value / total.value) * 100),
        });
      blocks.push({
        t: "p",
        parts: [
          `Av deltagarna i ${scopeName} är `,
          share("equality.enrolledWomen", women, "kvinnor"),
          " kvinnor och ",
          share("equality.enrolledMen", men, "män"),
          " män.",
        ],
      });
    } else {
      blocks.push({
        t: "p",
        parts: [
          `Andelen kvinnor och män bland de inskrivna i ${scopeName} redovisas inte: en av grupperna har färre än fem personer, och andelarna skulle avslöja hur många de är.`,
        ],
      });
    }
  } else {
    blocks.push({ t: "p", parts: ["Uppgifter om de inskrivnas kön finns inte registrerade för perioden."] });
  }

  if (visits) {
    const total = visits[NGEN];
    const women = visits[0];
    if (total.value > 0 && !isHidden(total) && !isHidden(women)) {
      const visitShare = (women.value / total.value) * 100;
      const visitPart = ctx.figure({
        key: "equality.visitsWomen",
        label: "Andel av besöken som gjordes av kvinnor",
        computation: "närvaro: besök av kvinnor / besök totalt",
        n: total.value,
        value: Math.round(visitShare * 10) / 10,
        text: percentText(visitShare),
      });
      if (womenEnrolled !== null) {
        const a = Math.round(visitShare);
        const b = Math.round(womenEnrolled);
        const compare = a < b ? "lägre än" : a > b ? "högre än" : "densamma som";
        blocks.push({
          t: "p",
          parts: [
            "Andelen kvinnor bland besökarna, ",
            visitPart,
            `, är ${compare} bland de inskrivna, `,
            { f: "equality.enrolledWomen" },
            ".",
          ],
        });
      } else {
        blocks.push({ t: "p", parts: ["Andelen kvinnor bland besökarna är ", visitPart, "."] });
      }
    } else if (total.value > 0) {
      blocks.push({
        t: "p",
        parts: ["Andelen kvinnor bland besökarna redovisas inte, eftersom gruppen är för liten."],
      });
    }
  }

  blocks.push(...respondentSentence(ctx));

  const byActivity = ctx.pub.get(T.visitsByActivity);
  ctx.agg.byActivity.forEach((a, i) => {
    if (!WOMEN_ONLY.test(a.name)) return;
    const cell = byActivity.rows[i][NGEN];
    if (cell.status === "complementary") return;
    const count = ctx.countFigure(`equality.womenOnly.${i}`, cell, {
      label: `Besök i ${a.name} under perioden`,
      computation: "närvaro: summa för aktiviteten",
      n: a.registrations,
      unit: "besök",
    });
    const parts: Part[] = [
      `${a.name} är en del av arbetet med könsspecifikt stöd och hade `,
      count,
      " under perioden.",
    ];
    blocks.push({ t: "p", parts });
  });
  return blocks;
}

/** The survey's respondents by gender, as the outcomes module published them (already protected). */
function respondentSentence(ctx: DraftContext): Block[] {
  const survey = ctx.input.survey;
  const m = survey?.report.measures.find((x) => x.tag === "support_need_daytime");
  const wave = m?.waves[m.waves.length - 1];
  const all = wave?.all.respondents.n ?? null;
  const women = wave?.groups.find((g) => g.group === "kvinna")?.respondents.n ?? null;
  if (!wave || all === null || all === 0 || women === null) return [];
  const share = (women / all) * 100;
  return [
    {
      t: "p",
      parts: [
        "Bland dem som besvarade brukarenkätens fråga om stöd var ",
        ctx.figure({
          key: "equality.respondentsWomen",
          label: "Andel kvinnor bland de svarande i den senaste brukarenkäten",
          computation: "brukarenkät: svarande per kön / svarande",
          filters: ctx.input.survey!.report.waves.at(-1)!.title,
          n: all,
          value: Math.round(share * 10) / 10,
          text: percentText(share),
        }),
        " kvinnor.",
      ],
    },
  ];
}
