import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const knexDefault = { name: "knex", importNames: ["default"], message: "Use the one instance in app/db.server.ts." };

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", ".cache/**", "db/data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/db.server.ts", "app/routes/**"],
    rules: { "no-restricted-imports": ["error", { paths: [knexDefault] }] },
  },
  {
    // A later rule entry replaces an earlier one, so the routes' entry repeats the knex ban.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "knex", message: "Routes call models; SQL lives in app/models/*.server.ts." },
            { name: "~/db.server", message: "Routes call models; SQL lives in app/models/*.server.ts." },
          ],
          patterns: [{ group: ["**/db.server"], message: "Routes call models; SQL lives in app/models/*.server.ts." }],
        },
      ],
    },
  },
  { files: ["server.js", "*.config.js"], languageOptions: { globals: globals.node } },
);
