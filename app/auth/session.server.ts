import { createCookieSessionStorage, type Session } from "@remix-run/node";
import {
  createStaffSession,
  endSessionByToken,
  findOpenSession,
  type SessionEndReason,
  type StaffSession,
} from "~/models/staff-session.server";
import { serverSecret } from "./secret.server";

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 10; // one working day

/** The cookie holds only a random token; the session itself (who, since when, until when) lives in the database. */
interface SessionData {
  token: string;
}

type Storage = ReturnType<typeof createCookieSessionStorage<SessionData>>;
const storages = new Map<string, Storage>();

/** Behind https the cookie is Secure; on plain http (local, tests) it cannot be. */
function storageFor(request: Request): Storage {
  const secure = isHttps(request);
  const secret = serverSecret();
  const key = `${secure}:${secret}`;
  let storage = storages.get(key);
  if (!storage) {
    storage = createCookieSessionStorage<SessionData>({
      cookie: {
        name: "__session",
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/",
        maxAge: SESSION_MAX_AGE_SECONDS,
        secrets: [secret],
      },
    });
    storages.set(key, storage);
  }
  return storage;
}

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

async function getSession(request: Request): Promise<Session<SessionData>> {
  return storageFor(request).getSession(request.headers.get("Cookie"));
}

/** The session token the request carries, if its cookie is ours and unaltered. */
export async function sessionToken(request: Request): Promise<string | null> {
  const token = (await getSession(request)).get("token");
  return typeof token === "string" && token.length > 0 ? token : null;
}

/** The open, unexpired server-side session behind the request's cookie, or null. */
export async function currentSession(request: Request): Promise<StaffSession | null> {
  const token = await sessionToken(request);
  return token ? findOpenSession({ token }) : null;
}

/** Starts a server-side session for a person and returns the Set-Cookie header that carries it. */
export async function startSession(
  request: Request,
  staff: { id: number; sessionVersion: number },
  { ip }: { ip?: string } = {},
): Promise<string> {
  const { token } = await createStaffSession({
    staffId: staff.id,
    sessionVersion: staff.sessionVersion,
    maxAgeSeconds: SESSION_MAX_AGE_SECONDS,
    ip,
    userAgent: request.headers.get("User-Agent"),
  });
  const session = await getSession(request);
  session.set("token", token);
  return storageFor(request).commitSession(session);
}

/** Ends the request's session on the server (a copied cookie opens nothing after this) and clears the cookie. */
export async function endSession(request: Request, reason: SessionEndReason = "logout"): Promise<string> {
  const session = await getSession(request);
  const token = session.get("token");
  if (typeof token === "string" && token) await endSessionByToken({ token, reason });
  return storageFor(request).destroySession(session);
}
