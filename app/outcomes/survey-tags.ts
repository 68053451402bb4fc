import { DIMENSION_TAGS, isKnownOutcomeTag, measureFor, type Text } from "./measures";

/**
 * Reads which questions of a survey definition feed which outcome tag, straight from its JSON (pages, panels,
 * elements), with each question's answer options in both languages. Pure: used at start to check the files and
 * on every outcomes page to know which question names to aggregate.
 */

export interface TaggedOption {
  /** The value as stored in `response_answers.value_text`. */
  value: string;
  label: Text;
  /** "None of these" in a checkbox question (SurveyJS `isExclusive` or its none item): an answer, not an option chosen. */
  exclusive?: true;
}

export interface TaggedQuestion {
  name: string;
  type: string;
  tag: string;
  title: Text;
  options: TaggedOption[];
}

type Json = Record<string, unknown>;

function text(v: unknown, fallback: string): Text {
  if (typeof v === "string") return { sv: v, en: v };
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const sv = typeof o.sv === "string" ? o.sv : typeof o.default === "string" ? o.default : fallback;
    const en = typeof o.en === "string" ? o.en : sv;
    return { sv, en };
  }
  return { sv: fallback, en: fallback };
}

function elementsOf(node: Json): Json[] {
  const out: Json[] = [];
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const el of list) {
      if (!el || typeof el !== "object") continue;
      const e = el as Json;
      if (e.type === "panel") visit(e.elements);
      else out.push(e);
    }
  };
  if (Array.isArray(node.pages))
    for (const p of node.pages) if (p && typeof p === "object") visit((p as Json).elements);
  visit(node.elements);
  return out;
}

function optionsOf(e: Json): TaggedOption[] {
  if (e.type === "rating") {
    if (Array.isArray(e.rateValues) && e.rateValues.length > 0) {
      return e.rateValues.map((v) =>
        v && typeof v === "object"
          ? { value: String((v as Json).value), label: text((v as Json).text, String((v as Json).value)) }
          : { value: String(v), label: { sv: String(v), en: String(v) } },
      );
    }
    const min = Number(e.rateMin ?? 1);
    const max = Number(e.rateMax ?? 5);
    const out: TaggedOption[] = [];
    for (let v = min; v <= max; v++) out.push({ value: String(v), label: { sv: String(v), en: String(v) } });
    return out;
  }
  if (e.type === "boolean") {
    return [
      { value: "true", label: { sv: "Ja", en: "Yes" } },
      { value: "false", label: { sv: "Nej", en: "No" } },
    ];
  }
  const choices = Array.isArray(e.choices) ? e.choices : [];
  const out: TaggedOption[] = choices.map((c) =>
    c && typeof c === "object"
      ? {
          value: String((c as Json).value),
          label: text((c as Json).text, String((c as Json).value)),
          ...((c as Json).isExclusive === true ? { exclusive: true as const } : {}),
        }
      : { value: String(c), label: { sv: String(c), en: String(c) } },
  );
  if (e.showOtherItem || e.hasOther) out.push({ value: "other", label: text(e.otherText, "Annat") });
  if (e.showNoneItem || e.hasNone)
    out.push({ value: "none", label: text(e.noneText, "Inget av dessa"), exclusive: true });
  return out;
}

/** Every question carrying an `outcome` tag, in the file's order. */
export function taggedQuestions(json: Json): TaggedQuestion[] {
  return elementsOf(json)
    .filter((e) => typeof e.outcome === "string" && e.outcome !== "" && typeof e.name === "string")
    .map((e) => ({
      name: e.name as string,
      type: String(e.type),
      tag: e.outcome as string,
      title: text(e.title, e.name as string),
      options: optionsOf(e),
    }));
}

const SINGLE = new Set(["radiogroup", "dropdown", "rating", "boolean"]);

/**
 * What is wrong with a survey's outcome tags, naming the question, or null. An unknown tag, a tag on a question type
 * its measure cannot read, or answer options the measure does not expect would give silently wrong figures, so
 * they stop the start.
 */
export function outcomeTagProblem(json: Json): string | null {
  const questions = taggedQuestions(json);
  const perTag = new Map<string, TaggedQuestion[]>();
  for (const q of questions) {
    if (!isKnownOutcomeTag(q.tag)) {
      return `question "${q.name}" has the outcome tag "${q.tag}", which no outcome measure knows (app/outcomes/measures.ts)`;
    }
    perTag.set(q.tag, [...(perTag.get(q.tag) ?? []), q]);
    const values = new Set(q.options.map((o) => o.value));
    if ((DIMENSION_TAGS as readonly string[]).includes(q.tag)) {
      if (!SINGLE.has(q.type)) return `question "${q.name}" (outcome "${q.tag}") must be a single-choice question`;
      continue;
    }
    const m = measureFor(q.tag)!;
    switch (m.kind) {
      case "share":
        if (!SINGLE.has(q.type)) return `question "${q.name}" (outcome "${q.tag}") must be a single-choice question`;
        for (const p of m.positive)
          if (!values.has(p)) return `question "${q.name}" (outcome "${q.tag}") has no answer option "${p}"`;
        break;
      case "choices":
        if (q.type !== "checkbox") return `question "${q.name}" (outcome "${q.tag}") must be a checkbox question`;
        break;
      case "mean":
      case "scale_sum":
        if (!SINGLE.has(q.type) || q.options.some((o) => !Number.isFinite(Number(o.value))))
          return `question "${q.name}" (outcome "${q.tag}") must have numeric answer options`;
        if (m.kind === "scale_sum" && m.itemValues.some((v) => !values.has(String(v))))
          return `question "${q.name}" (outcome "${q.tag}") must have the answer options ${m.itemValues.join(", ")}`;
        break;
    }
  }
  for (const [tag, qs] of perTag) {
    const m = measureFor(tag);
    const expected = m?.kind === "scale_sum" ? m.items : 1;
    if (qs.length !== expected) {
      return `the outcome tag "${tag}" is on ${qs.length} questions (${qs.map((q) => q.name).join(", ")}); it needs exactly ${expected}`;
    }
  }
  return null;
}
