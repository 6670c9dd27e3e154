from enum import StrEnum


class AuditBundleFormat(StrEnum):
    ZORGAFSTEMMING_AUDIT_BUNDLE1 = "zorgafstemming-audit-bundle/1"
    ZORGAFSTEMMING_AUDIT_BUNDLE2 = "zorgafstemming-audit-bundle/2"

    def __str__(self) -> str:
        return str(self.value)
