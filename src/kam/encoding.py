"""Decode the text files Chinese ERPs and meeting tools export: UTF-8 (with or without BOM), GB18030, Big5.

UTF-8 is tried first because it is strict: real GB18030 or Big5 text almost never decodes as UTF-8.
Between GB18030 and Big5, both of which may decode the same bytes, the decoding whose characters are
more often common Chinese characters (a list of our own, in both scripts) wins; a wrong guess decodes
into rare characters or undecodable bytes. Shared by the transaction readers and the call coach.
"""

from __future__ import annotations

from dataclasses import dataclass

# Frequent characters of everyday and business Chinese, Traditional and Simplified forms together.
_COMMON = frozenset(
    "的一是不了在人有我他這这個个們们中來来上大為为和國国地到以說说時时要就出會会可也你對对生能而子那得於"
    "于下自之年過过發发後后作裡里用道行所然家種种事成方多經经麼么去法學学如都同現现當当沒没動动起看定天分"
    "還还進进好小部其些主樣样理心她本前開开但因只從从想實实日軍军者意無无力它與与長长把機机十民第公此已工"
    "使情明性知全三又關关點点正業业外將将兩两高間间由問问很最重並并物手應应戰战向頭头文體体政美相見见被利"
    "什二等產产或新己制身果加西斯月話话合回特代內内信表化老給给世位次度門门任常先海通教兒儿原東东聲声提立"
    "及比員员解水名真論论處处走義义各入幾几口認认條条平系氣气題题活爾尔更別别打女變变四神總总何電电數数安"
    "少報报才結结反受目太量再感建務务做接必場场件計计管期市直德資资命山金指克許许統统區区保至價价格錢钱客"
    "戶户服品質质供商單单買买賣卖貨货款付購购約约噸吨萬万元塊块交需求案司謝谢請请面著着社形線线黨党程展五"
    "料象革式設设基邊边流路級级圖图較较組组角根運运農农九強强放決决幹干則则取據据府研號号額额銷销售訂订千"
    "百億亿嗎吗呢吧您"
)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def _legacy_chinese(data: bytes) -> DecodedText:
    """The better of GB18030 and Big5 (HKSCS): more common characters, fewer undecodable bytes."""
    best: tuple[float, DecodedText] | None = None
    for codec, name in (("gb18030", "gb18030"), ("big5hkscs", "big5")):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        common = sum(1 for ch in text if ch in _COMMON)
        han = sum(1 for ch in text if ch >= "\u3400")
        score = (common - 5 * bad) / max(han, 1)
        if bad == 0 and han == 0:
            score = 1.0
        if best is None or score > best[0]:
            best = (score, DecodedText(text, name))
    assert best is not None
    if best[0] <= 0 or "\ufffd" in best[1].text:
        raise UnicodeError("not valid UTF-8, UTF-16, GB18030 or Big5 text")
    return best[1]


def decode_bytes(data: bytes) -> DecodedText:
    """Decode `data`: UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 or Big5.

    Raises UnicodeError when none of them fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return DecodedText(data[3:].decode("utf-8"), "utf-8-sig")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise UnicodeError("broken UTF-16 text") from exc
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return _legacy_chinese(data)


def _plain(ch: str) -> bool:
    """ASCII text, a common Chinese character or CJK punctuation: what a right UTF-16 reading yields."""
    return " " <= ch <= "~" or ch in "\t\n\r" or ch in _COMMON or "\u3000" <= ch <= "\u303f" or ch >= "\uff00"


def decode_utf16_without_bom(data: bytes) -> DecodedText | None:
    """UTF-16 text saved without a byte-order mark, or None when `data` does not look like it.

    Only bytes with NULs are considered: text in the other encodings has none, while every ASCII
    character (names, digits, colons, line breaks) in UTF-16 has one. Of the little- and big-endian
    readings, the one with more plain characters (ASCII, common Chinese, CJK punctuation) wins; a wrong
    reading swaps each byte pair into rare characters. The winner must be at least half plain.
    """
    if len(data) < 2 or len(data) % 2 or b"\x00" not in data:
        return None
    best: tuple[int, DecodedText] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        plain = sum(1 for ch in text if _plain(ch))
        if best is None or plain > best[0]:
            best = (plain, DecodedText(text, codec))
    if best is None or 2 * best[0] < len(best[1].text):
        return None
    return best[1]
