import type { Block } from "../draft-types";
import type { DraftContext } from "../draft-context";

/** 6. Deltagarnas upplevelse (brukarenkät). */
export function experienceSection(ctx: DraftContext): Block[] {
  void ctx;
  return [
    {
      t: "p",
      parts: [
        "Resultaten från brukarenkäten hämtas ännu inte automatiskt till utkastet. Skriv in de senaste resultaten här.",
      ],
    },
  ];
}
