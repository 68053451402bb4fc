import { describe, expect, it } from "vitest";
import { countByKind, findSensitive, isIdentityNumber, luhnValid, redact, redactText } from "~/privacy/redact";

describe("personnummer", () => {
  it.each([
    ["811218-9876", "10 digits with a dash"],
    ["8112189876", "10 digits without a separator"],
    ["19811218-9876", "12 digits with a dash"],
    ["198112189876", "12 digits without a separator"],
    ["121212+1212", "10 digits with '+' (over 100 years old)"],
    ["19121212-1212", "the tax agency's test number"],
    ["20000229-5673", "a real leap day"],
  ])("masks %s (%s)", (value) => {
    expect(redactText(`Mitt nummer är ${value}, tack.`)).toBe("Mitt nummer är [personnummer], tack.");
    expect(isIdentityNumber(value)).toBe(true);
  });

  it.each([
    ["811218-9875", "wrong check digit"],
    ["8501011234", "random digits, wrong check digit"],
    ["198112189875", "12 digits, wrong check digit"],
    ["851301-1232", "month 13 (check digit fits)"],
    ["850230-1230", "30 February (check digit fits)"],
    ["850192-1236", "day 92 (check digit fits)"],
    ["20010229-5672", "29 February in a year that is not a leap year"],
  ])("leaves %s alone (%s)", (value) => {
    expect(redactText(`Nummer ${value} här`)).toBe(`Nummer ${value} här`);
    expect(isIdentityNumber(value)).toBe(false);
  });

  it("does not take digits out of a longer run", () => {
    expect(redactText("Referens 38112189876 och 81121898761")).toBe("Referens 38112189876 och 81121898761");
  });

  it("checks the Luhn digit", () => {
    expect(luhnValid("8112189876")).toBe(true);
    expect(luhnValid("8112189877")).toBe(false);
    expect(luhnValid("81121898x6")).toBe(false);
  });
});

describe("samordningsnummer", () => {
  it("masks a coordination number (day + 60) in both lengths, as a personnummer", () => {
    expect(redactText("Samordningsnummer 701063-2391.")).toBe("Samordningsnummer [personnummer].");
    expect(redactText("Samordningsnummer 197010632391.")).toBe("Samordningsnummer [personnummer].");
    expect(findSensitive("701063-2391")[0].kind).toBe("samordningsnummer");
  });

  it("refuses one with a wrong check digit", () => {
    expect(redactText("701063-2392")).toBe("701063-2392");
  });
});

describe("phone numbers", () => {
  it.each([
    "070-123 45 67",
    "070-1234567",
    "0701234567",
    "070 123 45 67",
    "073-123 45 67",
    "+46 70 123 45 67",
    "+46701234567",
    "+46 70-123 45 67",
    "0046 70 123 45 67",
    "0046701234567",
    "+46 (0)70-123 45 67",
    "08-508 250 84",
    "08-50825084",
    "08 508 250 84",
    "+46 8 508 250 84",
    "+46850825084",
    "031-12 34 56",
    "0470-12 34 56",
    "040 - 12 34 56",
  ])("masks %s", (value) => {
    expect(redactText(`Ring mig på ${value} i morgon`)).toBe("Ring mig på [telefon] i morgon");
  });

  it("masks several numbers in one text and reports them", () => {
    const result = redact("Jobb 08-123 456 78, mobil 0739-876543.");
    expect(result.text).toBe("Jobb [telefon], mobil [telefon].");
    expect(countByKind(result.found)).toEqual({ telefon: 2 });
  });

  it("does not eat a following number", () => {
    expect(redactText("Ring 070-123 45 67 12 gånger")).toBe("Ring [telefon] 12 gånger");
  });
});

describe("e-mail addresses", () => {
  it.each([
    "anna.svensson@example.se",
    "kalle_99+mallis@hotmail.com",
    "Åsa.Öberg@exempel.nu",
    "NAMN@STAD.STOCKHOLM.SE",
  ])("masks %s", (value) => {
    expect(redactText(`Mejla ${value}.`)).toBe("Mejla [e-post].");
  });

  it("masks the whole address even when it holds digits like a personnummer or a phone number", () => {
    expect(redactText("811218-9876@example.se och 0701234567@sms.se")).toBe("[e-post] och [e-post]");
  });

  it("leaves a lone @ and handles alone", () => {
    expect(redactText("Vi ses @ Mallis, följ @streetminds")).toBe("Vi ses @ Mallis, följ @streetminds");
  });
});

describe("names from the staff's list", () => {
  it("masks the surname after a listed first name, not just the first name (issue 10, point 7)", () => {
    expect(redactText("Mona Berg ringde i dag.", { names: ["Mona"] })).toBe("[namn] ringde i dag.");
    expect(redactText("Träffade Mona Berg-Lind och mona igen", { names: ["Mona"] })).toBe(
      "Träffade [namn] och [namn] igen",
    );
    // A lower-case word after the name is not a surname.
    expect(redactText("Mona kom sent", { names: ["Mona"] })).toBe("[namn] kom sent");
    // A full name on the list works too.
    expect(redactText("Hej Anna Svensson!", { names: ["Anna Svensson"] })).toBe("Hej [namn]!");
  });

  const names = ["Kalle", "Maria Lind", "Bo", "  ", "x"];

  it("masks listed names as whole words, whatever the case, with a genitive s", () => {
    expect(redactText("Kalle sa att maria lind kommer. KALLES hund är snäll.", { names })).toBe(
      "[namn] sa att [namn] kommer. [namn] hund är snäll.",
    );
  });

  it("prefers the full name over a part of it", () => {
    const result = redact("Maria Lind och Maria", { names: ["Maria", "Maria Lind"] });
    expect(result.text).toBe("[namn] och [namn]");
    expect(result.found).toEqual([
      { kind: "namn", start: 0, end: 10 },
      { kind: "namn", start: 15, end: 20 },
    ]);
  });

  it("does not mask a name inside another word", () => {
    expect(redactText("Kalles, Kallesson och kalleskog", { names: ["Kalle"] })).toBe("[namn], Kallesson och kalleskog");
  });

  it("masks short names only when written with a capital, so ordinary words survive", () => {
    expect(redactText("Bo vill bo kvar i lägenheten", { names })).toBe("[namn] vill bo kvar i lägenheten");
  });

  it("treats regular-expression characters in names as text", () => {
    expect(redactText("Hej Pxer, Per och P.er", { names: ["P.er"] })).toBe("Hej Pxer, Per och [namn]");
    expect(redactText("Hej Ann (Lisa)", { names: ["Ann (Lisa)"] })).toBe("Hej [namn]");
  });

  it("masks nothing when the list is empty", () => {
    expect(redactText("Kalle och Maria", { names: [] })).toBe("Kalle och Maria");
  });
});

describe("text that must stay as it is", () => {
  it.each([
    "Vi träffas 2024-05-12 kl. 14:30.",
    "Mötet är 2023-10-01 09:00–11:30.",
    "Det kostar 1 250 kr, eller 350:- med rabatt.",
    "Hyran höjdes med 12 500 kronor om året.",
    "Sedan 2019 har jag bott här, mellan 1998-2003 bodde jag på gatan.",
    "Öppet 10-15 måndag till fredag, kl 09.00–12.00 på lördagar.",
    "Den 12/5 och 1/2 2024 var det fest.",
    "Vi ses 05-12 14-16 på Mallis.",
    "Datum 01 02 2024 passar bra.",
    "Kompakt datum 20240512 och tid 1430.",
    "Ca 140 besökare per månad och 0,5 liter kaffe.",
    "Limit 20 000 tecken, 33 procent, 131 deltagare.",
    "Ordernummer 8501011234 gäller.",
    "<script>alert('hej')</script> <b>fet</b>",
    "",
  ])("%s", (text) => {
    const result = redact(text, { names: ["Kalle"] });
    expect(result.text).toBe(text);
    expect(result.found).toEqual([]);
  });
});

describe("mixed text", () => {
  it("masks each kind in one pass and reports positions in the original text", () => {
    const text =
      "Jag heter Kalle, pnr 811218-9876, ring 070-123 45 67 eller mejla kalle@example.se. Vi ses 2024-05-12 kl 14:30.";
    const result = redact(text, { names: ["Kalle"] });
    expect(result.text).toBe(
      "Jag heter [namn], pnr [personnummer], ring [telefon] eller mejla [e-post]. Vi ses 2024-05-12 kl 14:30.",
    );
    expect(result.found.map((h) => h.kind)).toEqual(["namn", "personnummer", "telefon", "epost"]);
    for (const hit of result.found) expect(text.slice(hit.start, hit.end)).not.toMatch(/^\s|\s$/);
    expect(text.slice(result.found[1].start, result.found[1].end)).toBe("811218-9876");
  });

  it("is idempotent: masking masked text changes nothing", () => {
    const once = redactText("Ring 08-508 250 84 eller 811218-9876, Kalle", { names: ["Kalle"] });
    expect(redactText(once, { names: ["Kalle"] })).toBe(once);
  });
});
