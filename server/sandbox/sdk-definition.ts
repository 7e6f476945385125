// The one description of the script SDK. The isolate's globals are generated from it
// (server/sandbox/prelude.ts), the host bindings are checked against it
// (server/sandbox/bindings/index.ts), and the docs, the sdk-docs endpoint and the editor's type
// declarations are rendered from it (server/sandbox/sdk-docs.ts).

export type Text = { zh: string; en: string };

/** Where a callable runs: on the host through a synchronous bridge, or inside the isolate. */
export type BindingKind = "host-sync" | "host-async" | "isolate";

export type SdkFunctionDef = {
  name: string;
  /** As shown to users, Python-like names kept: `ai(prompt, {system?, model?})`. */
  signature: string;
  /** TypeScript parameter list and return type: `(prompt: string): string`. */
  ts: string;
  returns: string;
  description: Text;
  example: string;
  binding: BindingKind;
  /** Counts against the per-run network call limit. */
  network?: boolean;
  /** The Python form (the seed's): top-level functions only; module members are JavaScript's. */
  py?: PyFunctionDef;
};

/**
 * A function's Python binding. The generated `def name(<params>)` calls the host binding of the
 * same name with `<call>` (a Python list expression of the JavaScript arguments, keyword
 * arguments gathered by `_opts(...)` into the last options object), and passes the reply
 * through `<wrap>` when given. `custom` functions are written by hand in the Python SDK module.
 */
export type PyFunctionDef = {
  params: string;
  call?: string;
  wrap?: string;
  custom?: boolean;
  returns: string;
  example: string;
};

/** What Python scripts have without import: the seed's modules and classes (the real stdlib). */
export type PyModuleDef = {
  name: string;
  kind: "module" | "class";
  description: Text;
  example: string;
  members: string[];
};

export type SdkVariableDef = { name: string; type: string; ts: string; description: Text; example: string };

export type SdkModuleDef = {
  name: string;
  description: Text;
  example: string;
  /** Type of the whole global, when it is not described member by member (`typeof Math`). */
  ts?: string;
  members: SdkFunctionDef[];
};

export type SdkMessageFormatDef = {
  msg_type: string;
  name: Text;
  channels: ("dingtalk_bot" | "wecom_bot")[];
  description: Text;
  fields: { name: string; type: string; required: boolean; description: Text }[];
  example: string;
};

const OPT_HTTP_RESULT =
  "{ status: number; ok: boolean; headers: Record<string, string>; text: string; json: any }";

export const SDK_FUNCTIONS: SdkFunctionDef[] = [
  {
    name: "log",
    signature: "log(...values)",
    ts: "(...values: unknown[]): void",
    returns: "undefined",
    description: {
      zh: "输出一行日志（带时间）。多个值以空格连接，对象以 JSON 显示。",
      en: "Writes one output line (timestamped). Values are joined by a space; objects are shown as JSON.",
    },
    example: "log('任务开始执行', {count: 3})",
    binding: "host-sync",
    py: { params: "*values", custom: true, returns: "None", example: "log('任务开始执行')" },
  },
  {
    name: "print",
    signature: "print(...values)",
    ts: "(...values: unknown[]): void",
    returns: "undefined",
    description: { zh: "同 log。", en: "Same as log." },
    example: "print('hello')",
    binding: "host-sync",
    py: {
      params: "*values, sep=' ', end='\\n'",
      custom: true,
      returns: "None",
      example: "print('hello', 42)",
    },
  },
  {
    name: "ai",
    signature: "ai(prompt, {system?, model?, temperature?, max_tokens?})",
    ts: "(prompt: string, options?: { system?: string; model?: string; temperature?: number; max_tokens?: number }): string",
    returns: "string",
    description: {
      zh: "调用大模型（OpenAI 兼容的 chat/completions），返回回答文本。默认模型由 AI_MODEL 配置。",
      en: "Calls the LLM (OpenAI-compatible chat/completions) and returns the answer text. Default model from AI_MODEL.",
    },
    example: "const text = ai('写一句早安问候', {system: '你是一个助手'})",
    binding: "host-async",
    network: true,
    py: {
      params: "prompt, system=None, model=None, temperature=None, max_tokens=None",
      call: "[prompt, _opts(system=system, model=model, temperature=temperature, max_tokens=max_tokens)]",
      returns: "str",
      example: "content = ai('写一句早安问候', system='你是一个助手')",
    },
  },
  {
    name: "dingtalk",
    signature: "dingtalk(webhook_url_or_channel, content, title = '通知')",
    ts: "(webhookUrlOrChannel: string | number, content: string, title?: string): { errcode: number; errmsg: string }",
    returns: "{errcode, errmsg}",
    description: {
      zh: "直接发送一条钉钉 markdown 消息（不经过 result）。第一个参数可以是 webhook 地址，或本租户通知渠道的 ID / 名称（自动使用其加签密钥）。",
      en: "Sends a DingTalk markdown message now (not through result). The target is a webhook URL or the id / name of a channel of the task's tenant (its signing secret is used).",
    },
    example: "dingtalk('运营群', '### 今日播报\\n一切正常', '播报')",
    binding: "host-async",
    network: true,
    py: {
      params: "webhook_url, content, title='通知'",
      call: "[webhook_url, content, title]",
      returns: "dict {'errcode', 'errmsg'}",
      example: "dingtalk('运营群', '### 今日播报\\n一切正常', title='播报')",
    },
  },
  {
    name: "wecom",
    signature: "wecom(webhook_url_or_channel, content)",
    ts: "(webhookUrlOrChannel: string | number, content: string): { errcode: number; errmsg: string }",
    returns: "{errcode, errmsg}",
    description: {
      zh: "直接发送一条企业微信机器人 markdown 消息。第一个参数可以是 webhook 地址，或本租户通知渠道的 ID / 名称。",
      en: "Sends a WeCom robot markdown message now. The target is a webhook URL or the id / name of a channel of the task's tenant.",
    },
    example: "wecom('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...', '**告警** 磁盘使用率 91%')",
    binding: "host-async",
    network: true,
    py: {
      params: "webhook_url, content",
      call: "[webhook_url, content]",
      returns: "dict {'errcode', 'errmsg'}",
      example: "wecom('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...', '**告警** 磁盘使用率 91%')",
    },
  },
  {
    name: "http_get",
    signature: "http_get(url, {headers?, params?})",
    ts: `(url: string, options?: { headers?: Record<string, string>; params?: Record<string, string | number | boolean> }): ${OPT_HTTP_RESULT}`,
    returns: "{status, ok, headers, text, json}",
    description: {
      zh: "发送 GET 请求。json 为解析后的响应体（不是 JSON 时为 null）。超时 15 秒，响应最大 5 MB；禁止访问内网地址。",
      en: "Sends a GET request. json is the parsed body (null when not JSON). 15 s timeout, 5 MB cap; private addresses are refused.",
    },
    example:
      "const res = http_get('https://api.example.com/stats', {params: {day: '2026-01-01'}})\nlog(res.status, res.json)",
    binding: "host-async",
    network: true,
    py: {
      params: "url, headers=None, params=None",
      call: "[url, _opts(headers=headers, params=params)]",
      wrap: "_Response",
      returns: "Response (.status_code, .ok, .headers, .text, .json())",
      example:
        "res = http_get('https://api.example.com/stats', params={'day': '2026-01-01'})\nlog(res.status_code, res.json())",
    },
  },
  {
    name: "http_post",
    signature: "http_post(url, {data?, json?, headers?})",
    ts: `(url: string, options?: { data?: string | Record<string, string | number | boolean>; json?: unknown; headers?: Record<string, string> }): ${OPT_HTTP_RESULT}`,
    returns: "{status, ok, headers, text, json}",
    description: {
      zh: "发送 POST 请求。json 选项发送 JSON 请求体；data 为字符串时原样发送，为对象时按表单编码。",
      en: "Sends a POST request. The json option sends a JSON body; data is sent as is when a string, form-encoded when an object.",
    },
    example: "const res = http_post('https://api.example.com/hook', {json: {ok: true}})",
    binding: "host-async",
    network: true,
    py: {
      params: "url, data=None, json=None, headers=None",
      call: "[url, _opts(data=data, json=json, headers=headers)]",
      wrap: "_Response",
      returns: "Response (.status_code, .ok, .headers, .text, .json())",
      example: "res = http_post('https://api.example.com/hook', json={'ok': True})",
    },
  },
  {
    name: "db_query",
    signature: "db_query(sql, params = [], options = {})",
    ts: "(sql: string, params?: unknown[], options?: { source?: string }): Record<string, any>[]",
    returns: "array of row objects",
    description: {
      zh: "只读查询平台管理员授权给本租户的数据源（默认数据源，或 {source: '名称'} 指定），只允许单条 SELECT / WITH … SELECT / SHOW / DESCRIBE / EXPLAIN，用 ? 作参数占位符。每条 5 秒超时，最多 1000 行、4 MB；计入每次执行的网络调用次数。",
      en: "Read-only query on a data source the platform admin granted to this tenant (the default one, or {source: 'name'}): one SELECT / WITH … SELECT / SHOW / DESCRIBE / EXPLAIN with ? placeholders. 5 s per statement, at most 1000 rows and 4 MB; counts toward the run's network call limit.",
    },
    example:
      "const rows = db_query('SELECT sale_date, SUM(amount) AS total FROM demo_business.daily_sales WHERE sale_date >= ? GROUP BY sale_date', [dayjs().subtract(7, 'day').format('YYYY-MM-DD')])",
    binding: "host-async",
    py: {
      params: "sql, params=None, source=None",
      call: "_db_args(sql, params) + ([{'source': source}] if source is not None else [])",
      returns: "list of dict",
      example:
        "rows = db_query('SELECT region, revenue FROM daily_sales WHERE sale_date = %s', (today,), source='demo_business')",
    },
  },
  {
    name: "get_var",
    signature: "get_var(key, default = null)",
    ts: "(key: string, defaultValue?: any): any",
    returns: "value",
    description: {
      zh: "读取本任务保存的变量（跨执行持久化），不存在时返回默认值。",
      en: "Reads a value this task saved (kept across runs); the default when absent.",
    },
    example: "const lastId = get_var('last_id', 0)",
    binding: "host-async",
    py: {
      params: "key, default=None",
      call: "[key, default]",
      returns: "value",
      example: "last_id = get_var('last_id', 0)",
    },
  },
  {
    name: "set_var",
    signature: "set_var(key, value)",
    ts: "(key: string, value: unknown): void",
    returns: "undefined",
    description: {
      zh: "保存一个变量（任意 JSON 值），下次执行可读取。",
      en: "Saves a value (any JSON) for later runs of this task.",
    },
    example: "set_var('last_id', 42)",
    binding: "host-async",
    py: { params: "key, value", call: "[key, value]", returns: "None", example: "set_var('last_id', 42)" },
  },
  {
    name: "del_var",
    signature: "del_var(key)",
    ts: "(key: string): void",
    returns: "undefined",
    description: { zh: "删除一个已保存的变量。", en: "Deletes a saved value." },
    example: "del_var('last_id')",
    binding: "host-async",
    py: { params: "key", call: "[key]", returns: "None", example: "del_var('last_id')" },
  },
  {
    name: "get_param",
    signature: "get_param(key, default = null)",
    ts: "(key: string, defaultValue?: any): any",
    returns: "value",
    description: {
      zh: "读取任务的输入参数（手动执行时可被覆盖），不存在时返回默认值。",
      en: "Reads one of the task's input parameters (a manual run may override them); the default when absent.",
    },
    example: "const prompt = get_param('prompt', '默认提示词')",
    binding: "host-sync",
    py: {
      params: "key, default=None",
      call: "[key, default]",
      returns: "value",
      example: "prompt = get_param('prompt', '默认提示词')",
    },
  },
  {
    name: "get_params",
    signature: "get_params()",
    ts: "(): Record<string, any>",
    returns: "object",
    description: { zh: "读取全部输入参数。", en: "Reads all input parameters." },
    example: "const params = get_params()",
    binding: "host-sync",
    py: { params: "", call: "[]", returns: "dict", example: "params = get_params()" },
  },
  {
    name: "get_tenants",
    signature: "get_tenants()",
    ts: "(): { tenant_id: string; name: string; is_enabled: boolean }[]",
    returns: "[{tenant_id, name, is_enabled}]",
    description: {
      zh: "租户列表。租户任务只能看到自己的租户；全局任务看到所有租户。",
      en: "Tenants. A tenant task sees only its own tenant; a global task sees all.",
    },
    example: "for (const t of get_tenants()) log(t.tenant_id, t.name)",
    binding: "host-async",
    py: {
      params: "",
      call: "[]",
      returns: "list of dict {'tenant_id', 'name', 'is_enabled'}",
      example: "for t in get_tenants():\n    log(t['tenant_id'], t['name'])",
    },
  },
  {
    name: "get_tenant_config",
    signature: "get_tenant_config(tenant_id, app_code, key)",
    ts: "(tenantId: string, appCode: string, key: string): string | null",
    returns: "value or null",
    description: {
      zh: "读取某租户某应用的一项配置；租户任务只能读取自己租户的配置。",
      en: "Reads one configuration value of a tenant's app; a tenant task may read only its own tenant's.",
    },
    example: "const appKey = get_tenant_config(tenant_id, 'crm', 'app_key')",
    binding: "host-async",
    py: {
      params: "tenant_id, app_code, key",
      call: "[tenant_id, app_code, key]",
      returns: "str or None",
      example: "app_key = get_tenant_config(tenant_id, 'crm', 'app_key')",
    },
  },
  {
    name: "get_all_tenant_configs",
    signature: "get_all_tenant_configs(app_code, key)",
    ts: "(appCode: string, key: string): { tenant_id: string; value: string | null }[]",
    returns: "[{tenant_id, value}]",
    description: {
      zh: "读取所有（可见）租户中拥有该配置的值。",
      en: "The value of this configuration for every (visible) tenant that has it.",
    },
    example: "for (const c of get_all_tenant_configs('crm', 'app_key')) log(c.tenant_id)",
    binding: "host-async",
    py: {
      params: "app_code, key",
      call: "[app_code, key]",
      returns: "list of dict {'tenant_id', 'value'}",
      example: "for c in get_all_tenant_configs('crm', 'app_key'):\n    log(c['tenant_id'])",
    },
  },
  {
    name: "get_secret",
    signature: "get_secret(key)",
    ts: "(key: string): string | null",
    returns: "string or null",
    description: {
      zh: "读取密钥。租户任务读本租户密钥，全局任务读全局密钥。读取过的密钥值在输出和错误中显示为 ******。",
      en: "Reads a secret: a tenant task reads its tenant's secrets, a global task the global ones. Values read are shown as ****** in output and errors.",
    },
    example: "const token = get_secret('API_TOKEN')",
    binding: "host-async",
    py: { params: "key", call: "[key]", returns: "str or None", example: "token = get_secret('API_TOKEN')" },
  },
];

export const SDK_VARIABLES: SdkVariableDef[] = [
  {
    name: "task_id",
    type: "number | null",
    ts: "number | null",
    description: {
      zh: "当前任务 ID（测试脚本时为 null）。",
      en: "The current task's id (null when testing a script).",
    },
    example: "log('task', task_id)",
  },
  {
    name: "tenant_id",
    type: "string | null",
    ts: "string | null",
    description: {
      zh: "当前租户 ID，全局任务为 null。",
      en: "The task's tenant id; null for a global task.",
    },
    example: "if (tenant_id) log(tenant_id)",
  },
  {
    name: "trace_id",
    type: "string",
    ts: "string",
    description: { zh: "本次执行的追踪 ID。", en: "This run's trace id." },
    example: "log('trace', trace_id)",
  },
];

export const SDK_MODULES: SdkModuleDef[] = [
  {
    name: "dayjs",
    description: {
      zh: "日期时间（dayjs，含 utc / timezone / customParseFormat 插件）。dayjs() 默认使用任务时区。",
      en: "Dates and times (dayjs with the utc, timezone and customParseFormat plugins). dayjs() works in the task's timezone.",
    },
    example:
      "const now = dayjs().format('YYYY-MM-DD HH:mm:ss')\nconst yesterday = dayjs().subtract(1, 'day').format('YYYY年MM月DD日')",
    ts: "any",
    members: [],
  },
  {
    name: "time",
    description: { zh: "时间工具。", en: "Time helpers." },
    example: "time.sleep(1.5)",
    members: [
      {
        name: "sleep",
        signature: "time.sleep(seconds)",
        ts: "(seconds: number): void",
        returns: "undefined",
        description: {
          zh: "暂停若干秒（计入执行时间限制）。",
          en: "Pauses for some seconds (counts toward the time limit).",
        },
        example: "time.sleep(2)",
        binding: "host-async",
      },
      {
        name: "time",
        signature: "time.time()",
        ts: "(): number",
        returns: "number",
        description: {
          zh: "当前 Unix 时间戳（秒，含小数）。",
          en: "Current Unix time in seconds (fractional).",
        },
        example: "const started = time.time()",
        binding: "isolate",
      },
    ],
  },
  {
    name: "json",
    description: { zh: "JSON 编解码。", en: "JSON encoding and decoding." },
    example: "const text = json.dumps({a: 1})",
    members: [
      {
        name: "dumps",
        signature: "json.dumps(value, {indent?})",
        ts: "(value: unknown, options?: { indent?: number }): string",
        returns: "string",
        description: {
          zh: "把值编码为 JSON 字符串（中文不转义）。",
          en: "Encodes a value as a JSON string (non-ASCII kept).",
        },
        example: "json.dumps({name: '张三'}, {indent: 2})",
        binding: "isolate",
      },
      {
        name: "loads",
        signature: "json.loads(text)",
        ts: "(text: string): any",
        returns: "value",
        description: { zh: "解析 JSON 字符串。", en: "Parses a JSON string." },
        example: "const data = json.loads('{\"a\": 1}')",
        binding: "isolate",
      },
    ],
  },
  {
    name: "math",
    description: {
      zh: "数学函数，即 JavaScript 的 Math（math.ceil、math.floor…）。",
      en: "Math functions: JavaScript's Math (math.ceil, math.floor...).",
    },
    example: "math.ceil(4.2)",
    ts: "Math",
    members: [],
  },
  {
    name: "random",
    description: { zh: "随机数。", en: "Random numbers." },
    example: "const n = random.randint(1, 6)",
    members: [
      {
        name: "randint",
        signature: "random.randint(a, b)",
        ts: "(a: number, b: number): number",
        returns: "number",
        description: {
          zh: "a 到 b 之间（含两端）的随机整数。",
          en: "A random integer between a and b, both included.",
        },
        example: "random.randint(50000, 150000)",
        binding: "isolate",
      },
      {
        name: "choice",
        signature: "random.choice(list)",
        ts: "<T>(list: T[]): T",
        returns: "element",
        description: { zh: "从列表中随机取一个元素。", en: "A random element of the list." },
        example: "random.choice(['A', 'B', 'C'])",
        binding: "isolate",
      },
      {
        name: "random",
        signature: "random.random()",
        ts: "(): number",
        returns: "number",
        description: { zh: "[0, 1) 之间的随机小数。", en: "A random number in [0, 1)." },
        example: "random.random()",
        binding: "isolate",
      },
    ],
  },
  {
    name: "hashlib",
    description: {
      zh: "摘要（返回十六进制字符串，输入按 UTF-8 编码）。",
      en: "Digests (hex strings; input encoded as UTF-8).",
    },
    example: "hashlib.md5('hello')",
    members: (["md5", "sha1", "sha256"] as const).map((alg) => ({
      name: alg,
      signature: `hashlib.${alg}(text)`,
      ts: "(text: string): string",
      returns: "hex string",
      description: {
        zh: `${alg.toUpperCase()} 摘要（十六进制）。`,
        en: `${alg.toUpperCase()} digest (hex).`,
      },
      example: `hashlib.${alg}('hello')`,
      binding: "host-sync" as const,
    })),
  },
  {
    name: "base64",
    description: {
      zh: "Base64 编解码（文本按 UTF-8）。",
      en: "Base64 encoding and decoding (text as UTF-8).",
    },
    example: "base64.b64encode('你好')",
    members: [
      {
        name: "b64encode",
        signature: "base64.b64encode(text)",
        ts: "(text: string): string",
        returns: "string",
        description: { zh: "把 UTF-8 文本编码为 Base64。", en: "Encodes UTF-8 text as Base64." },
        example: "base64.b64encode('你好')",
        binding: "host-sync",
      },
      {
        name: "b64decode",
        signature: "base64.b64decode(text)",
        ts: "(text: string): string",
        returns: "string",
        description: { zh: "把 Base64 解码为 UTF-8 文本。", en: "Decodes Base64 into UTF-8 text." },
        example: "base64.b64decode('5L2g5aW9')",
        binding: "host-sync",
      },
    ],
  },
];

/** Python's names without import: the seed's list, each the real standard library. */
export const PY_MODULES: PyModuleDef[] = [
  {
    name: "datetime",
    kind: "class",
    description: {
      zh: "datetime 类（不是模块）。datetime.now() 为任务时区的当前时间。",
      en: "The datetime class (not the module). datetime.now() is the current time in the task's timezone.",
    },
    example: "now = datetime.now().strftime('%Y-%m-%d %H:%M:%S')",
    members: [
      "now",
      "today",
      "strptime",
      "fromtimestamp",
      "fromisoformat",
      "strftime",
      "isoformat",
      "timestamp",
      "replace",
      "date",
    ],
  },
  {
    name: "date",
    kind: "class",
    description: {
      zh: "date 类。date.today() 为任务时区的今天。",
      en: "The date class. date.today() is today in the task's timezone.",
    },
    example: "today = date.today().isoformat()",
    members: ["today", "fromisoformat", "strftime", "isoformat", "weekday", "replace"],
  },
  {
    name: "timedelta",
    kind: "class",
    description: { zh: "时间间隔类。", en: "The timedelta class." },
    example: "yesterday = datetime.now() - timedelta(days=1)",
    members: ["days", "seconds", "total_seconds"],
  },
  {
    name: "time",
    kind: "module",
    description: {
      zh: "time 模块。time.sleep() 计入执行时间限制。",
      en: "The time module. time.sleep() counts toward the time limit.",
    },
    example: "time.sleep(1.5)\nstarted = time.time()",
    members: ["sleep", "time", "strftime", "localtime", "monotonic"],
  },
  {
    name: "json",
    kind: "module",
    description: { zh: "json 模块。", en: "The json module." },
    example: "text = json.dumps({'name': '张三'}, ensure_ascii=False)",
    members: ["dumps", "loads"],
  },
  {
    name: "re",
    kind: "module",
    description: { zh: "正则表达式模块。", en: "The regular expression module." },
    example: "m = re.search(r'(\\d+)', '订单 42')",
    members: ["search", "match", "fullmatch", "findall", "sub", "split", "compile"],
  },
  {
    name: "math",
    kind: "module",
    description: { zh: "math 模块。", en: "The math module." },
    example: "math.ceil(4.2)",
    members: ["ceil", "floor", "sqrt", "pow", "log", "pi", "isclose"],
  },
  {
    name: "random",
    kind: "module",
    description: {
      zh: "random 模块（每次执行重新播种）。",
      en: "The random module (seeded afresh for every run).",
    },
    example: "n = random.randint(50000, 150000)",
    members: ["randint", "choice", "random", "uniform", "shuffle", "sample"],
  },
  {
    name: "hashlib",
    kind: "module",
    description: { zh: "hashlib 模块。", en: "The hashlib module." },
    example: "hashlib.md5('hello'.encode()).hexdigest()",
    members: ["md5", "sha1", "sha256", "sha512"],
  },
  {
    name: "base64",
    kind: "module",
    description: { zh: "base64 模块。", en: "The base64 module." },
    example: "base64.b64encode('你好'.encode()).decode()",
    members: ["b64encode", "b64decode", "urlsafe_b64encode", "urlsafe_b64decode"],
  },
];

const btnUrl = "https://example.com/report";

export const SDK_MESSAGE_FORMATS: SdkMessageFormatDef[] = [
  {
    msg_type: "markdown",
    name: { zh: "Markdown（默认）", en: "Markdown (default)" },
    channels: ["dingtalk_bot", "wecom_bot"],
    description: {
      zh: "result 为字符串，或为不带 msg_type 的 {content, title} 对象。",
      en: "result is a string, or a {content, title} object without msg_type.",
    },
    fields: [
      {
        name: "content",
        type: "string",
        required: true,
        description: { zh: "Markdown 内容", en: "Markdown content" },
      },
      {
        name: "title",
        type: "string",
        required: false,
        description: { zh: "消息标题", en: "Message title" },
      },
    ],
    example:
      "result = {\n  title: '每日推送',\n  content: '**生成时间**: ' + dayjs().format('YYYY-MM-DD HH:mm:ss'),\n}",
  },
  {
    msg_type: "text",
    name: { zh: "纯文本", en: "Text" },
    channels: ["dingtalk_bot", "wecom_bot"],
    description: { zh: "纯文本消息。", en: "A plain-text message." },
    fields: [
      { name: "content", type: "string", required: true, description: { zh: "文本内容", en: "Text" } },
    ],
    example: "result = { msg_type: 'text', content: '服务器已恢复' }",
  },
  {
    msg_type: "actionCard",
    name: { zh: "钉钉 ActionCard（交互卡片）", en: "DingTalk ActionCard" },
    channels: ["dingtalk_bot"],
    description: {
      zh: "带按钮的卡片；企业微信上转换为最接近的格式。",
      en: "A card with buttons; converted to the closest format on WeCom.",
    },
    fields: [
      { name: "title", type: "string", required: true, description: { zh: "卡片标题", en: "Card title" } },
      {
        name: "content",
        type: "string",
        required: true,
        description: { zh: "Markdown 正文", en: "Markdown body" },
      },
      {
        name: "btn_orientation",
        type: "'0' | '1'",
        required: false,
        description: { zh: "0 竖向，1 横向", en: "0 vertical, 1 horizontal" },
      },
      {
        name: "buttons",
        type: "{title, url}[]",
        required: false,
        description: { zh: "按钮", en: "Buttons" },
      },
    ],
    example: `result = {\n  msg_type: 'actionCard',\n  title: '销售日报',\n  content: '### 今日业绩\\n| 指标 | 数值 |\\n|:---:|:---:|\\n| 销售额 | **¥100,000** |',\n  btn_orientation: '1',\n  buttons: [{ title: '查看详情', url: '${btnUrl}' }],\n}`,
  },
  {
    msg_type: "feedCard",
    name: { zh: "钉钉 FeedCard（信息流）", en: "DingTalk FeedCard" },
    channels: ["dingtalk_bot"],
    description: { zh: "多条链接组成的信息流。", en: "A feed of links." },
    fields: [
      {
        name: "links",
        type: "{title, url, pic_url}[]",
        required: true,
        description: { zh: "链接列表", en: "Links" },
      },
    ],
    example:
      "result = {\n  msg_type: 'feedCard',\n  links: [{ title: '标题1', url: 'https://example.com/1', pic_url: 'https://example.com/1.png' }],\n}",
  },
  {
    msg_type: "link",
    name: { zh: "钉钉 Link（链接消息）", en: "DingTalk Link" },
    channels: ["dingtalk_bot"],
    description: { zh: "单条链接消息。", en: "A single link message." },
    fields: [
      { name: "title", type: "string", required: true, description: { zh: "标题", en: "Title" } },
      { name: "content", type: "string", required: true, description: { zh: "描述", en: "Description" } },
      { name: "url", type: "string", required: true, description: { zh: "链接地址", en: "Link URL" } },
      {
        name: "pic_url",
        type: "string",
        required: false,
        description: { zh: "图片地址", en: "Picture URL" },
      },
    ],
    example:
      "result = { msg_type: 'link', title: '周报', content: '本周数据', url: 'https://example.com/weekly' }",
  },
  {
    msg_type: "news",
    name: { zh: "企微 News（图文消息）", en: "WeCom News" },
    channels: ["wecom_bot"],
    description: { zh: "1–8 篇图文。", en: "1–8 articles." },
    fields: [
      {
        name: "articles",
        type: "{title, description, url, picurl}[]",
        required: true,
        description: { zh: "图文列表", en: "Articles" },
      },
    ],
    example:
      "result = {\n  msg_type: 'news',\n  articles: [{ title: '文章标题', description: '文章描述', url: 'https://example.com/a', picurl: 'https://example.com/a.png' }],\n}",
  },
  {
    msg_type: "template_card",
    name: { zh: "企微 Template Card（模板卡片）", en: "WeCom Template Card" },
    channels: ["wecom_bot"],
    description: {
      zh: "文本通知 / 图文展示 / 按钮交互模板卡片。",
      en: "text_notice / news_notice / button_interaction template card.",
    },
    fields: [
      { name: "card_type", type: "string", required: true, description: { zh: "卡片类型", en: "Card type" } },
      { name: "title", type: "string", required: true, description: { zh: "标题", en: "Title" } },
      { name: "content", type: "string", required: false, description: { zh: "内容", en: "Content" } },
      {
        name: "horizontal_list",
        type: "{keyname, value}[]",
        required: false,
        description: { zh: "二级信息", en: "Key/value rows" },
      },
      {
        name: "jump_list",
        type: "{type, title, url}[]",
        required: false,
        description: { zh: "跳转链接", en: "Jump links" },
      },
    ],
    example:
      "result = {\n  msg_type: 'template_card',\n  card_type: 'text_notice',\n  title: '报销审批',\n  content: '张三提交了报销',\n  horizontal_list: [{ keyname: '金额', value: '¥5,000' }],\n  jump_list: [{ type: 1, title: '查看详情', url: 'https://example.com/a' }],\n}",
  },
];

/** Every callable by its qualified name ("ai", "hashlib.md5"), for the bridge and the tests. */
export function sdkCallables(): { qualifiedName: string; def: SdkFunctionDef }[] {
  return [
    ...SDK_FUNCTIONS.map((def) => ({ qualifiedName: def.name, def })),
    ...SDK_MODULES.flatMap((m) => m.members.map((def) => ({ qualifiedName: `${m.name}.${def.name}`, def }))),
  ];
}

/** Names the SDK adds to the isolate's global object. */
export function sdkGlobalNames(): string[] {
  return [
    ...SDK_FUNCTIONS.map((f) => f.name),
    ...SDK_VARIABLES.map((v) => v.name),
    ...SDK_MODULES.map((m) => m.name),
  ];
}
