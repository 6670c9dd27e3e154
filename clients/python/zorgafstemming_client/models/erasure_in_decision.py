from enum import StrEnum


class ErasureInDecision(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"

    def __str__(self) -> str:
        return str(self.value)
