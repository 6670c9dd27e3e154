from enum import StrEnum


class AuditBundleScope(StrEnum):
    LOG = "log"
    SELECTION = "selection"

    def __str__(self) -> str:
        return str(self.value)
