import { randomUUID } from "node:crypto";
import { createCampaign } from "~/models/campaign.server";
import { storeSurveyResponse } from "~/surveys/store-response.server";
import { currentSurvey } from "~/surveys/registry.server";
import { compiledSurvey, validateAnswers } from "~/surveys/validate.server";
import { surveys as strings } from "~/i18n/strings/surveys";
import type { DemoContext } from "./index";
import { prng } from "./prng";

const WISHES = [
  "Mer matlagning, gärna två gånger i veckan.",
  "Längre öppettider på fredagar.",
  "Fler utflykter i naturen.",
  "Mer hjälp med datorn och mobilen.",
  "Att det finns frukost när man kommer.",
  "Fler kvällsaktiviteter.",
];
const FREE = [
  "Mallis är bra, här kan man göra saker.",
  "Personalen är snälla och lyssnar.",
  "Jag har inget SL-kort så det är svårt att komma.",
  "Ibland orkar jag inte komma, men det är skönt att veta att det finns.",
  "Det är lugnt och inget bråk, det gillar jag.",
  "Kvinnogruppen betyder mycket för mig.",
];

export async function seedSurveys(ctx: DemoContext): Promise<void> {
  const bostadForst = ctx.programs.find((p) => p.slug === "bostad-forst")!;
  const fot = ctx.programs.find((p) => p.slug === "fot")!;
  await createCampaign({
    code: "DEMO",
    surveyKey: "brukarenkat",
    title: "Brukarenkät – demo",
    programId: bostadForst.id,
    activityId: null,
    opensOn: "2026-01-01",
    closesOn: "2030-12-31",
    mode: "anonymous",
    kiosk: false,
    createdBy: null,
  });
  const closed = await createCampaign({
    code: "BRUK25",
    surveyKey: "brukarenkat",
    title: "Brukarenkät 2025",
    programId: bostadForst.id,
    activityId: null,
    opensOn: "2025-04-01",
    closesOn: "2025-05-31",
    mode: "participant_code",
    kiosk: false,
    createdBy: null,
  });
  await createCampaign({
    code: "YOGA",
    surveyKey: "aktivitet",
    title: "Yoga – vad tyckte du?",
    programId: bostadForst.id,
    activityId: ctx.activityIds.get("Yoga") ?? null,
    opensOn: "2026-01-01",
    closesOn: "2030-12-31",
    mode: "anonymous",
    kiosk: true,
    createdBy: null,
  });
  await createCampaign({
    code: "FOTENK",
    surveyKey: "brukarenkat",
    title: "Brukarenkät 2026 – försöks- och träningslägenheter",
    programId: fot.id,
    activityId: null,
    opensOn: "2026-04-01",
    closesOn: "2026-05-31",
    mode: "anonymous",
    kiosk: false,
    createdBy: null,
  });

  const survey = (await currentSurvey("brukarenkat"))!;
  const compiled = compiledSurvey(survey.versionId, survey.json);
  const rnd = prng(2025);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)];
  const activities = [
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
  for (let i = 0; i < 38; i++) {
    const woman = rnd() < 0.3;
    const visits = pick(["varje_vecka", "varje_vecka", "varje_manad", "sallan", "aldrig"]);
    const lonely = rnd();
    const answers: Record<string, unknown> = {
      program: rnd() < 0.85 ? "bostad_forst" : "fot",
      gender: rnd() < 0.05 ? "vill_inte" : woman ? "kvinna" : "man",
      visits,
      support_daytime: rnd() < 0.33 ? "ja" : pick(["nej", "nej", "vet_inte"]),
      support_loneliness: rnd() < 0.22 ? "ja" : pick(["nej", "nej", "vet_inte"]),
      ucla_companionship: lonely < 0.3 ? 3 : lonely < 0.7 ? 2 : 1,
      ucla_left_out: lonely < 0.25 ? 3 : lonely < 0.65 ? 2 : 1,
      ucla_isolated: lonely < 0.2 ? 3 : lonely < 0.6 ? 2 : 1,
      lonely_direct: lonely < 0.2 ? 4 : lonely < 0.5 ? 3 : lonely < 0.8 ? 2 : 1,
      community: visits === "aldrig" ? "nej" : pick(["ja", "ja", "delvis", "nej"]),
      society: pick(["ja", "delvis", "delvis", "nej"]),
      barriers:
        rnd() < 0.3
          ? ["inget"]
          : [...new Set([pick(["dagsform", "maende", "sl_kort", "tider"]), pick(["dagsform", "maende", "sl_kort"])])],
      satisfaction: 3 + Math.floor(rnd() * 3),
    };
    if (visits !== "aldrig") answers.activities = [...new Set([pick(activities), pick(activities)])];
    if (i % 3 === 0) answers.wishes = pick(WISHES);
    if (i % 4 === 1) answers.free_text = pick(FREE);
    if (answers.wishes || answers.free_text) answers.quote_consent = rnd() < 0.7 ? "ja" : "nej";
    const result = validateAnswers({ survey: compiled, answers, locale: "sv", messages: strings.sv });
    if (!result.ok) throw new Error(`demo response ${i} is invalid: ${JSON.stringify(result.errors)}`);
    const day = 1 + Math.floor((i / 38) * 60);
    const submittedAt = new Date(
      Date.UTC(2025, 3, day, 8 + Math.floor(rnd() * 8), Math.floor(rnd() * 60)),
    ).toISOString();
    await storeSurveyResponse({
      id: randomUUID(),
      campaign: { id: closed, programId: bostadForst.id, activityId: null, title: "Brukarenkät 2025" },
      versionId: survey.versionId,
      compiled,
      answers: result.answers,
      rows: result.rows,
      submittedAt,
      locale: "sv",
      channel: i % 5 === 0 ? "kiosk" : i % 7 === 0 ? "staff" : "phone",
      staffAssisted: i % 7 === 0,
      participantCodeHmac: null,
    });
  }
}
