/**
 * The one form toolkit: every staff and participant form is built from these.
 *
 *   const t = useStrings(staffStrings);
 *   const field = fieldsOf(t, result?.values ?? defaults, result?.errors); // name, value and error text by name
 *   <ToolkitForm errors={result?.errors} alert={t.errForm}>                // posts; its alert comes first
 *     <Field label={t.name} {...field("name")} maxLength={200} />
 *     <TextareaField label={t.note} {...field("note")} hint={t.noteHint} rows={4} />
 *     <TextareaField label={t.text} name="text" describedBy="text-count" onChange={(e) => setText(e.target.value)}>
 *       <CharacterCount id="text-count" text={text} count={length} max={500} left={t.left} over={t.over} />
 *     </TextareaField>                                                     // "12 tecken kvar", "3 tecken för mycket."
 *     <SelectField label={t.programme} {...field("programId")} options={programs} />  // records with id and name
 *     <CheckboxField label={t.disable} name="disabled" hint={t.disableHint} defaultChecked={v.disabled} />
 *     <FormActions submit={t.save} cancel={t.cancel} cancelTo="/staff/users" />
 *   </ToolkitForm>
 *
 * Each field renders label, hint, error and control in that order, ids `<id>-hint` and `<id>-error`, and wires
 * `aria-invalid` and `aria-describedby` (plus any ids in `describedBy`, e.g. a counter passed as `children`,
 * which render after the control). `id` defaults to `name`. The server side is `parseForm` in
 * `app/http/parse-form.ts`: its field errors are string keys, turned into text here with `errorText`.
 */
import { Form, Link, type FormProps } from "@remix-run/react";
import {
  useEffect,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { format, groupDigits } from "~/i18n/define";

interface FieldFrame {
  label: ReactNode;
  hint?: ReactNode;
  /** The error text to show; nothing → the field is valid. */
  error?: ReactNode;
  /** More ids that describe the control (shown after it, e.g. a character counter). */
  describedBy?: string;
  /** Marks the control invalid when its error is said elsewhere (a form-level alert named in `describedBy`). */
  invalid?: boolean;
  /**
   * The id of the alert that says what is wrong with this field, when it is wrong (`errorIn={error && "pin-error"}`):
   * the control is then invalid and described by it. Nothing → the alert says nothing about this field.
   */
  errorIn?: string | false | null;
  /** Class of the wrapping element, `field` by default. */
  className?: string;
  /** Shown after the control. */
  children?: ReactNode;
}

/**
 * The ids of a control's hint and error, and the control's `id`, `aria-invalid` and `aria-describedby`: for a
 * control the fields below do not frame (a count stepper), so it is wired the same way.
 */
export function wireControl(
  id: string,
  { hint, error, describedBy, errorIn }: Pick<FieldFrame, "hint" | "error" | "describedBy" | "errorIn">,
  invalid?: boolean | "true" | "false" | "grammar" | "spelling",
) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [errorId, errorIn, hintId, describedBy].filter(Boolean).join(" ") || undefined;
  // An error shown elsewhere (a form-level alert) marks the control invalid too.
  const ariaInvalid = error || errorIn || invalid === true || invalid === "true" ? true : undefined;
  return { hintId, errorId, control: { id, "aria-invalid": ariaInvalid, "aria-describedby": described } };
}

function FieldText({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint?: ReactNode;
  hintId?: string;
  error?: ReactNode;
  errorId?: string;
}) {
  return (
    <>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** Label, hint, error, then the control and anything after it: the frame of every labelled field. */
function FieldShell({
  className,
  label,
  hint,
  error,
  ids,
  control,
  after,
}: {
  className?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  ids: ReturnType<typeof wireControl>;
  control: ReactNode;
  after?: ReactNode;
}) {
  return (
    <div className={className ?? "field"}>
      <label htmlFor={ids.control.id}>{label}</label>
      <FieldText hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
      {control}
      {after}
    </div>
  );
}

type ControlOf<P> = Omit<P, keyof FieldFrame | "id">;

/**
 * Splits a field's props into its frame (label, hint, error and their ids), what comes after the control, and the
 * control's own attributes with `id`, `aria-invalid` and `aria-describedby` wired: the one place they are wired.
 */
function useFieldParts<P extends FieldFrame & { id?: string; name: string; "aria-invalid"?: unknown }>({
  label,
  hint,
  error,
  describedBy,
  invalid,
  errorIn,
  className,
  children,
  id,
  ...rest
}: P) {
  const control = rest as unknown as ControlOf<P> & { name: string; "aria-invalid"?: boolean | "true" | "false" };
  const ids = wireControl(
    id ?? control.name,
    { hint, error, describedBy, errorIn },
    invalid ?? control["aria-invalid"],
  );
  return {
    frame: { className, label, hint, error, ids },
    after: children,
    control: { ...control, ...ids.control },
  };
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "children"> & { name: string };

/**
 * A text-like input (text, email, password, date, number, search …). `beside` (e.g. a button that acts on the
 * value) shares the control's line.
 */
export function Field({ beside, ...props }: FieldFrame & InputProps & { beside?: ReactNode }) {
  const { frame, after, control } = useFieldParts(props);
  const box = <input type="text" {...control} />;
  const row = beside ? (
    <div className="field__row">
      {box}
      {beside}
    </div>
  ) : (
    box
  );
  return <FieldShell {...frame} control={row} after={after} />;
}

/** A whole number (a count, a number of years): a number input that brings up a phone's number keys. */
export function NumberField(props: FieldFrame & Omit<InputProps, "type" | "inputMode">) {
  return <Field type="number" inputMode="numeric" {...props} />;
}

/** A PIN: digits, hidden as they are typed, on a phone's number keys. */
export function PinField(props: FieldFrame & Omit<InputProps, "type" | "inputMode">) {
  return <Field type="password" inputMode="numeric" {...props} />;
}

type TextareaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "children"> & { name: string };

export function TextareaField(props: FieldFrame & TextareaProps) {
  const { frame, after, control } = useFieldParts(props);
  return <FieldShell {...frame} control={<textarea {...control} />} after={after} />;
}

/** The wording of a `CharacterCount`: templates with `{count}`, a number grouped as Swedish writes it. */
export interface CharacterCountWording {
  /** Within the limit: "{count} tecken kvar". */
  left: string;
  /** Past it, with what to do: "{count} tecken för mycket. Gör texten kortare." */
  over: string;
}

/** What a `CharacterCount` says of `length` characters against `max`: how many are left, or how many too many. */
export function characterCount(
  length: number,
  max: number,
  { left, over }: CharacterCountWording,
): { over: boolean; message: string } {
  const isOver = length > max;
  return { over: isOver, message: format(isOver ? over : left, { count: groupDigits(Math.abs(max - length)) }) };
}

/**
 * The characters left in a text box, counted as the box is typed in (a child of its `TextareaField`, whose
 * `describedBy` is `id`): "300 tecken kvar", and past `max` "5 tecken för mycket. Gör lappen kortare.", marked,
 * never a negative number. `text` is what the box holds (null: nothing is shown, e.g. before scripts run) and
 * `count` counts it as the server does. A screen reader hears the count with the box; it is told, politely, only
 * when the text goes past the limit or comes back within it, not on every key (a hidden status says it then, and
 * is emptied at the next key, so it never holds an old count).
 */
export function CharacterCount({
  id,
  text,
  count,
  max,
  ...wording
}: CharacterCountWording & {
  id: string;
  text: string | null;
  count: (text: string) => number;
  max: number;
}) {
  const state = text === null ? null : characterCount(count(text), max, wording);
  const over = state?.over ?? false;
  const message = state?.message ?? "";
  const [said, setSaid] = useState("");
  const wasOver = useRef(over);
  useEffect(() => {
    setSaid(wasOver.current === over ? "" : message);
    wasOver.current = over;
  }, [over, message]);
  if (!state) return null;
  return (
    <>
      <p className={over ? "hint character-count--over" : "hint"} id={id}>
        {message}
      </p>
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </>
  );
}

/** One choice of a `SelectField` or a `ChoiceGroup`. */
export interface FieldOption {
  value: string | number;
  label: ReactNode;
  disabled?: boolean;
}

/** A record with an id and a name (a programme, an activity, a colleague …): an option as it is. */
export interface NamedRecord {
  id: string | number;
  name: string;
}

/** The choices of a `SelectField` or a `ChoiceGroup`: options, or records with an id and a name, in their order. */
export type Options = readonly (FieldOption | NamedRecord)[];

const asOption = (o: FieldOption | NamedRecord): FieldOption => ("id" in o ? { value: o.id, label: o.name } : o);

/** Records with an id and a name as options (`options` takes the records themselves too). */
export function namedOptions(records: readonly NamedRecord[]): FieldOption[] {
  return records.map(asOption);
}

/** Labelled options, one a value: `labelledOptions(STATUSES, (s) => t[`status_${s}`])`. */
export function labelledOptions<V extends string | number>(
  values: readonly V[],
  label: (value: V) => ReactNode,
): FieldOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { name: string };

/**
 * A select. Its choices are `options` (after an `empty` first choice with the value "", when given, e.g. "Alla
 * program"), then any `<option>` children.
 */
export function SelectField({
  after,
  options,
  empty,
  children,
  ...props
}: Omit<FieldFrame, "children"> & SelectProps & { after?: ReactNode; options?: Options; empty?: ReactNode }) {
  const { frame, control } = useFieldParts(props);
  const select = (
    <select {...control}>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {options?.map(asOption).map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
      {children}
    </select>
  );
  return <FieldShell {...frame} control={select} after={after} />;
}

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "children"> & { name: string };

/** One checkbox with its label beside it; hint and error below. */
export function CheckboxField(props: FieldFrame & CheckboxProps) {
  const { frame, after, control } = useFieldParts(props);
  return (
    <div className={frame.className ?? "field"}>
      <label className="choice">
        <input type="checkbox" {...control} />
        {frame.label}
      </label>
      <FieldText hint={frame.hint} hintId={frame.ids.hintId} error={frame.error} errorId={frame.ids.errorId} />
      {after}
    </div>
  );
}

/**
 * The message above a form: an error (`role="alert"`) or, with `tone="ok"` (or `"warn"`: done, but look), a
 * confirmation (`role="status"`).
 * Renders nothing when there is nothing to say. `focus` moves focus to it when it appears, so a screen reader
 * and a keyboard land on what needs fixing.
 */
export function FormAlert({
  children,
  tone = "error",
  id,
  focus = false,
  focusKey,
  className,
}: {
  children?: ReactNode;
  tone?: "error" | "ok" | "warn";
  id?: string;
  focus?: boolean;
  /** With `focus`: focus again whenever this changes (a text message is its own key; elements need one). */
  focusKey?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement & HTMLParagraphElement>(null);
  const shown = children !== null && children !== undefined && children !== false && children !== "";
  // Elements are new on every render: keying on them would pull focus away from whatever the person types next.
  const key = focusKey ?? (typeof children === "string" || typeof children === "number" ? children : undefined);
  useEffect(() => {
    if (focus && shown) ref.current?.focus();
  }, [focus, shown, key]);
  if (!shown) return null;
  const props = {
    className: `alert alert--${tone}${className ? ` ${className}` : ""}`,
    role: tone === "error" ? "alert" : "status",
    id,
    ref,
    tabIndex: focus ? -1 : undefined,
  };
  return typeof children === "string" || typeof children === "number" ? (
    <p {...props}>{children}</p>
  ) : (
    <div {...props}>{children}</div>
  );
}

/**
 * Turns the string keys `parseForm` returns into text of the page's strings: `errorText(t, errors)("name")`.
 * An `errXxx` key the strings lack falls back to `fallback` (else the strings' `errForm`); other text stands.
 */
export function errorText<T extends object>(
  t: T,
  errors: Partial<Record<string, string>> | null | undefined,
  fallback?: string,
): (field: string) => string | undefined {
  const strings = t as Record<string, string>;
  return (field) => {
    const key = errors?.[field];
    if (!key) return undefined;
    if (strings[key]) return strings[key];
    // A message the server already wrote out stands as it is; an unknown key never shows raw.
    return /^err[A-Z]\w*$/.test(key) ? (fallback ?? strings.errForm ?? key) : key;
  };
}

type FieldValue = string | number | readonly string[];

/**
 * Wires a form's fields to its state by name, so each name is written once:
 *   const field = fieldProps(result?.values ?? defaults, errorText(t, result?.errors));
 *   <Field label={t.title} {...field("title")} required />      // name, defaultValue and error
 *   <SelectField label={t.survey} options={surveys} {...field("surveyKey", "brukarenkat")} />
 * `defaultValue` is what `values` holds under the name (a number or a list as it is; null → `fallback`, else "").
 */
export function fieldProps(
  values: object | null | undefined,
  error: (name: string) => ReactNode | undefined = () => undefined,
): (name: string, fallback?: FieldValue) => { name: string; defaultValue: FieldValue; error: ReactNode | undefined } {
  return (name, fallback = "") => {
    const value = (values as Record<string, unknown> | null | undefined)?.[name];
    const defaultValue =
      typeof value === "string" || typeof value === "number"
        ? value
        : Array.isArray(value)
          ? value.map(String)
          : fallback;
    return { name, defaultValue, error: error(name) };
  };
}

/**
 * `fieldProps` over the page's strings: `const field = fieldsOf(t, values, errors)` gives each named field its
 * name, default value and error text (an unknown `errXxx` key reads `fallback`, else the strings' `errForm`).
 */
export function fieldsOf<T extends object>(
  t: T,
  values: object | null | undefined,
  errors: Partial<Record<string, string>> | null | undefined,
  fallback?: string,
) {
  return fieldProps(values, errorText(t, errors, fallback));
}

/** Whether a `parseForm` error object holds any error. */
export function hasErrors(errors: Partial<Record<string, string>> | null | undefined): boolean {
  return !!errors && Object.values(errors).some(Boolean);
}

/**
 * A group of checkboxes or radios under one legend: hint and error come before the choices and describe the
 * group (`<id>-hint`, `<id>-error`; `id` is the fieldset's, the name by default). The choices are `options`
 * (inputs named `name`, of `type`, checked where their value is, or is in, `defaultValue`; each marked invalid
 * when `invalid`), then any children, usually `Choice`s.
 */
export function ChoiceGroup({
  legend,
  name,
  id,
  hint,
  error,
  describedBy,
  invalid,
  className,
  options,
  type = "checkbox",
  defaultValue,
  children,
}: Omit<FieldFrame, "label"> & {
  legend: ReactNode;
  name: string;
  id?: string;
  options?: Options;
  type?: "checkbox" | "radio";
  defaultValue?: string | number | readonly (string | number)[] | null;
}) {
  const ids = wireControl(id ?? name, { hint, error, describedBy });
  const checked = new Set(
    (Array.isArray(defaultValue) ? defaultValue : defaultValue == null ? [] : [defaultValue]).map(String),
  );
  return (
    <fieldset className={className ?? "field"} id={id} aria-describedby={ids.control["aria-describedby"]}>
      <legend>{legend}</legend>
      <FieldText hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
      {options?.map(asOption).map((o) => (
        <Choice
          key={o.value}
          type={type}
          name={name}
          value={o.value}
          label={o.label}
          disabled={o.disabled}
          defaultChecked={checked.has(String(o.value))}
          aria-invalid={invalid ? true : undefined}
        />
      ))}
      {children}
    </fieldset>
  );
}

/** One checkbox or radio with its label beside it, inside a `ChoiceGroup`; `labelClassName` adds to "choice". */
export function Choice({
  label,
  labelClassName,
  type = "checkbox",
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "children"> & {
  label: ReactNode;
  labelClassName?: string;
  name: string;
  type?: "checkbox" | "radio";
}) {
  return (
    <label className={labelClassName ? `choice ${labelClassName}` : "choice"}>
      <input type={type} {...input} />
      {label}
    </label>
  );
}

/** A submit button with a line above it saying what it does; the line describes the button. */
export function HintedButton({
  hint,
  hintId,
  hintClassName = "hint",
  children,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & {
  hint: ReactNode;
  hintId: string;
  hintClassName?: string;
}) {
  return (
    <>
      <p className={hintClassName} id={hintId}>
        {hint}
      </p>
      <button type="submit" {...button} aria-describedby={hintId}>
        {children}
      </button>
    </>
  );
}

/**
 * The opening every form of the toolkit shares: a `Form` that posts, stacked, with the browser's own validation
 * off (the server's errors are the ones said), and its alert first, saying `alert` when `errors` holds any.
 */
export function ToolkitForm({
  errors,
  alert,
  children,
  method = "post",
  className = "stack",
  noValidate = true,
  ...form
}: FormProps & { errors: Partial<Record<string, string>> | null | undefined; alert: ReactNode }) {
  return (
    <Form method={method} className={className} noValidate={noValidate} {...form}>
      <FormAlert>{hasErrors(errors) ? alert : null}</FormAlert>
      {children}
    </Form>
  );
}

/**
 * A form's last row: its submit button (sending `intent` when given) and, with `cancelTo`, a link away that cancels.
 */
export function FormActions({
  submit,
  intent,
  cancel,
  cancelTo,
}: {
  submit: ReactNode;
  intent?: string;
  cancel?: ReactNode;
  cancelTo?: string;
}) {
  return (
    <div className="actions">
      <button type="submit" name={intent && "intent"} value={intent} className="button">
        {submit}
      </button>
      {cancelTo ? (
        <Link to={cancelTo} className="button button--quiet">
          {cancel}
        </Link>
      ) : null}
    </div>
  );
}

/**
 * A form that posts one intent with one button: the intent button forms of the staff pages (approve, archive, a new
 * password, add a name …). Fields sent with it come as children, before the button; `hint` is a line above the
 * button that describes it (id `<intent>-hint` unless `hintId`). `hidden` names the record a row's button acts on
 * (hidden inputs, e.g. `{ id: n.id }`), and `label` is then the button's full name ("Ta bort Anna"), since its
 * text ("Ta bort") says it once for every row.
 *
 *   <IntentForm intent="approve" hint={t.approveHint} submit={t.approve} />
 *   <IntentForm intent="reject" submit={t.reject} tone="danger" className="stack">
 *     <TextareaField label={t.rejectNote} name="note" />
 *   </IntentForm>
 *   <IntentForm intent="remove" hidden={{ id: n.id }} submit={t.remove} label={…} tone="quiet" />
 */
export function IntentForm({
  intent,
  submit,
  hint,
  hintId = `${intent}-hint`,
  hintClassName,
  tone = "primary",
  disabled,
  hidden,
  label,
  children,
  ...form
}: Omit<FormProps, "method" | "children" | "hidden"> & {
  intent: string;
  submit: ReactNode;
  hint?: ReactNode;
  hintId?: string;
  hintClassName?: string;
  tone?: "primary" | "secondary" | "danger" | "quiet";
  /** The button is disabled (while the form is on its way). */
  disabled?: boolean;
  /** Values sent with the intent as hidden inputs: the record a row's button acts on. */
  hidden?: Record<string, string | number>;
  /** The button's accessible name, when its text alone does not say which record it acts on. */
  label?: string;
  children?: ReactNode;
}) {
  const className = tone === "primary" ? "button" : `button button--${tone}`;
  const button = { name: "intent", value: intent, className, disabled, "aria-label": label };
  return (
    <Form method="post" {...form}>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {hint ? (
        <HintedButton hint={hint} hintId={hintId} hintClassName={hintClassName} {...button}>
          {submit}
        </HintedButton>
      ) : (
        <button type="submit" {...button}>
          {submit}
        </button>
      )}
    </Form>
  );
}
