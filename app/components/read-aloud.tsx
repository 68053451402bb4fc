import { useEffect, useState } from "react";
import { useLocale } from "~/i18n/use-strings";

/** True once the browser has a speech voice; false on the server and where there is none. */
export function useSpeechAvailable(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    if (typeof window === "undefined" || !("speechSynthesis" in window)) return;
    const check = () => setAvailable(window.speechSynthesis.getVoices().length > 0);
    check();
    window.speechSynthesis.addEventListener?.("voiceschanged", check);
    return () => window.speechSynthesis.removeEventListener?.("voiceschanged", check);
  }, []);
  return available;
}

/** Speaks the text with a Swedish voice where there is one (the page's language otherwise). */
export function speak(text: string, lang = "sv-SE"): void {
  const synth = window.speechSynthesis;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = 0.9;
  const prefix = lang.slice(0, 2);
  const voice =
    synth.getVoices().find((v) => v.lang === lang) ?? synth.getVoices().find((v) => v.lang.startsWith(prefix));
  try {
    if (voice) utterance.voice = voice;
  } catch {
    // Some browsers hand out voices they then refuse; the language alone still picks one.
  }
  synth.speak(utterance);
}

/**
 * A "Läs upp" button. It renders nothing until the browser shows it has a voice, so people
 * never meet a button that does nothing.
 */
export function ReadAloudButton({
  text,
  label,
  name,
  lang,
  className = "",
}: {
  text: string;
  label: string;
  /** The button's accessible name where several are on one page ("Läs upp: Gratis SL-kort"); it starts with `label`. */
  name?: string;
  /** The voice's language; by default the page's, so English text is not read with a Swedish voice. */
  lang?: string;
  className?: string;
}) {
  const locale = useLocale();
  const available = useSpeechAvailable();
  if (!available) return null;
  return (
    <button
      type="button"
      className={`button button--secondary read-aloud ${className}`}
      aria-label={name}
      onClick={() => speak(text, lang ?? (locale === "en" ? "en-GB" : "sv-SE"))}
    >
      <span aria-hidden="true">🔊</span> {label}
    </button>
  );
}
