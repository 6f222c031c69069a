"""The customer's own costs and budget: talk about them is discovery, not our price coming up.

"Our power bill is forty thousand a month", 我們的預算比較緊, or sales asking "你們一年電費大概多少錢？" are
about what the customer spends, the problem a sale may solve; only our side quoting or naming our price
is price talk (DOMAIN.md §6, mistake 4). A sentence that names the customer's costs and also our price
("your quote is over our budget") is still price talk.
"""

from __future__ import annotations

from kam.calls.text import Lexicon, alternation

_OWN_COSTS_EN = (
    r"\b(?:budgets?|budgeted|(?:power|electricity|energy|utility|water|gas|fuel|phone) bills?|"
    r"(?:electricity|energy|power|fuel|labou?r|staff|running|operating|maintenance|repair|storage|"
    r"warehouse|inventory|downtime|overtime|freight|logistics) (?:costs?|expenses?|spend(?:ing)?)|"
    r"overheads?|(?:our|your|their) (?:costs?|spend(?:ing)?|expenses?|outlay)|(?:we|you|they) spend|expenses)\b"
)
_OWN_COSTS_ZH = alternation(
    "電費 电费 水電費 水电费 油費 油费 燃料費 燃料费 預算 预算 成本 開支 开支 開銷 开销 支出 花費 花费 人工費 人工费 "
    "人力成本 維修費 维修费 加班費 加班费 違約金 违约金 租金 房租 倉儲費 仓储费"
)
_OUR_PRICE_EN = (
    r"\b(?:quotes?|quoted|quotation|discounts?|list price|your (?:price|prices|pricing|rates?|offer|fee|fees)|"
    r"you charge|charge us|price per|per seat|how much (?:is|are|does|do|would|will) (?:it|this|that|they|these|"
    r"those|your (?!budget|costs?|bill|spend)\w+|the (?!budget|costs?|bill)\w+))\b"
)
_OUR_PRICE_ZH = alternation(
    "報價 报价 報個價 报个价 開價 开价 售價 售价 折扣 優惠 优惠 打折 單價 单价 "
    "你們的價 你们的价 貴公司的價 贵公司的价 您的價 您的价 你們賣 你们卖 你們收 你们收 收費 收费"
)
_OWN_COSTS = Lexicon(_OWN_COSTS_EN, _OWN_COSTS_ZH)
_OUR_PRICE = Lexicon(_OUR_PRICE_EN, _OUR_PRICE_ZH)


def about_own_costs(sentence: str) -> bool:
    """True when a lower-cased sentence talks about the customer's own costs or budget and not our price."""
    return _OWN_COSTS.search(sentence) is not None and _OUR_PRICE.search(sentence) is None
