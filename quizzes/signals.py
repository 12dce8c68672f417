"""Signals other apps may listen to, so that the engine never imports them."""

from django.dispatch import Signal

# Sent with ``attempt=`` when an attempt becomes graded (on submit, at the
# deadline, or when the last essay is marked), inside the grading transaction:
# a receiver's writes commit or roll back with the grade.
attempt_graded = Signal()
