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

// The demo tenant's 销售日报 task: the seed's Python "复杂卡片示例" (script_language python), with
// real rows of the demo data source (demo_business.daily_sales, created and granted to the demo
// tenant by npm start) instead of random numbers.
export const DEMO_SALES_REPORT_SCRIPT = String.raw`log('生成销售日报')
now = datetime.now()
today = now.strftime('%Y-%m-%d')

# 从演示数据源（demo_business.daily_sales，只读用户）读取最近一天的数据
latest = db_query('SELECT MAX(sale_date) AS d FROM daily_sales WHERE sale_date <= %s', (today,))[0]['d']
if not latest:
    raise Exception('演示数据源中没有销售数据')
rows = db_query(
    'SELECT region, orders, revenue FROM daily_sales WHERE sale_date = %s ORDER BY revenue DESC',
    (latest,)
)
revenue = sum(float(r['revenue']) for r in rows)
orders = sum(int(r['orders']) for r in rows)
log(f'{latest}: {len(rows)} 个区域，销售额 {revenue:,.2f}')

day = datetime.strptime(str(latest)[:10], '%Y-%m-%d').strftime('%Y年%m月%d日')
lines = '\n'.join(f"| {r['region']} | ¥{float(r['revenue']):,.2f} | {r['orders']} |" for r in rows)

result = {
    'msg_type': 'actionCard',
    'title': f'销售日报 | {day}',
    'content': f"""### 今日业绩
| 指标 | 数值 |
|:---:|:---:|
| 销售额 | **¥{revenue:,.2f}** |
| 订单数 | **{orders}** |

| 区域 | 销售额 | 订单数 |
|:---|---:|---:|
{lines}

> 点击查看详情
""",
    'buttons': [
        {'title': '查看详情', 'url': 'https://example.com/report'}
    ]
}
`;
