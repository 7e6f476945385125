// The seed's "复杂卡片示例" (销售日报), translated line by line from Python to the JS SDK.
export const SALES_REPORT_SCRIPT = `log('生成销售日报')
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
    { title: '查看详情', url: 'https://example.com/report' }
  ]
}
`;

// The seed's "基础示例": ask the AI with a prompt from the task's params.
export const AI_DAILY_PUSH_SCRIPT = `log('任务开始执行')

const now = dayjs().format('YYYY-MM-DD HH:mm:ss')
const prompt = get_param('prompt', '默认提示词')
const content = ai(prompt, { system: '你是一个助手' })

result = {
  title: '每日推送',
  content: \`**生成时间**: \${now}\\n\\n\${content}\`
}
log('任务执行完成')
`;

// The demo tenant's 销售日报 task: the same card, from real rows of the demo data source
// (demo_business.daily_sales, created and granted to the demo tenant by npm start).
export const DEMO_SALES_REPORT_SCRIPT = `log('生成销售日报')
const today = dayjs().format('YYYY-MM-DD')

// 从演示数据源（demo_business.daily_sales，只读用户）读取最近一天的数据
const latest = db_query('SELECT MAX(sale_date) AS d FROM daily_sales WHERE sale_date <= ?', [today])[0].d
if (!latest) throw new Error('演示数据源中没有销售数据')
const rows = db_query(
  'SELECT region, orders, revenue FROM daily_sales WHERE sale_date = ? ORDER BY revenue DESC',
  [latest]
)
const revenue = rows.reduce((sum, r) => sum + Number(r.revenue), 0)
const orders = rows.reduce((sum, r) => sum + Number(r.orders), 0)
log(\`\${latest}: \${rows.length} 个区域，销售额 \${revenue}\`)

const lines = rows.map((r) => \`| \${r.region} | ¥\${Number(r.revenue).toLocaleString('en-US')} | \${r.orders} |\`)
result = {
  msg_type: 'actionCard',
  title: \`销售日报 | \${dayjs(latest).format('YYYY年MM月DD日')}\`,
  content: \`### 今日业绩
| 指标 | 数值 |
|:---:|:---:|
| 销售额 | **¥\${revenue.toLocaleString('en-US')}** |
| 订单数 | **\${orders}** |

| 区域 | 销售额 | 订单数 |
|:---|---:|---:|
\${lines.join('\\n')}

> 点击查看详情
\`,
  buttons: [
    { title: '查看详情', url: 'https://example.com/report' }
  ]
}
`;
