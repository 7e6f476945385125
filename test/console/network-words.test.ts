import { describe, expect, it } from "vitest";
import { networkWords, testFailureText } from "@/components/i18n/network-words";
import { createT } from "@/lib/i18n";

// A channel test's transport error in words (zh first, en available); anything else stays raw.
describe("network error words", () => {
  const zh = createT("zh");
  const en = createT("en");
  const say = (t: typeof zh, errmsg: string) => {
    const words = networkWords(errmsg);
    return words ? t(words.key, words.vars) : null;
  };

  it("names the common Node and HTTP failures", () => {
    expect(say(zh, "connect ECONNREFUSED 127.0.0.1:9")).toContain("连接被拒绝");
    expect(say(en, "connect ECONNREFUSED 127.0.0.1:9")).toContain("Connection refused");
    expect(say(zh, "connect ETIMEDOUT 10.0.0.1:443")).toContain("连接超时");
    expect(say(zh, "getaddrinfo ENOTFOUND robot.invalid")).toContain("找不到这个域名");
    expect(say(zh, "read ECONNRESET")).toContain("连接被对方中断");
    expect(say(zh, "self-signed certificate in certificate chain")).toContain("证书");
    expect(say(zh, "HTTP 502")).toBe("对方返回 HTTP 502");
    expect(say(en, "HTTP 404 Not Found")).toBe("The server answered HTTP 404");
  });

  it("leaves a robot's own answer alone", () => {
    expect(networkWords("invalid webhook url")).toBeNull();
    expect(networkWords("sign not match")).toBeNull();
  });

  it("gives a failed test's toast the words, not the server's explanation with the raw text", () => {
    const refused = {
      errmsg: "connect ECONNREFUSED 127.0.0.1:1",
      explanation: "网络错误，无法连接到机器人接口：connect ECONNREFUSED 127.0.0.1:1",
    };
    expect(testFailureText(refused, zh)).toBe("连接被拒绝（对方端口没有服务在监听）");
    expect(testFailureText(refused, en)).toBe("Connection refused (nothing listens on that port)");
    for (const t of [zh, en]) expect(testFailureText(refused, t)).not.toMatch(/ECONNREFUSED/);
    // A robot's own refusal keeps the server's explanation, or its message when there is none.
    const sign = { errmsg: "sign not match", explanation: "加签校验失败：请核对加签密钥" };
    expect(testFailureText(sign, zh)).toBe(sign.explanation);
    expect(testFailureText({ errmsg: "sign not match", explanation: null }, zh)).toBe("sign not match");
  });
});
