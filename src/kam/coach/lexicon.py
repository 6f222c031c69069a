"""The cues of the needs-versus-wants classifier (DOMAIN.md §5): words and patterns that show a need
(a problem, a risk, a goal; recurring, shared, open about the solution) or a want (a prescribed
solution, a concrete detail, a one-off, one person's taste, a price concession).

Our own lists, in English and Chinese. The Chinese words may be written in either script: they are
folded (kam.coach.script) like the statements they are matched against. Each kind of cue counts once
per statement, with its weight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from kam.coach.script import TRADITIONAL_TO_SIMPLIFIED, fold
from kam.domain.needs import NeedKind


class CueKind(StrEnum):
    """A kind of evidence; also the reason code that cites it."""

    STATES_PROBLEM = "states_problem"
    STATES_GOAL = "states_goal"
    RECURS = "recurs"
    SHARED = "shared"
    OPEN_SOLUTION = "open_solution"
    PRESCRIBES_SOLUTION = "prescribes_solution"
    SPECIFIC_DETAIL = "specific_detail"
    NAMES_PART = "names_part"
    LOOKS = "looks"
    ONE_OFF = "one_off"
    ONE_PERSON = "one_person"
    PRICE_CONCESSION = "price_concession"


@dataclass(frozen=True)
class CueTable:
    kind: CueKind
    side: NeedKind
    weight: float
    pattern: re.Pattern[str]


_ZH_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
_UNITS_EN = r"(?:mm|cm|m|km|metres?|meters?|inch(?:es)?|ft|feet|kg|g|l|litres?|liters?)"
_UNITS_ZH = "毫米 厘米 公分 米 寸 英寸 公斤 千克 公升"


def _zh(words: str) -> str:
    """An alternation of Chinese words (either script), folded, longest first."""
    folded = {fold(w) for w in words.split()}
    return "|".join(re.escape(w) for w in sorted(folded, key=lambda w: (-len(w), w)))


_SIMPLIFIED = str.maketrans(TRADITIONAL_TO_SIMPLIFIED)


def _table(
    kind: CueKind, side: NeedKind, weight: float, english: str, chinese: str = "", extra: str = ""
) -> CueTable:
    """A kind of cue: English patterns (matched as whole words), Chinese words, and `extra` patterns
    (their Chinese characters folded, their regex syntax kept)."""
    parts = [rf"\b(?:{english})\b" if english else "", _zh(chinese), extra.translate(_SIMPLIFIED)]
    parts = [p for p in parts if p]
    return CueTable(kind, side, weight, re.compile("|".join(parts)))


_VERBS = (
    "add|cut|put|move|make|change|paint|drill|replace|switch|shorten|lengthen|print|pack|swap|remove|install|"
    "send|give|deliver|ship|attach|mount|fit|widen|enlarge|engrave|label|colour|color|throw in|include|bring|"
    "drop|set|raise|lower|waive|split|hold"
)
_METRICS = (
    "cost|costs|energy|use|usage|consumption|downtime|failures?|time|waste|scrap|risk|errors?|emissions|rate|"
    "dependence|inventory|stock|spend|lead times?|turnover|defects?"
)

NEED = NeedKind.NEED
WANT = NeedKind.WANT

CUES: tuple[CueTable, ...] = (
    _table(
        CueKind.STATES_PROBLEM,
        NEED,
        2.0,
        r"problems?|issues?|fail(?:s|ed|ing|ures?)?|break(?:s|ing|downs?)?|broke|broken|downtime|overheat\w*|"
        r"unreliable|unstable|instability|slow(?:er|ly|s)?|late|delays?|delayed|mistakes?|errors?|wrong|"
        r"complain\w*|struggl\w*|hard to|difficult\w*|can't|cannot|can not|unable to|"
        r"not (?:secure|safe|reliable|stable|enough|sure)|insecure|weak|fraud|theft|stolen|risks?|risky|"
        r"lose|losing|lost|loss(?:es)?|lose track|scrap\w*|wast(?:e|es|ed|ing)|hurts?|stockouts?|shortages?|"
        r"var(?:y|ies)|inconsistent|nobody trusts|too (?:much|long|slow|expensive|high|many|often)|"
        r"worr\w*|concern(?:s|ed)?|leak\w*|outages?|defects?|defective|recalls?|trouble|frustrat\w*|"
        r"costs? us|bottlenecks?|rework|accidents?|injur\w*|violations?|penalt\w*|faults?|flagged|"
        r"drops|dropped|dropping|stops|stopped|stopping|crash(?:es|ed)?|freez(?:es|ing)|froze|jams|jammed|"
        r"peels|peeling|cracks|cracked|rusts|rusty|rusting|waits|waiting|have to wait|run(?:ning)? out|ran out|"
        r"nobody \w+s|no one \w+s|spend(?:s|ing)? (?:hours|days|weeks)|copying|manually|by hand|re-?typ\w+|"
        r"expir\w+|damag\w+|false alarms?|ignor\w+|empty|eating into|competitors?|"
        r"takes? (?:us )?(?:\w+ )?(?:months|weeks|days|hours)|returns?|sen[dt]s? (?:\w+ )?back|"
        r"(?:we have|there is|there's|there are) no|"
        r"doubled|tripled|rising|risen|(?:gone|went) up|up by|still (?:run|runs|use|uses|rely|relies|on)|"
        r"(?:can|could) never|never (?:reach|arrive|work|find|get|fit)s?|keep up|overtime|a fortune",
        "問題 故障 壞了 損壞 停機 不穩定 太慢 很慢 變慢 慢了 延誤 延遲 拖延 投訴 抱怨 不滿意 不方便 不好用 "
        "難用 費力 困難 很難 難以 不兼容 不相容 無法 不能用 搞不清楚 不會用 不準確 不信任 漏洞 事故 擔心 "
        "風險 隱患 盜打 被盜 損失 浪費 缺貨 斷貨 混亂 壓力 不足 太高 太長 太貴 出錯 錯誤 影響 危險 洩露 "
        "報廢 返工 瓶頸 效率低 很麻煩 太麻煩 頭疼 不一樣 不一致 不夠 當機 死機 宕機 報警 被迫 停下來 停產 "
        "退貨 退回 漲了 翻倍 乾等 只能等 白等 生鏽 受潮 腐蝕 老化 難買 難找 難修 難懂 太難 太複雜 太重 太吵 "
        "太熱 太舊 太少 太大 都說 誤判 誤報 離職 流失 才能恢復",
        extra="[\u4e00-\u9fff]不(?:了|上|到|會|動|出來|起|住|完|清楚|懂|及|進|下|通)|一(?:停|壞|斷|跳閘)|"
        "[發弄搞做送拿裝算]錯|"
        "容易(?:出|受|壞|生|斷|掉|卡|漏|被)",
    ),
    _table(
        CueKind.STATES_GOAL,
        NEED,
        2.0,
        rf"goals?|targets?|aims?|objectives?|strateg\w*|reduce|decrease|minimi[sz]e|improve\w*|increase|"
        rf"boost|ensure|prevent|avoid|comply|compliance|depend less|long[- ]term|over the next (?:\w+ )?years|"
        rf"(?:cut|lower|bring down|shorten|halve) (?:\w+ ){{0,3}}(?:{_METRICS})|under control|"
        r"(?:want|need) (?:our|the) \w+(?: \w+)? to|more \w+ (?:on|in|per) (?:the|a|each)|"
        r"(?:we|they) must|required to|regulators?|regulations?|certif\w+|audits?",
        "目標 降低 減少 提高 提升 改善 優化 確保 保證 合規 達到 達成 長期 戰略 避免 防止 節省 節約 縮短 "
        "控制在 控制住 降到 降到一半 減少一半 縮短一半 減半 必須 認證 法規",
    ),
    _table(
        CueKind.RECURS,
        NEED,
        1.5,
        r"(?:every|each) (?:day|week|month|quarter|year|shift|time|morning|night|batch|run)|keeps?|"
        r"keep \w+ing|always|often|frequent(?:ly)?|constantly|repeated(?:ly)?|again|whenever|regularly|daily|"
        r"weekly|monthly|growing|more and more|twice|several times",
        "經常 總是 老是 每次 每個月 每月 每週 每天 每年 每批 每班 一直 越來越 常常 屢次 反覆 頻繁 好幾次 "
        "多次 不斷 時常 每到 一到",
    ),
    _table(
        CueKind.SHARED,
        NEED,
        1.0,
        r"all (?:our|the) \w+|across (?:all|our|the|every)|every (?:site|plant|branch|line|department|team|"
        r"user|customer)|many (?:of )?(?:our|users|customers|branches|sites|plants)|"
        r"(?:our|the) (?:users|customers|operators|technicians|engineers|staff|branches|plants|sites)|"
        r"operators|nobody|everyone|everybody|company-wide|industry-wide|whole (?:company|team|plant)",
        "各個 各地 各部門 各廠 所有 大家 都反映 很多 許多 客戶 用戶們 全廠 全公司 整個 集團 管理層 員工 "
        "分公司 廠區 技術人員 操作人員 使用部門",
    ),
    _table(
        CueKind.OPEN_SOLUTION,
        NEED,
        1.5,
        r"(?:a|any|some|the best) ways? to|how (?:can|could|do|should) we|how you get there|"
        r"open to (?:ideas|suggestions|options)|looking for (?:a|an|ways)|whatever works|"
        r"any (?:ideas?|suggestions?|solutions?)|what (?:would|do) you (?:suggest|recommend)",
        "有沒有辦法 怎麼解決 怎麼辦 什麼辦法 有什麼方案 解決方案 想辦法 如何解決",
    ),
    _table(
        CueKind.PRESCRIBES_SOLUTION,
        WANT,
        2.0,
        rf"just (?:{_VERBS})|simply|instead of|that's all (?:we|i) need|will be fine|would be enough|"
        rf"(?:we|i) want (?:a|an|the|it|them)|please (?:{_VERBS})|(?:can|could|would) you (?:{_VERBS})|"
        r"(?:can|could) (?:the|it|they|this) (?:\w+ )?be|don't (?:put|print|add|use|send)|"
        r"lend us|loan us|on loan|write (?:our|the)|(?:could|can) we (?:get|have)|(?:i|we)'d prefer|"
        r"(?:engraved|painted|printed|mounted|moved|coloured|colored|"
        r"fitted|welded) (?:on|in|onto|at|with)",
        "就好了 就好 就行了 就行 就可以了 就可以 就夠了 只要 改成 換成 做成 弄成 改為 換為 改到 放到 移到 "
        "挪到 加一個 加個 再加 多加 裝上 寫成 寫我們 借我們 借給我們 先借 幫我們把 給我們 順便",
        extra=rf"^\W*(?:{_VERBS})\b|把.{{1,8}}?(?:改|換|做|放|移|裝|加|印|調)|(?:不要|別|不用)(?:印|加|放|裝|貼|寫)|"
        r"印(?:上|我們|你們|在)|開一?個小?(?:槽|孔|口|洞)|麻煩(?:你|您)?把|能不能(?:先)?(?:發|送|改|換|加|給|做|便宜|寄)|"
        r"幫我們(?:改|換|加|做|送|寄|開)|把.{1,8}?免|(?:^|[，。,.；;！!？?\s]|請|麻煩|先|再)把",
    ),
    _table(
        CueKind.SPECIFIC_DETAIL,
        WANT,
        2.0,
        rf"\d+(?:\.\d+)? ?{_UNITS_EN}|boxes of \d+|(?:two|three|four|\d+) (?:more|extra)",
        "每箱 每盒 每包 寬度 高度 尺寸 長度",
        extra=rf"{_ZH_NUMBER}(?:{_zh(_UNITS_ZH)})|{_ZH_NUMBER}(?:台|套|件|箱|盒|包|支|條|片)",
    ),
    _table(
        CueKind.NAMES_PART,
        WANT,
        1.0,
        r"slots?|holes?|buttons?|knobs?|handles?|ports?|logos?|labels?|fonts?|cover|housing|fans?|frame|"
        r"cabinet|panel|plate|cables?|stickers?|lid|screen",
        "槽 孔 按鈕 把手 外殼 標誌 商標 風扇 機櫃 機箱 面板 螺絲 貼紙 封面 包裝 螢幕 屏幕 顯示屏 電線 線纜 "
        "側面 側邊 左邊 右邊 後面 頂部 底部 旁邊",
    ),
    _table(
        CueKind.LOOKS,
        WANT,
        1.0,
        r"yellow|red|blue|green|pink|silver|black|white|gold|purple|orange|gr[ae]y|colou?r|looks|nicer|"
        r"prettier|match our \w+",
        "顏色 黃色 紅色 藍色 綠色 銀色 粉色 黑色 白色 金色 好看 漂亮 高級 時尚 外觀 的設計 造型 款式 圓角 外型",
    ),
    _table(
        CueKind.ONE_OFF,
        WANT,
        1.5,
        r"this (?:order|shipment|batch|time|once|unit|delivery|week|month|project)|just once|one[- ]off|"
        r"tomorrow|today|tonight|next delivery|(?:by|before|on) (?:next )?(?:monday|tuesday|wednesday|"
        r"thursday|friday)|(?:forward )?to (?:monday|tuesday|wednesday|thursday|friday)|"
        r"for (?:a|one|two|three) (?:days?|weeks?)",
        "這次 這單 這批 這一批 這回 這一單 明天 今天 今晚 後天 臨時 一次性 送過來 寄過來 送到 先借 先發 試用",
        extra="(?:下?週|下?周|星期|禮拜)[一二三四五六日天](?:之前|以前|前)|[一兩两三幾几]個?(?:禮拜|星期)",
    ),
    _table(
        CueKind.ONE_PERSON,
        WANT,
        1.5,
        r"i (?:like|prefer|want|personally)|i'd like|i would like|personally|so i can|"
        r"(?:my|our|the) (?:boss|manager|director|ceo|gm|chairman|owner) (?:likes|wants|prefers|would like)|"
        r"(?:we|i)'d like",
        "我喜歡 我個人 我比較喜歡 我想要 我要 方便我",
        extra="(?:老闆|領導|主管|經理|總經理|董事長|老總)(?:喜歡|想要|要|偏好|比較喜歡)",
    ),
    _table(
        CueKind.PRICE_CONCESSION,
        WANT,
        2.0,
        r"\d+ ?% off|percent off|discount|for free|free|throw in|cheaper|"
        r"(?:drop|cut|lower|reduce|knock) (?:the|your) price|price (?:down|by)|\d+ ?% (?:lower|cheaper)",
        "打折 折扣 便宜點 便宜一點 免費 多送 優惠 讓利 免掉 免運費 包郵 運費 減免 降價 送我們",
        extra=r"打?个?(?:[一二三四五六七八九]|\d)折(?!扣)",
    ),
)

# Said in passing, these deny a problem: "no problem", 沒問題. Blanked before the cues are looked for.
NOT_A_PROBLEM = re.compile(
    r"\bno (?:problems?|issues?|complaints?)\b|\bnot (?:a|an) (?:problem|issue)\b|"
    + _zh("沒問題 沒有問題 沒什麼問題 不是問題 沒事")
)
