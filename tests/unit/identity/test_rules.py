"""Pure identity rules: passwords, TOTP steps, emails, account shapes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pyotp

from zorgafstemming.identity import passwords, rules, totp
from zorgafstemming.identity.principal import Role

NOW = datetime(2026, 11, 26, 12, 0, 10, tzinfo=UTC)


def test_password_rules() -> None:
    assert passwords.password_problem("kort-wachtw") is not None  # 11 characters
    assert passwords.password_problem("x" * 129) is not None
    assert passwords.password_problem("wachtwoord123") == "is too common"
    assert passwords.password_problem("Wachtwoord1234!") == "is too common"
    assert passwords.password_problem("aaaaaaaaaaaaaaaa") == "is too common"
    assert passwords.password_problem("qwertyuiopasdf") is not None
    # No composition rules: a long lower-case passphrase is fine.
    assert passwords.password_problem("stille rivier bij het kompas") is None
    assert "wachtwoord123" in passwords.common_passwords()


def test_totp_accepts_one_step_of_drift_and_never_a_spent_step() -> None:
    secret = pyotp.random_base32()
    step = int(NOW.timestamp()) // 30
    now_code = totp.code_at(secret, NOW)
    assert totp.matching_step(secret, now_code, NOW, None) == step
    late = totp.code_at(secret, NOW - timedelta(seconds=30))
    early = totp.code_at(secret, NOW + timedelta(seconds=30))
    assert totp.matching_step(secret, late, NOW, None) == step - 1
    assert totp.matching_step(secret, early, NOW, None) == step + 1
    too_old = totp.code_at(secret, NOW - timedelta(seconds=90))
    if too_old not in (now_code, late, early):
        assert totp.matching_step(secret, too_old, NOW, None) is None
    # Spent: the same or an earlier step is refused.
    assert totp.matching_step(secret, now_code, NOW, step) is None
    assert totp.matching_step(secret, late, NOW, step) is None
    assert totp.matching_step(secret, early, NOW, step) == step + 1
    for bad in ("", "12345", "1234567", "abcdef", "١٢٣٤٥٦"):
        assert totp.matching_step(secret, bad, NOW, None) is None


def test_enrolment_uri_names_the_issuer_not_the_person() -> None:
    uri = totp.provisioning_uri(pyotp.random_base32(), "account-0190a1b2")
    assert uri.startswith("otpauth://totp/zorgafstemming:account-0190a1b2?")
    assert "issuer=zorgafstemming" in uri
    assert totp.qr_svg(uri).startswith("<svg")


def test_email_normalisation() -> None:
    assert rules.normalise_email("  An.Peeters@CAW.Example ") == "an.peeters@caw.example"
    for bad in ("", "geen-email", "a@b", "a b@c.de", "a@@b.de", "x" * 250 + "@a.be"):
        assert rules.normalise_email(bad) is None


def test_account_shapes() -> None:
    org = uuid.uuid4()
    assert rules.account_shape_problem(Role.SOCIAL_WORKER, org, True) is None
    assert rules.account_shape_problem(Role.SOCIAL_WORKER, None, True) is not None
    assert rules.account_shape_problem(Role.ADMIN, org, True) is not None
    assert rules.account_shape_problem(Role.DPO, None, False) is not None
    assert rules.account_shape_problem(Role.FAMILY, None, False) is None


def test_hash_is_argon2id_with_the_required_parameters() -> None:
    stored = passwords.hash_password_sync("stille-rivier-kompas-42")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_in_person_codes_are_typed_forgivingly_but_only_from_their_alphabet() -> None:
    assert rules.normalise_in_person_code("abcde-23456") == "ABCDE23456"
    assert rules.normalise_in_person_code(" ABCDE 23456 ") == "ABCDE23456"
    assert rules.format_in_person_code("ABCDE23456") == "ABCDE-23456"
    # O, 0, I, 1, L and S are left out: they are read wrongly from paper.
    for confusable in ("ABCDO23456", "ABCD023456", "ABCDI23456", "ABCD123456", "ABCDS23456"):
        assert rules.normalise_in_person_code(confusable) is None
    assert rules.normalise_in_person_code("ABCDE2345") is None
    assert rules.normalise_in_person_code("x" * 10_000) is None


def test_mailed_codes_are_eight_digits() -> None:
    assert rules.normalise_email_code("1234 5678") == "12345678"
    assert rules.normalise_email_code("1234567") is None
    full_width = "".join(chr(0xFF10 + int(d)) for d in "12345678")
    assert rules.normalise_email_code(full_width) is None
    assert rules.normalise_email_code("abcdefgh") is None


def test_which_changes_need_a_second_person() -> None:
    assert rules.creation_needs_approval(Role.ADMIN)
    assert rules.creation_needs_approval(Role.DPO)
    assert not rules.creation_needs_approval(Role.SOCIAL_WORKER)
    assert rules.renewal_needs_approval("active")
    assert rules.renewal_needs_approval("disabled")
    assert not rules.renewal_needs_approval("invited")


def test_a_pending_request_expires_after_its_time() -> None:
    expires = NOW + timedelta(days=7)
    assert rules.change_status("pending", expires, NOW) == "pending"
    assert rules.change_status("pending", expires, expires) == "expired"
    assert rules.change_status("approved", expires, expires + timedelta(days=1)) == "approved"


def test_role_changes_keep_accounts_in_shape() -> None:
    org = uuid.uuid4()
    assert rules.role_change_problem(Role.SOCIAL_WORKER, Role.DPO, None, True) is None
    assert rules.role_change_problem(Role.DPO, Role.SOCIAL_WORKER, org, True) is None
    assert rules.role_change_problem(Role.DPO, Role.SOCIAL_WORKER, None, True) == (
        "organisation_id",
        "a social worker belongs to an organisation",
    )
    assert rules.role_change_problem(Role.FAMILY, Role.DPO, None, True) is not None
    assert rules.role_change_problem(Role.ADMIN, Role.FAMILY, None, True) is not None
