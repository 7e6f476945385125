import { describe, expect, it } from "vitest";

import * as prismaEnums from "@/generated/prisma/enums";
import {
  auditActionLabel,
  fieldLabel,
  fieldValueText,
  label,
  type LabelGroup,
} from "@/components/i18n/labels";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { BULK_ACTIONS } from "@/lib/schemas/ops";
import { LAST_RUN_STATUSES, RUN_STATUSES, RUN_TRIGGERS } from "@/lib/schemas/run";
import { CHANNEL_TYPES } from "@/lib/schemas/channel";
import { ZRole } from "@/lib/schemas/admin";
import { SCRIPT_LANGUAGES } from "@/lib/schemas/task";

const CJK = /[\u3400-\u9fff]/;

/** Every enum of schema.prisma, and the label group that words it. A new enum fails here. */
const PRISMA_ENUM_GROUPS: Record<keyof typeof prismaEnums, LabelGroup> = {
  ScheduleType: "scheduleType",
  ExecutionType: "executionType",
  LastRunStatus: "runStatus",
  ScriptLanguage: "scriptLanguage",
  OverlapPolicy: "overlapPolicy",
  WorkdayFilter: "workdayFilter",
  ChannelType: "channelType",
  RunStatus: "runStatus",
  RunTrigger: "trigger",
  Role: "role",
  ActorType: "actorType",
};

/** Value lists of lib/schemas (and the delivery records' channel types) with their groups. */
const SCHEMA_LISTS: [LabelGroup, readonly string[]][] = [
  ["runStatus", RUN_STATUSES],
  ["runStatus", LAST_RUN_STATUSES],
  ["trigger", RUN_TRIGGERS],
  ["channelType", [...CHANNEL_TYPES, "wecom_app"]],
  ["bulkAction", BULK_ACTIONS],
  ["bulkDone", BULK_ACTIONS],
  ["role", Object.values(ZRole.enum)],
  ["scriptLanguage", SCRIPT_LANGUAGES],
];

// Brand names stay as they are in Chinese too.
const SAME_IN_BOTH = new Set(["JavaScript", "Python"]);

function expectWords(group: LabelGroup, value: string) {
  const zh = label("zh", group, value);
  const en = label("en", group, value);
  expect(zh, `${group}.${value} (zh)`).not.toBe(value);
  expect(en, `${group}.${value} (en)`).not.toBe(value);
  if (!SAME_IN_BOTH.has(zh)) expect(zh, `${group}.${value} (zh)`).toMatch(CJK);
  expect(en, `${group}.${value} (en)`).not.toMatch(CJK);
}

describe("words for stored identifiers (zh and en)", () => {
  it("every value of every Prisma enum has a Chinese and an English word", () => {
    expect(Object.keys(PRISMA_ENUM_GROUPS).sort()).toEqual(Object.keys(prismaEnums).sort());
    for (const [name, group] of Object.entries(PRISMA_ENUM_GROUPS)) {
      const values = Object.values(prismaEnums[name as keyof typeof prismaEnums]);
      expect(values.length, name).toBeGreaterThan(0);
      for (const value of values) expectWords(group, value);
    }
  });

  it("every value of the schemas' lists has words (statuses, triggers, channel types, bulk actions)", () => {
    for (const [group, values] of SCHEMA_LISTS) for (const value of values) expectWords(group, value);
  });

  it("every audit action is a phrase, never the raw identifier", () => {
    const seen = new Set<string>();
    for (const action of AUDIT_ACTIONS) {
      const zh = auditActionLabel("zh", action);
      const en = auditActionLabel("en", action);
      expect(zh, action).toMatch(CJK);
      expect(en, action).not.toMatch(CJK);
      expect(en, action).not.toContain(".");
      expect(zh, action).not.toBe(auditActionLabel("zh", "nothing.known"));
      seen.add(zh);
    }
    // Two actions with one phrase would make the log ambiguous.
    expect(seen.size).toBe(AUDIT_ACTIONS.length);
    expect(auditActionLabel("zh", "something.new")).toBe("其他操作");
  });

  it("changed fields read as words, with enum and boolean values in words", () => {
    expect(fieldLabel("zh", "max_concurrent_runs")).toBe("同时运行上限");
    expect(fieldLabel("en", "overlap_policy")).toBe("Overlap policy");
    expect(fieldValueText("zh", "overlap_policy", "skip")).toBe("上次未结束则跳过");
    expect(fieldValueText("zh", "is_enabled", false)).toBe("否");
    expect(fieldValueText("en", "max_concurrent_runs", null)).toBe("(empty)");
    expect(fieldValueText("zh", "notify_channels", [3, 5])).toBe("3、5");
  });
});
