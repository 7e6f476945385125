// Limits from shared/specs/robot-apis.md. "Cap" entries are our own bounds for fields whose
// vendor limit is only a display hint, so one huge field cannot bloat a card.

export const DINGTALK_LIMITS = {
  bodyBytes: 20_000, // §1.4: whole JSON body, else 460101
  titleCapBytes: 512, // cap: markdown/actionCard title is only a preview line
} as const;

export const WECOM_ROBOT_LIMITS = {
  textBytes: 2048, // §2.2 text.content
  markdownBytes: 4096, // §2.2 markdown / markdown_v2 content
  newsArticles: 8, // §2.2 news 1–8
  newsTitleBytes: 128, // §2.2 (WeCom truncates; we truncate first, with a marker)
  newsDescriptionBytes: 512,
  horizontalItems: 6, // §2.2 template_card horizontal_content_list ≤ 6
  jumpItems: 3, // §2.2 jump_list ≤ 3
  verticalItems: 4, // §2.2 news_notice vertical_content_list ≤ 4
  cardTitleCapBytes: 256, // caps: the card fields below have display hints only
  cardDescCapBytes: 512,
  cardSubTitleCapBytes: 1536,
  cardQuoteCapBytes: 1024,
} as const;

export const WECOM_APP_LIMITS = {
  ...WECOM_ROBOT_LIMITS,
  markdownBytes: 2048, // §3.2: half of the robot limit
} as const;

export type WecomLimits = { -readonly [K in keyof typeof WECOM_ROBOT_LIMITS]: number };
