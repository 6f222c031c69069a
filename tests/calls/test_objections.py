"""Objections in a customer's words: each kind firing, and look-alikes that must not fire, in three scripts."""

from __future__ import annotations

import pytest

from kam.calls.objections import ObjectionKind, objection_kind

Q, NEED, BUDGET, PRICE, TIMING = (
    ObjectionKind.STATUS_QUO,
    ObjectionKind.NO_NEED,
    ObjectionKind.BUDGET,
    ObjectionKind.PRICE,
    ObjectionKind.TIMING,
)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        pytest.param("我們暫時沒有換的打算。", Q, id="zh-Hant no plan to change"),
        pytest.param("我們跟現在的供應商合作得很好。", Q, id="zh-Hant we work well with our supplier"),
        pytest.param("我们现在的供应商合作了很多年，暂时没有换的打算。", Q, id="zh-Hans no plan to change"),
        pytest.param("我们已经有供应商了。", Q, id="zh-Hans we already have a supplier"),
        pytest.param("We are happy with our supplier.", Q, id="en happy with our supplier"),
        pytest.param("We're really satisfied with our current vendor", Q, id="en satisfied, unpunctuated"),
        pytest.param("We're not looking to switch right now.", Q, id="en not looking to switch"),
        pytest.param("我們不需要這個功能。", NEED, id="zh-Hant no need"),
        pytest.param("这个我们用不上。", NEED, id="zh-Hans no use"),
        pytest.param("We don't need another system.", NEED, id="en no need"),
        pytest.param("今年沒有預算。", BUDGET, id="zh-Hant no budget"),
        pytest.param("预算已经用完了。", BUDGET, id="zh-Hans budget used up"),
        pytest.param("That's not in the budget this year.", BUDGET, id="en not in the budget"),
        pytest.param("你們太貴了。", PRICE, id="zh-Hant too expensive"),
        pytest.param("价格太高了，别家更便宜。", PRICE, id="zh-Hans price too high"),
        pytest.param("Honestly, it's too expensive for us.", PRICE, id="en too expensive"),
        pytest.param("明年再說吧。", TIMING, id="zh-Hant next year"),
        pytest.param("现在不是时候。", TIMING, id="zh-Hans not the time"),
        pytest.param("It's not a priority for us.", TIMING, id="en not a priority"),
    ],
)
def test_objections_are_found_with_their_kind(sentence: str, kind: ObjectionKind) -> None:
    assert objection_kind(sentence) is kind


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("我們跟現在的供應商合作得不太好。", id="zh-Hant working badly is a problem"),
        pytest.param(
            "现在的供应商是北方一家大厂，品质还可以，就是交期不太稳定。",
            id="zh-Hans a supplier with a problem",
        ),
        pytest.param("不是太貴，但交期要穩。", id="zh-Hant not too expensive"),
        pytest.param("老實說，我們更在意的是穩定，價格倒是其次。", id="zh-Hant price is secondary"),
        pytest.param("We are not happy with our supplier.", id="en not happy"),
        pytest.param("It is not too expensive.", id="en not too expensive"),
        pytest.param("We need stable delivery.", id="en a need"),
        pytest.param("", id="empty"),
    ],
)
def test_look_alikes_are_not_objections(sentence: str) -> None:
    assert objection_kind(sentence) is None
