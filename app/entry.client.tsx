import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { InlineStylesProvider, inlineStylesInDocument } from "./components/paint-first";

// A paint-first page carries its styles inside it: hydrate with the same text the server put there.
const inlined = inlineStylesInDocument();

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <InlineStylesProvider value={inlined}>
        <RemixBrowser />
      </InlineStylesProvider>
    </StrictMode>,
  );
});
