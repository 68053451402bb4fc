import { useCallback, useEffect, useState } from "react";
import { clearProgress, deviceStorage, loadProgress, saveProgress, type SavedProgress } from "~/surveys/device-storage";
import type { SurveyPageData } from "~/surveys/participant-page.server";

/**
 * Keeps a copy of the answers so far on the phone whenever a question is on screen, so a reload, a lost
 * connection or a flat battery costs nothing. Never on a shared tablet: there nothing is kept for the next person.
 */
export function useDeviceProgress(page: SurveyPageData) {
  useEffect(() => {
    const view = page.view;
    if (page.kiosk || view.kind !== "question") return;
    if (view.isFirst && Object.keys(view.state.answers).length === 0) return;
    const store = deviceStorage();
    if (store) saveProgress(store, page.code, { state: view.state, question: view.question.name, savedAt: Date.now() });
  }, [page]);
}

/**
 * On the survey's first page: answers left on this phone from an earlier visit, offered to go on with. A kiosk
 * never offers anything of the person before; it wipes their answers in progress (finished ones are still sent).
 */
export function useResumeOffer(code: string, kiosk: boolean, onFirstPage: boolean) {
  const [saved, setSaved] = useState<SavedProgress | null>(null);
  useEffect(() => {
    const store = deviceStorage();
    if (!store) return;
    if (kiosk) {
      // A new person: the answers in progress of the one before go. Their finished answers still waiting for a
      // connection stay in the outbox, never shown, and leave by themselves (`useOutboxFlush`).
      clearProgress(store, code);
      return;
    }
    const found = loadProgress(store, code);
    if (found && onFirstPage && Object.keys(found.state.answers ?? {}).length > 0) setSaved(found);
    // Only what was there when the page opened counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, kiosk]);
  const dismiss = useCallback(() => setSaved(null), []);
  const forget = useCallback(() => {
    const store = deviceStorage();
    if (store) clearProgress(store, code);
    setSaved(null);
  }, [code]);
  return { saved, dismiss, forget };
}
