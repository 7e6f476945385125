import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "test-results/**",
      "generated/**",
      "node_modules/**",
      "next-env.d.ts",
      "ci-check/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  // Boundaries (README, Architecture). @typescript-eslint's rule so `import type` stays allowed
  // where only types may cross. Paths are matched both as "@/x/..." and as relative "../x/...".
  {
    files: ["components/**/*.{ts,tsx}", "app/(console)/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server", "@/server/*", "**/server/*"],
              allowTypeImports: true,
              message:
                "The console imports server/ only as `import type` (it reaches the server through tRPC).",
            },
            { group: ["@/lib/trpc/*"], message: "The tRPC React client moved to components/trpc/." },
            { group: ["@/inngest", "@/inngest/*"], message: "The console does not import inngest/." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server", "@/server/*", "**/server/*", "@/components/*", "@/app/*", "@/inngest/*"],
              message: "lib/ is isomorphic: shared by server and browser, it imports neither.",
            },
            { group: ["node:*"], message: "lib/ is isomorphic: no Node modules." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"],
              message: "server/ never imports the console (components/, app/).",
            },
            {
              group: ["@/inngest", "@/inngest/*", "**/inngest/*"],
              message:
                "server/ does not import inngest/: inngest/ calls server/ entry points and registers itself (registerRunSender).",
            },
            { group: ["@/lib/trpc/*"], message: "The tRPC React client moved to components/trpc/." },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers of many shapes; `any` there is the honest type.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
];

export default config;
