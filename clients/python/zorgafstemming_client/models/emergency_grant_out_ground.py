from enum import StrEnum


class EmergencyGrantOutGround(StrEnum):
    COURT_ORDER = "court_order"
    OTHER = "other"
    RISK_TO_CHILD = "risk_to_child"

    def __str__(self) -> str:
        return str(self.value)
