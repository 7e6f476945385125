import { dictionaries } from "@/lib/i18n/dictionaries";
import type { Locale } from "@/lib/i18n";

/**
 * Words for stored identifiers (run statuses, triggers, channel types, audit actions, field
 * names…) in the console's language. An identifier without a word (a value added later) is
 * shown as itself rather than hidden; test/console/labels.test.ts keeps that from happening.
 */
export type LabelGroup = Exclude<
  keyof (typeof dictionaries)["zh"]["labels"],
  "yes" | "no" | "empty" | "unknownAction" | "audit" | "runText"
>;

export function label(locale: Locale, group: LabelGroup, value: string | null | undefined): string {
  if (value == null || value === "") return dictionaries[locale].labels.empty;
  const words = dictionaries[locale].labels[group] as Record<string, string>;
  return words[value] ?? value;
}

/** "task.update" → 修改任务 / Changed task; an unknown action → 其他操作 / Other action. */
export function auditActionLabel(locale: Locale, action: string): string {
  const [entity, verb] = action.split(".", 2);
  const words = dictionaries[locale].labels.audit as Record<string, Record<string, string> | undefined>;
  return (entity && verb && words[entity]?.[verb]) || dictionaries[locale].labels.unknownAction;
}

/** A before/after or detail value in words: 是/否, （空）, enum words for the fields that hold enums. */
export function fieldValueText(locale: Locale, field: string, value: unknown): string {
  const words = dictionaries[locale].labels;
  if (value === null || value === undefined || value === "") return words.empty;
  if (typeof value === "boolean") return value ? words.yes : words.no;
  const group = ENUM_FIELDS[field];
  if (group && typeof value === "string") return label(locale, group, value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null))
    return value.length ? value.join("、") : words.empty;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const ENUM_FIELDS: Record<string, LabelGroup> = {
  schedule_type: "scheduleType",
  execution_type: "executionType",
  script_language: "scriptLanguage",
  overlap_policy: "overlapPolicy",
  workday_filter: "workdayFilter",
  channel_type: "channelType",
  role: "role",
  last_run_status: "runStatus",
};

/** A field's name in words (the raw name only for a field nobody named yet). */
export function fieldLabel(locale: Locale, field: string): string {
  return (dictionaries[locale].labels.field as Record<string, string>)[field] ?? field;
}
