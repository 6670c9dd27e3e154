"""Coordination services, one module per use case: each public function takes the request's
unit of work, checks consent, reads or writes, and records exactly one audit event per file it
touches — allowed or denied.

The access rule: a staff member acts on a file only when their organisation is a participant,
a consent in force names that organisation for the action's purpose and the data category and
members at hand, and they are assigned to the file (``assignments``). The consent facts, with
the assignment, come from ONE query inside the same transaction that reads the data
(:func:`facts.load_facts`), so a withdrawal or an unassignment that has committed is seen by
every later request; the decision itself is Cedar's (``runtime.authz.decide``), whose policy id goes
into the audit event. Expiry, a 12th birthday and the file closing when no valid consent remains
are decided at read time (:func:`gate.settle`), never by a job.
"""
