import { describe, expect, it } from "vitest";
import { spokenSentences } from "~/components/spoken-sentences";

describe("spokenSentences", () => {
  it("ends each part with a full stop unless it has its own mark, and leaves out empty parts", () => {
    expect(spokenSentences(["Vad hände med våra idéer?", "Här ser du vad som har hänt"])).toBe(
      "Vad hände med våra idéer? Här ser du vad som har hänt.",
    );
    expect(spokenSentences(["Gratis SL-kort", "Läge: Går inte att göra", "", null, "  Klart!  "])).toBe(
      "Gratis SL-kort. Läge: Går inte att göra. Klart!",
    );
  });
});
