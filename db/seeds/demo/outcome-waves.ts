import { randomUUID } from "node:crypto";
import { createCampaign, findCampaignByCode } from "~/models/campaign.server";
import { insertResponses, type NewResponse } from "~/models/response.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { surveys as strings } from "~/i18n/strings/surveys";
import { currentSurvey } from "~/surveys/registry.server";
import { compiledSurvey, validateAnswers } from "~/surveys/validate.server";
import type { DemoContext } from "./index";
import { prng } from "./prng";

/**
 * The brukarenkät's demo waves for the outcome page: spring 2024 (BRUK24, participant codes), spring 2025 (the closed
 * BRUK25, participant codes, on top of the responses `surveys.ts` seeds) and the open 2026 one (DEMO, anonymous,
 * with the new questions on digital participation and empowerment). Each has well over 40 responses; a few gender,
 * programme and channel groups are small on purpose, so the page shows "färre än 5". The figures start near the 2023
 * survey (33 % need support with something to do during the day, 22 % with loneliness) and ease off.
 */

/** Participant codes of demo people who answered both 2024 and 2025; other demo data (the visitor register) reuses them. */
export const DEMO_PARTICIPANT_CODES: readonly string[] = Array.from(
  { length: 22 },
  (_, i) => `MALLIS${String(i + 1).padStart(2, "0")}`,
);

const ACTIVITIES = [
  "sygrupp",
  "matlagning",
  "peer_support",
  "digital_verkstad",
  "skrivargrupp",
  "kortfilm",
  "ekonomi",
  "yoga",
  "social_club",
  "kvinnogrupp",
];

interface Person {
  /** 0 (not lonely) … 1 (very lonely) */
  lonely: number;
  daytime: boolean;
  lonelinessSupport: boolean;
  gender: string;
  program: string;
  channel: NewResponse["channel"];
  code: string | null;
}

type Year = 2024 | 2025 | 2026;

function answersOf(p: Person, year: Year, rnd: () => number): Record<string, unknown> {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)];
  const level = (cut: number[]) => (p.lonely > cut[0] ? 3 : p.lonely > cut[1] ? 2 : 1);
  const visits =
    p.lonely > 0.85 ? "sallan" : pick(["varje_vecka", "varje_vecka", "varje_vecka", "varje_manad", "sallan"]);
  const a: Record<string, unknown> = {
    program: p.program,
    gender: p.gender,
    visits,
    support_daytime: p.daytime ? "ja" : rnd() < 0.2 ? "vet_inte" : "nej",
    support_loneliness: p.lonelinessSupport ? "ja" : rnd() < 0.15 ? "vet_inte" : "nej",
    ucla_companionship: level([0.55, 0.25]),
    ucla_left_out: level([0.6, 0.3]),
    ucla_isolated: level([0.65, 0.35]),
    lonely_direct: p.lonely > 0.75 ? 4 : p.lonely > 0.5 ? 3 : p.lonely > 0.25 ? 2 : 1,
    community: visits === "sallan" ? pick(["delvis", "nej"]) : pick(["ja", "ja", "ja", "delvis", "nej"]),
    society: pick(year === 2024 ? ["ja", "delvis", "delvis", "nej"] : ["ja", "ja", "delvis", "delvis", "nej"]),
    barriers:
      rnd() < 0.3
        ? ["inget"]
        : [...new Set([pick(["dagsform", "maende", "sl_kort", "tider"]), pick(["dagsform", "maende", "sl_kort"])])],
    satisfaction: Math.min(5, 3 + Math.floor(rnd() * 3) + (year === 2026 && rnd() < 0.3 ? 1 : 0)),
  };
  a.activities = [...new Set([pick(ACTIVITIES), pick(ACTIVITIES)])];
  // Someone skips a question now and then; one in twenty leaves a UCLA item out (not scored).
  if (rnd() < 0.08) delete a.society;
  if (rnd() < 0.05) delete a.ucla_isolated;
  if (year === 2026) {
    a.digital_part = pick(["ja", "ja", "delvis", "delvis", "nej", "vet_inte"]);
    const can = ["bankid", "videosamtal", "e_tjanst"].filter(() => rnd() < 0.5);
    a.digital_can = can.length > 0 ? can : ["inget"];
    a.digital_help = rnd() < 0.3 ? "ja" : pick(["nej", "nej", "vet_inte"]);
    a.influence = pick(["ja", "ja", "delvis", "delvis", "nej", "vet_inte"]);
    a.own_day = pick(["ja", "ja", "ja", "delvis", "nej"]);
    a.listened_to = pick(["ja", "ja", "ja", "delvis", "nej"]);
  }
  return a;
}

function randomPerson(rnd: () => number, year: Year, i: number): Person {
  const r = rnd();
  const shift = year === 2024 ? 0 : year === 2025 ? 0.05 : 0.1;
  return {
    lonely: Math.max(0, rnd() - shift),
    daytime: rnd() < (year === 2024 ? 0.26 : year === 2025 ? 0.24 : 0.2),
    lonelinessSupport: rnd() < (year === 2024 ? 0.24 : 0.18),
    // About a third women; in 2024 and 2026 now and then someone who is neither or would rather not say (a small group).
    gender: r < 0.32 ? "kvinna" : r < 0.97 || year === 2025 ? "man" : i % 2 === 0 ? "annan" : "vill_inte",
    program: rnd() < 0.9 ? "bostad_forst" : "fot",
    channel: i % 7 === 3 ? "kiosk" : i % 13 === 5 ? "staff" : "phone",
    code: null,
  };
}

/**
 * The people with codes (persons 0–19 answered both years, 20–21 only 2025). Built so that the pairs' tables have
 * no cell of 1–4 and paired change shows: support with the day 10 → 5 ("ja" both years for 0–4), support with
 * loneliness 5 → 0.
 */
function codedPeople(year: 2024 | 2025): Person[] {
  const rnd = prng(year === 2024 ? 7 : 8);
  const base = prng(99);
  return DEMO_PARTICIPANT_CODES.slice(0, year === 2024 ? 20 : 22).map((code, i) => {
    const lonelyBase = base();
    const genderDraw = base();
    return {
      lonely: Math.max(0, lonelyBase - (year === 2025 && i % 2 === 0 ? 0.3 : 0)),
      daytime: year === 2024 ? i < 10 : i < 5,
      lonelinessSupport: year === 2024 ? i >= 10 && i < 15 : false,
      gender: i < 7 ? "kvinna" : genderDraw < 0.05 && year === 2024 ? "annan" : "man",
      program: i === 19 ? "fot" : "bostad_forst",
      channel: rnd() < 0.2 ? "kiosk" : "phone",
      code,
    };
  });
}

/**
 * Everyone in the three demo waves, in order. The people who answered one wave only gave a code too (BRUK24 and
 * BRUK25 asked for one), so the outcome page can break answers down by how often people came (decision 0031).
 */
function wavePeople(): Record<Year, Person[]> {
  const rnd = prng(2024);
  const anon = (year: Year, n: number) => Array.from({ length: n }, (_, i) => randomPerson(rnd, year, i));
  const withCodes = (people: Person[], prefix: string) =>
    people.map((p, i) => ({ ...p, code: `${prefix}${String(i + 1).padStart(2, "0")}` }));
  return {
    2024: [...codedPeople(2024), ...withCodes(anon(2024, 28), "ENKAT24")],
    2025: [...codedPeople(2025), ...withCodes(anon(2025, 6), "ENKAT25")],
    2026: anon(2026, 46),
  };
}

export interface DemoRespondent {
  code: string;
  /** As answered in the survey: kvinna, man, annan, vill_inte. */
  gender: string;
  /** As answered: bostad_forst, fot. */
  program: string;
  /** 0 (not lonely) … 1 (very lonely), in the latest wave the person answered. */
  lonely: number;
}

/** Every demo respondent who answered with a participant code (once each), for the visitor register. */
export function demoCodedRespondents(): DemoRespondent[] {
  const people = wavePeople();
  const byCode = new Map<string, DemoRespondent>();
  for (const p of [...people[2024], ...people[2025]])
    if (p.code) byCode.set(p.code, { code: p.code, gender: p.gender, program: p.program, lonely: p.lonely });
  return [...byCode.values()];
}

async function storeWave(
  campaign: { id: number; programId: number },
  people: Person[],
  year: Year,
  seed: number,
  days: { month: number; from: number; span: number },
) {
  const survey = (await currentSurvey("brukarenkat"))!;
  const compiled = compiledSurvey(survey.versionId, survey.json);
  const rnd = prng(seed);
  const records: NewResponse[] = people.map((p, i) => {
    const answers = answersOf(p, year, rnd);
    const result = validateAnswers({ survey: compiled, answers, locale: "sv", messages: strings.sv });
    if (!result.ok) throw new Error(`demo ${year} response ${i} is invalid: ${JSON.stringify(result.errors)}`);
    const day = days.from + Math.floor((i / people.length) * days.span);
    return {
      id: randomUUID(),
      campaignId: campaign.id,
      surveyVersionId: survey.versionId,
      submittedAt: new Date(
        Date.UTC(year, days.month - 1, day, 8 + Math.floor(rnd() * 8), Math.floor(rnd() * 60)),
      ).toISOString(),
      locale: "sv",
      channel: p.channel,
      staffAssisted: p.channel === "staff",
      participantCodeHmac: p.code ? participantCodeHmac(p.code) : null,
      answers: result.answers,
      rows: result.rows,
    };
  });
  await insertResponses(records);
}

export async function seedOutcomeWaves(ctx: DemoContext): Promise<void> {
  const bostadForst = ctx.programs.find((p) => p.slug === "bostad-forst")!;
  const id2024 = await createCampaign({
    code: "BRUK24",
    surveyKey: "brukarenkat",
    title: "Brukarenkät 2024",
    programId: bostadForst.id,
    activityId: null,
    opensOn: "2024-04-01",
    closesOn: "2024-05-31",
    mode: "participant_code",
    kiosk: false,
    createdBy: null,
  });
  const people = wavePeople();
  await storeWave({ id: id2024, programId: bostadForst.id }, people[2024], 2024, 24, {
    month: 4,
    from: 2,
    span: 55,
  });
  const bruk25 = await findCampaignByCode({ code: "BRUK25" });
  if (bruk25) {
    await storeWave({ id: bruk25.id, programId: bruk25.programId }, people[2025], 2025, 25, {
      month: 4,
      from: 3,
      span: 55,
    });
  }
  const demo = await findCampaignByCode({ code: "DEMO" });
  if (demo) {
    await storeWave({ id: demo.id, programId: demo.programId }, people[2026], 2026, 26, {
      month: 1,
      from: 10,
      span: 20,
    });
  }
}
