from enum import StrEnum


class AuditBundleFormat(StrEnum):
    ZORGAFSTEMMING_AUDIT_BUNDLE1 = "zorgafstemming-audit-bundle/1"

    def __str__(self) -> str:
        return str(self.value)
