"""The data protection officer's review of consents that partners' workers recorded."""
