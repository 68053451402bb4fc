import type { TestProject } from "vitest/node";
import { createTemplate, dropAll, type TemplateInfo } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: TemplateInfo;
  }
}

export default async function setup(project: TestProject) {
  const info = await createTemplate();
  project.provide("dbTemplate", info);
  return async () => {
    await dropAll(info);
  };
}
