import { createCookieSessionStorage, type Session } from "@remix-run/node";
import { serverSecret } from "./secret.server";

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 10; // one working day

interface SessionData {
  staffId: number;
  sessionVersion: number;
}

type Storage = ReturnType<typeof createCookieSessionStorage<SessionData>>;
const storages = new Map<boolean, Storage>();

/** Behind https the cookie is Secure; on plain http (local, tests) it cannot be. */
function storageFor(request: Request): Storage {
  const secure = isHttps(request);
  let storage = storages.get(secure);
  if (!storage) {
    storage = createCookieSessionStorage<SessionData>({
      cookie: {
        name: "__session",
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/",
        maxAge: SESSION_MAX_AGE_SECONDS,
        secrets: [serverSecret()],
      },
    });
    storages.set(secure, storage);
  }
  return storage;
}

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

export async function getSession(request: Request): Promise<Session<SessionData>> {
  return storageFor(request).getSession(request.headers.get("Cookie"));
}

export async function commitSession(request: Request, session: Session<SessionData>): Promise<string> {
  return storageFor(request).commitSession(session);
}

export async function destroySession(request: Request, session: Session<SessionData>): Promise<string> {
  return storageFor(request).destroySession(session);
}
