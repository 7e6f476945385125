import type { Locale } from "./config";
import type { SameShape } from "./types";
import { auth } from "./messages/auth";
import { common } from "./messages/common";
import { overview } from "./messages/overview";
import { shell } from "./messages/shell";
import { admin } from "./messages/admin";
import { channels } from "./messages/channels";
import { runs } from "./messages/runs";
import { sdk } from "./messages/sdk";
import { tasks } from "./messages/tasks";
import { kit } from "./messages/kit";
import { dataSources } from "./messages/data-sources";
import { taskSettings } from "./messages/task-settings";
import { ops } from "./messages/ops";
import { labels } from "./messages/labels";

/**
 * One namespace per file under messages/, each holding its zh and en halves side by side.
 * To add a namespace: create messages/<name>.ts exporting `{ zh, en }` and list it in both
 * objects below; the type makes a missing or extra English key a compile error.
 */
export const zh = {
  common: common.zh,
  auth: auth.zh,
  shell: shell.zh,
  overview: overview.zh,
  tasks: tasks.zh,
  runs: runs.zh,
  channels: channels.zh,
  admin: admin.zh,
  sdk: sdk.zh,
  kit: kit.zh,
  dataSources: dataSources.zh,
  taskSettings: taskSettings.zh,
  ops: ops.zh,
  labels: labels.zh,
};

export type Dictionary = SameShape<typeof zh>;

export const en: Dictionary = {
  common: common.en,
  auth: auth.en,
  shell: shell.en,
  overview: overview.en,
  tasks: tasks.en,
  runs: runs.en,
  channels: channels.en,
  admin: admin.en,
  sdk: sdk.en,
  kit: kit.en,
  dataSources: dataSources.en,
  taskSettings: taskSettings.en,
  ops: ops.en,
  labels: labels.en,
};

export const dictionaries: Record<Locale, Dictionary> = { zh, en };
