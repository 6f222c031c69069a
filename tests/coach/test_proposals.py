"""From a call to its account, the pure part: which customer sentences are candidate needs, and which
speaker labels name which stakeholder."""

from __future__ import annotations

import pytest

from kam.coach.proposals import Person, Said, candidate_needs, customer_sentences, match_speakers, names_match
from kam.domain.needs import NeedKind

WANG = Person("1", "王大明", "經理")
AMY = Person("2", "Amy Chen")


@pytest.mark.parametrize(
    ("speaker", "person", "matches"),
    [
        ("王大明", WANG, True),
        ("王大明 ", WANG, True),  # spacing
        ("王大明", Person("1", "王大明", None or ""), True),
        ("王经理", WANG, True),  # surname and title, in Simplified
        ("王經理", WANG, True),
        ("李經理", WANG, False),  # another surname
        ("王工", WANG, False),  # another title
        ("王", WANG, False),
        ("Amy", AMY, True),  # a Latin first name
        ("amy chen", AMY, True),
        ("Amy Lin", AMY, False),  # both give a family name, and they differ
        ("Bob", AMY, False),
        ("", AMY, False),
    ],
)
def test_a_speaker_label_names_a_stakeholder(speaker: str, person: Person, matches: bool) -> None:
    assert names_match(speaker, person) is matches


def test_a_label_that_names_two_stakeholders_is_left_for_the_salesperson() -> None:
    twins = [Person("1", "Amy Chen"), Person("2", "Amy Wu"), WANG]
    assert [(m.speaker, m.person.id) for m in match_speakers(["Amy", "王經理", "王經理"], twins)] == [
        ("王經理", "1")
    ]


@pytest.mark.parametrize(
    ("sentence", "proposed", "kind"),
    [
        ("我們的設備經常停機。", True, NeedKind.NEED),  # a problem
        ("我们的目标是降低能耗。", True, NeedKind.NEED),  # a goal, Simplified
        ("Our terminals keep failing every week.", True, NeedKind.NEED),
        ("The machine is not secure, just add a lock on the side.", True, None),  # a problem, and a want
        ("裝置的側邊開一個小槽就好了。", False, None),  # a want only
        ("好的，謝謝。", False, None),
        ("No problem, that works.", False, None),  # no problem is not a problem
    ],
)
def test_a_customer_sentence_is_a_candidate_need_when_it_states_a_problem_or_a_goal(
    sentence: str, proposed: bool, kind: NeedKind | None
) -> None:
    found = candidate_needs([Said("王經理", sentence, 2, 5.0)])
    assert [c.said.text for c in found] == ([sentence] if proposed else [])
    if kind is not None:
        assert found[0].verdict.kind is kind


def test_a_statement_said_twice_is_proposed_once_at_its_first_place() -> None:
    said = [Said("王經理", "停機太多了。", 2, 3.0), Said("王經理", "停機太多了。", 6, 30.0)]
    assert [(c.said.sentence, c.said.at_s) for c in candidate_needs(said)] == [(2, 3.0)]


def test_the_customer_sentences_keep_their_place_in_the_call() -> None:
    transcript = (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Amy>How are things going?\n\n"
        b"00:00:05.000 --> 00:00:09.000\n<v Wang>It breaks down. Every week.\n"
    )
    said = customer_sentences(transcript, "call.vtt", ["Amy"])
    assert [(s.speaker, s.text, s.sentence) for s in said] == [
        ("Wang", "It breaks down.", 2),
        ("Wang", "Every week.", 3),
    ]
    assert said[0].at_s == 5.0 and 5.0 < said[1].at_s < 9.0
