import { z } from "zod";
import { invalidResultSummary, resultIssueEnglish, type ResultIssue } from "@/lib/result-error";
import { AppError, zodDetails, type ErrorDetail } from "../errors";

// The script's `result`, in the seed's formats (docs: shared/seed/scheduled-tasks.md, 消息格式).
// A string is markdown content; an object without msg_type is markdown ({content, title}).

const MAX_CONTENT_CHARS = 100_000;

// DingTalk buttons may open dingtalk:// links; everything else must be http(s).
const ZUrl = z
  .string()
  .trim()
  .min(1, "is required")
  .max(2000, "must be at most 2000 characters")
  .refine((u) => /^(https?|dingtalk):\/\/\S+$/i.test(u), "RESULT_URL");

const ZText = (max = 2000) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const ZContent = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_CONTENT_CHARS, `must be at most ${MAX_CONTENT_CHARS} characters`);

// Python-style scripts write 0/1 where the robots want "0"/"1".
const ZOrientation = z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.enum(["0", "1"]));

const ZMentions = {
  at_mobiles: z.array(z.string().trim().min(1)).max(100).optional(),
  at_user_ids: z.array(z.string().trim().min(1)).max(100).optional(),
  is_at_all: z.boolean().optional(),
};

export const ZButton = z.object({ title: ZText(100), url: ZUrl });

const ZMarkdownResult = z.object({
  msg_type: z.enum(["markdown", "markdown_v2"]),
  title: ZText(200).optional(),
  content: ZContent,
  ...ZMentions,
});

const ZTextResult = z.object({ msg_type: z.literal("text"), content: ZContent, ...ZMentions });

const ZActionCardResult = z.object({
  msg_type: z.literal("actionCard"),
  title: ZText(200),
  content: ZContent,
  btn_orientation: ZOrientation.optional(),
  buttons: z.array(ZButton).max(20, "at most 20 buttons").optional(),
  single_title: ZText(100).optional(),
  single_url: ZUrl.optional(),
});

const ZFeedLink = z.object({ title: ZText(200), url: ZUrl, pic_url: ZUrl.optional() });
const ZFeedCardResult = z.object({
  msg_type: z.literal("feedCard"),
  links: z.array(ZFeedLink).min(1, "needs at least one link").max(50, "at most 50 links"),
});

const ZLinkResult = z.object({
  msg_type: z.literal("link"),
  title: ZText(200),
  content: ZText(5000),
  url: ZUrl,
  pic_url: ZUrl.optional(),
});

const ZArticle = z.preprocess(
  // Accept the DingTalk-style pic_url spelling too.
  (v) =>
    v && typeof v === "object" && !("picurl" in v) && "pic_url" in v
      ? { ...v, picurl: (v as { pic_url: unknown }).pic_url }
      : v,
  z.object({
    title: ZText(200),
    description: z.string().max(5000).optional(),
    url: ZUrl,
    picurl: ZUrl.optional(),
  }),
);
const ZNewsResult = z.object({
  msg_type: z.literal("news"),
  articles: z.array(ZArticle).min(1, "needs at least one article").max(50, "at most 50 articles"),
});

const ZJump = z
  .object({
    type: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    title: ZText(100),
    url: ZUrl.optional(),
    appid: z.string().min(1).optional(),
    pagepath: z.string().optional(),
  })
  .superRefine((j, ctx) => {
    const type = j.type ?? (j.url ? 1 : j.appid ? 2 : 0);
    if (type === 1 && !j.url)
      ctx.addIssue({ code: "custom", path: ["url"], message: "RESULT_REQUIRED_WHEN", params: { type: 1 } });
    if (type === 2 && !j.appid)
      ctx.addIssue({ code: "custom", path: ["appid"], message: "RESULT_REQUIRED_WHEN", params: { type: 2 } });
  });

const ZHorizontal = z
  .object({
    keyname: ZText(100),
    value: z.string().max(1000).optional(),
    type: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
    url: ZUrl.optional(),
    media_id: z.string().min(1).optional(),
    userid: z.string().min(1).optional(),
  })
  .superRefine((h, ctx) => {
    if (h.type === 1 && !h.url)
      ctx.addIssue({ code: "custom", path: ["url"], message: "RESULT_REQUIRED_WHEN", params: { type: 1 } });
    if (h.type === 2 && !h.media_id)
      ctx.addIssue({
        code: "custom",
        path: ["media_id"],
        message: "RESULT_REQUIRED_WHEN",
        params: { type: 2 },
      });
    if (h.type === 3 && !h.userid)
      ctx.addIssue({
        code: "custom",
        path: ["userid"],
        message: "RESULT_REQUIRED_WHEN",
        params: { type: 3 },
      });
  });

const ZCardAction = z
  .object({
    type: z.union([z.literal(1), z.literal(2)]),
    url: ZUrl.optional(),
    appid: z.string().min(1).optional(),
    pagepath: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type === 1 && !a.url)
      ctx.addIssue({ code: "custom", path: ["url"], message: "RESULT_REQUIRED_WHEN", params: { type: 1 } });
    if (a.type === 2 && !a.appid)
      ctx.addIssue({ code: "custom", path: ["appid"], message: "RESULT_REQUIRED_WHEN", params: { type: 2 } });
  });

const ZCardButton = z.preprocess(
  // WeCom's button_list uses `text`; the seed's buttons use `title`.
  (v) =>
    v && typeof v === "object" && !("title" in v) && "text" in v
      ? { ...v, title: (v as { text: unknown }).text }
      : v,
  z.object({
    title: ZText(100),
    url: ZUrl.optional(),
    key: z.string().min(1).optional(),
    style: z.number().int().optional(),
  }),
);

const ZTemplateCardResult = z
  .object({
    msg_type: z.literal("template_card"),
    card_type: z.enum(["text_notice", "news_notice", "button_interaction"]).default("text_notice"),
    title: ZText(200),
    desc: z.string().max(1000).optional(),
    content: z.string().max(MAX_CONTENT_CHARS).optional(),
    url: ZUrl.optional(),
    source: z
      .object({
        icon_url: ZUrl.optional(),
        desc: z.string().max(200).optional(),
        desc_color: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
      })
      .optional(),
    emphasis_content: z
      .object({ title: z.string().max(200).optional(), desc: z.string().max(200).optional() })
      .optional(),
    quote_area: z
      .object({
        type: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
        url: ZUrl.optional(),
        appid: z.string().optional(),
        pagepath: z.string().optional(),
        title: z.string().max(200).optional(),
        quote_text: z.string().max(5000).optional(),
      })
      .optional(),
    horizontal_list: z.array(ZHorizontal).max(30, "at most 30 rows").optional(),
    jump_list: z.array(ZJump).max(20, "at most 20 links").optional(),
    card_action: ZCardAction.optional(),
    card_image: z.object({ url: ZUrl, aspect_ratio: z.number().min(1.3).max(2.25).optional() }).optional(),
    image_text_area: z
      .object({
        type: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
        url: ZUrl.optional(),
        appid: z.string().optional(),
        pagepath: z.string().optional(),
        title: z.string().max(200).optional(),
        desc: z.string().max(1000).optional(),
        image_url: ZUrl,
      })
      .optional(),
    vertical_list: z
      .array(z.object({ title: ZText(100), desc: z.string().max(1000).optional() }))
      .max(20, "at most 20 rows")
      .optional(),
    buttons: z.array(ZCardButton).max(20, "at most 20 buttons").optional(),
  })
  .superRefine((c, ctx) => {
    if (c.card_type === "news_notice" && !c.card_image && !c.image_text_area)
      ctx.addIssue({
        code: "custom",
        path: ["card_image"],
        message: "RESULT_NEEDS_IMAGE",
      });
  });

const ZObjectResult = z.discriminatedUnion(
  "msg_type",
  [
    ZMarkdownResult,
    ZTextResult,
    ZActionCardResult,
    ZFeedCardResult,
    ZLinkResult,
    ZNewsResult,
    ZTemplateCardResult,
  ],
  { error: "RESULT_MSG_TYPE" },
);

// Scripts write msg_type in several spellings (action_card, ActionCard, feed_card...).
const MSG_TYPE_ALIASES: Record<string, string> = {
  markdown: "markdown",
  markdown_v2: "markdown_v2",
  markdownv2: "markdown_v2",
  text: "text",
  actioncard: "actionCard",
  action_card: "actionCard",
  feedcard: "feedCard",
  feed_card: "feedCard",
  link: "link",
  news: "news",
  template_card: "template_card",
  templatecard: "template_card",
};

function normalize(value: unknown): unknown {
  if (typeof value === "string") return { msg_type: "markdown", content: value };
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  if (obj.msg_type === undefined || obj.msg_type === null) return { ...obj, msg_type: "markdown" };
  if (typeof obj.msg_type === "string") {
    const alias = MSG_TYPE_ALIASES[obj.msg_type.trim().toLowerCase()];
    if (alias) return { ...obj, msg_type: alias };
  }
  return value;
}

export const ZMessageResult = z.preprocess(
  normalize,
  z
    .custom<unknown>((v) => v !== null && typeof v === "object" && !Array.isArray(v), {
      error: "RESULT_NOT_OBJECT",
    })
    .pipe(ZObjectResult),
);

export type TMessageResult = z.infer<typeof ZObjectResult>;
export type TTemplateCardResult = z.infer<typeof ZTemplateCardResult>;

/** A zod issue of a result as lib/result-error.ts stores it: code, numbers, options, reason. */
function resultIssue(issue: z.core.$ZodIssue, detail: ErrorDetail): ResultIssue {
  const params: Record<string, unknown> = { ...detail.params };
  if (issue.code === "invalid_value") params.values = issue.values.map(String);
  // zod 4 leaves the input out of its issues; its sentence is where the received type is.
  const received = issue.code === "invalid_type" ? /received (\w+)$/.exec(issue.message)?.[1] : undefined;
  if (received && !params.missing) params.received = received;
  return {
    path: detail.path === "(body)" ? "result" : detail.path,
    code: detail.code ?? "custom",
    params,
    ...(detail.reason ? { reason: detail.reason } : {}),
    message: detail.message,
  };
}

/**
 * Validates a script's `result`. null/undefined mean "nothing to push" and give null; anything
 * invalid throws AppError INVALID_RESULT whose details name the fields (`buttons.0.url`) and whose
 * summary is the text a run stores (lib/result-error.ts).
 */
export function parseMessageResult(value: unknown): TMessageResult | null {
  if (value === null || value === undefined) return null;
  const parsed = ZMessageResult.safeParse(value);
  if (parsed.success) return parsed.data as TMessageResult;
  const issues = zodDetails(parsed.error.issues).map((d, i) => resultIssue(parsed.error.issues[i]!, d));
  const details = issues.map((i) => ({
    path: i.path,
    message: resultIssueEnglish(i),
    code: i.code,
    params: i.params,
    ...(i.reason ? { reason: i.reason } : {}),
  }));
  throw new AppError("INVALID_RESULT", { summary: invalidResultSummary(issues) }, { details });
}
