import { defineStrings } from "../define";

/** Paper questionnaires typed in by staff, and earlier waves imported from a CSV file. */
export const paper = defineStrings({
  sv: {
    // Paper entry
    pagePaper: "{title} – pappersenkät",
    paperTitle: "Skriv in en pappersenkät",
    paperLead:
      "Fyll i det som står på pappret, fråga för fråga. Hoppa över det personen inte svarade på. Svaren sparas som om personen hade svarat på webben, med kanalen ”papper”.",
    paperConditional: "Frågan gäller bara en del av de svarande. Räknas bara om den gäller enligt de andra svaren.",
    paperNoAnswer: "Inget svar",
    paperOther: "Annat, skriv vad",
    paperLocale: "Pappersenkätens språk",
    paperLocaleSv: "Svenska",
    paperLocaleEn: "Engelska",
    paperCode: "Deltagarkod (om den står på pappret)",
    paperCodeHint: "4 till 20 bokstäver eller siffror. Lämna tomt om det inte finns någon.",
    paperSave: "Spara pappersenkäten",
    paperSaved: "Pappersenkäten är sparad. Det finns nu {n} svar på papper i den här omgången.",
    paperSavedBefore:
      "Den här pappersenkäten var redan sparad, så den sparades inte en gång till. Det finns {n} svar på papper i omgången.",
    paperIgnored:
      "{n} svar räknas inte, eftersom frågan inte gäller enligt personens andra svar (så som enkäten gör på webben).",
    paperNext: "Registrera nästa",
    paperBack: "Tillbaka till enkätomgången",
    paperCount: "Svar på papper: {n}",
    paperLink: "Skriv in en pappersenkät",
    errForm: "Något behöver rättas. Se meddelandena vid frågorna.",
    errEmpty: "Inga svar är ifyllda. Fyll i minst en fråga innan du sparar.",
    errToken: "Formuläret gick inte att läsa. Ladda om sidan och försök igen.",
    errCode: "Deltagarkoden ska vara 4 till 20 bokstäver eller siffror.",
    errImported: "Den här omgången är importerad från en fil. Pappersenkäter skrivs in i en egen omgång.",
    errNotYetOpen: "Omgången har inte öppnat än. Pappersenkäter kan skrivas in från {date}.",
    errNoSurvey: "Enkätens fil finns inte längre, så pappersenkäter kan inte skrivas in.",
    // On the campaign page
    campaignPaperHeading: "Papper och tidigare omgångar",
    campaignImported: "Omgången är importerad från filen ”{file}” ({rows} svar, {date}).",
    importLink: "Importera en tidigare omgång av den här enkäten",
  },
  en: {
    pagePaper: "{title} – paper questionnaire",
    paperTitle: "Enter a paper questionnaire",
    paperLead:
      "Fill in what the paper says, question by question. Skip what the person did not answer. The answers are stored as if given on the web, with the channel “paper”.",
    paperConditional: "Only some respondents get this question. It counts only if it applies given the other answers.",
    paperNoAnswer: "No answer",
    paperOther: "Other, write what",
    paperLocale: "Language of the paper questionnaire",
    paperLocaleSv: "Swedish",
    paperLocaleEn: "English",
    paperCode: "Participant code (if written on the paper)",
    paperCodeHint: "4 to 20 letters or digits. Leave empty if there is none.",
    paperSave: "Save the paper questionnaire",
    paperSaved: "The paper questionnaire is saved. This wave now has {n} paper responses.",
    paperSavedBefore:
      "This paper questionnaire was already saved, so it was not saved again. The wave has {n} paper responses.",
    paperIgnored:
      "{n} answers do not count, because the question does not apply given the person's other answers (as the survey does on the web).",
    paperNext: "Enter the next one",
    paperBack: "Back to the survey wave",
    paperCount: "Paper responses: {n}",
    paperLink: "Enter a paper questionnaire",
    errForm: "Something needs fixing. See the messages at the questions.",
    errEmpty: "No answers are filled in. Fill in at least one question before saving.",
    errToken: "The form could not be read. Reload the page and try again.",
    errCode: "The participant code should be 4 to 20 letters or digits.",
    errImported: "This wave was imported from a file. Paper questionnaires are entered in a wave of their own.",
    errNotYetOpen: "The wave has not opened yet. Paper questionnaires can be entered from {date}.",
    errNoSurvey: "The survey's file is gone, so paper questionnaires cannot be entered.",
    campaignPaperHeading: "Paper and earlier waves",
    campaignImported: "This wave was imported from the file “{file}” ({rows} responses, {date}).",
    importLink: "Import an earlier wave of this survey",
  },
});
