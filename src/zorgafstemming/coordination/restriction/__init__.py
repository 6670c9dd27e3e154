"""The data subject's rights on a file beyond consent: restriction of processing (GDPR art. 18)
and objection to processing under a statutory basis (GDPR art. 21)."""
