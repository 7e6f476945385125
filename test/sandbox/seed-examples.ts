// The seed's two example scripts (seed/scheduled-tasks.md "示例脚本"), translated line by line.

export const BASIC_EXAMPLE = `// 无需 import，模块已内置
log('任务开始执行')

const now = dayjs().format('YYYY-MM-DD HH:mm:ss')
const prompt = get_param('prompt', '默认提示词')
const content = ai(prompt, { system: '你是一个助手' })

result = {
  title: '每日推送',
  content: \`**生成时间**: \${now}\\n\\n\${content}\`,
}
log('任务执行完成')
`;

export const SALES_REPORT_EXAMPLE = `log('生成销售日报')

const now = dayjs()
const today = now.format('YYYY年MM月DD日')

// 模拟数据
const revenue = random.randint(50000, 150000)

result = {
  msg_type: 'actionCard',
  title: \`销售日报 | \${today}\`,
  content: \`### 今日业绩
| 指标 | 数值 |
|:---:|:---:|
| 销售额 | **¥\${revenue.toLocaleString('en-US')}** |
| 订单数 | **\${random.randint(40, 80)}** |

> 点击查看详情
\`,
  buttons: [
    { title: '查看详情', url: 'https://example.com/report' },
  ],
}
`;
