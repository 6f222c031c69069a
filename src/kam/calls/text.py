"""Text handling: Traditional/Simplified table, tokens, sentences, language and topic terms."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from kam.domain.calls import Language

# Characters written differently in Traditional and Simplified Chinese, as Traditional→Simplified pairs.
# Our own list, chosen for sales talk; used to detect the script and to write keywords once for both.
_PAIRS = (
    "們们 這这 價价 麼么 說说 個个 報报 錢钱 嗎吗 會会 來来 時时 對对 後后 過过 還还 從从 開开 關关 "
    "問问 題题 體体 點点 頭头 務务 業业 實实 現现 產产 發发 經经 購购 買买 賣卖 貨货 單单 機机 電电 "
    "話话 應应 該该 請请 謝谢 讓让 員员 條条 據据 級级 統统 幾几 樣样 長长 間间 區区 導导 種种 為为 "
    "見见 覺觉 讀读 寫写 學学 習习 給给 設设 計计 額额 費费 預预 決决 戶户 滿满 難难 煩烦 擔担 慮虑 "
    "響响 損损 幫帮 減减 節节 約约 優优 萬万 億亿 兩两 塊块 噸吨 夠够 備备 術术 維维 護护 質质 廠厂 "
    "鋼钢 鐵铁 網网 絡络 軟软 線线 終终 號号 碼码 庫库 運运 輸输 轉转 換换 環环 聯联 東东 風风 險险 "
    "驗验 證证 書书 詳详 細细 紹绍 歡欢 專专 門门 與与 於于 準准 確确 壞坏 壓压 態态 況况 狀状 處处 "
    "標标 競竞 爭争 選选 擇择 項项 隊队 組组 織织 負负 責责 議议 遲迟 錯错 誤误 歷历 紀纪 錄录 數数 "
    "啟启 動动 試试 廣广 場场 齊齐 雙双 沒没 結结 訴诉 勢势 規规 總总 幣币 談谈 視视 續续 繼继 雲云 "
    "歸归 圍围 擾扰 範范 麗丽 傳传 統统 麥麦 盤盘 剛刚 讓让 稱称 氣气 貴贵 熱热 覽览 臺台 裡里 係系"
)
_T2S: dict[str, str] = {}
for _pair in _PAIRS.split():
    _T2S[_pair[0]] = _pair[1]
_T2S_TABLE = str.maketrans(_T2S)
# Simplified forms that also occur in Traditional text do not count as evidence of Simplified.
_SHARED = set("系里台周范干后只")
HANT_ONLY = frozenset(_T2S) - _SHARED
HANS_ONLY = frozenset(_T2S.values()) - _SHARED - frozenset(_T2S)

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{CJK}]|[A-Za-z0-9]+(?:[.,'’][A-Za-z0-9]+)*")
_CJK_RE = re.compile(rf"[{CJK}]")
_HANT_RE = re.compile("[" + "".join(sorted(HANT_ONLY)) + "]")
_HANS_RE = re.compile("[" + "".join(sorted(HANS_ONLY)) + "]")
# Sentence ends: CJK and Latin end marks (a '.' only before space or end, so 3.5 stays whole), line breaks.
_SENT_END_RE = re.compile(
    r"(?:[。！？!?；;…]+|\.(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bvs\.)(?<!\betc\.)(?<!\bNo\.)(?=\s|$))"
    r"[」』”\"')）]*\s*|\n+"
)
_CJK_SPACE_RE = re.compile(rf"([{CJK}])\s+(?=[{CJK}])")
_PUNCT_RE = re.compile(r"[.,!?;:。，！？；：、]")
# Unpunctuated English (ASR output) is cut before a clause that opens a question.
_ASR_LEAD = ("so", "and", "okay", "ok", "right", "alright", "great", "well", "also", "now")
_ASR_QUESTION_START_RE = re.compile(
    "".join(rf"(?<!\b{w})" for w in _ASR_LEAD)
    + rf"\s(?=(?:(?:{'|'.join(_ASR_LEAD)})\s+)*(?:(?:what|how|why|when|where|who|which)\s+(?:is|are|do|does|"
    r"did|would|will|can|kind|type|many|much|long|often|happens|made|makes)\b|tell me\b|walk me through\b)|"
    rf"(?:{'|'.join(_ASR_LEAD)})\s+(?:do|does|did|are|is|can|could|would|have|has)\s+"
    r"(?:you|your|we|they|it|there|that)\b)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[a-z]{4,}")
_EN_STOP = frozenset(
    [
        "that",
        "this",
        "what",
        "with",
        "from",
        "have",
        "your",
        "about",
        "they",
        "them",
        "then",
        "there",
        "their",
        "would",
        "could",
        "should",
        "which",
        "when",
        "where",
        "does",
        "were",
        "been",
        "being",
        "into",
        "just",
        "like",
        "know",
        "think",
        "really",
        "very",
        "much",
        "many",
        "some",
        "more",
        "most",
        "also",
        "well",
        "yeah",
        "okay",
        "right",
        "sure",
        "because",
        "reason",
        "mean",
        "said",
        "tell",
        "things",
        "thing",
        "make",
        "made",
        "does",
        "doing",
        "done",
    ]
)
_ZH_FUNCTION = set(
    "的了是在我你他她它們们这這那個个有没沒不也就都和與与吗嗎呢吧啊呀么麼什為为怎樣样会會要能可以到說说"
)


def words(spaced: str) -> list[str]:
    """The words of a space-separated list (keeps long keyword tables readable)."""
    return spaced.split()


def to_simplified(text: str) -> str:
    """Map the Traditional characters of our table to Simplified; other characters stay."""
    return text.translate(_T2S_TABLE)


def both_scripts(words: str | Iterable[str]) -> list[str]:
    """Each word (a list or one spaced string) in both scripts, without duplicates, longest first."""
    if isinstance(words, str):
        words = words.split()
    out = {w for word in words for w in (word, to_simplified(word))}
    return sorted(out, key=lambda w: (-len(w), w))


def alternation(words: str | Iterable[str]) -> str:
    """A regex alternation of escaped words in both scripts, longest first."""
    return "|".join(re.escape(w) for w in both_scripts(words))


def count_tokens(text: str) -> int:
    """Tokens: each Chinese character and each Latin word (or number) is one."""
    return len(_TOKEN_RE.findall(text))


def token_counts(text: str) -> tuple[int, int]:
    """(Chinese characters, Latin words and numbers) in the text."""
    total = len(_TOKEN_RE.findall(text))
    cjk = len(_CJK_RE.findall(text))
    return cjk, total - cjk


def speech_seconds(text: str, latin_word_s: float, cjk_char_s: float) -> float:
    """Estimated speaking time for a file without timestamps."""
    cjk, latin = token_counts(text)
    return cjk * cjk_char_s + latin * latin_word_s


def _cjk_break(m: re.Match[str]) -> str:
    return m.group(1) + "\n"


def split_sentences(text: str) -> list[str]:
    """Sentences of a turn, end marks kept; unpunctuated ASR text is cut at phrase breaks."""
    text = text.strip()
    if " " in text:
        text = _CJK_SPACE_RE.sub(_cjk_break, text)
    if len(text) > 40 and not _PUNCT_RE.search(text):
        text = _ASR_QUESTION_START_RE.sub("\n", text)
    out: list[str] = []
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        piece = text[pos : m.end()].strip()
        if piece:
            out.append(piece)
        pos = m.end()
    rest = text[pos:].strip()
    if rest:
        out.append(rest)
    return out


def detect_language(text: str, mixed_share: float, tokens: int | None = None) -> Language:
    """en, zh-Hant, zh-Hans or mixed: mixed when the minority language or script has ≥ mixed_share."""
    cjk = len(_CJK_RE.findall(text))
    latin = (count_tokens(text) if tokens is None else tokens) - cjk
    if cjk + latin == 0 or cjk == 0:
        return Language.EN
    if min(cjk, latin) / (cjk + latin) >= mixed_share:
        return Language.MIXED
    if latin > cjk:
        return Language.EN
    hant = len(_HANT_RE.findall(text))
    hans = len(_HANS_RE.findall(text))
    if hant + hans and min(hant, hans) / (hant + hans) >= mixed_share:
        return Language.MIXED
    return Language.ZH_HANS if hans > hant else Language.ZH_HANT


def topic_terms(text: str) -> set[str]:
    """Content terms for topic continuity: Latin words of 4+ letters and Chinese character bigrams."""
    lower = text.lower()
    terms = {w for w in _WORD_RE.findall(lower) if w not in _EN_STOP}
    han = [c for c in to_simplified(lower) if _CJK_RE.match(c)]
    for a, b in itertools.pairwise(han):
        if a not in _ZH_FUNCTION and b not in _ZH_FUNCTION:
            terms.add(a + b)
    return terms


_LATIN_RE = re.compile(r"[a-z]", re.IGNORECASE)


class Lexicon:
    """English and Chinese patterns searched apart: an ASCII sentence only needs the English one, a
    sentence without Latin letters only the Chinese one, and two small regexes beat one that mixes
    word-boundary groups with hundreds of Chinese words (several times over, on every sentence)."""

    def __init__(self, en: str, zh: str) -> None:
        self.en = re.compile(en)
        self.zh = re.compile(zh)

    def finditer(self, s: str) -> list[re.Match[str]]:
        """Every match in `s`, English and Chinese, in order of position."""
        if s.isascii():
            return list(self.en.finditer(s))
        found = list(self.zh.finditer(s))
        if _LATIN_RE.search(s):
            found = sorted([*found, *self.en.finditer(s)], key=lambda m: m.start())
        return found

    def search(self, s: str) -> re.Match[str] | None:
        """The first match in `s`."""
        if s.isascii():
            return self.en.search(s)
        zh = self.zh.search(s)
        en = self.en.search(s) if _LATIN_RE.search(s) else None
        if zh is None or en is None:
            return zh or en
        return zh if zh.start() <= en.start() else en
