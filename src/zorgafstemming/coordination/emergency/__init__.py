"""Emergency access ("break the glass"): a worker's time-limited read access to one file under a
stated legal ground, alerted to the DPO at once, reviewed by the DPO, disclosed to the family."""
