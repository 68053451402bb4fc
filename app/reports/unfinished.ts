/**
 * The drafting leaves an instruction for the coordinator where only they know the facts (the partnership's
 * agreement period, how often the steering group met): a sentence that opens with these words. A report that
 * still holds one is not finished: the committee would read the instruction as the report's text.
 */
export const INSTRUCTION_START = "Beskriv här";

/** Titles of the sections whose text, as the report reads now, still holds an instruction. */
export function sectionsStillToWrite(sections: readonly { title: string; editableText: string }[]): string[] {
  return sections.filter((s) => s.editableText.includes(INSTRUCTION_START)).map((s) => s.title);
}
