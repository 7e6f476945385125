"use client";

import * as React from "react";
import { useMutation } from "@tanstack/react-query";
import { CircleCheckIcon, CircleXIcon, SendIcon } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { DialogFrame } from "@/components/forms";
import { Field, FieldControl, FieldLabel, FieldMessage, Form, FormError } from "@/components/ui/form";
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { useErrorText } from "@/components/i18n/use-errors";
import { networkWords, testFailureText } from "@/components/i18n/network-words";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { ChannelTypeBadge } from "./channel-type-badge";
import type { Channel } from "./types";

type Answer = { success: boolean; errcode: number; errmsg: string; explanation: string | null };

/**
 * Sends a test message and shows the robot's answer, explained in Chinese when it failed. Goes
 * in a RowDialog, so every opening starts empty.
 */
export function ChannelTestDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const t = useT();
  const say = useErrorText();
  const trpc = useTRPC();
  const [content, setContent] = React.useState("");
  const send = useMutation(
    trpc.channels.test.mutationOptions({
      onSuccess: (answer) => {
        if (!channel) return;
        if (answer.success) toast.success(t("channels.test.okToast", { name: channel.channel_name }));
        else toast.error(t("channels.test.failedToast", { errmsg: testFailureText(answer, t) }));
      },
    }),
  );

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!channel) return;
    send.mutate({ id: channel.id, content: content.trim() || undefined });
  }

  const contentError = send.error ? fieldErrors(send.error, t).content : undefined;

  return (
    <DialogFrame
      className="sm:max-w-lg"
      busy={send.isPending}
      title={t("channels.test.title")}
      description={
        <span className="flex flex-wrap items-center gap-2">
          <ChannelTypeBadge type={channel.channel_type} />
          <span>{t("channels.test.description", { name: channel.channel_name })}</span>
        </span>
      }
      footer={
        <>
          <Button variant="outline" onClick={onClose} disabled={send.isPending}>
            {t("common.close")}
          </Button>
          <Button type="submit" form="channel-test-form" disabled={send.isPending}>
            <SendIcon aria-hidden />
            {send.isPending ? t("channels.test.sending") : t("channels.test.send")}
          </Button>
        </>
      }
    >
      <Form onSubmit={submit} id="channel-test-form">
        <Field error={contentError}>
          <FieldLabel>{t("channels.test.content")}</FieldLabel>
          <FieldControl>
            <Textarea
              value={content}
              onChange={(e) => setContent(e.target.value)}
              placeholder={t("channels.test.contentPlaceholder")}
              maxLength={4000}
              rows={3}
            />
          </FieldControl>
          <FieldMessage />
        </Field>
        {send.error && !contentError ? <FormError>{say(send.error)}</FormError> : null}
        {send.isPending ? <Waiting /> : null}
        {send.data ? <RobotAnswer answer={send.data} /> : null}
      </Form>
    </DialogFrame>
  );
}

/** Retries of an unreachable robot take seconds: say so instead of waiting silently. */
function Waiting() {
  const t = useT();
  const [seconds, setSeconds] = React.useState(0);
  React.useEffect(() => {
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  if (seconds < 2) return null;
  return (
    <p role="status" className="text-sm text-muted-foreground" data-testid="test-waiting">
      {t("kit.testWaiting", { seconds })}
    </p>
  );
}

function RobotAnswer({ answer }: { answer: Answer }) {
  const t = useT();
  // A network failure (negative errcode) has no robot answer to explain: give the hint instead
  // of the error again.
  const network = answer.errcode === -2 || answer.errcode === -3;
  const explanation = network
    ? t("kit.networkHint")
    : answer.explanation && !answer.explanation.includes(answer.errmsg)
      ? answer.explanation
      : null;
  const words = answer.success ? null : networkWords(answer.errmsg);
  if (answer.success) {
    return (
      <div
        role="status"
        className="flex items-start gap-2 rounded-md border border-success/30 bg-success/10 px-3 py-2 text-sm"
      >
        <CircleCheckIcon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
        <span>{t("channels.test.ok")}</span>
      </div>
    );
  }
  return (
    <div
      role="alert"
      data-testid="robot-answer"
      className="flex flex-col gap-2 rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-sm"
    >
      <p className="flex items-center gap-2 font-medium text-destructive">
        <CircleXIcon className="size-4 shrink-0" aria-hidden />
        {t("channels.test.failed")}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-muted-foreground">{t("channels.test.errcode")}</dt>
        <dd className="font-mono">{answer.errcode}</dd>
        <dt className="text-muted-foreground">{t("channels.test.errmsg")}</dt>
        {words ? (
          // The words first; the transport's raw text stays below for whoever debugs it.
          <dd className="flex flex-col gap-0.5">
            <span data-testid="errmsg-words">{t(words.key, words.vars)}</span>
            <span
              data-testid="errmsg-raw"
              className="font-mono text-xs leading-5 break-all text-muted-foreground"
            >
              {answer.errmsg}
            </span>
          </dd>
        ) : (
          <dd className="font-mono text-xs leading-5 break-all">{answer.errmsg}</dd>
        )}
        {explanation ? (
          <>
            <dt className="text-muted-foreground">{t("channels.test.explanation")}</dt>
            <dd className="font-medium">{explanation}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
