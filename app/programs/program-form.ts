import { z } from "zod";
import { leftOutAsEmpty } from "~/http/parse-form";

/** A programme's name as typed: spaces collapsed, control characters dropped, 1–200 characters. */
export const programName = z
  .string()
  .max(2000, "errName")
  .transform((v) =>
    v
      .normalize("NFC")
      .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, " ")
      .replace(/\s+/g, " ")
      .trim(),
  )
  .pipe(z.string().min(1, "errName").max(200, "errName"));

// The page's one field: a post without it is told to write a name, as one sent empty is.
export const addProgramSchema = z.object({ name: leftOutAsEmpty(z.string().pipe(programName)) });

const version = z.coerce.number({ message: "errConflict" }).int("errConflict").positive("errConflict");

/** The forms of one programme's page, by intent; each carries the version the page showed. */
export const programChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rename"), version, name: programName }),
  z.object({ intent: z.literal("archive"), version }),
  z.object({ intent: z.literal("restore"), version }),
  z.object({ intent: z.literal("delete"), version }),
]);

export type ProgramChangeInput = z.output<typeof programChangeSchema>;
