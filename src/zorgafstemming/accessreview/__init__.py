"""Access review: a monthly, seeded sample of reads that the readers' coordinators attest, and
rules that flag unusual reading for the data protection officer."""
