"""Data-subject requests (GDPR art. 15-21) and their statutory deadlines (art. 12(3))."""
