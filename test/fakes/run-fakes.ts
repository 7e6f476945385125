import { startFakeDingtalk } from "./fake-dingtalk";
import { startFakeWecomApi } from "./fake-wecom-api";
import { startFakeWecomRobot } from "./fake-wecom-robot";

// Starts the three robot fakes on fixed ports for the console's local demo:
//   npx tsx test/fakes/run-fakes.ts
// Ports from FAKE_DINGTALK_PORT / FAKE_WECOM_ROBOT_PORT / FAKE_WECOM_API_PORT (a standalone script,
// not server code, so it reads process.env directly). GET /_fake/received lists what arrived.

const port = (name: string, fallback: number) => Number(process.env[name] || fallback);

const DEMO_SECRET = "SECdemo0123456789abcdef";

async function main() {
  const dingtalk = await startFakeDingtalk({
    robots: [{ token: "demo" }, { token: "demo-signed", secret: DEMO_SECRET }],
    acceptAnyToken: true,
    port: port("FAKE_DINGTALK_PORT", 4101),
  });
  const wecomRobot = await startFakeWecomRobot({
    keys: ["demo"],
    acceptAnyKey: true,
    port: port("FAKE_WECOM_ROBOT_PORT", 4102),
  });
  const wecomApi = await startFakeWecomApi({
    apps: [{ corpId: "demo-corp", secret: "demo-secret", agentId: 1000002 }],
    port: port("FAKE_WECOM_API_PORT", 4103),
  });
  console.log(
    [
      `DingTalk robot fake:  ${dingtalk.url}`,
      `  webhook:            ${dingtalk.webhookUrl("demo")}`,
      `  signed webhook:     ${dingtalk.webhookUrl("demo-signed")}  (加签密钥 ${DEMO_SECRET})`,
      `WeCom robot fake:     ${wecomRobot.url}`,
      `  webhook:            ${wecomRobot.webhookUrl("demo")}`,
      `WeCom app API fake:   ${wecomApi.url}  (WECOM_API_BASE_URL; corp demo-corp, secret demo-secret, agent 1000002)`,
      `Received messages:    <fake url>/_fake/received`,
    ].join("\n"),
  );
  const stop = async () => {
    await Promise.all([dingtalk.close(), wecomRobot.close(), wecomApi.close()]);
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
