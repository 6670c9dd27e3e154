from enum import StrEnum


class LegalHoldInReasonCode(StrEnum):
    DATA_SUBJECT_REQUEST = "data_subject_request"
    INTERNAL_INVESTIGATION = "internal_investigation"
    LITIGATION = "litigation"
    OTHER = "other"
    POLICE_OR_JUDICIAL_REQUEST = "police_or_judicial_request"
    REGULATOR_INQUIRY = "regulator_inquiry"

    def __str__(self) -> str:
        return str(self.value)
