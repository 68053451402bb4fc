import type { Block, Draft, SectionKey } from "./draft-types";
import { figureKeysOf } from "./draft-types";
import { blocksToText, nonTextBlocks, textToBlocks } from "./plain-text";

/** What staff edited in a section, as stored (see models/report.server). */
export interface SectionState {
  key: SectionKey;
  editedText: string | null;
  editedAt?: string | null;
  editedByName?: string | null;
  editedFigures: Record<string, string> | null;
  stale: boolean;
  changedFigures: { key: string; label: string; before: string | null; after: string | null }[];
}

export interface ResolvedSection {
  key: SectionKey;
  title: string;
  /** What the report shows: the edited text (with the section's tables and charts) or the generated blocks. */
  blocks: Block[];
  edited: boolean;
  editedAt: string | null;
  editedByName: string | null;
  stale: boolean;
  changedFigures: SectionState["changedFigures"];
  /** The figures the generated text of this section states: its sources. */
  figureKeys: string[];
  /** The text the editor starts from. */
  editableText: string;
  generatedText: string;
}

/** The report as it reads: the draft with the staff's edits laid over it. */
export function resolveSections(draft: Draft, states: readonly SectionState[]): ResolvedSection[] {
  return draft.sections.map((s) => {
    const state = states.find((x) => x.key === s.key);
    const edited = state?.editedText !== null && state?.editedText !== undefined;
    const generatedText = blocksToText(s.blocks, draft.figures);
    return {
      key: s.key,
      title: s.title,
      blocks: edited ? [...textToBlocks(state!.editedText!), ...nonTextBlocks(s.blocks)] : s.blocks,
      edited,
      editedAt: state?.editedAt ?? null,
      editedByName: state?.editedByName ?? null,
      stale: edited && (state?.stale ?? false),
      changedFigures: edited ? (state?.changedFigures ?? []) : [],
      figureKeys: figureKeysOf(s.blocks),
      editableText: edited ? state!.editedText! : generatedText,
      generatedText,
    };
  });
}

/** The figures a section's generated text states, as written: what an edit was based on. */
export function figureTextsOf(draft: Draft, key: SectionKey): Record<string, string> {
  const section = draft.sections.find((s) => s.key === key);
  if (!section) return {};
  return Object.fromEntries(figureKeysOf(section.blocks).map((k) => [k, draft.figures[k]?.text ?? ""]));
}

/**
 * After regenerating: for each edited section, the figures whose wording changed since the edit (a figure
 * that appeared or disappeared counts too). An empty list means the edit still rests on the same figures.
 */
export function staleness(
  next: Draft,
  states: readonly SectionState[],
): { key: SectionKey; changed: SectionState["changedFigures"] }[] {
  return states
    .filter((s) => s.editedText !== null && s.editedFigures !== null)
    .map((s) => {
      const before = s.editedFigures!;
      const after = figureTextsOf(next, s.key);
      const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
      const changed = keys
        .filter((k) => (before[k] ?? null) !== (after[k] ?? null))
        .map((k) => ({
          key: k,
          label: next.figures[k]?.label ?? k,
          before: before[k] ?? null,
          after: after[k] ?? null,
        }));
      return { key: s.key, changed };
    });
}
