import { useState } from "react";
import { useHydrated } from "./client-only";

/**
 * A number field with big − and + buttons. Without JavaScript it is a plain number input; the
 * buttons appear once the page has hydrated.
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
  const id = `count-${name}`;
  return (
    <div className="stepper">
      <label htmlFor={id} className="stepper__label">
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
        {hydrated ? (
          <button
            type="button"
            className="stepper__button"
            aria-label={decreaseLabel}
            aria-controls={id}
            disabled={n <= 0}
            onClick={() => setValue(String(Math.max(0, n - 1)))}
          >
            −
          </button>
        ) : null}
        <input
          id={id}
          name={name}
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onFocus={(e) => e.target.select()}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
          className="stepper__input"
        />
        {hydrated ? (
          <button
            type="button"
            className="stepper__button"
            aria-label={increaseLabel}
            aria-controls={id}
            disabled={n >= max}
            onClick={() => setValue(String(Math.min(max, n + 1)))}
          >
            +
          </button>
        ) : null}
      </div>
    </div>
  );
}
