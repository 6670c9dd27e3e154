"""Outbound mail: a transactional outbox written with the change that causes a mail, and the
sender that delivers it."""
