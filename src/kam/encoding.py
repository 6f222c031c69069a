"""Decode the text files Chinese ERPs and meeting tools export: UTF-8 (with or without BOM), GB18030, Big5.

UTF-8 is tried first because it is strict: real GB18030 or Big5 text almost never decodes as UTF-8.
Between GB18030 and Big5, both of which may decode the same bytes, the decoding whose characters are
more often common Chinese characters (a short list of our own, in both scripts) wins.
"""

from __future__ import annotations

from dataclasses import dataclass

# Frequent characters of everyday and business Chinese, Traditional and Simplified forms together.
_COMMON = frozenset(
    "的一是在不了有和人這这中大為为上個个國国我以要他時时來来用們们生到作地於于出就分對对成會会可主發发年動动"
    "同工也能下過过子說说產产種种面而方後后多定行學学法所民得經经十三之進进著着等部度家電电力裡里如水化高自"
    "二理起小物現现實实加量都兩两體体制機机當当使點点從从業业本去把性好應应開开它合還还因由其些然前外天政四日"
    "那社義义事平形相全表間间樣样與与關关各重新線线內内數数正心反你明看原又麼么利比或但質质氣气第向道命此變变"
    "條条只沒没結结解問问意建月公無无系軍军很情者最立代想已通並并提直題题黨党程展五果料象員员革位入常文總总次"
    "品式活設设及管特件長长求老頭头基資资邊边流路級级少圖图山統统接知較较將将組组見见計计別别她手角期根論论運运"
    "農农指幾几九區区強强放決决西被幹干做必戰战先回則则任取據据處处理府研質客戶户價价格單单號号金額额銷销售貨货"
    "噸吨訂订合同款付元萬万千百億亿謝谢請请嗎吗呢吧您好"
)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def _common_share(text: str) -> float:
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(ch in _COMMON for ch in cjk) / len(cjk)


def decode_bytes(data: bytes, sample_size: int = 65536) -> DecodedText:
    """Decode `data`, choosing among UTF-8 (BOM or not), GB18030 and Big5; raise UnicodeError if none fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return DecodedText(data[3:].decode("utf-8"), "utf-8-sig")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:sample_size]
    scored: list[tuple[float, str]] = []
    for encoding in ("gb18030", "big5"):
        try:
            text = sample.decode(encoding, errors="strict" if len(data) <= sample_size else "ignore")
        except UnicodeDecodeError:
            continue
        scored.append((_common_share(text), encoding))
    for _score, encoding in sorted(scored, key=lambda pair: -pair[0]):
        try:
            return DecodedText(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeError("not valid UTF-8, GB18030 or Big5 text")
