// The seed's two example scripts (seed/scheduled-tasks.md "示例脚本"), translated line by line.
// They are the very scripts the platform ships (the demo task runs the sales report), so the
// tests here prove what users get.
export {
  AI_DAILY_PUSH_SCRIPT as BASIC_EXAMPLE,
  SALES_REPORT_SCRIPT as SALES_REPORT_EXAMPLE,
} from "@/server/services/demo-scripts";
