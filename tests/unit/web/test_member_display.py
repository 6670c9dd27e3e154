"""How members are named and what the withheld banner says on the worker's file page."""

from __future__ import annotations

import uuid

from zorgafstemming.coordination.schemas import MemberView
from zorgafstemming.web.member_display import HIDDEN_MEMBER, member_names, withheld_lines


def _member(role: str, withheld: list[str], **fields: str) -> MemberView:
    return MemberView(
        id=uuid.uuid4(), visible=True, role=role, withheld_categories=withheld, **fields
    )


def test_a_member_whose_name_is_withheld_is_called_by_dutch_role() -> None:
    parent = _member("parent", ["identity"], address="Kerkstraat 1")
    youth = _member("youth", ["identity"])
    hidden = MemberView(id=uuid.uuid4(), visible=False)
    names = member_names([parent, youth, hidden])
    assert names[parent.id] == "Ouder (naam afgeschermd)"
    assert names[youth.id] == "Jongere (12+) (naam afgeschermd)"
    assert names[hidden.id] == HIDDEN_MEMBER


def test_the_banner_names_only_what_is_withheld_and_for_whom() -> None:
    parent = _member("parent", [], given_name="Els", family_name="Peeters")
    child = _member("child", ["contact"], given_name="Mila", family_name="Peeters")
    members = [parent, child, MemberView(id=uuid.uuid4(), visible=False)]
    lines = withheld_lines(members, member_names(members))
    # The parent's contact details are shown: the banner never says contact details are
    # withheld without saying whose.
    assert lines == ["Contactgegevens van Mila Peeters", "alle gegevens van 1 gezinslid"]


def test_the_banner_says_all_when_a_category_is_withheld_for_everyone_shown() -> None:
    a = _member("parent", ["contact"], given_name="Els", family_name="Peeters")
    b = _member("child", ["contact"], given_name="Mila", family_name="Peeters")
    assert withheld_lines([a, b], member_names([a, b])) == [
        "Contactgegevens van alle gezinsleden die u ziet"
    ]
    assert withheld_lines([], {}) == []
