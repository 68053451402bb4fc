import { useState } from "react";
import { useHydrated } from "./client-only";
import { wireControl } from "./forms";

/**
 * A number field with big − and + buttons. Without JavaScript it is a plain number input; the
 * buttons appear once the page has hydrated. `invalid` and `describedBy` are wired as the form toolkit wires
 * every control (its group's error is said by the group, e.g. a `ChoiceGroup`).
 */
export function CountStepper({
  name,
  label,
  defaultValue,
  max,
  decreaseLabel,
  increaseLabel,
  invalid,
  describedBy,
}: {
  name: string;
  label: string;
  defaultValue: number;
  max: number;
  decreaseLabel: string;
  increaseLabel: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const hydrated = useHydrated();
  const [value, setValue] = useState(String(defaultValue));
  const current = Number.parseInt(value, 10);
  const n = Number.isFinite(current) ? current : 0;
  const { control } = wireControl(`count-${name}`, { describedBy }, invalid);
  const step = (ariaLabel: string, sign: "−" | "+", to: number, disabled: boolean) =>
    hydrated ? (
      <button
        type="button"
        className="stepper__button"
        aria-label={ariaLabel}
        aria-controls={control.id}
        disabled={disabled}
        onClick={() => setValue(String(to))}
      >
        {sign}
      </button>
    ) : null;
  return (
    <div className="stepper">
      <label htmlFor={control.id} className="stepper__label">
        {/* A break after a slash ("Annan/ickebinär") instead of mid-word on narrow phones. */}
        {label.split("/").map((part, i) => (
          <span key={i}>
            {i > 0 ? "/" : ""}
            {i > 0 ? <wbr /> : null}
            {part}
          </span>
        ))}
      </label>
      <div className="stepper__controls">
        {step(decreaseLabel, "−", Math.max(0, n - 1), n <= 0)}
        <input
          id={control.id}
          name={name}
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onFocus={(e) => e.target.select()}
          aria-invalid={control["aria-invalid"]}
          aria-describedby={control["aria-describedby"]}
          className="stepper__input"
        />
        {step(increaseLabel, "+", Math.min(max, n + 1), n >= max)}
      </div>
    </div>
  );
}
