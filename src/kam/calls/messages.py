"""UI strings of the readable call report in English, Traditional and Simplified Chinese."""

from __future__ import annotations

from kam.calls.models import Language

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "title": "Call analysis: {file}",
        "overview": "Language {language}, duration {duration}, timestamps: {timestamps}",
        "talk": "Talk: customer {customer}, sales {sales}, customer:sales {ratio} (target {target})",
        "monologue": (
            "Longest monologue: sales {sales}, customer {customer}; "
            "{switches} switches/hour; patience {patience}"
        ),
        "questions": (
            "Questions by sales: {total} ({open} open, {closed} closed); SPIN S {s} / P {p} / I {i} / N {n}"
        ),
        "why": "Deepest why-chain: {depth}",
        "pitch": "Pitch: starts at {first}, {total} in total",
        "price": "Price: first mentioned at {first} by {by}; first concrete quote by sales at {quote}",
        "flags": "Coaching flags:",
        "no_flags": "No coaching flags: well done.",
        "yes": "yes",
        "no": "no",
        "none": "-",
        "sales": "sales",
        "customer": "customer",
        "not_listening": "Not listening: the customer should talk about twice as long as you.",
        "early_pitch": (
            "Pitched too early: ask at least three questions first and keep the pitch under 5 minutes."
        ),
        "price_too_early": (
            "Price too early: a figure before negotiation leaks your floor; defer until closing."
        ),
        "no_discovery": "No discovery: ask open, closed and SPIN questions to find the real need.",
        "error": "error",
        "stored": "Stored {count} call(s) on account {account} in {where}: {created} new, {updated} updated.",
        "nothing_stored": "Nothing stored: fix or leave out the files above, then run again.",
        "store_needs_account": "--store needs --account CODE: the account these calls belong to",
        "store_options": "{options} only apply with --store",
        "bad_at": "--at {value!r}: expected a date and time such as 2025-03-14T10:30 or 2025-03-14T10:30+08:00",
        "at_range": "--at {value!r}: expected a time from {earliest} to today ({today}), when the calls happened",
    },
    "zh-Hant": {
        "title": "通話分析：{file}",
        "overview": "語言 {language}，時長 {duration}，時間戳：{timestamps}",
        "talk": "說話比例：客戶 {customer}，業務 {sales}，客戶:業務 {ratio}（目標 {target}）",
        "monologue": ("最長獨白：業務 {sales}，客戶 {customer}；每小時換人 {switches} 次；耐心 {patience}"),
        "questions": (
            "業務提問：{total} 個（開放 {open}，封閉 {closed}）；"
            "SPIN 背景 {s} / 難點 {p} / 暗示 {i} / 需求效益 {n}"
        ),
        "why": "最深的追問（5WHY）：{depth}",
        "pitch": "產品介紹：從 {first} 開始，共 {total}",
        "price": "價格：首次在 {first} 由{by}提起；業務首次報出具體價格在 {quote}",
        "flags": "輔導提示：",
        "no_flags": "沒有輔導提示，做得好。",
        "yes": "有",
        "no": "無",
        "none": "－",
        "sales": "業務",
        "customer": "客戶",
        "not_listening": "沒有傾聽：客戶說話的時間應約為您的兩倍。",
        "early_pitch": ("過早介紹產品：先問至少三個問題，產品介紹不超過 5 分鐘。"),
        "price_too_early": ("過早談價格：議價前報價會洩露底價，請留到成交前。"),
        "no_discovery": "沒有探詢需求：用開放、封閉和 SPIN 問題找出真正的需求。",
        "error": "錯誤",
        "stored": "已將 {count} 通通話存入客戶 {account}（{where}）：新增 {created}，更新 {updated}。",
        "nothing_stored": "未儲存任何內容：請修正或略去上面的檔案後再執行。",
        "store_needs_account": "--store 需要 --account 代碼：這些通話所屬的客戶",
        "store_options": "{options} 只能與 --store 一起使用",
        "bad_at": "--at {value!r}：應為日期時間，例如 2025-03-14T10:30 或 2025-03-14T10:30+08:00",
        "at_range": "--at {value!r}：應為通話發生的時間，介於 {earliest} 與今天（{today}）之間",
    },
    "zh-Hans": {
        "title": "通话分析：{file}",
        "overview": "语言 {language}，时长 {duration}，时间戳：{timestamps}",
        "talk": "说话比例：客户 {customer}，销售 {sales}，客户:销售 {ratio}（目标 {target}）",
        "monologue": ("最长独白：销售 {sales}，客户 {customer}；每小时换人 {switches} 次；耐心 {patience}"),
        "questions": (
            "销售提问：{total} 个（开放 {open}，封闭 {closed}）；"
            "SPIN 背景 {s} / 难点 {p} / 暗示 {i} / 需求效益 {n}"
        ),
        "why": "最深的追问（5WHY）：{depth}",
        "pitch": "产品介绍：从 {first} 开始，共 {total}",
        "price": "价格：首次在 {first} 由{by}提起；销售首次报出具体价格在 {quote}",
        "flags": "辅导提示：",
        "no_flags": "没有辅导提示，做得好。",
        "yes": "有",
        "no": "无",
        "none": "－",
        "sales": "销售",
        "customer": "客户",
        "not_listening": "没有倾听：客户说话的时间应约为您的两倍。",
        "early_pitch": ("过早介绍产品：先问至少三个问题，产品介绍不超过 5 分钟。"),
        "price_too_early": ("过早谈价格：议价前报价会泄露底价，请留到成交前。"),
        "no_discovery": "没有探询需求：用开放、封闭和 SPIN 问题找出真正的需求。",
        "error": "错误",
        "stored": "已将 {count} 通通话存入客户 {account}（{where}）：新增 {created}，更新 {updated}。",
        "nothing_stored": "未保存任何内容：请修正或略去上面的文件后再运行。",
        "store_needs_account": "--store 需要 --account 代码：这些通话所属的客户",
        "store_options": "{options} 只能与 --store 一起使用",
        "bad_at": "--at {value!r}：应为日期时间，例如 2025-03-14T10:30 或 2025-03-14T10:30+08:00",
        "at_range": "--at {value!r}：应为通话发生的时间，介于 {earliest} 与今天（{today}）之间",
    },
}
LANGUAGES = (Language.EN, Language.ZH_HANT, Language.ZH_HANS)


def message(lang: str, key: str, **values: object) -> str:
    """The UI string for key in lang (English when the language is unknown), formatted."""
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(**values)
