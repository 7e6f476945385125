import { ZSdkDocsInput, ZTestScriptInput } from "@/lib/schemas/sandbox";
import { sdkDocsJson, sdkTypeDeclarations } from "../sandbox/sdk-docs";
import { testScript } from "../sandbox/test-script";
import { createTRPCRouter, protectedProcedure, tenantProcedure } from "../trpc";

export const sandboxRouter = createTRPCRouter({
  /** Runs a script for real without delivering its result; previews each robot's payload. */
  testScript: tenantProcedure
    .input(ZTestScriptInput)
    .mutation(({ ctx, input }) => testScript({ scope: ctx.scope, ...input })),
  sdkDocs: protectedProcedure.input(ZSdkDocsInput).query(({ input }) => sdkDocsJson(input?.lang ?? "zh")),
  /** Ambient .d.ts of every SDK global, for the editor's autocomplete and hover docs. */
  sdkTypes: protectedProcedure.query(() => sdkTypeDeclarations()),
});
