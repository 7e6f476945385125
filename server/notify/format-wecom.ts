import { cardActionUrl, cardToMarkdown } from "./card-markdown";
import { WECOM_APP_LIMITS, WECOM_ROBOT_LIMITS, type WecomLimits } from "./limits";
import { markdownToPlain } from "./markdown-plain";
import type { TMessageResult, TTemplateCardResult } from "./message-schema";
import { splitWithMarkers, truncateWithMarker } from "./text-bytes";

// result → WeCom payloads (robot-apis.md §2.2 for the group robot, §3.2 for application
// messages, which share the bodies but allow only half the markdown bytes).

export type WecomPayload = {
  msgtype: "text" | "markdown" | "markdown_v2" | "news" | "template_card";
} & Record<string, unknown>;

export type WecomTarget = "robot" | "app";

type Mentions = { at_mobiles?: string[]; at_user_ids?: string[]; is_at_all?: boolean };
type Article = { title: string; description?: string; url: string; picurl?: string };
type Ctx = { target: WecomTarget; limits: WecomLimits };

const cut = (text: string, bytes: number) => truncateWithMarker(text, bytes);

function markdownPayloads(
  ctx: Ctx,
  content: string,
  title: string | undefined,
  m: Mentions,
  v2: boolean,
): WecomPayload[] {
  // WeCom markdown has no title field: the title becomes the first line unless already there.
  const firstLine = content.split("\n", 1)[0] ?? "";
  let text = title && !firstLine.includes(title) ? `**${title}**\n\n${content}` : content;
  // markdown mentions with <@userid>; markdown_v2 cannot, so a v2 message with mentions (and any
  // v2 message to an application, which lacks v2) goes as plain markdown.
  const mentions = [...(m.at_user_ids ?? []), ...(m.is_at_all ? ["all"] : [])];
  const useV2 = v2 && ctx.target === "robot" && mentions.length === 0;
  if (mentions.length) text += `\n\n${mentions.map((id) => `<@${id}>`).join(" ")}`;
  const msgtype = useV2 ? "markdown_v2" : "markdown";
  return splitWithMarkers(text, ctx.limits.markdownBytes).map(
    (part) => ({ msgtype, [msgtype]: { content: part } }) as WecomPayload,
  );
}

function textPayloads(ctx: Ctx, content: string, m: Mentions): WecomPayload[] {
  const list = [...(m.at_user_ids ?? []), ...(m.is_at_all ? ["@all"] : [])];
  const parts = splitWithMarkers(content, ctx.limits.textBytes);
  return parts.map((part, i) => {
    const last = i === parts.length - 1;
    return {
      msgtype: "text",
      text: {
        content: part,
        ...(last && list.length ? { mentioned_list: list } : {}),
        ...(last && m.at_mobiles?.length ? { mentioned_mobile_list: m.at_mobiles } : {}),
      },
    };
  });
}

function newsPayloads(ctx: Ctx, articles: Article[]): WecomPayload[] {
  const out: WecomPayload[] = [];
  for (let i = 0; i < articles.length; i += ctx.limits.newsArticles) {
    out.push({
      msgtype: "news",
      news: {
        articles: articles.slice(i, i + ctx.limits.newsArticles).map((a) => ({
          title: cut(a.title, ctx.limits.newsTitleBytes),
          ...(a.description ? { description: cut(a.description, ctx.limits.newsDescriptionBytes) } : {}),
          url: a.url,
          ...(a.picurl ? { picurl: a.picurl } : {}),
        })),
      },
    });
  }
  return out;
}

function cardPayload(ctx: Ctx, c: TTemplateCardResult): WecomPayload[] {
  const actionUrl = cardActionUrl(c);
  const cardAction = c.card_action ?? (actionUrl ? { type: 1 as const, url: actionUrl } : undefined);
  // A card without any link cannot satisfy card_action: send it as markdown instead.
  if (!cardAction) return markdownPayloads(ctx, cardToMarkdown(c, { heading: false }), c.title, {}, false);

  const L = ctx.limits;
  const overflow: string[] = [];
  // Robots cannot receive button callbacks, so URL buttons become links and the rest are listed.
  const jumps = [
    ...(c.jump_list ?? []).map((j) => ({
      type: j.type ?? (j.url ? 1 : j.appid ? 2 : 0),
      url: j.url,
      appid: j.appid,
      pagepath: j.pagepath,
      title: j.title,
    })),
    ...(c.buttons ?? []).map((b) => ({
      type: b.url ? 1 : 0,
      url: b.url,
      appid: undefined,
      pagepath: undefined,
      title: b.title,
    })),
  ];
  for (const j of jumps.slice(L.jumpItems)) overflow.push(j.url ? `${j.title}：${j.url}` : j.title);
  const rows = c.horizontal_list ?? [];
  for (const h of rows.slice(L.horizontalItems)) overflow.push(`${h.keyname}：${h.value ?? h.url ?? ""}`);
  const verticals = c.vertical_list ?? [];
  const verticalLine = (v: { title: string; desc?: string }) => `${v.title}${v.desc ? `：${v.desc}` : ""}`;
  // news_notice shows up to 4 vertical rows; text_notice has no such list, so its rows become text.
  const keptVerticals = c.card_type === "news_notice" ? verticals.slice(0, L.verticalItems) : [];
  for (const v of verticals.slice(keptVerticals.length)) overflow.push(verticalLine(v));

  const extraText = [c.content ? markdownToPlain(c.content) : "", ...overflow].filter(Boolean).join("\n");
  const common = {
    ...(c.source ? { source: c.source } : {}),
    main_title: {
      title: cut(c.title, L.cardTitleCapBytes),
      ...(c.desc ? { desc: cut(c.desc, L.cardDescCapBytes) } : {}),
    },
  };
  const horizontal = rows.slice(0, L.horizontalItems).map((h) => ({
    keyname: h.keyname,
    ...(h.value !== undefined ? { value: h.value } : {}),
    ...(h.type !== undefined ? { type: h.type } : {}),
    ...(h.url ? { url: h.url } : {}),
    ...(h.media_id ? { media_id: h.media_id } : {}),
    ...(h.userid ? { userid: h.userid } : {}),
  }));
  const jumpList = jumps.slice(0, L.jumpItems).map((j) => ({
    type: j.type,
    ...(j.url ? { url: j.url } : {}),
    ...(j.appid ? { appid: j.appid } : {}),
    ...(j.pagepath ? { pagepath: j.pagepath } : {}),
    title: j.title,
  }));
  const lists = {
    ...(horizontal.length ? { horizontal_content_list: horizontal } : {}),
    ...(jumpList.length ? { jump_list: jumpList } : {}),
    card_action: cardAction,
  };

  if (c.card_type === "news_notice") {
    const quoteText = [c.quote_area?.quote_text, extraText].filter(Boolean).join("\n");
    const quote =
      c.quote_area || quoteText
        ? {
            ...(c.quote_area ?? { type: 0 }),
            ...(quoteText ? { quote_text: cut(quoteText, L.cardQuoteCapBytes) } : {}),
          }
        : undefined;
    return [
      {
        msgtype: "template_card",
        template_card: {
          card_type: "news_notice",
          ...common,
          ...(quote ? { quote_area: quote } : {}),
          ...(c.card_image ? { card_image: c.card_image } : {}),
          ...(c.image_text_area ? { image_text_area: c.image_text_area } : {}),
          ...(keptVerticals.length ? { vertical_content_list: keptVerticals } : {}),
          ...lists,
        },
      },
    ];
  }
  // text_notice, also for button_interaction (robots cannot receive button callbacks).
  const subTitle = extraText;
  return [
    {
      msgtype: "template_card",
      template_card: {
        card_type: "text_notice",
        ...common,
        ...(c.emphasis_content ? { emphasis_content: c.emphasis_content } : {}),
        ...(c.quote_area
          ? {
              quote_area: {
                ...c.quote_area,
                ...(c.quote_area.quote_text
                  ? { quote_text: cut(c.quote_area.quote_text, L.cardQuoteCapBytes) }
                  : {}),
              },
            }
          : {}),
        ...(subTitle ? { sub_title_text: cut(subTitle, L.cardSubTitleCapBytes) } : {}),
        ...lists,
      },
    },
  ];
}

export function toWecomPayloads(result: TMessageResult, opts: { target?: WecomTarget } = {}): WecomPayload[] {
  const target = opts.target ?? "robot";
  const ctx: Ctx = { target, limits: target === "app" ? WECOM_APP_LIMITS : WECOM_ROBOT_LIMITS };
  switch (result.msg_type) {
    case "markdown":
    case "markdown_v2":
      return markdownPayloads(ctx, result.content, result.title, result, result.msg_type === "markdown_v2");
    case "text":
      return textPayloads(ctx, result.content, result);
    case "actionCard": {
      const buttons = [...(result.buttons ?? [])];
      if (result.single_url)
        buttons.unshift({ title: result.single_title ?? "查看详情", url: result.single_url });
      return cardPayload(ctx, {
        msg_type: "template_card",
        card_type: "text_notice",
        title: result.title,
        content: result.content,
        jump_list: buttons.map((b) => ({ type: 1, title: b.title, url: b.url })),
      });
    }
    case "link":
      return newsPayloads(ctx, [
        { title: result.title, description: result.content, url: result.url, picurl: result.pic_url },
      ]);
    case "feedCard":
      return newsPayloads(
        ctx,
        result.links.map((l) => ({ title: l.title, url: l.url, picurl: l.pic_url })),
      );
    case "news":
      return newsPayloads(ctx, result.articles);
    case "template_card":
      return cardPayload(ctx, result);
  }
}
