"""UI and reason texts in English, Traditional and Simplified Chinese; one catalog, looked up by key."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any


class Lang(StrEnum):
    EN = "en"
    ZH_HANT = "zh-Hant"
    ZH_HANS = "zh-Hans"


_TEXTS: dict[str, tuple[str, str, str]] = {
    # segments
    "segment.key": ("key account", "大客戶", "大客户"),
    "segment.potential": ("high potential", "高價值潛力客戶", "高价值潜力客户"),
    "segment.one_off_bulk": (
        "one-off bulk buyer (fake)",
        "偶然大量消費的團購客戶（假大戶）",
        "偶然大量消费的团购客户（假大户）",
    ),
    "segment.low_profit_volume": (
        "high volume, low profit (fake)",
        "量大利薄（假大戶）",
        "量大利薄（假大户）",
    ),
    "segment.profit_squeezer": ("profit squeezer (fake)", "扒皮大戶（假大戶）", "扒皮大户（假大户）"),
    "segment.lapsed": ("lapsed", "已流失", "已流失"),
    "segment.regular": ("regular", "一般客戶", "一般客户"),
    "basis.net_profit": ("net profit", "淨利", "净利"),
    "basis.revenue": ("revenue", "營收", "营收"),
    # reasons: {placeholders} are filled per customer
    "r.share": (
        "{share} of {basis} (rank #{rank}, tier {tier})",
        "佔{basis}的{share}（第{rank}名，{tier}級）",
        "占{basis}的{share}（第{rank}名，{tier}级）",
    ),
    "r.freq": (
        "{opy} orders a year (key: ≥ {thr})",
        "每年{opy}張訂單（大客戶門檻 ≥ {thr}）",
        "每年{opy}张订单（大客户门槛 ≥ {thr}）",
    ),
    "r.margin_ok": ("gross margin {gm} (≥ {thr})", "毛利率{gm}（≥ {thr}）", "毛利率{gm}（≥ {thr}）"),
    "r.recent": (
        "last order {recency} days ago",
        "最近一次訂單在{recency}天前",
        "最近一次订单在{recency}天前",
    ),
    "r.orders": ("{orders} order(s) in all", "共{orders}張訂單", "共{orders}张订单"),
    "r.largest": (
        "largest order {largest} is {los} of all it bought",
        "最大一張訂單{largest}，佔其全部採購的{los}",
        "最大一张订单{largest}，占其全部采购的{los}",
    ),
    "r.multiple": (
        "{multiple}× the portfolio's median order ({median})",
        "是全體訂單中位數（{median}）的{multiple}倍",
        "是全体订单中位数（{median}）的{multiple}倍",
    ),
    "r.returned": ("{rr} of it was returned", "其中{rr}被退貨", "其中{rr}被退货"),
    "r.net_profit": (
        "net profit {np} after cost to serve {cts}",
        "扣除服務成本{cts}後淨利{np}",
        "扣除服务成本{cts}后净利{np}",
    ),
    "r.discount": (
        "discount depth {d} (squeeze signal ≥ {thr})",
        "折扣深度{d}（≥ {thr}為壓價訊號）",
        "折扣深度{d}（≥ {thr}为压价信号）",
    ),
    "r.returns": (
        "returns {rr} of gross sales (≥ {thr})",
        "退貨佔銷售額{rr}（≥ {thr}）",
        "退货占销售额{rr}（≥ {thr}）",
    ),
    "r.payment": (
        "pays after {days} days on average (≥ {thr})",
        "平均{days}天才付款（≥ {thr}）",
        "平均{days}天才付款（≥ {thr}）",
    ),
    "r.cts_share": (
        "cost to serve is {share} of revenue (≥ {thr})",
        "服務成本佔營收的{share}（≥ {thr}）",
        "服务成本占营收的{share}（≥ {thr}）",
    ),
    "r.big": (
        "revenue {revenue} ranks #{rrank} of {n}",
        "營收{revenue}，排名第{rrank}/{n}",
        "营收{revenue}，排名第{rrank}/{n}",
    ),
    "r.volume": (
        "volume {volume} ranks #{vrank} of {n}",
        "銷量{volume}，排名第{vrank}/{n}",
        "销量{volume}，排名第{vrank}/{n}",
    ),
    "r.thin": (
        "but net margin is only {nm} (< {thr}) over {orders} orders",
        "但{orders}張訂單的淨利率僅{nm}（< {thr}）",
        "但{orders}张订单的净利率仅{nm}（< {thr}）",
    ),
    "r.silent": (
        "no order for {recency} days (lapsed after ≥ {thr})",
        "已{recency}天沒有下單（≥ {thr}天視為流失）",
        "已{recency}天没有下单（≥ {thr}天视为流失）",
    ),
    "r.gap": (
        "its usual gap between orders was {gap} days",
        "過去平均{gap}天下一次單",
        "过去平均{gap}天下一次单",
    ),
    "r.p_alive": (
        "probability still active {p} (< {thr})",
        "仍在購買的機率{p}（< {thr}）",
        "仍在购买的概率{p}（< {thr}）",
    ),
    "r.growth": (
        "revenue {trend} on the 12 months before",
        "近12個月營收較前12個月{trend}",
        "近12个月营收较前12个月{trend}",
    ),
    "r.clv": (
        "forecast 12-month value {clv} (top {thr})",
        "預測未來12個月價值{clv}（前{thr}）",
        "预测未来12个月价值{clv}（前{thr}）",
    ),
    "r.regular": (
        "{share} of {basis}, {orders} orders, last {recency} days ago: no key, potential or fake criteria met",
        "佔{basis}的{share}，{orders}張訂單，最近{recency}天前：不符合大客戶、潛力或假大戶條件",
        "占{basis}的{share}，{orders}张订单，最近{recency}天前：不符合大客户、潜力或假大户条件",
    ),
    # what missing columns prevent
    "missing.cost": (
        "no cost column: margins and profit are unknown, so the low-profit and profit-squeezer verdicts are not made and the Pareto and whale curves rank revenue, not profit",
        "沒有成本欄位：毛利與利潤未知，因此不判定「量大利薄」與「扒皮大戶」，帕累托與鯨魚曲線改用營收",
        "没有成本字段：毛利与利润未知，因此不判定“量大利薄”与“扒皮大户”，帕累托与鲸鱼曲线改用营收",
    ),
    "missing.list_amount": (
        "no list_amount column: discount depth is unknown and is not used as a squeeze signal",
        "沒有牌價金額欄位：折扣深度未知，不作為扒皮訊號",
        "没有牌价金额字段：折扣深度未知，不作为扒皮信号",
    ),
    "missing.quantity": (
        "no quantity column: volume is unknown, so 'big' is judged by revenue alone",
        "沒有數量欄位：銷量未知，「大」只按營收判斷",
        "没有数量字段：销量未知，“大”只按营收判断",
    ),
    "missing.order_id": (
        "no order_id column: each customer's purchase days count as its orders",
        "沒有訂單編號欄位：以每位客戶的購買日數作為訂單數",
        "没有订单编号字段：以每位客户的购买日数作为订单数",
    ),
    "missing.customers": (
        "no customers table: payment days and service cost are unknown (cost to serve covers order handling only), tenure starts at the first purchase, and referrals are not credited",
        "沒有客戶表：付款天數與服務成本未知（服務成本只含訂單處理），合作年限從首次購買起算，也無法計入轉介紹",
        "没有客户表：付款天数与服务成本未知（服务成本只含订单处理），合作年限从首次购买起算，也无法计入转介绍",
    ),
    "missing.payment_days": (
        "no payment_days: the financing cost of receivables is not counted",
        "沒有付款天數：不計應收帳款資金成本",
        "没有付款天数：不计应收账款资金成本",
    ),
    "missing.service_cost": (
        "no service_cost: only order handling counts as cost to serve",
        "沒有服務成本：服務成本只含訂單處理",
        "没有服务成本：服务成本只含订单处理",
    ),
    # report and terminal
    "ui.title": ("Key account analysis", "大客戶價值分析", "大客户价值分析"),
    "ui.source": ("Source", "資料來源", "数据来源"),
    "ui.as_of": ("As of", "分析日期", "分析日期"),
    "ui.customers": ("Customers", "客戶數", "客户数"),
    "ui.segments": ("Segments", "客戶分群", "客户分群"),
    "ui.count": ("Customers", "客戶數", "客户数"),
    "ui.portfolio": ("Portfolio", "客戶組合", "客户组合"),
    "ui.pareto_share": (
        "Share of customers that makes 80% of {basis}",
        "貢獻80%{basis}的客戶比例",
        "贡献80%{basis}的客户比例",
    ),
    "ui.top5": ("Top-5 share", "前5名佔比", "前5名占比"),
    "ui.top20": ("Top-20 share", "前20名佔比", "前20名占比"),
    "ui.whale_peak": ("Whale curve peak", "鯨魚曲線峰值", "鲸鱼曲线峰值"),
    "ui.tail_destroys": (
        "What the loss-making tail destroys",
        "虧損尾部客戶吞噬的金額",
        "亏损尾部客户吞噬的金额",
    ),
    "ui.loss_making": ("Loss-making customers", "虧損客戶數", "亏损客户数"),
    "ui.pareto": (
        "Pareto curve: cumulative share of {basis}",
        "帕累托曲線：{basis}累計佔比",
        "帕累托曲线：{basis}累计占比",
    ),
    "ui.whale": (
        "Whale curve: cumulative {basis} by rank",
        "鯨魚曲線：依排名累計{basis}",
        "鲸鱼曲线：依排名累计{basis}",
    ),
    "ui.scatter": ("Volume and margin by segment", "各分群的銷量與利潤率", "各分群的销量与利润率"),
    "ui.scatter_no_cost": (
        "Revenue and orders by segment (margin unknown)",
        "各分群的營收與訂單數（利潤率未知）",
        "各分群的营收与订单数（利润率未知）",
    ),
    "ui.share_customers": ("share of customers, ranked", "客戶比例（依排名）", "客户比例（依排名）"),
    "ui.volume": ("volume", "銷量", "销量"),
    "ui.revenue": ("revenue", "營收", "营收"),
    "ui.orders": ("orders", "訂單數", "订单数"),
    "ui.net_margin": ("net margin", "淨利率", "净利率"),
    "ui.limits": ("What the data cannot tell", "資料不足而無法判斷的部分", "数据不足而无法判断的部分"),
    "ui.warnings": ("Notes on the data", "資料提示", "数据提示"),
    "ui.settings": ("Thresholds used", "使用的門檻", "使用的门槛"),
    "ui.setting": ("Setting", "設定", "设置"),
    "ui.value": ("Value", "值", "值"),
    "ui.meaning": ("Meaning", "說明", "说明"),
    "ui.customer": ("Customer", "客戶", "客户"),
    "ui.reasons": ("Reasons", "理由", "理由"),
    "ui.more": ("{n} more in accounts.csv", "另有{n}位，見 accounts.csv", "另有{n}位，见 accounts.csv"),
    "ui.rejected": (
        "Rejected rows (see rejected.csv)",
        "被排除的列（見 rejected.csv）",
        "被排除的行（见 rejected.csv）",
    ),
    "ui.rows": ("Rows read", "讀取列數", "读取行数"),
    "ui.written": ("Wrote", "已寫入", "已写入"),
    "ui.error": ("error", "錯誤", "错误"),
    "ui.step.read": ("reading and checking the transactions", "讀取並檢查交易明細", "读取并检查交易明细"),
    "ui.step.metrics": (
        "computing metrics, forecasts and verdicts",
        "計算指標、預測與判定",
        "计算指标、预测与判定",
    ),
    "ui.step.write": ("writing the outputs", "寫出結果檔案", "写出结果文件"),
    # kam clv fit: terminal line, report.html and holdout.svg
    "clv.title": ("Customer-base model fit", "客戶群模型估計", "客户群模型估计"),
    "clv.overview": (
        "{customers} customers, time unit {unit}, calibration to {end}, log-likelihood {ll}",
        "{customers} 位客戶，時間單位 {unit}，校準期至 {end}，對數概似值 {ll}",
        "{customers} 位客户，时间单位 {unit}，校准期至 {end}，对数似然值 {ll}",
    ),
    "clv.model": ("model", "模型", "模型"),
    "clv.parameter": ("parameter", "參數", "参数"),
    "clv.estimate": ("estimate", "估計值", "估计值"),
    "clv.std_error": ("std. error", "標準誤", "标准误"),
    "clv.holdout": ("Holdout check (to {end})", "保留期檢驗（至 {end}）", "保留期检验（至 {end}）"),
    "clv.wrote": ("wrote {files} to {out}", "已將 {files} 寫入 {out}", "已将 {files} 写入 {out}"),
    "clv.plot.per_customer": (
        "Holdout purchases per customer",
        "保留期內每位客戶的購買次數",
        "保留期内每位客户的购买次数",
    ),
    "clv.plot.by_frequency": (
        "repeat purchases in calibration",
        "校準期內的重複購買次數",
        "校准期内的重复购买次数",
    ),
    "clv.plot.cumulative": ("Cumulative repeat purchases", "累計重複購買次數", "累计重复购买次数"),
    "clv.plot.after.day": ("days after calibration", "校準期後天數", "校准期后天数"),
    "clv.plot.after.week": ("weeks after calibration", "校準期後週數", "校准期后周数"),
    "clv.plot.after.month": ("months after calibration", "校準期後月數", "校准期后月数"),
    "clv.plot.actual": ("actual", "實際", "实际"),
    "clv.plot.predicted": ("predicted", "預測", "预测"),
    "clv.plot.label": ("CLV holdout check", "CLV 保留期檢驗", "CLV 保留期检验"),
    "detect.typed": ("typed", "有型別", "有类型"),
    "detect.encoding": ("encoding", "編碼", "编码"),
    "detect.header": ("header", "標題列", "标题行"),
    "detect.kam_column": ("kam column", "kam 欄位", "kam 字段"),
    "detect.your_column": ("your column", "您的欄位", "您的字段"),
    "detect.example": ("example", "範例", "示例"),
    "detect.not_used": ("Not used", "未使用", "未使用"),
    "detect.missing": ("Missing", "缺少", "缺少"),
    "detect.add_map": ("add --map NAME=COLUMN", "請加上 --map 名稱=欄位", "请加上 --map 名称=字段"),
    "detect.mapping": ("Mapping", "對應", "对应"),
    "detect.dates": ("Dates read as", "日期讀法", "日期读法"),
    "detect.roc": ("ROC years, 民國", "民國紀年", "民国纪年"),
    "detect.numbers": ("Numbers", "數字", "数字"),
    "detect.decimal_point": ("decimal point (1,234.50)", "小數點（1,234.50）", "小数点（1,234.50）"),
    "detect.decimal_comma": (
        "decimal comma (1.234,50)",
        "逗號作小數點（1.234,50）",
        "逗号作小数点（1.234,50）",
    ),
    # notices: what kam tells the user about the data and the run ({placeholders} filled per run)
    "notice.after_as_of": (
        "{count:,} lines dated after --as-of {as_of} were left out",
        "{count:,} 筆日期晚於 --as-of {as_of} 的明細未納入計算",
        "{count:,} 笔日期晚于 --as-of {as_of} 的明细未纳入计算",
    ),
    "notice.duplicates": (
        "{count:,} lines are exact duplicates of another line (same customer, date, order and values); they "
        "were kept, as an order may repeat a line. Remove them in the export if they are errors.",
        "{count:,} 筆明細與另一筆完全相同（客戶、日期、訂單與數值皆同）；已保留，因為一張訂單可能重複同一品項。"
        "若是錯誤，請在匯出檔中刪除。",
        "{count:,} 笔明细与另一笔完全相同（客户、日期、订单与数值皆同）；已保留，因为一张订单可能重复同一品项。"
        "若是错误，请在导出文件中删除。",
    ),
    "notice.streaming_duplicates": (
        "--streaming: exact duplicate lines are not counted (that needs all lines in memory)",
        "--streaming：不計算完全重複的明細（那需要把所有明細放進記憶體）",
        "--streaming：不计算完全重复的明细（那需要把所有明细放进内存）",
    ),
    "notice.sheet_found": (
        "read the sheet {sheet!r}: the first sheet, {first!r}, has no transactions (--sheet chooses)",
        "已讀取工作表 {sheet!r}：第一個工作表 {first!r} 沒有交易資料（可用 --sheet 指定）",
        "已读取工作表 {sheet!r}：第一个工作表 {first!r} 没有交易数据（可用 --sheet 指定）",
    ),
    "notice.sheets": (
        "the workbook's sheets: {sheets} (--sheet NAME reads another one)",
        "活頁簿中的工作表：{sheets}（可用 --sheet 名稱 讀取其他工作表）",
        "工作簿中的工作表：{sheets}（可用 --sheet 名称 读取其他工作表）",
    ),
    "notice.return_types": (
        "{count:,} lines count as returns by their {column!r}: {listing} (amounts taken as negative; "
        "--return-types sets which values are returns)",
        "依欄位 {column!r}，{count:,} 筆明細算作退貨：{listing}（金額以負數計；可用 --return-types 指定哪些值是退貨）",
        "依字段 {column!r}，{count:,} 笔明细算作退货：{listing}（金额以负数计；可用 --return-types 指定哪些值是退货）",
    ),
    "notice.roc_dates": (
        "dates read as ROC (民國) years: {example!r} is {western} (use --date-format to read them otherwise)",
        "日期按民國紀年讀取：{example!r} 即 {western}（若不是，請用 --date-format 指定）",
        "日期按民国纪年读取：{example!r} 即 {western}（若不是，请用 --date-format 指定）",
    ),
    "notice.ambiguous_dates": (
        "dates like {example!r} fit both month/day and day/month; read as {fmt} (use --date-format to choose)",
        "像 {example!r} 這樣的日期既可讀作月/日也可讀作日/月；已按 {fmt} 讀取（可用 --date-format 指定）",
        "像 {example!r} 这样的日期既可读作月/日也可读作日/月；已按 {fmt} 读取（可用 --date-format 指定）",
    ),
    "notice.currency_kept": (
        "kept only {currency} lines; other currencies ignored",
        "只保留 {currency} 的明細；其他幣別已略過",
        "只保留 {currency} 的明细；其他币种已略过",
    ),
    "notice.one_customer": (
        "only one customer in the data: shares, tiers, Pareto and whale curves are trivial (100%)",
        "資料中只有一位客戶：占比、分級、帕累托曲線與鯨魚曲線都沒有意義（100%）",
        "数据中只有一位客户：占比、分级、帕累托曲线与鲸鱼曲线都没有意义（100%）",
    ),
    "notice.no_forecast": (
        'no CLV forecast: {reason} (or set clv.purchase_model = "{other}" in --config)',
        '未做客戶終身價值預測：{reason}（或在 --config 設定 clv.purchase_model = "{other}"）',
        '未做客户终身价值预测：{reason}（或在 --config 设置 clv.purchase_model = "{other}"）',
    ),
    "notice.spend_fallback": (
        "Gamma-Gamma spend model not used: {reason}; expected spend is each customer's own mean repeat "
        "spend instead",
        "未使用 Gamma-Gamma 消費金額模型：{reason}；預期消費金額改用每位客戶自己的平均回購金額",
        "未使用 Gamma-Gamma 消费金额模型：{reason}；预期消费金额改用每位客户自己的平均回购金额",
    ),
    "notice.spend_not_identified": (
        "Gamma-Gamma spend model not used: the mean spend of customers with few purchases is no more spread "
        "out than that of customers with many, so the model cannot say how far to pull a customer's mean "
        "toward the average; expected spend is each customer's own mean repeat spend instead",
        "未使用 Gamma-Gamma 消費金額模型：購買次數少的客戶，平均消費金額並不比購買次數多的客戶更分散，"
        "模型無法判斷該把客戶的平均值往整體平均拉多少；預期消費金額改用每位客戶自己的平均回購金額",
        "未使用 Gamma-Gamma 消费金额模型：购买次数少的客户，平均消费金额并不比购买次数多的客户更分散，"
        "模型无法判断该把客户的平均值往整体平均拉多少；预期消费金额改用每位客户自己的平均回购金额",
    ),
    # the output folder: kam replaces only its own files
    "notice.out_empty": (
        "the output folder is an empty path (an unset variable?): name the folder to write into",
        "輸出資料夾是空白路徑（變數未設定？）：請指定要寫入的資料夾",
        "输出文件夹是空路径（变量未设置？）：请指定要写入的文件夹",
    ),
    "notice.out_is_file": (
        "{path} is a file, not a folder: name a folder for the outputs",
        "{path} 是檔案，不是資料夾：請指定輸出用的資料夾",
        "{path} 是文件，不是文件夹：请指定输出用的文件夹",
    ),
    "notice.out_holds_input": (
        "{path} is the folder of the input {input}: write the outputs to a folder of their own",
        "{path} 是輸入檔 {input} 所在的資料夾：請將輸出寫到專用的資料夾",
        "{path} 是输入文件 {input} 所在的文件夹：请将输出写到专用的文件夹",
    ),
    "notice.out_foreign": (
        "{path} holds files that kam did not write ({files}; {count} in all); kam writes only into a new or empty "
        "folder or one it wrote before, and never removes other files: name another folder",
        "{path} 內有不是 kam 寫入的檔案（{files}；共 {count} 個）；kam 只寫入新的或空的資料夾，或它先前寫入過的資料夾，"
        "絕不刪除其他檔案：請指定另一個資料夾",
        "{path} 内有不是 kam 写入的文件（{files}；共 {count} 个）；kam 只写入新的或空的文件夹，或它先前写入过的文件夹，"
        "绝不删除其他文件：请指定另一个文件夹",
    ),
    "notice.out_other_command": (
        "{path} holds the outputs of kam {other}: name another folder",
        "{path} 內是 kam {other} 的輸出：請指定另一個資料夾",
        "{path} 内是 kam {other} 的输出：请指定另一个文件夹",
    ),
    "notice.out_cannot_write": (
        "cannot write into {path}: {reason}; nothing was changed",
        "無法寫入 {path}：{reason}；未做任何變更",
        "无法写入 {path}：{reason}；未做任何更改",
    ),
    "notice.out_bad_manifest": (
        "{path} is not a manifest kam can read: move it away or name another folder",
        "{path} 不是 kam 能讀取的清單檔：請移走它或指定另一個資料夾",
        "{path} 不是 kam 能读取的清单文件：请移走它或指定另一个文件夹",
    ),
    # errors in the input (the first line names file, row, column and value)
    "notice.missing_columns": (
        "{file}: required column(s) {missing} not found.\nColumns found: {found}.\n"
        "Map your own names, e.g. {hint} (for instance --map {first}={example}).",
        "{file}：找不到必要欄位 {missing}。\n找到的欄位：{found}。\n"
        "請對應您自己的欄位名稱，例如 {hint}（像是 --map {first}={example}）。",
        "{file}：找不到必要字段 {missing}。\n找到的字段：{found}。\n"
        "请对应您自己的字段名称，例如 {hint}（比如 --map {first}={example}）。",
    ),
    "notice.no_data_rows": (
        "{file}: has a header but no data rows",
        "{file}：只有標題列，沒有資料列",
        "{file}：只有标题行，没有数据行",
    ),
    "notice.empty_file": (
        "{file}: the file is empty (no header, no rows)",
        "{file}：檔案是空的（沒有標題列，也沒有資料）",
        "{file}：文件是空的（没有标题行，也没有数据）",
    ),
    "notice.no_such_file": ("{file}: no such file", "{file}：找不到這個檔案", "{file}：找不到这个文件"),
    "notice.is_folder": (
        "{file}: is a folder; give a transactions file",
        "{file}：這是資料夾；請指定交易明細檔案",
        "{file}：这是文件夹；请指定交易明细文件",
    ),
    "notice.cannot_decode": (
        "{file}: cannot decode the file; save it as UTF-8, GB18030 or Big5",
        "{file}：無法解讀檔案編碼；請另存為 UTF-8、GB18030 或 Big5",
        "{file}：无法识别文件编码；请另存为 UTF-8、GB18030 或 Big5",
    ),
    "notice.mixed_encoding": (
        "{file}, line {line}: written in {found}, while the file is {expected} (the line reads {text!r}); "
        "save the whole file in one encoding",
        "{file}，第 {line} 行：以 {found} 編碼寫成，而檔案是 {expected}（該行讀作 {text!r}）；"
        "請將整個檔案另存為同一種編碼",
        "{file}，第 {line} 行：以 {found} 编码写成，而文件是 {expected}（该行读作 {text!r}）；"
        "请将整个文件另存为同一种编码",
    ),
    "notice.undecodable_line": (
        "{file}, line {line}: not {expected} like the rest of the file, nor another encoding kam reads (the "
        "line reads {text!r}); save the whole file in one encoding",
        "{file}，第 {line} 行：不是與檔案其餘部分相同的 {expected}，也不是 kam 能讀的其他編碼（該行讀作 {text!r}）；"
        "請將整個檔案另存為同一種編碼",
        "{file}，第 {line} 行：不是与文件其余部分相同的 {expected}，也不是 kam 能读的其他编码（该行读作 {text!r}）；"
        "请将整个文件另存为同一种编码",
    ),
    "notice.column_choice": (
        "{column}: read from {taken!r}; also fitting but not used: {others} (to read another: {hint})",
        "{column}：讀取欄位 {taken!r}；同樣符合但未使用：{others}（改讀其他欄位：{hint}）",
        "{column}：读取字段 {taken!r}；同样符合但未使用：{others}（改读其他字段：{hint}）",
    ),
    "notice.url_password_at": (
        "{where}: the password has an @ in it, which a URL writes as %40",
        "{where}：密碼中含有 @，在網址中須寫成 %40",
        "{where}：密码中含有 @，在 URL 中须写成 %40",
    ),
    "notice.no_such_database": (
        "{where}: no such database file",
        "{where}：找不到這個資料庫檔案",
        "{where}：找不到这个数据库文件",
    ),
    "notice.no_such_table": (
        "{where}: table {table!r} does not exist",
        "{where}：資料表 {table!r} 不存在",
        "{where}：数据表 {table!r} 不存在",
    ),
    "notice.database_url": (
        "{where}: not a usable database URL ({reason})",
        "{where}：無法使用的資料庫網址（{reason}）",
        "{where}：无法使用的数据库 URL（{reason}）",
    ),
    "notice.database_table": (
        "{where}: cannot read table {table!r}: {reason}",
        "{where}：無法讀取資料表 {table!r}：{reason}",
        "{where}：无法读取数据表 {table!r}：{reason}",
    ),
    "notice.no_usable_rows": (
        "{file}: no usable rows are left ({rejected:,} rejected)",
        "{file}：沒有可用的資料列（{rejected:,} 列被剔除）",
        "{file}：没有可用的数据行（{rejected:,} 行被剔除）",
    ),
    "notice.all_negative": (
        "{file}: all {count:,} amounts are zero or negative (credit notes or returns only), so nothing was "
        "sold. If your export writes sales as negative numbers, flip the sign before importing.",
        "{file}：全部 {count:,} 筆金額都是零或負數（只有折讓或退貨），等於沒有銷售。"
        "如果您的匯出檔把銷售記為負數，請在匯入前把正負號反過來。",
        "{file}：全部 {count:,} 笔金额都是零或负数（只有折让或退货），等于没有销售。"
        "如果您的导出文件把销售记为负数，请在导入前把正负号反过来。",
    ),
    "notice.mixed_currency": (
        "{file}: column {column!r} holds more than one currency: {listing}. Amounts in different currencies "
        "cannot be added; convert them first or keep one with --currency CODE.",
        "{file}：欄位 {column!r} 含有多種幣別：{listing}。不同幣別的金額不能相加；"
        "請先換算，或用 --currency 幣別代碼 只保留一種。",
        "{file}：字段 {column!r} 含有多种币种：{listing}。不同币种的金额不能相加；"
        "请先换算，或用 --currency 币种代码 只保留一种。",
    ),
    "notice.as_of_before": (
        "{file}: --as-of {as_of} is before the first transaction ({first}); nothing to analyse",
        "{file}：--as-of {as_of} 早於第一筆交易（{first}）；沒有可分析的資料",
        "{file}：--as-of {as_of} 早于第一笔交易（{first}）；没有可分析的数据",
    ),
    "notice.rows_unreadable": (
        "{file}: {count:,} row(s) cannot be read:\n  {details}{more}\n"
        "Fix them, or run with --on-error skip to set them aside in rejected.csv.",
        "{file}：有 {count:,} 列無法讀取：\n  {details}{more}\n"
        "請修正，或加上 --on-error skip 把它們放到 rejected.csv。",
        "{file}：有 {count:,} 行无法读取：\n  {details}{more}\n"
        "请修正，或加上 --on-error skip 把它们放到 rejected.csv。",
    ),
    "notice.cell": (
        "{file}, row {row}, column {column!r}: value {value!r} is not {expected}",
        "{file}，第 {row} 列，欄位 {column!r}：值 {value!r} 不是{expected}",
        "{file}，第 {row} 行，字段 {column!r}：值 {value!r} 不是{expected}",
    ),
    "notice.cell_empty": (
        "{file}, row {row}, column {column!r} is empty",
        "{file}，第 {row} 列，欄位 {column!r} 是空的",
        "{file}，第 {row} 行，字段 {column!r} 是空的",
    ),
    "notice.bad_values": (
        "{file}: {count:,} bad value(s):\n  {details}{more}",
        "{file}：有 {count:,} 個值不正確：\n  {details}{more}",
        "{file}：有 {count:,} 个值不正确：\n  {details}{more}",
    ),
    "notice.more_values": ("\n… and {count:,} more", "\n…… 還有 {count:,} 個", "\n…… 还有 {count:,} 个"),
    "notice.duplicate_customer": (
        "{file}, row {row}, column {column!r}: customer {customer!r} appears {count} times; each customer "
        "must have one row",
        "{file}，第 {row} 列，欄位 {column!r}：客戶 {customer!r} 出現了 {count} 次；每位客戶只能有一列",
        "{file}，第 {row} 行，字段 {column!r}：客户 {customer!r} 出现了 {count} 次；每位客户只能有一行",
    ),
    "notice.expect_customer_id": (
        "a customer id (it is empty)",
        "客戶編號（目前是空的）",
        "客户编号（目前是空的）",
    ),
    "notice.expect_type": (
        "one of {values} (or 經銷商, 代理商, ...)",
        "下列之一：{values}（或 經銷商、代理商……）",
        "下列之一：{values}（或 经销商、代理商……）",
    ),
    "notice.expect_ownership": (
        "one of {values} (or 國企, 集體, ...)",
        "下列之一：{values}（或 國企、集體……）",
        "下列之一：{values}（或 国企、集体……）",
    ),
    "notice.expect_days": (
        "a number of days ≥ 0 (and at most {limit})",
        "≥ 0 的天數（最多 {limit}）",
        "≥ 0 的天数（最多 {limit}）",
    ),
    "notice.expect_yearly_amount": (
        "a yearly amount ≥ 0 (and at most {limit})",
        "≥ 0 的年度金額（最多 {limit}）",
        "≥ 0 的年度金额（最多 {limit}）",
    ),
    "notice.more_rows": (
        "\n… and {count:,} more rows like these",
        "\n…… 還有 {count:,} 列類似的問題",
        "\n…… 还有 {count:,} 行类似的问题",
    ),
    "notice.spark_cell": (
        "{file}, column {column!r}: value {value!r} is not {expected}",
        "{file}，欄位 {column!r}：值 {value!r} 不是{expected}",
        "{file}，字段 {column!r}：值 {value!r} 不是{expected}",
    ),
    "notice.spark_cell_empty": (
        "{file}, column {column!r} is empty",
        "{file}，欄位 {column!r} 是空的",
        "{file}，字段 {column!r} 是空的",
    ),
    "notice.spark_unreadable": (
        "{file}: Spark cannot read it: {reason}",
        "{file}：Spark 無法讀取：{reason}",
        "{file}：Spark 无法读取：{reason}",
    ),
    "notice.spark_workbook": (
        "{file}: --engine spark reads Parquet, CSV/TSV or a Spark table (--table), not Excel workbooks; "
        "save the sheet as CSV or run with --engine polars",
        "{file}：--engine spark 只讀 Parquet、CSV/TSV 或 Spark 資料表（--table），不讀 Excel 活頁簿；"
        "請把工作表另存為 CSV，或改用 --engine polars",
        "{file}：--engine spark 只读 Parquet、CSV/TSV 或 Spark 数据表（--table），不读 Excel 工作簿；"
        "请把工作表另存为 CSV，或改用 --engine polars",
    ),
    "notice.spark_decimal_comma": (
        "--engine spark reads numbers with a decimal point only; read files with decimal commas with "
        "--engine polars, or convert them first",
        "--engine spark 只讀以小數點表示的數字；使用小數逗號的檔案請用 --engine polars，或先轉換",
        "--engine spark 只读以小数点表示的数字；使用小数逗号的文件请用 --engine polars，或先转换",
    ),
    "notice.spark_date_format": (
        "--date-format {fmt!r}: {directive} has no Spark equivalent; use %Y %m %d %H %M %S %y %b %B %p %f",
        "--date-format {fmt!r}：{directive} 在 Spark 中沒有對應；請用 %Y %m %d %H %M %S %y %b %B %p %f",
        "--date-format {fmt!r}：{directive} 在 Spark 中没有对应；请用 %Y %m %d %H %M %S %y %b %B %p %f",
    ),
    "notice.spark_conf": (
        "--conf {option!r}: expected key=value, e.g. spark.executor.memory=8g",
        "--conf {option!r}：應為 key=value，例如 spark.executor.memory=8g",
        "--conf {option!r}：应为 key=value，例如 spark.executor.memory=8g",
    ),
    "notice.spark_no_source": (
        "--engine spark needs a SOURCE (a Parquet or CSV path: local, s3a:// or hdfs://) or --table db.table",
        "--engine spark 需要 SOURCE（Parquet 或 CSV 路徑：本機、s3a:// 或 hdfs://）或 --table 資料庫.資料表",
        "--engine spark 需要 SOURCE（Parquet 或 CSV 路径：本地、s3a:// 或 hdfs://）或 --table 数据库.数据表",
    ),
    "notice.no_source": (
        "no transactions given: name a file (or, with --table, a database URL)",
        "未指定交易資料：請給檔案名稱（或搭配 --table 給資料庫網址）",
        "未指定交易数据：请给文件名（或搭配 --table 给数据库网址）",
    ),
    "notice.engine_missing": (
        "--engine {engine} needs the {package} package: pip install 'kam[{extra}]'",
        "--engine {engine} 需要 {package} 套件：pip install 'kam[{extra}]'",
        "--engine {engine} 需要 {package} 包：pip install 'kam[{extra}]'",
    ),
    "notice.spark_failed": (
        "Spark could not finish the analysis: {reason}",
        "Spark 無法完成分析：{reason}",
        "Spark 无法完成分析：{reason}",
    ),
    "notice.spark_out_of_memory": (
        "Spark ran out of memory; give it more with --conf spark.driver.memory=8g (on one machine) or "
        "--conf spark.executor.memory=8g (on a cluster)",
        "Spark 記憶體不足；請用 --conf spark.driver.memory=8g（單機）或 --conf spark.executor.memory=8g（叢集）加大",
        "Spark 内存不足；请用 --conf spark.driver.memory=8g（单机）或 --conf spark.executor.memory=8g（集群）加大",
    ),
    "notice.engine_streaming": (
        "--streaming is for the polars engine; --engine {engine} plans its own passes over the data",
        "--streaming 只用於 polars 引擎；--engine {engine} 會自行安排讀取資料的方式",
        "--streaming 只用于 polars 引擎；--engine {engine} 会自行安排读取数据的方式",
    ),
    "notice.cannot_parse_table": (
        "{file}: cannot be read as a table ({detail})",
        "{file}：無法當作表格讀取（{detail}）",
        "{file}：无法当作表格读取（{detail}）",
    ),
    "notice.ragged_line": (
        "{file}, line {line}: {fields} fields where the table has {expected}; a value with the delimiter in "
        "it (such as 1,234 in a comma-separated file) needs quotes",
        "{file}，第 {line} 行：有 {fields} 個欄位，但表格只有 {expected} 個；含有分隔符號的值（例如逗號分隔檔中的 "
        "1,234）需要加引號",
        "{file}，第 {line} 行：有 {fields} 个字段，但表格只有 {expected} 个；含有分隔符的值（例如逗号分隔文件中的 "
        "1,234）需要加引号",
    ),
    "notice.expect_number": ("a number", "數字", "数字"),
    "notice.expect_finite_number": (
        "a finite number between -{limit} and {limit} (larger ones would overflow the sums)",
        "介於 -{limit} 與 {limit} 之間的有限數字（更大的數會讓加總溢位）",
        "介于 -{limit} 与 {limit} 之间的有限数字（更大的数会让求和溢出）",
    ),
    "notice.not_finite_result": (
        "customer {customer!r}: {column} comes out as {value}; its amounts are too large or too small to "
        "compute with (a value such as 5e-324 makes ratios overflow): check its lines for extreme values",
        "客戶 {customer!r}：{column} 算出來是 {value}；其金額太大或太小，無法計算（像 5e-324 這樣的值會讓比率溢位）："
        "請檢查這位客戶的交易中是否有極端值",
        "客户 {customer!r}：{column} 算出来是 {value}；其金额太大或太小，无法计算（像 5e-324 这样的值会让比率溢出）："
        "请检查这位客户的交易中是否有极端值",
    ),
    "notice.json_not_finite": (
        "{field} is {value}, which JSON cannot hold; nothing was written",
        "{field} 是 {value}，JSON 無法表示；沒有寫出任何檔案",
        "{field} 是 {value}，JSON 无法表示；没有写出任何文件",
    ),
    "notice.expect_decimal_point": (
        "a number with a decimal point (add --decimal comma if the file uses decimal commas)",
        "以小數點表示的數字（若檔案用逗號作小數點，請加上 --decimal comma）",
        "以小数点表示的数字（若文件用逗号作小数点，请加上 --decimal comma）",
    ),
    "notice.expect_decimal_comma": (
        "a number with a decimal comma (add --decimal point if the file uses decimal points)",
        "以逗號作小數點的數字（若檔案用小數點，請加上 --decimal point）",
        "以逗号作小数点的数字（若文件用小数点，请加上 --decimal point）",
    ),
    "notice.decimal_comma": (
        "numbers read with a decimal comma, as in {column!r}: {example!r} (use --decimal point to read them "
        "the other way)",
        "數字以逗號作小數點讀取，例如欄位 {column!r} 的 {example!r}（若不是，請用 --decimal point）",
        "数字以逗号作小数点读取，例如字段 {column!r} 的 {example!r}（若不是，请用 --decimal point）",
    ),
    "notice.mixed_decimals": (
        "{file}: numbers are written with both decimal marks, e.g. {comma_example!r} in column "
        "{comma_column!r} and {point_example!r} in column {point_column!r}; choose one with --decimal "
        "point or --decimal comma",
        "{file}：數字同時用了兩種小數點寫法，例如欄位 {comma_column!r} 的 {comma_example!r} 與欄位 "
        "{point_column!r} 的 {point_example!r}；請用 --decimal point 或 --decimal comma 指定",
        "{file}：数字同时用了两种小数点写法，例如字段 {comma_column!r} 的 {comma_example!r} 与字段 "
        "{point_column!r} 的 {point_example!r}；请用 --decimal point 或 --decimal comma 指定",
    ),
    "notice.expect_date": ("a date (e.g. 2024-03-31)", "日期（例如 2024-03-31）", "日期（例如 2024-03-31）"),
    "notice.expect_not_future": (
        "a date not after today ({today})",
        "不晚於今天（{today}）的日期",
        "不晚于今天（{today}）的日期",
    ),
    "notice.expect_not_before": (
        "a date from {earliest} on (an earlier date is a data error; the setting value.earliest_date sets "
        "this limit)",
        "{earliest} 或之後的日期（更早的日期是資料錯誤；這個下限由設定 value.earliest_date 決定）",
        "{earliest} 或之后的日期（更早的日期是数据错误；这个下限由设置 value.earliest_date 决定）",
    ),
    "notice.stray_dates": (
        "{file}: {count:,} line(s) are dated more than {years} years before 99% of the lines (which are from "
        "{bulk} on), the first in row {row}, column {column!r}: {value!r}. They were kept; check these dates "
        "in the export (a later value.earliest_date rejects them as bad cells).",
        "{file}：{count:,} 筆明細的日期比 99% 的明細（{bulk} 起）早了 {years} 年以上，第一筆在第 {row} 列，"
        "欄位 {column!r}：{value!r}。已保留；請檢查匯出檔中的這些日期（把 value.earliest_date 設晚一些即可當作錯誤值剔除）。",
        "{file}：{count:,} 笔明细的日期比 99% 的明细（{bulk} 起）早了 {years} 年以上，第一笔在第 {row} 行，"
        "字段 {column!r}：{value!r}。已保留；请检查导出文件中的这些日期（把 value.earliest_date 设晚一些即可当作错误值剔除）。",
    ),
    "notice.expect_date_between": (
        "a date from {earliest} to today ({today})",
        "{earliest} 到今天（{today}）之間的日期",
        "{earliest} 到今天（{today}）之间的日期",
    ),
    "notice.as_of_range": (
        "--as-of {as_of}: expected a date from {earliest} to today ({today})",
        "--as-of {as_of}：應為 {earliest} 到今天（{today}）之間的日期",
        "--as-of {as_of}：应为 {earliest} 到今天（{today}）之间的日期",
    ),
    "notice.bad_pattern": (
        "{option} {pattern!r} is not a valid regular expression ({detail})",
        "{option} {pattern!r} 不是有效的正規表示式（{detail}）",
        "{option} {pattern!r} 不是有效的正则表达式（{detail}）",
    ),
    # settings and the files that configure kam
    "notice.bad_setting": (
        "{source}: setting {name} = {value} is not allowed; expected {expected}",
        "{source}：設定 {name} = {value} 不被接受；應為{expected}",
        "{source}：设置 {name} = {value} 不被接受；应为{expected}",
    ),
    "notice.unknown_setting": (
        "{source}: there is no setting {name}; docs/settings.md lists them",
        "{source}：沒有 {name} 這個設定；所有設定見 docs/settings.md",
        "{source}：没有 {name} 这个设置；所有设置见 docs/settings.md",
    ),
    "notice.settings_order": (
        "{source}: setting {low} = {low_value} must not be above {high} = {high_value}",
        "{source}：設定 {low} = {low_value} 不可大於 {high} = {high_value}",
        "{source}：设置 {low} = {low_value} 不可大于 {high} = {high_value}",
    ),
    "notice.allowed_number": ("a number, {bounds}", "數字，{bounds}", "数字，{bounds}"),
    "notice.allowed_number_any": ("a number", "數字", "数字"),
    "notice.allowed_integer": ("a whole number, {bounds}", "整數，{bounds}", "整数，{bounds}"),
    "notice.allowed_integer_any": ("a whole number", "整數", "整数"),
    "notice.allowed_date": ("a date such as 1901-01-01", "日期，例如 1901-01-01", "日期，例如 1901-01-01"),
    "notice.allowed_choice": ("one of {values}", "下列之一：{values}", "下列之一：{values}"),
    "notice.allowed_text": ("non-empty text", "非空白的文字", "非空白的文本"),
    "notice.config_file": ("config file", "設定檔", "配置文件"),
    "notice.mapping_file": ("mapping file", "欄位對應檔", "字段映射文件"),
    "notice.cannot_read_config": (
        "{file}: cannot read the {what} ({reason})",
        "{file}：無法讀取{what}（{reason}）",
        "{file}：无法读取{what}（{reason}）",
    ),
    "notice.config_not_utf8": (
        "{file}: the {what} is not UTF-8 text (byte {position}); save it as UTF-8",
        "{file}：{what}不是 UTF-8 文字（第 {position} 個位元組）；請另存為 UTF-8",
        "{file}：{what}不是 UTF-8 文本（第 {position} 个字节）；请另存为 UTF-8",
    ),
    "notice.config_syntax": (
        "{file}: not valid {format} for a {what}: {detail}",
        "{file}：不是有效的 {format} {what}：{detail}",
        "{file}：不是有效的 {format} {what}：{detail}",
    ),
    "notice.config_not_tables": (
        "{file}: expected tables {sections}",
        "{file}：應為表格 {sections}",
        "{file}：应为表格 {sections}",
    ),
    "notice.config_unknown_sections": (
        "{file}: unknown section(s) {unknown}; use {sections}",
        "{file}：不明的區段 {unknown}；請使用 {sections}",
        "{file}：未知的段 {unknown}；请使用 {sections}",
    ),
    "notice.config_section_shape": (
        "{file}: [{section}] must be a table of settings (name = value), not {found}",
        "{file}：[{section}] 必須是設定的表格（名稱 = 值），而不是 {found}",
        "{file}：[{section}] 必须是设置的表格（名称 = 值），而不是 {found}",
    ),
    "notice.catalog_shape": (
        "{file}: {where} is {found}; expected {expected}",
        "{file}：{where} 是 {found}；應為{expected}",
        "{file}：{where} 是 {found}；应为{expected}",
    ),
    "notice.catalog_where_file": ("the catalog", "產品目錄", "产品目录"),
    "notice.catalog_where_products": ('its "products"', '其 "products"', '其 "products"'),
    "notice.catalog_where_item": ("item {n}", "第 {n} 項", "第 {n} 项"),
    "notice.catalog_where_field": ('item {n}\'s "{field}"', '第 {n} 項的 "{field}"', '第 {n} 项的 "{field}"'),
    "notice.catalog_expect_list": (
        'a list of product names, or an object whose "products" is that list',
        '產品名稱的清單，或其 "products" 為這種清單的物件',
        '产品名称的列表，或其 "products" 为这种列表的对象',
    ),
    "notice.catalog_expect_item": (
        'a product name, or an object with "name" and optional "aliases"',
        '產品名稱，或含有 "name" 與選填 "aliases" 的物件',
        '产品名称，或含有 "name" 与可选 "aliases" 的对象',
    ),
    "notice.catalog_expect_name": ("a product name (text)", "產品名稱（文字）", "产品名称（文本）"),
    "notice.catalog_expect_aliases": (
        "a list of other names (text)",
        "其他名稱的清單（文字）",
        "其他名称的列表（文本）",
    ),
    "notice.catalog_not_utf8": (
        "{file}: cannot read the catalog ({reason}); expected UTF-8 text",
        "{file}：無法讀取產品目錄（{reason}）；應為 UTF-8 文字",
        "{file}：无法读取产品目录（{reason}）；应为 UTF-8 文本",
    ),
    "notice.catalog_json": (
        "{file}: invalid JSON ({detail}); expected a list of product names",
        "{file}：不是有效的 JSON（{detail}）；應為產品名稱的清單",
        "{file}：不是有效的 JSON（{detail}）；应为产品名称的列表",
    ),
    # the workspace
    "notice.ws_missing": (
        "workspace {where} does not exist; run `kam workspace init --db {where}` first",
        "工作區 {where} 不存在；請先執行 `kam workspace init --db {where}`",
        "工作区 {where} 不存在；请先运行 `kam workspace init --db {where}`",
    ),
    "notice.ws_not_initialised": (
        "workspace {where} is not initialised; run `kam workspace init --db {where}` first",
        "工作區 {where} 尚未初始化；請先執行 `kam workspace init --db {where}`",
        "工作区 {where} 尚未初始化；请先运行 `kam workspace init --db {where}`",
    ),
    "notice.ws_older_schema": (
        "workspace {where} has an older schema ({revision}); run `kam workspace init --db {where}` first",
        "工作區 {where} 的結構版本較舊（{revision}）；請先執行 `kam workspace init --db {where}`",
        "工作区 {where} 的结构版本较旧（{revision}）；请先运行 `kam workspace init --db {where}`",
    ),
    "notice.ws_account_not_found": (
        "no account with code {code!r}; add it with `kam accounts add {code} --name ...`",
        "沒有代碼為 {code!r} 的客戶；請用 `kam accounts add {code} --name ...` 新增",
        "没有代码为 {code!r} 的客户；请用 `kam accounts add {code} --name ...` 新增",
    ),
    "notice.ws_duplicate_account": (
        "an account with code {code!r} exists already",
        "代碼為 {code!r} 的客戶已經存在",
        "代码为 {code!r} 的客户已经存在",
    ),
    "notice.ws_interaction_not_found": (
        "no interaction with id {id}",
        "沒有編號為 {id} 的互動紀錄",
        "没有编号为 {id} 的互动记录",
    ),
    "notice.ws_no_folder": (
        "cannot create the folder {folder} for the workspace database: {reason}",
        "無法為工作區資料庫建立資料夾 {folder}：{reason}",
        "无法为工作区数据库创建文件夹 {folder}：{reason}",
    ),
    "notice.ws_in_memory": (
        "{where} is an in-memory database, gone when the command ends; give a file instead, "
        "e.g. --db sqlite:///kam-workspace.db",
        "{where} 是記憶體資料庫，指令結束就會消失；請改用檔案，例如 --db sqlite:///kam-workspace.db",
        "{where} 是内存数据库，命令结束就会消失；请改用文件，例如 --db sqlite:///kam-workspace.db",
    ),
    "notice.ws_cannot_open": (
        "cannot open the workspace {where}: {reason}",
        "無法開啟工作區 {where}：{reason}",
        "无法打开工作区 {where}：{reason}",
    ),
    "notice.ws_cannot_initialise": (
        "cannot initialise the workspace {where}: {reason}",
        "無法初始化工作區 {where}：{reason}",
        "无法初始化工作区 {where}：{reason}",
    ),
    "notice.ws_read_only": (
        "the workspace database {where} is read-only; nothing was changed",
        "工作區資料庫 {where} 是唯讀的；沒有做任何變更",
        "工作区数据库 {where} 是只读的；没有做任何更改",
    ),
    "notice.ws_busy": (
        "the workspace database {where} is busy (another program is writing to it); nothing was changed, "
        "run the command again",
        "工作區資料庫 {where} 正忙（另一個程式正在寫入）；沒有做任何變更，請再執行一次",
        "工作区数据库 {where} 正忙（另一个程序正在写入）；没有做任何更改，请再运行一次",
    ),
    "notice.ws_full": (
        "the workspace database {where} has no room left (the disk or the database is full); "
        "nothing was changed",
        "工作區資料庫 {where} 已沒有空間（磁碟或資料庫已滿）；沒有做任何變更",
        "工作区数据库 {where} 已没有空间（磁盘或数据库已满）；没有做任何更改",
    ),
    "notice.ws_database_error": (
        "the workspace database {where} failed ({kind}); nothing was changed",
        "工作區資料庫 {where} 發生錯誤（{kind}）；沒有做任何變更",
        "工作区数据库 {where} 发生错误（{kind}）；没有做任何更改",
    ),
    "notice.ws_added_meanwhile": (
        "another import added account(s) {codes} meanwhile; nothing was imported, run it again",
        "另一次匯入在這期間新增了客戶 {codes}；這次沒有匯入任何資料，請再執行一次",
        "另一次导入在这期间新增了客户 {codes}；这次没有导入任何数据，请再运行一次",
    ),
    "notice.expect_max_chars": (
        "a text of at most {limit} characters (it has {length})",
        "最多 {limit} 個字元的文字（目前有 {length} 個字元）",
        "最多 {limit} 个字符的文本（目前有 {length} 个字符）",
    ),
    "notice.expect_known_account": (
        "the code of an account in this file or in the workspace",
        "這個檔案或工作區中某個客戶的代碼",
        "这个文件或工作区中某个客户的代码",
    ),
    "notice.expect_other_account": (
        "another account's code (an account cannot refer itself)",
        "另一個客戶的代碼（客戶不能介紹自己）",
        "另一个客户的代码（客户不能介绍自己）",
    ),
    "notice.expect_no_loop": (
        "a referrer that closes no loop ({chain})",
        "不會形成介紹循環的介紹人（{chain}）",
        "不会形成介绍循环的介绍人（{chain}）",
    ),
    "notice.codes_more": (" and {count:,} more", " 等另外 {count:,} 個", " 等另外 {count:,} 个"),
    "notice.referred_by_link": (" referred by {code}", "，其介紹人為 {code}", "，其介绍人为 {code}"),
    "notice.loop_more": (
        " … ({count:,} accounts in the loop)",
        "……（循環中共 {count:,} 個客戶）",
        "……（循环中共 {count:,} 个客户）",
    ),
    # why a customer-base model was not fitted (kam.clv), said inside the notices above
    "notice.clv_fit_failed": (
        "{model} fit did not converge: {reason}. Try: {hint}",
        "{model} 模型估計未收斂：{reason}。可以試試：{hint}",
        "{model} 模型估计未收敛：{reason}。可以试试：{hint}",
    ),
    "notice.clv_not_finite": (
        "the log-likelihood is not finite at the estimate",
        "估計值處的對數概似值不是有限數",
        "估计值处的对数似然值不是有限数",
    ),
    "notice.clv_ran_off": (
        "a parameter ran off to 0 or infinity (the data do not identify the model)",
        "有參數趨向 0 或無限大（資料無法確定這個模型）",
        "有参数趋向 0 或无穷大（数据无法确定这个模型）",
    ),
    "notice.clv_gradient": (
        "gradient {gradient:.2e} above tolerance after {iterations} iterations ({message})",
        "迭代 {iterations} 次後梯度 {gradient:.2e} 仍高於容許值（{message}）",
        "迭代 {iterations} 次后梯度 {gradient:.2e} 仍高于容许值（{message}）",
    ),
    "notice.clv_not_maximum": (
        "the estimate is not a maximum (Hessian not positive definite)",
        "估計值不是最大值（Hessian 矩陣不是正定）",
        "估计值不是最大值（Hessian 矩阵不是正定）",
    ),
    "notice.clv_no_customers": ("there are no customers", "沒有任何客戶", "没有任何客户"),
    "notice.clv_no_repeat": (
        "no customer made a repeat purchase, so repeat-buying rates cannot be estimated",
        "沒有客戶重複購買，因此無法估計回購頻率",
        "没有客户重复购买，因此无法估计回购频率",
    ),
    "notice.clv_few_repeat": (
        "only {count} distinct repeat buyer(s); spend heterogeneity cannot be estimated",
        "只有 {count} 種不同的回購客戶紀錄，無法估計客戶間消費金額的差異",
        "只有 {count} 种不同的回购客户记录，无法估计客户间消费金额的差异",
    ),
    "notice.clv_infinite_mean": (
        "q = {q:.3g} <= 1, so the population mean spend is infinite",
        "q = {q:.3g} <= 1，因此整體平均消費金額為無限大",
        "q = {q:.3g} <= 1，因此整体平均消费金额为无穷大",
    ),
    "notice.clv_spend_ridge": (
        "the mean spend of customers with few purchases is no more spread out than that of customers with "
        "many, so the model puts all of the spread between customers (its shape p runs off to infinity) and "
        "cannot say how far to pull a customer's mean toward the average",
        "購買次數少的客戶，平均消費金額並不比購買次數多的客戶更分散，模型因此把差異全歸於客戶之間（形狀參數 p "
        "趨向無限大），無法判斷該把客戶的平均值向整體平均拉近多少",
        "购买次数少的客户，平均消费金额并不比购买次数多的客户更分散，模型因此把差异全归于客户之间（形状参数 p "
        "趋向无穷大），无法判断该把客户的平均值向整体平均拉近多少",
    ),
    "notice.clv_hint_data": (
        "more customers with repeat purchases, a longer calibration period, or the other purchase model",
        "更多有回購的客戶、更長的校準期，或改用另一個購買模型",
        "更多有回购的客户、更长的校准期，或改用另一个购买模型",
    ),
    "notice.clv_hint_iterations": (
        "raising max_iterations, a longer calibration period, or the other purchase model",
        "提高 max_iterations、更長的校準期，或改用另一個購買模型",
        "提高 max_iterations、更长的校准期，或改用另一个购买模型",
    ),
    "notice.clv_hint_nonempty": ("a non-empty summary", "提供非空的客戶摘要", "提供非空的客户摘要"),
    "notice.clv_hint_no_repeat": (
        "a longer calibration period, or fall back to a simple average-revenue forecast",
        "更長的校準期，或改用簡單的平均營收預測",
        "更长的校准期，或改用简单的平均营收预测",
    ),
    "notice.clv_hint_plain_mean": (
        "a longer calibration period, or use the plain mean spend",
        "更長的校準期，或直接使用平均消費金額",
        "更长的校准期，或直接使用平均消费金额",
    ),
    "notice.clv_hint_more_repeat": ("more repeat buyers", "更多回購客戶", "更多回购客户"),
    "notice.clv_hint_own_mean": (
        "each customer's own mean spend, which is what the data support",
        "使用每位客戶自己的平均消費金額，這是資料所能支持的",
        "使用每位客户自己的平均消费金额，这是数据所能支持的",
    ),
    # call transcripts (kam calls analyze): where a problem is, and what is wrong there
    "notice.transcript_cue": (
        "cue {cue} (line {line})",
        "第 {cue} 段字幕（第 {line} 行）",
        "第 {cue} 段字幕（第 {line} 行）",
    ),
    "notice.transcript_line": ("line {line}", "第 {line} 行", "第 {line} 行"),
    "notice.transcript_segment": ("segment {segment}", "第 {segment} 段", "第 {segment} 段"),
    "notice.transcript_field": (
        "segment {segment}, field '{field}'",
        "第 {segment} 段的欄位 '{field}'",
        "第 {segment} 段的字段 '{field}'",
    ),
    "notice.transcript_bad_timing": (
        "{where}: {value!r} is not a timing line: expected 'start --> end' such as "
        "00:01:02.500 --> 00:01:05.000",
        "{where}：{value!r} 不是時間軸行：應為「開始 --> 結束」，例如 00:01:02.500 --> 00:01:05.000",
        "{where}：{value!r} 不是时间轴行：应为“开始 --> 结束”，例如 00:01:02.500 --> 00:01:05.000",
    ),
    "notice.transcript_timing_in_cue": (
        "{where}: timing line {value!r} inside the text of a cue: expected a blank line before each cue",
        "{where}：字幕文字中出現時間軸行 {value!r}：每段字幕前應有一個空行",
        "{where}：字幕文字中出现时间轴行 {value!r}：每段字幕前应有一个空行",
    ),
    "notice.transcript_outside_cue": (
        "{where}: {value!r} is outside any cue: expected a timing line 'start --> end' before cue text "
        "(a blank line ends a cue)",
        "{where}：{value!r} 不屬於任何字幕：字幕文字前應有「開始 --> 結束」時間軸行（空行表示字幕結束）",
        "{where}：{value!r} 不属于任何字幕：字幕文字前应有“开始 --> 结束”时间轴行（空行表示字幕结束）",
    ),
    "notice.transcript_bad_clock": (
        "{where}: time {value!r} has 60 or more minutes or seconds: expected hh:mm:ss.mmm with minutes "
        "and seconds below 60",
        "{where}：時間 {value!r} 的分或秒達到 60 以上：應為 hh:mm:ss.mmm，分和秒都小於 60",
        "{where}：时间 {value!r} 的分或秒达到 60 以上：应为 hh:mm:ss.mmm，分和秒都小于 60",
    ),
    "notice.transcript_time_range": (
        "{where}: time {value!r} is more than 100 hours into the call: expected times up to 100:00:00.000",
        "{where}：時間 {value!r} 超過通話開始後 100 小時：時間最多為 100:00:00.000",
        "{where}：时间 {value!r} 超过通话开始后 100 小时：时间最多为 100:00:00.000",
    ),
    "notice.transcript_bad_time": (
        "{where}: {value} is not a time: expected seconds from 0 to 360000 (100 hours) or 'hh:mm:ss.s'",
        "{where}：{value} 不是時間：應為 0 到 360000 秒（100 小時）或「hh:mm:ss.s」",
        "{where}：{value} 不是时间：应为 0 到 360000 秒（100 小时）或“hh:mm:ss.s”",
    ),
    "notice.transcript_ends_before_start": (
        "{where} ends {seconds} s before it starts ({start} --> {end})",
        "{where} 在開始前 {seconds} 秒就結束了（{start} --> {end}）",
        "{where} 在开始前 {seconds} 秒就结束了（{start} --> {end}）",
    ),
    "notice.transcript_out_of_order": (
        "{where} starts at {start}, {seconds} s before {previous} which starts at {at}: expected turns in "
        "time order",
        "{where} 從 {start} 開始，比 {previous}（從 {at} 開始）早 {seconds} 秒：應按時間順序排列",
        "{where} 从 {start} 开始，比 {previous}（从 {at} 开始）早 {seconds} 秒：应按时间顺序排列",
    ),
    "notice.transcript_overlap": (
        "{where} starts at {start}, {seconds} s before {previous} ends at {at}: turns may overlap by at "
        "most {limit} s",
        "{where} 從 {start} 開始，比 {previous} 的結束時間 {at} 早 {seconds} 秒：前後最多只能重疊 {limit} 秒",
        "{where} 从 {start} 开始，比 {previous} 的结束时间 {at} 早 {seconds} 秒：前后最多只能重叠 {limit} 秒",
    ),
    "notice.transcript_bad_json": (
        "invalid JSON at line {line}, column {column}: {detail}",
        "JSON 格式錯誤，在第 {line} 行第 {column} 欄：{detail}",
        "JSON 格式错误，在第 {line} 行第 {column} 列：{detail}",
    ),
    "notice.transcript_json_too_deep": (
        "JSON nested too deeply to read: expected a list of segments",
        "JSON 巢狀層數太深，無法讀取：應為一份段落清單",
        "JSON 嵌套层数太深，无法读取：应为一个段落列表",
    ),
    "notice.transcript_segment_not_object": (
        "{where} is a JSON {value}: expected an object with speaker, start, end and text",
        "{where} 是 JSON {value}：應為含 speaker、start、end 和 text 的物件",
        "{where} 是 JSON {value}：应为含 speaker、start、end 和 text 的对象",
    ),
    "notice.transcript_utf16_without_bom": (
        "looks like UTF-16 without a byte-order mark (NUL bytes between the characters) but cannot be "
        "read as UTF-16: save it as UTF-8",
        "看起來是沒有位元組順序記號（BOM）的 UTF-16（字元之間有 NUL 位元組），但無法以 UTF-16 讀取：請另存為 UTF-8",
        "看起来是没有字节顺序标记（BOM）的 UTF-16（字符之间有 NUL 字节），但无法按 UTF-16 读取：请另存为 UTF-8",
    ),
    "notice.rejected": (
        "{count:,} rows rejected (rejected.csv)",
        "{count:,} 列被剔除（見 rejected.csv）",
        "{count:,} 行被剔除（见 rejected.csv）",
    ),
}


# What each value setting means, in Chinese (the English is the setting's own description, kam.settings);
# the report prints the thresholds it used with their meaning in the report's language.
_SETTING_HELP: dict[str, tuple[str, str]] = {
    "value.a_tier_profit_share": (
        "累計利潤占比在此比例以內的客戶為 A 級（帕累托核心）。",
        "累计利润占比在此比例以内的客户为 A 级（帕累托核心）。",
    ),
    "value.b_tier_profit_share": (
        "累計利潤占比到此比例為 B 級，其後為 C 級；虧損客戶為 D 級。",
        "累计利润占比到此比例为 B 级，其后为 C 级；亏损客户为 D 级。",
    ),
    "value.big_customer_top_share": (
        "營收或銷量排在前這個比例的客戶算是大戶。",
        "营收或销量排在前这个比例的客户算是大户。",
    ),
    "value.key_min_orders_per_year": (
        "大客戶經常採購：每年至少這麼多張訂單。",
        "大客户经常采购：每年至少这么多张订单。",
    ),
    "value.key_min_margin": (
        "大客戶的毛利率要健康，至少這個值（有成本資料時）。",
        "大客户的毛利率要健康，至少这个值（有成本数据时）。",
    ),
    "value.key_max_recency_days": (
        "大客戶在分析日期前這麼多天內有下單。",
        "大客户在分析日期前这么多天内有下单。",
    ),
    "value.one_off_max_orders": (
        "偶然大量採購的客戶最多只下過這麼多張訂單……",
        "偶然大量采购的客户最多只下过这么多张订单……",
    ),
    "value.one_off_min_order_share": (
        "……且最大一張訂單至少占其全部採購的這個比例……",
        "……且最大一张订单至少占其全部采购的这个比例……",
    ),
    "value.one_off_min_order_multiple": (
        "……且這張訂單至少是全體訂單中位數的這麼多倍。",
        "……且这张订单至少是全体订单中位数的这么多倍。",
    ),
    "value.low_profit_max_net_margin": (
        "扣除服務成本後淨利率低於此值的重複採購大戶，帶來的是量而不是利潤。",
        "扣除服务成本后净利率低于此值的重复采购大户，带来的是量而不是利润。",
    ),
    "value.low_profit_min_orders": (
        "量大利薄的客戶是重複採購者：至少這麼多張訂單。",
        "量大利薄的客户是重复采购者：至少这么多张订单。",
    ),
    "value.squeezer_min_discount": (
        "折扣深度（1 − 成交金額 / 牌價金額）達到或超過此值，算一個扒皮訊號。",
        "折扣深度（1 − 成交金额 / 牌价金额）达到或超过此值，算一个扒皮信号。",
    ),
    "value.squeezer_min_return_rate": (
        "退貨占銷售總額達到或超過此比例，算一個扒皮訊號。",
        "退货占销售总额达到或超过此比例，算一个扒皮信号。",
    ),
    "value.squeezer_min_payment_days": (
        "平均付款天數達到或超過此值，算一個扒皮訊號。",
        "平均付款天数达到或超过此值，算一个扒皮信号。",
    ),
    "value.squeezer_min_cost_to_serve_share": (
        "服務成本（服務、訂單處理、資金成本）占營收達到或超過此比例，算一個扒皮訊號。",
        "服务成本（服务、订单处理、资金成本）占营收达到或超过此比例，算一个扒皮信号。",
    ),
    "value.squeezer_min_signals": (
        "扒皮大戶至少有這麼多個扒皮訊號（淨利為負時一個就夠）。",
        "扒皮大户至少有这么多个扒皮信号（净利为负时一个就够）。",
    ),
    "value.lapsed_after_days": ("大戶已這麼多天沒有下單……", "大户已这么多天没有下单……"),
    "value.lapsed_gap_multiple": (
        "……且已超過其平常下單間隔的這麼多倍，即為已流失。",
        "……且已超过其平常下单间隔的这么多倍，即为已流失。",
    ),
    "value.lapsed_max_p_alive": (
        "有 CLV 模型時，仍活躍機率低於此值的大戶即為已流失。",
        "有 CLV 模型时，仍活跃概率低于此值的大户即为已流失。",
    ),
    "value.potential_max_recency_days": (
        "高潛力客戶在這麼多天內有下單。",
        "高潜力客户在这么多天内有下单。",
    ),
    "value.potential_min_orders_per_year": (
        "高潛力客戶每年至少下這麼多張訂單。",
        "高潜力客户每年至少下这么多张订单。",
    ),
    "value.potential_min_growth": (
        "高潛力客戶近 12 個月的營收比前 12 個月至少成長這個幅度……",
        "高潜力客户近 12 个月的营收比前 12 个月至少增长这个幅度……",
    ),
    "value.potential_clv_top_share": (
        "……或其預測的未來 12 個月價值排在全體前這個比例。",
        "……或其预测的未来 12 个月价值排在全体前这个比例。",
    ),
    "value.cost_of_capital": (
        "每年的資金成本率，用來計算應收帳款（付款天數）的資金成本。",
        "每年的资金成本率，用来计算应收账款（付款天数）的资金成本。",
    ),
    "value.order_handling_cost": (
        "每張訂單的服務成本（揀貨、運送、開票），加在每年的服務成本之上。",
        "每张订单的服务成本（拣货、运送、开票），加在每年的服务成本之上。",
    ),
    "value.min_observation_days": (
        "計算每年訂單頻率時，歷史天數至少以此計，以免高估新客戶的頻率。",
        "计算每年订单频率时，历史天数至少以此计，以免高估新客户的频率。",
    ),
    "value.trend_window_days": (
        "營收趨勢比較最近這麼多天與之前同樣長度的期間。",
        "营收趋势比较最近这么多天与之前同样长度的期间。",
    ),
    "value.earliest_date": (
        "早於此日期的日期是資料錯誤（ERP 常把缺少的日期寫成 1900-01-01 或 0001-01-01）：交易明細與客戶資料表中視為錯誤值。",
        "早于此日期的日期是数据错误（ERP 常把缺少的日期写成 1900-01-01 或 0001-01-01）：交易明细与客户数据表中视为错误值。",
    ),
    "value.stray_date_years": (
        "比 99% 的明細早了超過這麼多年的交易日期，會被提示為可能的誤植（仍保留）。",
        "比 99% 的明细早了超过这么多年的交易日期，会被提示为可能的误植（仍保留）。",
    ),
}


def setting_help(name: str, english: str, lang: Lang | str) -> str:
    """What setting `name` (e.g. "value.key_min_margin") means, in `lang`; `english` is its description."""
    index = lang_index(lang)
    if index == 0 or name not in _SETTING_HELP:
        return english
    return _SETTING_HELP[name][index - 1]


def translated_settings() -> list[str]:
    return list(_SETTING_HELP)


def lang_index(lang: Lang | str) -> int:
    """The position of `lang` in a catalog's (en, zh-Hant, zh-Hans) tuples."""
    return list(Lang).index(Lang(lang))


def text(key: str, lang: Lang | str = Lang.EN) -> str:
    """The text for `key` in `lang` (en, zh-Hant or zh-Hans)."""
    return _TEXTS[key][lang_index(lang)]


def keys() -> list[str]:
    return list(_TEXTS)


class Notice(str):
    """A message to the user: its text is the English one (so it prints, compares and serialises as a
    string), and it keeps its catalog key and values so that it can be said in another language. Values
    that are notices themselves are said in the same language."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Notice:
        notice = super().__new__(cls, text(f"notice.{key}").format(**params))
        notice.key, notice.params = key, params
        return notice

    def say(self, lang: Lang | str) -> str:
        values = {k: say(v, lang) if isinstance(v, Notice | Joined) else v for k, v in self.params.items()}
        return text(f"notice.{self.key}", lang).format(**values)


class Joined(str):
    """Several messages joined by `separator`; said part by part."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, separator: str, parts: Sequence[str]) -> Joined:
        joined = super().__new__(cls, separator.join(parts))
        joined.parts, joined.separator = tuple(parts), separator
        return joined

    def say(self, lang: Lang | str) -> str:
        return self.separator.join(say(p, lang) for p in self.parts)


def say(message: str, lang: Lang | str) -> str:
    """A message in `lang`: notices are translated, other text (a file's own words) is kept."""
    return message.say(lang) if isinstance(message, Notice | Joined) else message
