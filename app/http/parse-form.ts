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
 * "0"); any other absent field is "" unless it is optional or has a default. Each field's error is the first
 * message written in the schema (string keys like "errName", turned into text by `errorText` in
 * `app/components/forms.tsx`); where zod would say something of its own, `fallback` ("errForm") stands instead.
 * Errors about the whole form (refinements with no path) come under `form`.
 */
import { z } from "zod";

export type FieldErrors<T> = Partial<Record<(T extends object ? keyof T & string : never) | "form", string>>;
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors<T> };

type FormSource = FormData | URLSearchParams;

export function parseForm<S extends z.ZodTypeAny>(
  source: FormSource,
  schema: S,
  { fallback = "errForm" }: { fallback?: string } = {},
): ParseResult<z.output<S>> {
  const parsed = schema.safeParse(formToObject(source, schema));
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: issuesToErrors(parsed.error.issues, fallback) as FieldErrors<z.output<S>> };
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

type FieldKind = "array" | "boolean" | "optional" | "value";

/** Builds the object zod sees from a form, by the kinds of field the schema declares. */
export function formToObject(source: FormSource, schema: z.ZodTypeAny): Record<string, unknown> {
  const kinds = fieldKinds(schema);
  const out: Record<string, unknown> = {};
  for (const [name, kind] of kinds) {
    const values = source.getAll(name);
    if (kind === "array") out[name] = values;
    else if (kind === "boolean") out[name] = values.some((v) => typeof v !== "string" || !FALSE_WORDS.has(v));
    else if (values.length > 0) out[name] = values[0];
    else if (kind === "value") out[name] = "";
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
  const { type, optional } = unwrap(field);
  if (type instanceof z.ZodArray) return "array";
  if (type instanceof z.ZodBoolean) return "boolean";
  return optional ? "optional" : "value";
}

/** Looks through optional, default, nullable, effects and pipelines to the type the form value feeds. */
function unwrap(schema: z.ZodTypeAny): { type: z.ZodTypeAny; optional: boolean } {
  let type = schema;
  let optional = false;
  for (;;) {
    if (type instanceof z.ZodOptional || type instanceof z.ZodDefault) {
      optional = true;
      type = type instanceof z.ZodOptional ? type.unwrap() : type.removeDefault();
    } else if (type instanceof z.ZodNullable) type = type.unwrap();
    else if (type instanceof z.ZodEffects) type = type.innerType();
    else if (type instanceof z.ZodPipeline) type = type._def.in;
    else if (type instanceof z.ZodBranded) type = type.unwrap();
    else if (type instanceof z.ZodCatch) type = type.removeCatch();
    else return { type, optional };
  }
}
