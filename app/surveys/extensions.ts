import { Serializer, surveyLocalization } from "survey-core";
import "survey-core/i18n/swedish";

let registered = false;

/**
 * Our additions to SurveyJS, the same in the browser and on the server:
 * - `outcome`: the measure a question feeds (e.g. "loneliness_ucla3"), so statistics need no question names;
 * - `feedback`: free text meant for the staff's feedback inbox;
 * - `consent`: the question whose "ja" lets us quote the person's free text anonymously;
 * - `quasiIdentifier`: answers that could point someone out in combination (research export, k-anonymity);
 * - `kioskSendsPartial` (on the survey): on a shared tablet, a person's answers so far are sent as a partial
 *   response when they walk away, instead of being wiped (decision 0032);
 * - plainer Swedish for the runner's own words.
 */
export function registerSurveyExtensions(): void {
  if (registered) return;
  registered = true;
  Serializer.addProperty("question", { name: "outcome", category: "data" });
  Serializer.addProperty("question", { name: "feedback:boolean", category: "data", default: false });
  Serializer.addProperty("question", { name: "consent", category: "data" });
  Serializer.addProperty("question", { name: "quasiIdentifier:boolean", category: "data", default: false });
  Serializer.addProperty("survey", { name: "kioskSendsPartial:boolean", category: "data", default: false });
  Object.assign(surveyLocalization.locales["sv"] ?? {}, SWEDISH_FIXES);
  Object.assign(surveyLocalization.locales["en"] ?? {}, ENGLISH_FIXES);
}

/** survey-core's Swedish, made plain (lättläst) where it was stiff or wrong. */
export const SWEDISH_FIXES: Record<string, string> = {
  pagePrevText: "Tillbaka",
  pageNextText: "Nästa",
  completeText: "Skicka svaren",
  startSurveyText: "Börja",
  otherItemText: "Annat",
  noneItemText: "Inget av dessa",
  refuseItemText: "Vill inte svara",
  dontKnowItemText: "Vet inte",
  progressText: "Sida {0} av {1}",
  indexText: "{0} av {1}",
  questionsProgressText: "Du har svarat på {0} av {1} frågor",
  completingSurvey: "Tack för dina svar!",
  loadingSurvey: "Enkäten laddas …",
  placeholder: "Välj …",
  ratingOptionsCaption: "Tryck för att välja",
  buttongroupOptionsCaption: "Välj",
  requiredError: "Svara på frågan för att gå vidare.",
  requiredErrorInPanel: "Svara på minst en fråga.",
  textMaxLength: "Skriv högst {0} tecken.",
  otherRequiredError: "Skriv vad du menar med ”Annat”.",
  commentText: "Skriv här om du vill",
  clearCaption: "Rensa",
  selectCaption: "Välj",
  choices_Item: "Alternativ",
  savingData: "Svaren skickas …",
  savingDataError: "Svaren kunde inte skickas.",
  savingDataSuccess: "Svaren är skickade.",
  saveAgainButton: "Försök igen",
  booleanCheckedLabel: "Ja",
  booleanUncheckedLabel: "Nej",
};

/** survey-core's English where it was terse ("Response required."). */
export const ENGLISH_FIXES: Record<string, string> = {
  pagePrevText: "Back",
  pageNextText: "Next",
  completeText: "Send the answers",
  requiredError: "Please answer this question to go on.",
  requiredErrorInPanel: "Please answer at least one question.",
  textMaxLength: "Write at most {0} characters.",
  otherRequiredError: "Write what you mean by “Something else”.",
  completingSurvey: "Thank you for your answers!",
};
