"""Mail sent by tasks: one retry policy for every mail of the Loket.

A mail task is found by an outbox sweeper (loket/outbox.py), locks and marks its row in the transaction that sends,
so it sends once; when the mail server refuses or is away (an SMTP error, a refused connection) the transaction
rolls back and the task is tried again with backoff (30 s doubling up to an hour, jitter, 10 tries), within a
bounded time per try.
"""

import smtplib

from celery import shared_task

SMTP_FOUTEN = (smtplib.SMTPException, OSError)


def mail_taak(func):
    """Decorator: a Celery task that sends mail (bound: the task is its first argument)."""
    return shared_task(
        bind=True,
        autoretry_for=SMTP_FOUTEN,
        retry_backoff=30,
        retry_backoff_max=3600,
        retry_jitter=True,
        max_retries=10,
        soft_time_limit=120,
        time_limit=150,
    )(func)
