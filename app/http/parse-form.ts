/**
 * The one way to read a form or a query string: a zod schema in, the typed value or field errors out.
 *
 *   const schema = z.object({
 *     name: z.string().trim().min(1, "errName").max(200, "errName"),
 *     programIds: z.array(z.coerce.number().int().positive()).min(1, "errPrograms"), // repeated field → array
 *     disabled: z.boolean(),                                                          // checkbox → present/absent
 *     note: z.string().optional(),                                                    // absent → undefined
 *   });
 *   const parsed = parseForm(await requireForm(request), schema);      // or parseForm(url.searchParams, schema)
 *   if (!parsed.ok) return data({ errors: parsed.errors }, { status: 422 });
 *   await saveThing(parsed.value);                                     // typed
 *
 * How fields are read, from the schema's shape (objects, unions and discriminated unions of objects):
 * an array field takes every value of the name; a boolean is a checkbox (present and not "", "off", "false" or
 * "0"). Any other field must be sent, even if empty: a form the page rendered always sends its text boxes,
 * selects and hidden fields, so a field left out is a hand-made or broken post, not a person clearing a value.
 * Such a field's error is "errMissing" and its name is in `missing` (answer 400; nothing may be written). Two
 * kinds of field may be left out, and the schema says which:
 *   note: z.string().optional(),          // absent → undefined (keep what is stored, or no value)
 *   role: leftOutAsEmpty(z.string().min(1, "errRole")), // a radio group with nothing chosen → "", as if empty
 * Each other field's error is the first message written in the schema (string keys like "errName", turned into
 * text by `errorText` in `app/components/forms.tsx`); where zod would say something of its own, `fallback`
 * ("errForm") stands instead. Errors about the whole form (refinements with no path) come under `form`.
 */
import { z } from "zod";

export type FieldErrors<T> = Partial<Record<(T extends object ? keyof T & string : never) | "form", string>>;
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: FieldErrors<T>; /** Required fields the post left out: answer 400. */ missing: string[] };

/** The error key of a required field the post left out. */
export const MISSING = "errMissing";

const leftOutFields = new WeakSet<z.ZodTypeAny>();

/**
 * A field a browser itself may leave out and that then reads as "" (a radio group with nothing chosen, a select
 * with no options, a disabled control): the schema's own message for "" is said, not "errMissing".
 */
export function leftOutAsEmpty<S extends z.ZodTypeAny>(schema: S): S {
  leftOutFields.add(schema);
  return schema;
}

type FormSource = FormData | URLSearchParams;

export function parseForm<S extends z.ZodTypeAny>(
  source: FormSource,
  schema: S,
  { fallback = "errForm" }: { fallback?: string } = {},
): ParseResult<z.output<S>> {
  const kinds = fieldKinds(schema);
  const sent = readFields(source, kinds);
  const parsed = schema.safeParse(sent);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues;
  // A required field zod complains about that the post did not hold at all was left out, whatever zod calls it.
  const missing = [...new Set(issues.map((issue) => String(issue.path[0])))].filter(
    (key) => kinds.get(key) === "value" && sent[key] === undefined,
  );
  const errors: Record<string, string> = issuesToErrors(issues, fallback);
  for (const key of missing) errors[key] = MISSING;
  return { ok: false, errors: errors as FieldErrors<z.output<S>>, missing };
}

/** Whether a form failed only because of what it left out or got wrong: 400 for a left-out field, else 422. */
export function failedStatus(parsed: { missing: string[] }): 400 | 422 {
  return parsed.missing.length > 0 ? 400 : 422;
}

/** Field errors from zod issues: the first per field, zod's own wording replaced by `fallback`. */
export function issuesToErrors(issues: z.ZodIssue[], fallback = "errForm"): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    errors[key] ??= isZodWording(issue) ? fallback : issue.message;
  }
  return errors;
}

function isZodWording(issue: z.ZodIssue): boolean {
  return issue.message === z.defaultErrorMap(issue, { defaultError: "Invalid input", data: undefined }).message;
}

type FieldKind = "array" | "boolean" | "optional" | "left-out-as-empty" | "value";

/** Builds the object zod sees from a form, by the kinds of field the schema declares. */
export function formToObject(source: FormSource, schema: z.ZodTypeAny): Record<string, unknown> {
  return readFields(source, fieldKinds(schema));
}

function readFields(source: FormSource, kinds: Map<string, FieldKind>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of kinds) {
    const values = source.getAll(name);
    if (kind === "array") out[name] = values;
    else if (kind === "boolean") out[name] = values.some((v) => typeof v !== "string" || !FALSE_WORDS.has(v));
    else if (values.length > 0) out[name] = values[0];
    else if (kind === "left-out-as-empty") out[name] = "";
  }
  return out;
}

const FALSE_WORDS = new Set(["", "off", "false", "0"]);

function fieldKinds(schema: z.ZodTypeAny): Map<string, FieldKind> {
  const kinds = new Map<string, FieldKind>();
  const visit = (s: z.ZodTypeAny) => {
    const inner = unwrap(s).type;
    if (inner instanceof z.ZodObject) {
      for (const [name, field] of Object.entries(inner.shape as Record<string, z.ZodTypeAny>)) {
        if (!kinds.has(name) || kinds.get(name) === "value") kinds.set(name, kindOf(field));
      }
    } else if (inner instanceof z.ZodUnion || inner instanceof z.ZodDiscriminatedUnion) {
      for (const option of inner.options as z.ZodTypeAny[]) visit(option);
    } else if (inner instanceof z.ZodIntersection) {
      visit(inner._def.left);
      visit(inner._def.right);
    }
  };
  visit(schema);
  return kinds;
}

function kindOf(field: z.ZodTypeAny): FieldKind {
  const { type, optional, leftOut } = unwrap(field);
  if (type instanceof z.ZodArray) return "array";
  if (type instanceof z.ZodBoolean) return "boolean";
  return optional ? "optional" : leftOut ? "left-out-as-empty" : "value";
}

/** Looks through optional, default, nullable, effects and pipelines to the type the form value feeds. */
function unwrap(schema: z.ZodTypeAny): { type: z.ZodTypeAny; optional: boolean; leftOut: boolean } {
  let type = schema;
  let optional = false;
  let leftOut = false;
  for (;;) {
    if (leftOutFields.has(type)) leftOut = true;
    if (type instanceof z.ZodOptional || type instanceof z.ZodDefault) {
      optional = true;
      type = type instanceof z.ZodOptional ? type.unwrap() : type.removeDefault();
    } else if (type instanceof z.ZodNullable) type = type.unwrap();
    else if (type instanceof z.ZodEffects) type = type.innerType();
    else if (type instanceof z.ZodPipeline) type = type._def.in;
    else if (type instanceof z.ZodBranded) type = type.unwrap();
    else if (type instanceof z.ZodCatch) type = type.removeCatch();
    else return { type, optional, leftOut };
  }
}
