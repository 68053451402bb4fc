import { defineStrings } from "../define";

/** The visitor register, codes on attendance, self check-in and persons reached. */
export const visitors = defineStrings({
  sv: {
    errCodesTooLong: "Fältet för deltagarkoder är för långt. Högst 200 koder i en registrering.",
    errCodesTooMany: "Högst 200 deltagarkoder i en registrering.",
    errCodeMalformed: "Kod nummer {position} går inte att läsa. En kod är 4 till 20 bokstäver eller siffror.",
    errCodeTwice: "Kod nummer {position} står redan tidigare i listan. Skriv varje kod en gång.",
    errUnknownCodes:
      "{count} av koderna finns inte i besöksregistret. Är det nya besökare? Fyll i kön och program för var och en nedan och spara igen. Annars: rätta koden.",
    errNewGender: "Välj kön i listan för varje ny besökare.",
    errNewProgram: "Välj program i listan för varje ny besökare.",
    errTooManyWithCodes: "Högst 200 deltagare, med och utan kod tillsammans. Kontrollera siffrorna.",
    newVisitorLegend: "Ny besökare med kod {code}",
    newGender: "Kön, som personen själv säger",
    newProgram: "Program",
    noProgram: "Inget program, eller vill inte säga",
    withCodes: "{coded} med kod",
    savedWithCodes: "Sparat: {activity} {date}, {total} deltagare, varav {coded} med deltagarkod.",
    codedNow:
      "Dessutom {coded} med deltagarkod, som räknas efter besöksregistret ({women} kvinnor, {men} män, {other} annan/ickebinär, {notStated} vill inte uppge). Siffrorna här är de utan kod.",
    importCodeMalformed: "Kod nummer {position} går inte att läsa (4 till 20 bokstäver eller siffror).",
    importCodeTwice: "Kod nummer {position} står två gånger på raden.",
    importCodesTooMany: "För många koder på raden (högst 200).",
    importUnknownCodes:
      "{count} koder finns inte i besöksregistret. Nya besökare registreras i formuläret eller vid incheckningen först.",
    importTooManyWithCodes: "Fler än 200 deltagare med och utan kod tillsammans.",
  },
  en: {
    errCodesTooLong: "The participant code field is too long. At most 200 codes in one registration.",
    errCodesTooMany: "At most 200 participant codes in one registration.",
    errCodeMalformed: "Code number {position} cannot be read. A code is 4 to 20 letters or digits.",
    errCodeTwice: "Code number {position} is already earlier in the list. Write each code once.",
    errUnknownCodes:
      "{count} of the codes are not in the visitor register. New visitors? Fill in gender and programme for each below and save again. Otherwise, correct the code.",
    errNewGender: "Choose a gender from the list for each new visitor.",
    errNewProgram: "Choose a programme from the list for each new visitor.",
    errTooManyWithCodes: "At most 200 participants, with and without a code together. Check the numbers.",
    newVisitorLegend: "New visitor with code {code}",
    newGender: "Gender, as the person says",
    newProgram: "Programme",
    noProgram: "No programme, or would rather not say",
    withCodes: "{coded} with a code",
    savedWithCodes: "Saved: {activity} {date}, {total} participants, of whom {coded} with a participant code.",
    codedNow:
      "Also {coded} with a participant code, counted from the visitor register ({women} women, {men} men, {other} other/non-binary, {notStated} not stated). The numbers here are those without a code.",
    importCodeMalformed: "Code number {position} cannot be read (4 to 20 letters or digits).",
    importCodeTwice: "Code number {position} appears twice on the row.",
    importCodesTooMany: "Too many codes on the row (at most 200).",
    importUnknownCodes:
      "{count} codes are not in the visitor register. New visitors are registered in the form or at check-in first.",
    importTooManyWithCodes: "More than 200 participants with and without a code together.",
  },
});
