export {
  startFakeDingtalk,
  type FakeDingtalk,
  type FakeDingtalkOptions,
  type FakeDingtalkRobot,
} from "./fake-dingtalk";
export { startFakeWecomRobot, type FakeWecomRobot, type FakeWecomRobotOptions } from "./fake-wecom-robot";
export {
  startFakeWecomApi,
  type FakeWecomApi,
  type FakeWecomApiOptions,
  type FakeWecomApp,
} from "./fake-wecom-api";
export type { ForcedFailure, ReceivedRequest } from "./fake-server";
