import type { TTemplateCardResult } from "./message-schema";

// A template card written as markdown: the body of its DingTalk actionCard, or the WeCom
// markdown it falls back to when the card has no link at all.

export function cardUrls(c: TTemplateCardResult): { title: string; url: string }[] {
  const links: { title: string; url: string }[] = [];
  for (const j of c.jump_list ?? [])
    if (j.url && (j.type ?? 1) === 1) links.push({ title: j.title, url: j.url });
  for (const b of c.buttons ?? []) if (b.url) links.push({ title: b.title, url: b.url });
  return links;
}

/** The URL a click on the whole card opens, if the card has any. */
export function cardActionUrl(c: TTemplateCardResult): string | undefined {
  if (c.card_action?.type === 1 && c.card_action.url) return c.card_action.url;
  return c.url ?? cardUrls(c)[0]?.url ?? c.image_text_area?.url ?? c.quote_area?.url;
}

export function cardToMarkdown(c: TTemplateCardResult, opts: { heading: boolean }): string {
  const out: string[] = [];
  if (c.card_image) out.push(`![](${c.card_image.url})`);
  if (c.source?.desc) out.push(`<font color="#888888">${c.source.desc}</font>`);
  if (opts.heading) out.push(`### ${c.title}`);
  if (c.desc) out.push(c.desc);
  if (c.emphasis_content?.title || c.emphasis_content?.desc)
    out.push(
      `## ${c.emphasis_content.title ?? ""}${c.emphasis_content.desc ? `\n${c.emphasis_content.desc}` : ""}`.trim(),
    );
  if (c.image_text_area) {
    const a = c.image_text_area;
    out.push(`![](${a.image_url})`);
    if (a.title) out.push(a.url ? `[${a.title}](${a.url})` : `**${a.title}**`);
    if (a.desc) out.push(a.desc);
  }
  if (c.content) out.push(c.content);
  const rows = (c.horizontal_list ?? []).map((h) => {
    const value = h.value ?? h.url ?? h.userid ?? h.media_id ?? "";
    return `**${h.keyname}**：${h.url ? `[${value}](${h.url})` : value}`;
  });
  if (rows.length) out.push(rows.join("\n\n"));
  const vertical = (c.vertical_list ?? []).map((v) => `**${v.title}**${v.desc ? `  ${v.desc}` : ""}`);
  if (vertical.length) out.push(vertical.join("\n\n"));
  if (c.quote_area?.title || c.quote_area?.quote_text) {
    const quote = [c.quote_area.title, c.quote_area.quote_text].filter(Boolean).join("\n");
    out.push(
      quote
        .split("\n")
        .map((l) => `> ${l}`)
        .join("\n"),
    );
  }
  return out.join("\n\n");
}
