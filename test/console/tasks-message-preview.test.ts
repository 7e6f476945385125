import { describe, expect, it } from "vitest";

import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";

// messages.preview: the run detail shows a stored result as each robot received it.
describe("messages.preview (run detail's robot preview)", () => {
  const caller = createCaller(createContext({ user: { id: 1, email: "someone@example.com" } }));

  it("gives each robot's exact payloads for a stored result", async () => {
    const res = await caller.messages.preview({
      result: {
        msg_type: "actionCard",
        title: "日报",
        content: "| a | b |\n|---|---|\n| 1 | 2 |",
        buttons: [{ title: "查看", url: "https://example.com/r" }],
      },
    });
    expect(res?.dingtalk_bot).toEqual([
      {
        msgtype: "actionCard",
        actionCard: expect.objectContaining({
          title: "日报",
          singleTitle: "查看",
          singleURL: "https://example.com/r",
        }),
      },
    ]);
    expect(res?.wecom_bot[0]).toMatchObject({
      msgtype: "template_card",
      template_card: { card_type: "text_notice", main_title: { title: "日报" } },
    });
  });

  it("answers null, not an error, for a result that no longer validates", async () => {
    await expect(caller.messages.preview({ result: { msg_type: "link", title: "x" } })).resolves.toBeNull();
    await expect(caller.messages.preview({ result: null })).resolves.toEqual({
      dingtalk_bot: [],
      wecom_bot: [],
    });
  });

  it("refuses callers who are not signed in", async () => {
    const anonymous = createCaller(createContext({ user: null }));
    await expect(anonymous.messages.preview({ result: "hi" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
