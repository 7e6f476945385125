import { createHash } from "node:crypto";
import { isNonEmptyString, isObject, utf8Length } from "./fake-server";

// Message checks shared by the WeCom robot fake and the application API fake (robot-apis.md §2.2,
// §3.2). Returns [errcode, errmsg-text] for the first problem, or null.

export type WecomProblem = [number, string];
export type WecomFlavor = "robot" | "app";

const ROBOT_TYPES = ["text", "markdown", "markdown_v2", "image", "news", "file", "voice", "template_card"];
const APP_TYPES = [
  "text",
  "markdown",
  "image",
  "voice",
  "video",
  "file",
  "textcard",
  "news",
  "mpnews",
  "template_card",
];
const ROBOT_CARDS = ["text_notice", "news_notice"];
const APP_CARDS = [
  "text_notice",
  "news_notice",
  "button_interaction",
  "vote_interaction",
  "multiple_interaction",
];

const param = (msg: string): WecomProblem => [40058, `${msg}. invalid Request Parameter`];

function checkLinkish(o: Record<string, unknown>, path: string, types: number[]): WecomProblem | null {
  const type = o.type ?? 0;
  if (typeof type !== "number" || !types.includes(type)) return param(`${path}.type invalid`);
  if (type === 1 && !isNonEmptyString(o.url)) return [42028, `${path}.url missing`];
  if (type === 2 && !isNonEmptyString(o.appid)) return param(`${path}.appid missing`);
  return null;
}

function checkTemplateCard(card: unknown, flavor: WecomFlavor): WecomProblem | null {
  if (!isObject(card)) return param("template_card missing");
  if (
    !isNonEmptyString(card.card_type) ||
    !(flavor === "robot" ? ROBOT_CARDS : APP_CARDS).includes(card.card_type)
  )
    return param("template_card.card_type invalid");
  if (card.source !== undefined) {
    if (!isObject(card.source)) return param("source invalid");
    const c = card.source.desc_color;
    if (c !== undefined && ![0, 1, 2, 3].includes(c as number)) return param("source.desc_color invalid");
  }
  if (!isObject(card.main_title)) return [42027, "main_title missing"];
  if (!isNonEmptyString(card.main_title.title) && !isNonEmptyString(card.sub_title_text))
    return [42027, "main_title.title and sub_title_text both empty"];
  if (card.quote_area !== undefined) {
    if (!isObject(card.quote_area)) return param("quote_area invalid");
    const p = checkLinkish(card.quote_area, "quote_area", [0, 1, 2]);
    if (p) return p;
  }
  if (card.horizontal_content_list !== undefined) {
    const list = card.horizontal_content_list;
    if (!Array.isArray(list)) return param("horizontal_content_list invalid");
    if (list.length > 6) return param("horizontal_content_list exceed max size 6");
    for (const [i, h] of list.entries()) {
      if (!isObject(h) || !isNonEmptyString(h.keyname))
        return param(`horizontal_content_list[${i}].keyname missing`);
      const type = h.type ?? 0;
      if (![0, 1, 2, 3].includes(type as number)) return param(`horizontal_content_list[${i}].type invalid`);
      if (type === 1 && !isNonEmptyString(h.url)) return [42028, `horizontal_content_list[${i}].url missing`];
      if (type === 2 && !isNonEmptyString(h.media_id))
        return param(`horizontal_content_list[${i}].media_id missing`);
      if (type === 3 && !isNonEmptyString(h.userid))
        return param(`horizontal_content_list[${i}].userid missing`);
    }
  }
  if (card.jump_list !== undefined) {
    const list = card.jump_list;
    if (!Array.isArray(list)) return param("jump_list invalid");
    if (list.length > 3) return param("jump_list exceed max size 3");
    for (const [i, j] of list.entries()) {
      if (!isObject(j) || !isNonEmptyString(j.title)) return param(`jump_list[${i}].title missing`);
      const p = checkLinkish(j, `jump_list[${i}]`, [0, 1, 2]);
      if (p) return p;
    }
  }
  const action = card.card_action;
  if (!isObject(action) || (action.type !== 1 && action.type !== 2)) return [42045, "card_action invalid"];
  if (action.type === 1 && !isNonEmptyString(action.url)) return [42045, "card_action.url missing"];
  if (action.type === 2 && !isNonEmptyString(action.appid)) return [42045, "card_action.appid missing"];
  if (card.card_type === "news_notice") {
    if (card.card_image === undefined && card.image_text_area === undefined)
      return [42044, "card_image missing"];
    if (card.card_image !== undefined) {
      if (!isObject(card.card_image) || !isNonEmptyString(card.card_image.url))
        return [42044, "card_image.url missing"];
      const r = card.card_image.aspect_ratio;
      if (r !== undefined && (typeof r !== "number" || r < 1.3 || r > 2.25))
        return param("card_image.aspect_ratio invalid");
    }
    if (card.image_text_area !== undefined) {
      if (!isObject(card.image_text_area) || !isNonEmptyString(card.image_text_area.image_url))
        return param("image_text_area.image_url missing");
    }
    if (card.vertical_content_list !== undefined) {
      const list = card.vertical_content_list;
      if (!Array.isArray(list) || list.length > 4) return param("vertical_content_list exceed max size 4");
      for (const [i, v] of list.entries())
        if (!isObject(v) || !isNonEmptyString(v.title))
          return param(`vertical_content_list[${i}].title missing`);
    }
  }
  if (card.card_type === "button_interaction") {
    if (!isNonEmptyString(card.task_id)) return param("task_id missing");
    if (!Array.isArray(card.button_list) || card.button_list.length === 0)
      return param("button_list missing");
  }
  return null;
}

function checkContent(inner: Record<string, unknown>, type: string, max: number): WecomProblem | null {
  if (!isNonEmptyString(inner.content)) return [44004, "empty content"];
  if (utf8Length(inner.content) > max) return param(`${type}.content exceed max length ${max}`);
  return null;
}

export function checkWecomMessage(body: Record<string, unknown>, flavor: WecomFlavor): WecomProblem | null {
  const type = body.msgtype;
  if (!isNonEmptyString(type) || !(flavor === "robot" ? ROBOT_TYPES : APP_TYPES).includes(type))
    return [40008, "invalid message type"];
  const inner = body[type];
  if (!isObject(inner)) return param(`${type} missing`);
  switch (type) {
    case "text": {
      const p = checkContent(inner, type, 2048);
      if (p) return p;
      for (const k of ["mentioned_list", "mentioned_mobile_list"]) {
        const list = inner[k];
        if (list !== undefined && !(Array.isArray(list) && list.every(isNonEmptyString)))
          return param(`text.${k} invalid`);
      }
      return null;
    }
    case "markdown":
      return checkContent(inner, type, flavor === "robot" ? 4096 : 2048);
    case "markdown_v2":
      return checkContent(inner, type, 4096);
    case "image": {
      if (flavor === "app") return isNonEmptyString(inner.media_id) ? null : param("image.media_id missing");
      if (!isNonEmptyString(inner.base64) || !isNonEmptyString(inner.md5))
        return param("image.base64 or md5 missing");
      const bytes = Buffer.from(inner.base64, "base64");
      if (bytes.length > 2 * 1024 * 1024) return [40009, "invalid image size"];
      if (createHash("md5").update(bytes).digest("hex") !== inner.md5.toLowerCase())
        return [40009, "image md5 not match"];
      return null;
    }
    case "news": {
      const list = inner.articles;
      if (!Array.isArray(list) || list.length === 0) return param("news.articles missing");
      if (list.length > 8) return [45008, "article size out of limit"];
      for (const [i, a] of list.entries()) {
        if (!isObject(a) || !isNonEmptyString(a.title)) return param(`news.articles[${i}].title missing`);
        if (!isNonEmptyString(a.url) && !isNonEmptyString(a.appid))
          return param(`news.articles[${i}].url missing`);
      }
      return null;
    }
    case "textcard":
      for (const f of ["title", "description", "url"])
        if (!isNonEmptyString(inner[f])) return param(`textcard.${f} missing`);
      return null;
    case "template_card":
      return checkTemplateCard(inner, flavor);
    default:
      return isNonEmptyString(inner.media_id) ? null : param(`${type}.media_id missing`);
  }
}

export function wecomErrmsg(errcode: number, text: string): string {
  if (errcode === 0) return "ok";
  return `${text}, hint: [${Date.now().toString(36)}], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}
