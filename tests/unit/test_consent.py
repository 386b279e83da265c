"""The consent rule (connections/consent.py), case by case: whose consent is needed at what age,
the latest entry winning, two holders of parental responsibility, a legal basis, a withdrawal
pausing family finding, and the entries' own validation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from connections.consent import (
    ConsentRecord,
    Purpose,
    check_entry,
    check_finding_stage,
    consent_state,
    consent_states,
    family_finding_paused,
    finding_stage_errors,
    parse_entry,
)
from connections.model import FindingStatus, InvalidInput
from tests import factories
from tests.consents import entry

AS_OF = date(2026, 11, 22)
CHILD = date(2012, 5, 1)  # 14 on AS_OF
ADULT = date(2007, 1, 1)  # 19 on AS_OF
FF = Purpose.FAMILY_FINDING


def yp(decision: str = "given", day: str = "2026-03-01", purpose: str = "family_finding"):
    return entry(purpose, "young_person", decision, day)


def pr(
    name: str, decision: str = "given", day: str = "2026-03-02", purpose: str = "family_finding"
):
    return entry(purpose, "parental_responsibility", decision, day, holder_name=name)


def basis(decision: str = "given", day: str = "2026-03-03", purpose: str = "family_finding"):
    reason = "Public task: Children Act 1989 s.22(3)"
    return entry(purpose, "legal_basis", decision, day, legal_basis=reason)


def state(entries, born=CHILD, purpose=FF, as_of=AS_OF):
    return consent_state(entries, born, purpose, as_of)


# --- nothing recorded --------------------------------------------------------------------------


def test_nothing_recorded_is_not_asked_and_pauses_family_finding() -> None:
    for purpose, current in consent_states([], CHILD, AS_OF).items():
        assert (current.in_place, current.status) == (False, "Not asked"), purpose
    assert family_finding_paused([], CHILD, AS_OF) == (
        "Family finding is paused: nothing has been recorded about consent to family finding."
    )


# --- from 18: the young person's alone ---------------------------------------------------------


def test_an_adult_young_persons_consent_is_enough_whatever_anyone_else_said() -> None:
    ledger = [yp(), pr("Dan Example", "refused"), basis("withdrawn")]
    current = state(ledger, born=ADULT)
    assert current.in_place and current.status == "In place"
    assert family_finding_paused(ledger, ADULT, AS_OF) is None


def test_an_adult_who_refuses_or_withdraws_has_no_consent_in_place() -> None:
    assert state([yp("refused")], born=ADULT).status == "Refused"
    withdrawn = state([yp(), yp("withdrawn", day="2026-09-01")], born=ADULT)
    assert (withdrawn.in_place, withdrawn.status) == (False, "Withdrawn")
    assert "The young person withdrew consent on 2026-09-01." in withdrawn.reasons
    # Even with a legal basis and every holder's consent: from 18 it is theirs alone.
    assert not state([yp("refused"), basis(), pr("Dan Example")], born=ADULT).in_place


def test_the_18th_birthday_is_when_the_young_persons_consent_alone_is_enough() -> None:
    birthday = date(2008, 11, 22)
    ledger = [yp(), pr("Dan Example", "refused")]
    day_before = state(ledger, born=birthday, as_of=AS_OF - timedelta(days=1))
    assert (day_before.in_place, day_before.status) == (False, "Refused")
    on_the_day = state(ledger, born=birthday, as_of=AS_OF)
    assert on_the_day.in_place


# --- under 18 -----------------------------------------------------------------------------------


def test_under_18_the_young_persons_agreement_alone_is_not_enough() -> None:
    current = state([yp()])
    assert not current.in_place
    assert current.status == "Waiting for a holder of parental responsibility or a legal basis"
    assert family_finding_paused([yp()], CHILD, AS_OF) == (
        "Family finding is paused: no holder of parental responsibility has given consent and "
        "no legal basis is recorded."
    )


def test_under_18_the_holders_consent_without_the_young_persons_agreement_is_not_enough() -> None:
    current = state([pr("Dan Example"), basis()])
    assert (current.in_place, current.status) == (False, "Waiting for the young person")
    assert "The young person's agreement has not been recorded." in current.reasons


def test_under_18_every_named_holder_must_consent() -> None:
    both = [yp(), pr("Dan Example"), pr("Mia Example", day="2026-03-05")]
    current = state(both)
    assert current.in_place
    assert "Dan Example (parental responsibility) gave consent on 2026-03-02." in current.reasons
    assert current.reasons[0] == (
        "The young person agreed on 2026-03-01 (the worker's judgement: understands what they "
        "agree to)."
    )


def test_a_holder_named_for_another_purpose_is_waited_for() -> None:
    ledger = [yp(), pr("Dan Example"), pr("Mia Example", purpose="conference_sharing")]
    current = state(ledger)
    assert (current.in_place, current.status) == (
        False,
        "Waiting for Mia Example (parental responsibility)",
    )
    # And for the conference, Dan and the young person are waited for.
    conference = state(ledger, purpose=Purpose.CONFERENCE_SHARING)
    assert conference.status == (
        "Waiting for the young person and Dan Example (parental responsibility)"
    )


def test_one_of_two_holders_withdrawing_pauses_family_finding() -> None:
    ledger = [
        yp(),
        pr("Dan Example"),
        pr("Mia Example"),
        pr("Dan Example", "withdrawn", day="2026-10-02"),
    ]
    current = state(ledger)
    assert (current.in_place, current.status) == (False, "Withdrawn")
    assert family_finding_paused(ledger, CHILD, AS_OF) == (
        "Family finding is paused: Dan Example (parental responsibility) withdrew consent on "
        "2026-10-02."
    )
    # Before the withdrawal it was in place.
    assert family_finding_paused(ledger, CHILD, date(2026, 10, 1)) is None


def test_holders_are_the_same_person_whatever_the_case_or_spacing() -> None:
    ledger = [yp(), pr("Dan Example"), pr("  dan   EXAMPLE ", "withdrawn", day="2026-10-02")]
    assert state(ledger).status == "Withdrawn"


def test_a_legal_basis_stands_in_for_the_holders() -> None:
    ledger = [yp(), pr("Dan Example", "refused"), basis()]
    current = state(ledger)
    assert current.in_place
    assert (
        "Legal basis recorded on 2026-03-03: Public task: Children Act 1989 s.22(3)."
        in current.reasons
    )


def test_a_withdrawn_legal_basis_leaves_the_holders_to_decide() -> None:
    withdrawn = [yp(), pr("Dan Example", "refused"), basis(), basis("withdrawn", day="2026-09-09")]
    current = state(withdrawn)
    assert (current.in_place, current.status) == (False, "Withdrawn")
    assert set(current.reasons) >= {
        "Dan Example (parental responsibility) refused consent on 2026-03-02.",
        "The legal basis (Public task: Children Act 1989 s.22(3)) was withdrawn on 2026-09-09.",
    }
    # With every holder's consent, the withdrawn basis no longer matters.
    assert state([*withdrawn, pr("Dan Example", day="2026-10-10")]).in_place


def test_a_refusal_reads_as_refused() -> None:
    current = state([yp("refused"), basis()])
    assert (current.in_place, current.status) == (False, "Refused")
    assert "The young person refused consent on 2026-03-01." in current.reasons


# --- which entry counts ---------------------------------------------------------------------------


def test_the_latest_by_date_wins_not_the_latest_recorded() -> None:
    # A refusal dated earlier but recorded later does not undo a later consent.
    ledger = [yp("given", day="2026-05-01"), basis(), yp("refused", day="2026-04-01")]
    assert state(ledger).in_place


def test_of_two_entries_on_one_date_the_one_recorded_later_wins() -> None:
    assert not state(
        [yp("given", day="2026-05-01"), yp("withdrawn", day="2026-05-01"), basis()]
    ).in_place
    assert state(
        [yp("withdrawn", day="2026-05-01"), yp("given", day="2026-05-01"), basis()]
    ).in_place


def test_entries_after_the_report_date_do_not_count_yet() -> None:
    ledger = [yp(day="2026-12-01"), basis()]
    assert not state(ledger).in_place
    assert state(ledger, as_of=date(2026, 12, 1)).in_place


def test_purposes_are_separate() -> None:
    ledger = [yp(), basis()]
    states = consent_states(ledger, CHILD, AS_OF)
    assert states[FF].in_place
    assert [p for p, s in states.items() if s.in_place] == [FF]


def test_records_from_the_store_are_read_as_their_entries() -> None:
    from datetime import UTC, datetime

    records = [ConsentRecord(e, "cora", datetime(2026, 3, 1, tzinfo=UTC)) for e in (yp(), basis())]
    assert state(records).in_place


# --- pausing the finding stages -------------------------------------------------------------------

PAUSED = family_finding_paused([yp(), pr("Dan Example", "withdrawn")], CHILD, AS_OF)


@pytest.mark.parametrize("after", ["located", "contacted", "engaged", "committed"])
def test_while_paused_no_stage_past_identified(after: str) -> None:
    assert PAUSED is not None
    error = check_finding_stage(FindingStatus.IDENTIFIED, FindingStatus(after), PAUSED)
    assert error is not None and error.path == "finding_status"
    assert "Dan Example (parental responsibility) withdrew consent" in error.message
    # Not paused: any move is allowed.
    assert check_finding_stage(FindingStatus.IDENTIFIED, FindingStatus(after), None) is None


@pytest.mark.parametrize("after", [None, "identified", "declined", "ruled_out"])
def test_while_paused_identified_declined_ruled_out_and_none_stay_allowed(
    after: str | None,
) -> None:
    stage = FindingStatus(after) if after else None
    assert check_finding_stage(FindingStatus.LOCATED, stage, PAUSED) is None


def test_an_unchanged_stage_is_not_a_move() -> None:
    assert check_finding_stage(FindingStatus.ENGAGED, FindingStatus.ENGAGED, PAUSED) is None


def test_a_whole_network_is_checked_against_what_was_stored() -> None:
    after = [
        factories.relationship("p-1", finding_status="contacted"),  # moved: refused
        factories.relationship("p-2", finding_status="engaged"),  # unchanged
        factories.relationship("p-3", finding_status="located"),  # new at located: refused
        factories.relationship("p-4", finding_status="ruled_out"),
    ]
    before = {"p-1": FindingStatus.IDENTIFIED, "p-2": FindingStatus.ENGAGED, "p-4": None}
    errors = finding_stage_errors(before, after, PAUSED)
    assert [error.path for error in errors] == [
        "relationships[0].finding_status",
        "relationships[2].finding_status",
    ]
    assert finding_stage_errors(before, after, None) == []


# --- an entry's own rules -------------------------------------------------------------------------

VALID = {
    "id": "ce-1",
    "purpose": "family_finding",
    "party": "young_person",
    "decision": "given",
    "date": "2026-03-01",
    "how": "in_person",
    "understanding": "understands",
}


@pytest.mark.parametrize(
    ("changes", "paths"),
    [
        ({"purpose": "gossip"}, ["purpose"]),
        ({"decision": "maybe"}, ["decision"]),
        ({"how": "carrier_pigeon"}, ["how"]),
        ({"date": "2026-02-30"}, ["date"]),
        ({"date": "1999-12-31"}, ["date"]),
        ({"date": (date.today() + timedelta(days=1)).isoformat()}, ["date"]),
        ({"id": "no spaces"}, ["id"]),
        ({"mood": "fine"}, ["mood"]),
        ({"note": "x" * 5001}, ["note"]),
        ({"party": "parental_responsibility"}, ["holder_name", "understanding"]),
        ({"party": "legal_basis", "understanding": None}, ["legal_basis"]),
        (
            {
                "party": "legal_basis",
                "understanding": None,
                "legal_basis": "x",
                "decision": "refused",
            },
            ["decision"],
        ),
        ({"holder_name": "Dan Example"}, ["holder_name"]),
        ({"legal_basis": "Public task"}, ["legal_basis"]),
    ],
)
def test_bad_entries_name_the_field(changes: dict, paths: list[str]) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_entry({**VALID, **changes})
    assert [error.path for error in raised.value.errors] == paths


def test_a_valid_entry_of_each_party() -> None:
    assert parse_entry(VALID).understanding is not None
    holder = parse_entry(
        {**VALID, "party": "parental_responsibility", "understanding": None, "holder_name": " Dan "}
    )
    assert holder.holder_name == "Dan"
    assert (
        parse_entry(
            {**VALID, "party": "legal_basis", "understanding": None, "legal_basis": "Public task"}
        ).legal_basis
        == "Public task"
    )


def test_under_18_the_young_persons_own_entry_records_their_understanding() -> None:
    without = parse_entry({**VALID, "understanding": None})
    with pytest.raises(InvalidInput) as raised:
        check_entry(without, CHILD)
    assert [error.path for error in raised.value.errors] == ["understanding"]
    check_entry(without, ADULT)  # an adult's own entry needs no judgement
    # Under 18 on the entry's date is what matters, not today.
    turned_18 = date(2008, 2, 1)
    check_entry(without, turned_18)  # 18 on 2026-03-01
    with pytest.raises(InvalidInput):
        check_entry(without.model_copy(update={"date": date(2026, 1, 31)}), turned_18)


def test_an_entry_is_not_dated_before_birth_or_after_the_apps_today() -> None:
    entry_ = parse_entry(VALID)
    with pytest.raises(InvalidInput) as raised:
        check_entry(entry_, date(2026, 6, 1))
    assert [error.path for error in raised.value.errors] == ["date"]
    with pytest.raises(InvalidInput) as raised:
        check_entry(entry_, CHILD, today=date(2026, 2, 1))
    assert [error.path for error in raised.value.errors] == ["date"]
    check_entry(entry_, CHILD, today=date(2026, 3, 1))


def test_a_legal_basis_typed_with_its_own_full_stop_reads_as_one_sentence() -> None:
    basis = parse_entry(
        {
            "id": "c-basis",
            "purpose": "family_finding",
            "party": "legal_basis",
            "decision": "given",
            "date": "2026-03-01",
            "how": "in_person",
            "legal_basis": "Public task: Children Act 1989 s.22(3).",
        }
    )
    state = consent_state([basis], date(2012, 1, 1), Purpose.FAMILY_FINDING, date(2026, 5, 1))
    expected = "Legal basis recorded on 2026-03-01: Public task: Children Act 1989 s.22(3)."
    assert state.reasons[0] == expected
