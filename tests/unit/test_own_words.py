"""The young person's own words (connections.own_words) and the conference's projection of them
(connections.audiences.conference_words). Pure tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connections import audiences
from connections.invitations import Draft, parse_answers
from connections.model import InvalidInput
from connections.own_words import WORDS_MAX, GivenBy, OwnWords, parse_words

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


@given(text=st.text(max_size=50), share=st.booleans(), by=st.sampled_from(list(GivenBy)))
def test_the_conference_sees_the_words_only_when_the_young_person_chose_to(
    text: str, share: bool, by: GivenBy
) -> None:
    shown = audiences.conference_words(OwnWords(text, share, by, "someone", NOW))
    if share and text.strip():
        assert shown == text
    else:
        assert shown is None


@pytest.mark.parametrize(
    ("form", "worker", "field"),
    [
        ({"own_words": "Hi"}, False, "share_own_words"),
        ({"own_words": "Hi", "share_own_words": "maybe"}, False, "share_own_words"),
        ({"own_words": "x" * (WORDS_MAX + 1), "share_own_words": "no"}, False, "own_words"),
        ({"own_words": "Hi", "share_own_words": "yes"}, True, "said_by_young_person"),
        ({"share_own_words": "yes", "said_by_young_person": "yes"}, True, "own_words"),
    ],
)
def test_bad_words_name_the_field(form: dict[str, str], worker: bool, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_words(form, worker=worker)
    assert field in {e.path for e in error.value.errors}


def test_no_words_is_nothing_to_record_and_a_choice_alone_is_dropped() -> None:
    assert parse_words({}) == ("", None)
    assert parse_words({"share_own_words": "yes"}) == ("", None)
    assert parse_words({"own_words": "  ", "share_own_words": "no"}) == ("", None)


def test_the_invitation_draft_keeps_the_words_and_the_choice() -> None:
    draft = parse_answers({"own_words": "Hello\r\nthere", "share_own_words": "no"}, ["gran"])
    assert (draft.words, draft.share_words) == ("Hello\nthere", False)
    again = Draft.from_json(draft.to_json(), ["gran"])
    assert again == draft
    assert Draft.from_json({"words": 3, "share_words": "yes"}, []) == Draft()
    with pytest.raises(InvalidInput) as error:
        parse_answers({"closeness-0": "9", "own_words": "Hi"}, ["gran"])
    assert {e.path for e in error.value.errors} == {"closeness-0", "share_own_words"}
