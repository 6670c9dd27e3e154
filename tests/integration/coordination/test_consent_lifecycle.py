"""A Hypothesis stateful test of the consent life cycle against a model of who may read.

Steps: give (record, with the signed form) consent naming some organisations (the recording
organisation among them), renew and withdraw (by an organisation the consent names), let time
pass (expiry), add a participant, close (by the lead), read. The model says who may read, who
leads, and when the file is closed; the service, through its real transactions and Cedar, must
agree at every step.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.factories import TestAccount, create_account, create_organisation
from tests.factories.assignments import assign
from tests.factories.coordination import in_unit_of_work
from tests.factories.evidence import staged_scan
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.config import Settings
from zorgafstemming.coordination.rules import MemberRole
from zorgafstemming.coordination.schemas import (
    ConsentIn,
    FileConsentIn,
    FileCreate,
    MemberIn,
    RenewIn,
)
from zorgafstemming.coordination.service import consents, file_opening, files, participants
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.problems import ProblemError
from zorgafstemming.runtime import Runtime

ORGS = 3
T = TypeVar("T")


@dataclass(frozen=True)
class ModelConsent:
    recipients: frozenset[int]
    until: datetime
    withdrawn: bool = False

    def active(self, now: datetime) -> bool:
        return not self.withdrawn and now < self.until


@dataclass(frozen=True)
class Refused:
    """The service refused a step: the problem's slug."""

    slug: str


class Runner:
    """Runs coroutines on one event loop, owned by the state machine (Hypothesis is sync)."""

    def __init__(self) -> None:
        self.runner = asyncio.Runner()

    def __call__(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.runner.run(coro)

    def attempt(self, coro: Coroutine[Any, Any, T]) -> T | Refused:
        """The result on success, :class:`Refused` when the service refuses."""
        try:
            return self.runner.run(coro)
        except ProblemError as exc:
            return Refused(exc.slug)

    def close(self) -> None:
        self.runner.close()


def make_machine(app_settings: Settings) -> type[RuleBasedStateMachine]:
    class ConsentLifecycle(RuleBasedStateMachine):
        consents = Bundle("consents")

        def __init__(self) -> None:
            super().__init__()
            self.run = Runner()
            self.runtime = self.run(self._build())
            self.now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
            self.runtime.clock = lambda: self.now
            self.orgs: list[uuid.UUID] = []
            self.workers: list[Principal] = []
            self.accounts: list[TestAccount] = []
            self.model: dict[uuid.UUID, ModelConsent] = {}
            self.participants: list[int] = []
            self.lead = 0
            self.closed = False

        async def _build(self) -> Runtime:
            return Runtime.build(app_settings)

        def teardown(self) -> None:
            self.run(self.runtime.close())
            self.run.close()

        def ctx(self, i: int) -> AuditContext:
            return AuditContext(
                actor_id=self.workers[i].account_id,
                actor_org_id=self.orgs[i],
                actor_role="social_worker",
            )

        # -- the model -------------------------------------------------------------------

        def has_consent(self, org: int) -> bool:
            return any(c.active(self.now) and org in c.recipients for c in self.model.values())

        def settle_model(self) -> None:
            """What the service does at read time: close, or pass the lead on."""
            if self.closed:
                return
            if not any(c.active(self.now) for c in self.model.values()):
                self.closed = True
                return
            if not self.has_consent(self.lead):
                # The lead passes to the first participant that still has consent, or the
                # file closes (a consent naming only outsiders keeps nobody in charge).
                heirs = [o for o in self.participants if self.has_consent(o)]
                if heirs:
                    self.lead = heirs[0]
                else:
                    self.closed = True

        # -- steps -----------------------------------------------------------------------

        @initialize(target=consents)
        def open_file(self) -> uuid.UUID:
            async def setup() -> None:
                for _ in range(ORGS):
                    org = await create_organisation(self.runtime)
                    account = await create_account(
                        self.runtime, Role.SOCIAL_WORKER, organisation_id=org
                    )
                    self.orgs.append(org)
                    self.workers.append(account.principal())
                    self.accounts.append(account)

            self.run(setup())
            scan = self.run(staged_scan(self.runtime, self.workers[0]))
            body = FileCreate(
                members=[
                    MemberIn(
                        ref="p",
                        role=MemberRole.PARENT,
                        given_name="An",
                        family_name="Model",
                        birth_date=date(1980, 5, 1),
                    )
                ],
                consents=[
                    FileConsentIn(
                        given_by="p",
                        members=["p"],
                        recipients=[self.orgs[0]],
                        purposes=["care_coordination"],
                        categories=["identity"],
                        notice_version="1",
                        valid_until=self.now + timedelta(days=20),
                        evidence_id=scan,
                    )
                ],
            )
            view = self.run(
                in_unit_of_work(
                    self.runtime, file_opening.open_file, self.workers[0], self.ctx(0), body
                )
            )
            self.file_id = view.id
            # Each organisation's worker is assigned to the file (by their coordinator): the
            # model is about consent and participation, which the service checks besides.
            for account in self.accounts[1:]:
                self.run(assign(self.runtime, view.id, account))
            self.member_id = view.members[0].id
            self.participants = [0]
            consent_id = view.consents[0].id
            self.model[consent_id] = ModelConsent(frozenset({0}), self.now + timedelta(days=20))
            return consent_id

        @rule(
            target=consents,
            recipients=st.sets(st.integers(0, ORGS - 1), min_size=1),
            days=st.integers(1, 40),
            by=st.integers(0, ORGS - 1),
        )
        def give(self, recipients: set[int], days: int, by: int) -> uuid.UUID | None:
            self.settle_model()
            # With the scan of the signed form: in force at once.
            scan = self.run(staged_scan(self.runtime, self.workers[by]))
            data = ConsentIn(
                given_by=self.member_id,
                members=[self.member_id],
                recipients=[self.orgs[i] for i in sorted(recipients)],
                purposes=["care_coordination"],
                categories=["identity"],
                notice_version="1",
                valid_until=self.now + timedelta(days=days),
                evidence_id=scan,
            )
            # A worker records only a consent that names its own organisation.
            expect_ok = (
                not self.closed
                and by in self.participants
                and self.has_consent(by)
                and by in recipients
            )
            view = self.run.attempt(
                in_unit_of_work(
                    self.runtime,
                    consents.record_consent,
                    self.workers[by],
                    self.ctx(by),
                    self.file_id,
                    data,
                )
            )
            if isinstance(view, Refused):
                assert not expect_ok, f"give refused: {view.slug}"
                return None
            assert expect_ok, "give accepted"
            self.model[view.id] = ModelConsent(
                frozenset(recipients), self.now + timedelta(days=days)
            )
            return view.id

        @rule(consent=consents, days=st.integers(1, 60))
        def renew(self, consent: uuid.UUID | None, days: int) -> None:
            if consent is None:
                return
            self.settle_model()
            current = self.model[consent]
            by = self.lead
            until = self.now + timedelta(days=days)
            # A renewal extends: a new end before the current one is refused.
            expect_ok = (
                not self.closed
                and current.active(self.now)
                and self.has_consent(by)
                and by in current.recipients
                and until > current.until
            )
            outcome = self.run.attempt(
                in_unit_of_work(
                    self.runtime,
                    consents.renew_consent,
                    self.workers[by],
                    self.ctx(by),
                    self.file_id,
                    consent,
                    RenewIn(valid_until=until),
                )
            )
            if isinstance(outcome, Refused):
                assert not expect_ok, f"renew refused: {outcome.slug}"
                return
            assert expect_ok, "renew accepted"
            self.model[consent] = replace(current, until=until)

        @rule(consent=consents)
        def withdraw(self, consent: uuid.UUID | None) -> None:
            if consent is None:
                return
            self.settle_model()
            current = self.model[consent]
            by = self.lead
            expect_ok = not self.closed and current.active(self.now) and by in current.recipients
            outcome = self.run.attempt(
                in_unit_of_work(
                    self.runtime,
                    consents.withdraw_consent,
                    self.workers[by],
                    self.ctx(by),
                    self.file_id,
                    consent,
                )
            )
            if isinstance(outcome, Refused):
                assert not expect_ok, f"withdraw refused: {outcome.slug}"
                return
            assert expect_ok, "withdraw accepted"
            self.model[consent] = replace(current, withdrawn=True)
            self.settle_model()

        @rule(by=st.integers(0, ORGS - 1))
        def close(self, by: int) -> None:
            """The lead closes the file; after that nobody on staff reads it (the invariant)."""
            self.settle_model()
            expect_ok = not self.closed and by == self.lead and self.has_consent(by)
            outcome = self.run.attempt(
                in_unit_of_work(
                    self.runtime, files.close_file, self.workers[by], self.ctx(by), self.file_id
                )
            )
            if isinstance(outcome, Refused):
                assert not expect_ok, f"close refused: {outcome.slug}"
                return
            assert expect_ok, f"org {by} closed the file"
            self.closed = True

        @rule(days=st.integers(1, 30))
        def time_passes(self, days: int) -> None:
            self.now += timedelta(days=days)

        @rule(org=st.integers(0, ORGS - 1))
        def add_participant(self, org: int) -> None:
            self.settle_model()
            by = self.lead
            expect_ok = not self.closed and org not in self.participants and self.has_consent(org)
            outcome = self.run.attempt(
                in_unit_of_work(
                    self.runtime,
                    participants.add_participant,
                    self.workers[by],
                    self.ctx(by),
                    self.file_id,
                    self.orgs[org],
                )
            )
            if isinstance(outcome, Refused):
                assert not expect_ok, f"add participant refused: {outcome.slug}"
                return
            assert expect_ok, "add participant accepted"
            self.participants.append(org)

        @precondition(lambda self: bool(self.orgs))
        @invariant()
        def everyone_reads_exactly_what_the_model_allows(self) -> None:
            self.settle_model()
            for org in range(ORGS):
                may = not self.closed and org in self.participants and self.has_consent(org)
                view = self.run.attempt(
                    in_unit_of_work(
                        self.runtime,
                        files.read_file,
                        self.workers[org],
                        self.ctx(org),
                        self.file_id,
                    )
                )
                if isinstance(view, Refused):
                    assert not may, f"org {org} refused ({view.slug})"
                    continue
                assert may, f"org {org} read the file"
                assert view.lead_organisation_id == self.orgs[self.lead]
                assert view.members[0].given_name == "An"

    return ConsentLifecycle


@pytest.mark.slow
def test_consent_life_cycle_matches_the_model(app_settings: Settings) -> None:
    machine = make_machine(app_settings)
    run_state_machine_as_test(
        machine, settings=settings(max_examples=12, stateful_step_count=12, deadline=None)
    )
