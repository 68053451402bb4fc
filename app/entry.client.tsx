import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { InlineStylesProvider, inlineStylesInDocument } from "./components/paint-first";
import { holdPressesUntilHydrated, OnHydrated } from "./hydration-guard";

// A paint-first page carries its styles inside it: hydrate with the same text the server put there.
const inlined = inlineStylesInDocument();

// A press during hydration goes to the page as it is, never half to React (see holdPressesUntilHydrated).
const release = holdPressesUntilHydrated();

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <OnHydrated onHydrated={release}>
        <InlineStylesProvider value={inlined}>
          <RemixBrowser />
        </InlineStylesProvider>
      </OnHydrated>
    </StrictMode>,
  );
});
