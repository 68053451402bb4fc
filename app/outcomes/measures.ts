/**
 * The outcome measures, defined once and keyed by the `outcome` tag a survey question carries. No measure names a
 * question: a new survey file whose questions carry the same tags gets the same statistics.
 *
 * Kinds:
 * - `share`: one answer per person; the share whose answer is one of `positive`. Denominator: everyone who answered
 *   the question ("vet inte" is an answer and counts); skipped and hidden questions are left out.
 * - `choices`: a checkbox question; for each option the share of those who answered the question who chose it.
 * - `mean`: a numeric scale; its mean with a t interval, and the share at or above `positiveFrom`.
 * - `scale_sum`: several items summed per person (UCLA-3); scored only when all `items` are answered; the share at
 *   or above `positiveFrom` and the mean of the sums.
 * Tags in `DIMENSION_TAGS` describe the person (gender, programme) and are breakdowns, not measures.
 */

export type Text = { sv: string; en: string };

interface MeasureBase {
  tag: string;
  name: Text;
  /** The finishing words of "33 procent (19 av 57) …": what the counted people said or are. */
  statement: Text;
  source: Text;
  /** Whether a rise is good news (used only for wording, never for the statistics). */
  higherIsBetter: boolean;
}

export interface ShareMeasure extends MeasureBase {
  kind: "share";
  /** Answer values (as stored text) that count. */
  positive: readonly string[];
}

export interface ChoicesMeasure extends MeasureBase {
  kind: "choices";
}

export interface MeanMeasure extends MeasureBase {
  kind: "mean";
  positiveFrom: number;
}

export interface ScaleSumMeasure extends MeasureBase {
  kind: "scale_sum";
  items: number;
  itemValues: readonly number[];
  positiveFrom: number;
}

export type Measure = ShareMeasure | ChoicesMeasure | MeanMeasure | ScaleSumMeasure;

const YES = ["ja"] as const;

/** One answer per person: the share whose answer is one of `positive`. */
function share(positive: readonly string[], m: MeasureBase): ShareMeasure {
  return { ...m, kind: "share", positive };
}

/** A yes/no question: the share answering "ja" ("vet inte" is an answer and stays in the denominator). */
function yesShare(m: MeasureBase): ShareMeasure {
  return share(YES, m);
}

/** A checkbox question: per option, the share of those who answered who chose it. */
function choices(m: MeasureBase): ChoicesMeasure {
  return { ...m, kind: "choices" };
}

/** A rating from 1 to 5 where higher is better: its mean, and the share giving 4 or 5. */
function ratingOfFive(m: Omit<MeasureBase, "higherIsBetter">): MeanMeasure {
  return { ...m, kind: "mean", positiveFrom: 4, higherIsBetter: true };
}

export const MEASURES: readonly Measure[] = [
  {
    tag: "loneliness_ucla3",
    kind: "scale_sum",
    items: 3,
    itemValues: [1, 2, 3],
    positiveFrom: 6,
    higherIsBetter: false,
    name: { sv: "Ensamhet (UCLA-3)", en: "Loneliness (UCLA-3)" },
    statement: { sv: "räknas som ensamma enligt UCLA-3 (summa 6–9)", en: "count as lonely on UCLA-3 (sum 6–9)" },
    source: {
      sv: "Hughes m.fl. 2004, Research on Aging 26(6): tre frågor, svar 1–3, summa 3–9; ensam vid 6 eller mer. Bara den som svarat på alla tre frågorna räknas.",
      en: "Hughes et al. 2004, Research on Aging 26(6): three items scored 1–3, sum 3–9; lonely at 6 or more. Only people who answered all three items are scored.",
    },
  },
  share(["4"], {
    tag: "loneliness_direct",
    higherIsBetter: false,
    name: { sv: "Känner sig ofta ensam", en: "Often feels lonely" },
    statement: { sv: "svarar att de ofta känner sig ensamma", en: "say they often feel lonely" },
    source: {
      sv: "Direkt fråga om ensamhet (Office for National Statistics 2018): andelen som svarar ”ofta”.",
      en: "Direct loneliness question (Office for National Statistics 2018): the share answering “often”.",
    },
  }),
  yesShare({
    tag: "participation_community",
    higherIsBetter: true,
    name: { sv: "Del av gemenskapen på Mallis", en: "Part of the community at Mallis" },
    statement: { sv: "känner sig som en del av gemenskapen på Mallis", en: "feel part of the community at Mallis" },
    source: {
      sv: "Brukarenkäten. Räknar svaret ”ja”; ”delvis” visas i fördelningen.",
      en: "The user survey. Counts “yes”; “partly” is shown in the distribution.",
    },
  }),
  yesShare({
    tag: "participation_society",
    higherIsBetter: true,
    name: { sv: "Delaktig i samhället", en: "Takes part in society" },
    statement: { sv: "känner att de är med i samhället", en: "feel that they take part in society" },
    source: {
      sv: "Brukarenkäten, efter målet i överenskommelsen 2026 (”aktivt deltagande i samhället”). Räknar ”ja”.",
      en: "The user survey, after the 2026 agreement's aim (“active participation in society”). Counts “yes”.",
    },
  }),
  yesShare({
    tag: "support_need_daytime",
    higherIsBetter: false,
    name: { sv: "Behöver stöd med något att göra på dagarna", en: "Needs support with something to do during the day" },
    statement: {
      sv: "behöver mer stöd med något att göra på dagarna",
      en: "need more support with something to do during the day",
    },
    source: {
      sv: "Brukarenkäten sedan 2023 (33 procent år 2023). Räknar ”ja”; ”vet inte” räknas i nämnaren.",
      en: "The user survey since 2023 (33 per cent in 2023). Counts “yes”; “don't know” is in the denominator.",
    },
  }),
  yesShare({
    tag: "support_need_loneliness",
    higherIsBetter: false,
    name: { sv: "Behöver stöd mot ensamhet", en: "Needs support with loneliness" },
    statement: { sv: "behöver mer stöd för att känna sig mindre ensamma", en: "need more support to feel less lonely" },
    source: {
      sv: "Brukarenkäten sedan 2023 (22 procent år 2023). Räknar ”ja”; ”vet inte” räknas i nämnaren.",
      en: "The user survey since 2023 (22 per cent in 2023). Counts “yes”; “don't know” is in the denominator.",
    },
  }),
  yesShare({
    tag: "support_need_digital",
    higherIsBetter: false,
    name: { sv: "Behöver hjälp med mobil eller dator", en: "Needs help with phone or computer" },
    statement: { sv: "behöver mer hjälp med mobil eller dator", en: "need more help with their phone or computer" },
    source: {
      sv: "Ny fråga 2026 om digitalt utanförskap (beslut 0021). Räknar ”ja”.",
      en: "New 2026 question on digital exclusion (decision 0021). Counts “yes”.",
    },
  }),
  yesShare({
    tag: "digital_participation",
    higherIsBetter: true,
    name: { sv: "Delaktig i det digitala samhället", en: "Part of the digital society" },
    statement: { sv: "känner sig delaktiga i det digitala samhället", en: "feel part of the digital society" },
    source: {
      sv: "Efter Internetstiftelsens fråga i ”Svenskarna och internet” om att känna sig delaktig i det digitala samhället, i lättläst form (beslut 0021). Räknar ”ja”.",
      en: "After the Swedish Internet Foundation's “Svenskarna och internet” item on feeling part of the digital society, in plain Swedish (decision 0021). Counts “yes”.",
    },
  }),
  choices({
    tag: "digital_skills",
    higherIsBetter: true,
    name: { sv: "Klarar själv i mobilen eller datorn", en: "Can do on their own on a phone or computer" },
    statement: { sv: "klarar själv", en: "can do on their own" },
    source: {
      sv: "Det Digital verkstad hjälper med: Mobilt BankID, videosamtal, e-tjänst (beslut 0021). Andel per val av dem som svarade.",
      en: "What Digital verkstad helps with: Mobile BankID, a video call, a public e-service (decision 0021). Share per option of those who answered.",
    },
  }),
  yesShare({
    tag: "empowerment_influence",
    higherIsBetter: true,
    name: { sv: "Kan påverka på Mallis", en: "Can influence what happens at Mallis" },
    statement: {
      sv: "känner att de kan påverka vad som händer på Mallis",
      en: "feel they can influence what happens at Mallis",
    },
    source: {
      sv: "Egenmakt i deltagarstyrt stöd, efter överenskommelsen 2026 (beslut 0021). Räknar ”ja”.",
      en: "Empowerment in participant-led support, after the 2026 agreement (decision 0021). Counts “yes”.",
    },
  }),
  yesShare({
    tag: "empowerment_own_day",
    higherIsBetter: true,
    name: { sv: "Bestämmer över sin dag", en: "Decides over their own day" },
    statement: { sv: "känner att de själva bestämmer över sin dag", en: "feel they decide over their own day" },
    source: {
      sv: "Egenmakt i deltagarstyrt stöd (beslut 0021). Räknar ”ja”.",
      en: "Empowerment in participant-led support (decision 0021). Counts “yes”.",
    },
  }),
  yesShare({
    tag: "empowerment_listened_to",
    higherIsBetter: true,
    name: { sv: "Blir lyssnad på", en: "Is listened to" },
    statement: { sv: "känner att personalen lyssnar på vad de tycker", en: "feel the staff listen to what they think" },
    source: {
      sv: "Egenmakt i deltagarstyrt stöd (beslut 0021). Räknar ”ja”.",
      en: "Empowerment in participant-led support (decision 0021). Counts “yes”.",
    },
  }),
  choices({
    tag: "barriers",
    higherIsBetter: false,
    name: { sv: "Hinder för att komma oftare", en: "What stops people coming more often" },
    statement: { sv: "svarade", en: "answered" },
    source: {
      sv: "Brukarenkäten; hindren deltagarna själva nämnt (dagsform, mående, SL-kort). Andel per val av dem som svarade.",
      en: "The user survey; the barriers participants named themselves (the day's form, how they feel, transit card). Share per option of those who answered.",
    },
  }),
  share(["varje_vecka"], {
    tag: "participation_frequency",
    higherIsBetter: true,
    name: { sv: "Kommer till Mallis varje vecka", en: "Comes to Mallis every week" },
    statement: { sv: "kommer till Mallis varje vecka", en: "come to Mallis every week" },
    source: { sv: "Brukarenkäten. Räknar ”varje vecka”.", en: "The user survey. Counts “every week”." },
  }),
  choices({
    tag: "activities",
    higherIsBetter: true,
    name: { sv: "Aktiviteter man går på", en: "Activities people go to" },
    statement: { sv: "går på", en: "go to" },
    source: {
      sv: "Brukarenkäten; frågan visas bara för den som kommer till Mallis. Andel per aktivitet av dem som svarade.",
      en: "The user survey; asked only of people who come to Mallis. Share per activity of those who answered.",
    },
  }),
  ratingOfFive({
    tag: "satisfaction",
    name: { sv: "Nöjd med Mallis", en: "Satisfied with Mallis" },
    statement: { sv: "tycker att Mallis är bra (4 eller 5 av 5)", en: "think Mallis is good (4 or 5 out of 5)" },
    source: {
      sv: "Brukarenkäten, skala 1–5. Medelvärde med 95 % t-intervall.",
      en: "The user survey, scale 1–5. Mean with a 95 % t interval.",
    },
  }),
  ratingOfFive({
    tag: "activity_rating",
    name: { sv: "Betyg på aktiviteten", en: "Rating of the activity" },
    statement: {
      sv: "tyckte att aktiviteten var bra (4 eller 5 av 5)",
      en: "thought the activity was good (4 or 5 out of 5)",
    },
    source: {
      sv: "Aktivitetsenkäten, skala 1–5. Medelvärde med 95 % t-intervall.",
      en: "The activity survey, scale 1–5. Mean with a 95 % t interval.",
    },
  }),
];

/** Tags that describe the person rather than measure an outcome: used for breakdowns. */
export const DIMENSION_TAGS = ["gender", "program"] as const;
export type DimensionTag = (typeof DIMENSION_TAGS)[number];

const BY_TAG = new Map(MEASURES.map((m) => [m.tag, m]));

export function measureFor(tag: string): Measure | undefined {
  return BY_TAG.get(tag);
}

export function isKnownOutcomeTag(tag: string): boolean {
  return BY_TAG.has(tag) || (DIMENSION_TAGS as readonly string[]).includes(tag);
}

/** Whether a person's answer counts as positive for the measure (values compared as stored text). */
export function isPositive(measure: Measure, value: string): boolean {
  switch (measure.kind) {
    case "share":
      return measure.positive.includes(value);
    case "mean":
    case "scale_sum":
      return Number(value) >= measure.positiveFrom;
    case "choices":
      return false;
  }
}
