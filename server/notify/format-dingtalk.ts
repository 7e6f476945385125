import { cardActionUrl, cardToMarkdown, cardUrls } from "./card-markdown";
import { DINGTALK_LIMITS } from "./limits";
import type { TMessageResult, TTemplateCardResult } from "./message-schema";
import { jsonCost, splitWithMarkers, truncateWithMarker, utf8Bytes, utf8Cost } from "./text-bytes";

// result → DingTalk robot payloads (robot-apis.md §1.3). Several payloads when a text must be
// split to stay under the 20000-byte body limit.

export type DingtalkPayload = { msgtype: "text" | "markdown" | "link" | "actionCard" | "feedCard" } & Record<
  string,
  unknown
>;

type Mentions = { at_mobiles?: string[]; at_user_ids?: string[]; is_at_all?: boolean };
type DingtalkAt = { atMobiles?: string[]; atUserIds?: string[]; isAtAll?: boolean };

export const DEFAULT_TITLE = "通知";
const LIMIT = DINGTALK_LIMITS.bodyBytes;
const bodyBytes = (p: unknown) => utf8Bytes(JSON.stringify(p));
const title = (t: string) => truncateWithMarker(t, DINGTALK_LIMITS.titleCapBytes, utf8Cost);

function atOf(m: Mentions): DingtalkAt | undefined {
  if (!m.at_mobiles?.length && !m.at_user_ids?.length && !m.is_at_all) return undefined;
  return {
    ...(m.at_mobiles?.length ? { atMobiles: m.at_mobiles } : {}),
    ...(m.at_user_ids?.length ? { atUserIds: m.at_user_ids } : {}),
    isAtAll: m.is_at_all ?? false,
  };
}

// DingTalk highlights a mention only when "@<mobile>" also appears in the text.
function withMentionText(content: string, m: Mentions): string {
  const missing = [...(m.at_mobiles ?? []), ...(m.at_user_ids ?? [])]
    .map((id) => `@${id}`)
    .filter((tag) => !content.includes(tag));
  return missing.length ? `${content}\n\n${missing.join(" ")}` : content;
}

/** Splits a text field so that every payload built by `build` stays under the body limit. */
function splitField(text: string, build: (text: string, marker: string) => DingtalkPayload): string[] {
  const overhead = bodyBytes(build("", " (99/99)"));
  return splitWithMarkers(text, LIMIT - overhead, jsonCost);
}

function markdownPayloads(t: string, text: string, m: Mentions = {}): DingtalkPayload[] {
  const at = atOf(m);
  const build = (body: string, marker: string, withAt: boolean): DingtalkPayload => ({
    msgtype: "markdown",
    markdown: { title: title(t) + marker, text: body },
    ...(withAt && at ? { at } : {}),
  });
  const parts = splitField(withMentionText(text, m), (b, mk) => build(b, mk, true));
  return parts.map((p, i) =>
    build(p, parts.length > 1 ? ` (${i + 1}/${parts.length})` : "", i === parts.length - 1),
  );
}

function textPayloads(text: string, m: Mentions): DingtalkPayload[] {
  const at = atOf(m);
  const build = (content: string, withAt: boolean): DingtalkPayload => ({
    msgtype: "text",
    text: { content },
    ...(withAt && at ? { at } : {}),
  });
  const parts = splitField(withMentionText(text, m), (b) => build(b, true));
  return parts.map((p, i) => build(p, i === parts.length - 1));
}

/** Truncates the one long text field of a card so the body fits. */
function fitText(text: string, build: (text: string) => DingtalkPayload): DingtalkPayload {
  const budget = LIMIT - bodyBytes(build(""));
  return build(truncateWithMarker(text, budget, jsonCost));
}

function actionCard(
  t: string,
  text: string,
  buttons: { title: string; url: string }[],
  orientation: "0" | "1" = "0",
): DingtalkPayload {
  const first = buttons[0];
  const tail =
    buttons.length === 1 && first
      ? { singleTitle: first.title, singleURL: first.url }
      : { btns: buttons.map((b) => ({ title: b.title, actionURL: b.url })) };
  return fitText(text, (body) => ({
    msgtype: "actionCard",
    actionCard: { title: title(t), text: body, btnOrientation: orientation, ...tail },
  }));
}

/** Packs items into as few payloads as the body limit allows (feedCard links). */
function pack<T>(items: T[], build: (items: T[]) => DingtalkPayload): DingtalkPayload[] {
  const out: DingtalkPayload[] = [];
  let batch: T[] = [];
  for (const item of items) {
    if (batch.length && bodyBytes(build([...batch, item])) > LIMIT) {
      out.push(build(batch));
      batch = [];
    }
    batch.push(item);
  }
  if (batch.length) out.push(build(batch));
  return out;
}

type Entry = { title: string; url: string; pic?: string; description?: string };

// feedCard needs a picture per link; without one the entries become a markdown list.
function entries(list: Entry[], listTitle: string): DingtalkPayload[] {
  if (list.every((e) => e.pic)) {
    return pack(list, (batch) => ({
      msgtype: "feedCard",
      feedCard: { links: batch.map((e) => ({ title: e.title, messageURL: e.url, picURL: e.pic })) },
    }));
  }
  const md = list
    .map((e) => `#### [${e.title}](${e.url})${e.description ? `\n${e.description}` : ""}`)
    .join("\n\n");
  return markdownPayloads(listTitle, md);
}

function templateCard(c: TTemplateCardResult): DingtalkPayload[] {
  const text = cardToMarkdown(c, { heading: true });
  let buttons = cardUrls(c);
  if (!buttons.length) {
    const url = cardActionUrl(c);
    if (!url) return markdownPayloads(c.title, text);
    buttons = [{ title: "查看详情", url }];
  }
  return [actionCard(c.title, text, buttons)];
}

export function toDingtalkPayloads(result: TMessageResult): DingtalkPayload[] {
  switch (result.msg_type) {
    case "markdown":
    case "markdown_v2":
      return markdownPayloads(result.title ?? DEFAULT_TITLE, result.content, result);
    case "text":
      return textPayloads(result.content, result);
    case "actionCard": {
      const buttons = [...(result.buttons ?? [])];
      if (result.single_url)
        buttons.unshift({ title: result.single_title ?? "查看详情", url: result.single_url });
      if (!buttons.length) return markdownPayloads(result.title, result.content);
      return [actionCard(result.title, result.content, buttons, result.btn_orientation)];
    }
    case "link":
      return [
        fitText(result.content, (text) => ({
          msgtype: "link",
          link: { title: title(result.title), text, messageUrl: result.url, picUrl: result.pic_url ?? "" },
        })),
      ];
    case "feedCard":
      return entries(
        result.links.map((l) => ({ title: l.title, url: l.url, pic: l.pic_url })),
        result.links[0]?.title ?? DEFAULT_TITLE,
      );
    case "news": {
      const [only] = result.articles;
      if (result.articles.length === 1 && only) {
        return [
          fitText(only.description || only.title, (text) => ({
            msgtype: "link",
            link: { title: title(only.title), text, messageUrl: only.url, picUrl: only.picurl ?? "" },
          })),
        ];
      }
      return entries(
        result.articles.map((a) => ({
          title: a.title,
          url: a.url,
          pic: a.picurl,
          description: a.description,
        })),
        only?.title ?? DEFAULT_TITLE,
      );
    }
    case "template_card":
      return templateCard(result);
  }
}
