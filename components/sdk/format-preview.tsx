"use client";

import { useQuery } from "@tanstack/react-query";

import { RobotPreview } from "@/components/messages/robot-preview";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPCClient } from "@/components/trpc/react";
import { CodeBlock } from "./code-block";

const CHANNELS = ["dingtalk_bot", "wecom_bot"] as const;

/**
 * Runs the format's example (`result = ...`) in the sandbox without delivering it and shows what
 * each robot would receive: the rendered chat bubble and the exact JSON payload.
 */
export function FormatPreview({ example, msgType }: { example: string; msgType: string }) {
  const t = useT();
  const client = useTRPCClient();
  const preview = useQuery({
    queryKey: ["sdk-format-preview", msgType, example],
    // testScript is a mutation (it really runs the script); its answer for a fixed example is stable.
    queryFn: () => client.sandbox.testScript.mutate({ script_content: example, timeout_seconds: 10 }),
    staleTime: Infinity,
    retry: false,
  });

  if (preview.isPending) {
    return (
      <div role="status" className="flex flex-col gap-2">
        <span className="sr-only">{t("sdk.previewLoading")}</span>
        <Skeleton className="h-9 w-48" />
        <Skeleton className="h-28 w-full" />
      </div>
    );
  }
  if (preview.isError || !preview.data.success || !preview.data.messages) {
    const message = preview.isError ? errorMessage(preview.error, t) : (preview.data.error ?? "—");
    return <p className="text-sm text-destructive">{t("sdk.previewFailed", { message })}</p>;
  }
  const messages = preview.data.messages;
  return (
    <Tabs defaultValue="dingtalk_bot">
      <TabsList aria-label={t("sdk.preview")}>
        {CHANNELS.map((c) => (
          <TabsTrigger key={c} value={c}>
            {c === "dingtalk_bot" ? t("sdk.previewDingtalk") : t("sdk.previewWecom")}
          </TabsTrigger>
        ))}
      </TabsList>
      {CHANNELS.map((c) => (
        <TabsContent key={c} value={c} className="flex flex-col gap-2">
          <RobotPreview channelType={c} payloads={messages[c]} />
          <details>
            <summary className="cursor-pointer text-xs text-muted-foreground">{t("sdk.payload")}</summary>
            <CodeBlock code={JSON.stringify(messages[c], null, 2)} className="mt-1" />
          </details>
        </TabsContent>
      ))}
    </Tabs>
  );
}
