from enum import StrEnum


class ErasureInReason(StrEnum):
    CONSENT_WITHDRAWN = "consent_withdrawn"
    LEGAL_CLAIMS = "legal_claims"
    LEGAL_OBLIGATION = "legal_obligation"
    NO_LONGER_NEEDED = "no_longer_needed"
    OBJECTION = "objection"
    OTHER = "other"
    PUBLIC_INTEREST = "public_interest"
    UNLAWFUL_PROCESSING = "unlawful_processing"

    def __str__(self) -> str:
        return str(self.value)
