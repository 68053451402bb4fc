import { compiledSurvey, type CompiledSurvey } from "~/surveys/validate.server";

/**
 * The survey as staff check answers they copy from paper or a file: every value, choice, scale, length and
 * condition is checked by the same compiled survey-core rules as a web submission, but no question is
 * obligatory. The person is not there to be asked, and a skipped question on paper is a skipped question
 * (decision 0026). Compiled once per version, like the web's, under the version's id negated so the two never
 * meet in the cache.
 */
export function surveyWithoutObligation(versionId: number, json: Record<string, unknown>): CompiledSurvey {
  return compiledSurvey(-versionId, withoutObligation(json) as Record<string, unknown>);
}

const OBLIGATION = new Set(["isRequired", "requiredIf", "requiredErrorText", "minSelectedChoices"]);

export function withoutObligation(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutObligation);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (!OBLIGATION.has(key)) out[key] = withoutObligation(value);
  return out;
}
