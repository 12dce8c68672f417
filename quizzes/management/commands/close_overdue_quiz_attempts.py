from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from quizzes import services


class Command(BaseCommand):
    help = (
        "Close and grade every quiz attempt left open past its time limit, on what was "
        "answered. Meant for cron (e.g. every five minutes); safe to run twice."
    )

    def handle(self, *args, **options):
        # Each attempt is closed in its own transaction by the service, so one
        # failure does not hold back the others.
        closed = services.close_overdue_attempts()
        self.stdout.write(
            ngettext(
                "Closed %(count)d overdue quiz attempt.",
                "Closed %(count)d overdue quiz attempts.",
                closed,
            )
            % {"count": closed}
        )
