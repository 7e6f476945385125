"use client";

import { BotIcon, ChevronRightIcon, ImageIcon } from "lucide-react";

import { useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";
import { RobotMarkdown } from "./robot-markdown";

// What a DingTalk or WeCom group shows for the exact payloads a robot receives: one chat
// bubble per payload, each rendered the way the client renders that msgtype.

export type RobotChannelType = "dingtalk_bot" | "wecom_bot";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

export function RobotPreview({
  channelType,
  payloads,
  className,
}: {
  channelType: RobotChannelType;
  payloads: unknown[];
  className?: string;
}) {
  const t = useT();
  const name = channelType === "dingtalk_bot" ? t("runs.preview.dingtalk") : t("runs.preview.wecom");
  return (
    <div
      data-slot="robot-preview"
      data-channel={channelType}
      aria-label={name}
      role="group"
      className={cn(
        "flex flex-col gap-3 rounded-lg p-3",
        channelType === "dingtalk_bot"
          ? "bg-sky-50 dark:bg-sky-950/30"
          : "bg-emerald-50 dark:bg-emerald-950/30",
        className,
      )}
    >
      {payloads.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("runs.preview.empty")}</p>
      ) : null}
      {payloads.map((p, i) => (
        <div key={i} className="flex items-start gap-2">
          <div
            aria-hidden
            className={cn(
              "flex size-8 shrink-0 items-center justify-center rounded-md text-white",
              channelType === "dingtalk_bot" ? "bg-sky-500" : "bg-emerald-500",
            )}
          >
            <BotIcon className="size-4" />
          </div>
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <span className="text-xs text-muted-foreground">
              {name}
              {payloads.length > 1 ? (
                <span className="ml-1">
                  {t("runs.preview.parts", { index: i + 1, total: payloads.length })}
                </span>
              ) : null}
            </span>
            <div className="w-full max-w-md min-w-0 overflow-hidden rounded-lg border bg-card text-card-foreground shadow-xs">
              {channelType === "dingtalk_bot" ? (
                <DingtalkMessage payload={obj(p)} />
              ) : (
                <WecomMessage payload={obj(p)} />
              )}
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}

function Picture({ url, className }: { url: string; className?: string }) {
  if (!url) {
    return (
      <div className={cn("flex items-center justify-center bg-muted text-muted-foreground", className)}>
        <ImageIcon className="size-5" aria-hidden />
      </div>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={url} alt="" className={cn("bg-muted object-cover", className)} />;
}

function Unsupported({ type }: { type: string }) {
  const t = useT();
  return (
    <p className="p-3 text-sm text-muted-foreground">
      {t("runs.preview.unsupported", { type: type || "?" })}
    </p>
  );
}

function Mentions({ names }: { names: string[] }) {
  if (!names.length) return null;
  return <p className="px-3 pb-2 text-xs text-sky-600 dark:text-sky-400">{names.join(" ")}</p>;
}

function ArticleList({
  items,
}: {
  items: { title: string; url: string; pic: string; description?: string }[];
}) {
  const [first, ...rest] = items;
  if (!first) return null;
  return (
    <div className="flex flex-col">
      <a href={first.url} target="_blank" rel="noopener noreferrer" className="relative block">
        <Picture url={first.pic} className="aspect-[2/1] w-full" />
        <span className="absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/70 to-transparent px-3 pt-6 pb-2 text-sm font-medium text-white">
          {first.title}
        </span>
      </a>
      {first.description && rest.length === 0 ? (
        <p className="px-3 py-2 text-xs text-muted-foreground">{first.description}</p>
      ) : null}
      {rest.map((a, i) => (
        <a
          key={i}
          href={a.url}
          target="_blank"
          rel="noopener noreferrer"
          className="flex items-center gap-3 border-t px-3 py-2 hover:bg-muted/50"
        >
          <span className="min-w-0 flex-1 text-sm">{a.title}</span>
          <Picture url={a.pic} className="size-10 shrink-0 rounded" />
        </a>
      ))}
    </div>
  );
}

function DingtalkMessage({ payload }: { payload: Obj }) {
  const t = useT();
  const type = str(payload.msgtype);
  const at = obj(payload.at);
  const mentions = [...(at.isAtAll === true ? [t("runs.preview.mentionAll")] : [])];
  switch (type) {
    case "text":
      return (
        <>
          <p className="p-3 text-sm break-words whitespace-pre-wrap">{str(obj(payload.text).content)}</p>
          <Mentions names={mentions} />
        </>
      );
    case "markdown": {
      const md = obj(payload.markdown);
      return (
        <>
          <div className="p-3">
            <RobotMarkdown text={str(md.text)} />
          </div>
          <Mentions names={mentions} />
        </>
      );
    }
    case "link": {
      const link = obj(payload.link);
      return (
        <a
          href={str(link.messageUrl)}
          target="_blank"
          rel="noopener noreferrer"
          className="flex flex-col gap-2 p-3 hover:bg-muted/40"
        >
          <span className="text-sm font-medium">{str(link.title)}</span>
          <span className="flex items-start gap-3">
            <span className="line-clamp-3 min-w-0 flex-1 text-xs text-muted-foreground">
              {str(link.text)}
            </span>
            <Picture url={str(link.picUrl)} className="size-12 shrink-0 rounded" />
          </span>
        </a>
      );
    }
    case "actionCard": {
      const card = obj(payload.actionCard);
      const buttons = card.singleTitle
        ? [{ title: str(card.singleTitle), url: str(card.singleURL) }]
        : arr(card.btns).map((b) => ({ title: str(b.title), url: str(b.actionURL) }));
      const horizontal = str(card.btnOrientation) === "1";
      return (
        <div className="flex flex-col">
          <div className="p-3">
            <RobotMarkdown text={str(card.text)} />
          </div>
          <div
            data-orientation={horizontal ? "horizontal" : "vertical"}
            className={cn("flex border-t", horizontal ? "flex-row" : "flex-col")}
          >
            {buttons.map((b, i) => (
              <a
                key={i}
                href={b.url}
                target="_blank"
                rel="noopener noreferrer"
                className={cn(
                  "flex-1 px-3 py-2 text-center text-sm text-sky-600 hover:bg-muted/50 dark:text-sky-400",
                  i > 0 && (horizontal ? "border-l" : "border-t"),
                )}
              >
                {b.title}
              </a>
            ))}
          </div>
        </div>
      );
    }
    case "feedCard":
      return (
        <ArticleList
          items={arr(obj(payload.feedCard).links).map((l) => ({
            title: str(l.title),
            url: str(l.messageURL),
            pic: str(l.picURL),
          }))}
        />
      );
    default:
      return <Unsupported type={type} />;
  }
}

function WecomMessage({ payload }: { payload: Obj }) {
  const type = str(payload.msgtype);
  switch (type) {
    case "text": {
      const text = obj(payload.text);
      const mentions = [
        ...(Array.isArray(text.mentioned_list) ? text.mentioned_list : []),
        ...(Array.isArray(text.mentioned_mobile_list) ? text.mentioned_mobile_list : []),
      ].map((m) => `@${str(m) === "@all" ? "所有人" : str(m)}`);
      return (
        <>
          <p className="p-3 text-sm break-words whitespace-pre-wrap">{str(text.content)}</p>
          <Mentions names={mentions} />
        </>
      );
    }
    case "markdown":
    case "markdown_v2":
      return (
        <div className="p-3">
          <RobotMarkdown text={str(obj(payload[type]).content)} />
        </div>
      );
    case "news":
      return (
        <ArticleList
          items={arr(obj(payload.news).articles).map((a) => ({
            title: str(a.title),
            url: str(a.url),
            pic: str(a.picurl),
            description: str(a.description),
          }))}
        />
      );
    case "template_card":
      return <TemplateCard card={obj(payload.template_card)} />;
    default:
      return <Unsupported type={type} />;
  }
}

function TemplateCard({ card }: { card: Obj }) {
  const source = obj(card.source);
  const main = obj(card.main_title);
  const emphasis = obj(card.emphasis_content);
  const quote = obj(card.quote_area);
  const image = obj(card.card_image);
  const horizontal = arr(card.horizontal_content_list);
  const verticals = arr(card.vertical_content_list);
  const jumps = arr(card.jump_list);
  return (
    <div className="flex flex-col gap-2 p-3 text-sm" data-card-type={str(card.card_type)}>
      {source.desc || source.icon_url ? (
        <div className="flex items-center gap-1.5 text-xs text-muted-foreground">
          {source.icon_url ? <Picture url={str(source.icon_url)} className="size-4 rounded-sm" /> : null}
          <span>{str(source.desc)}</span>
        </div>
      ) : null}
      <div>
        <p className="font-semibold">{str(main.title)}</p>
        {main.desc ? <p className="text-xs text-muted-foreground">{str(main.desc)}</p> : null}
      </div>
      {image.url ? <Picture url={str(image.url)} className="aspect-[2/1] w-full rounded" /> : null}
      {emphasis.title || emphasis.desc ? (
        <div>
          <p className="text-2xl font-semibold text-emerald-600">{str(emphasis.title)}</p>
          {emphasis.desc ? <p className="text-xs text-muted-foreground">{str(emphasis.desc)}</p> : null}
        </div>
      ) : null}
      {quote.title || quote.quote_text ? (
        <div className="rounded bg-muted/60 px-2 py-1.5 text-xs">
          {quote.title ? <p className="font-medium">{str(quote.title)}</p> : null}
          {quote.quote_text ? (
            <p className="whitespace-pre-wrap text-muted-foreground">{str(quote.quote_text)}</p>
          ) : null}
        </div>
      ) : null}
      {card.sub_title_text ? (
        <p className="whitespace-pre-wrap text-muted-foreground">{str(card.sub_title_text)}</p>
      ) : null}
      {verticals.length ? (
        <ul className="flex flex-col gap-1">
          {verticals.map((v, i) => (
            <li key={i}>
              <span className="font-medium">{str(v.title)}</span>
              {v.desc ? <span className="ml-1 text-muted-foreground">{str(v.desc)}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {horizontal.length ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-[13px]">
          {horizontal.map((h, i) => (
            <div key={i} className="contents">
              <dt className="text-muted-foreground">{str(h.keyname)}</dt>
              <dd className={cn("min-w-0 break-words", h.url ? "text-sky-600 dark:text-sky-400" : undefined)}>
                {h.url ? (
                  <a href={str(h.url)} target="_blank" rel="noopener noreferrer">
                    {str(h.value) || str(h.url)}
                  </a>
                ) : (
                  str(h.value)
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {jumps.length ? (
        <div className="-mx-3 -mb-3 flex flex-col border-t">
          {jumps.map((j, i) => (
            <a
              key={i}
              href={str(j.url) || undefined}
              target="_blank"
              rel="noopener noreferrer"
              className={cn(
                "flex items-center justify-between px-3 py-2 text-sky-600 hover:bg-muted/50 dark:text-sky-400",
                i > 0 && "border-t",
              )}
            >
              <span>{str(j.title)}</span>
              <ChevronRightIcon className="size-4" aria-hidden />
            </a>
          ))}
        </div>
      ) : null}
    </div>
  );
}
