import re
from datetime import date as date_type

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from salesmap.review import digests as digests_module


def _person(recipient):
    return f"{recipient} ({recipient.username})"


class Command(BaseCommand):
    help = (
        "E-mail each manager the weekly digest of their team and each person the "
        "reminders of their plan items due soon or overdue, in their language, unless "
        "they turned e-mails off. Meant for cron (daily): a digest goes out once per ISO "
        "week and reminders once per day, so running it again sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--digests", action="store_true", help="Send the managers' weekly digests."
        )
        parser.add_argument(
            "--reminders", action="store_true", help="Send the reminders of items due."
        )
        parser.add_argument(
            "--date",
            help="Act as if today were this day (YYYY-MM-DD). Default: today.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show who would get what, without sending or recording anything.",
        )

    def handle(self, *args, digests, reminders, date, dry_run, **options):
        today = self._day(date)
        if not digests and not reminders:
            digests = reminders = True
        # Each batch of e-mails is recorded in its own transaction (see
        # salesmap.review.digests), so one refused address holds back nobody.
        outcomes = digests_module.run(today, digests=digests, reminders=reminders, dry_run=dry_run)
        failed = 0
        for outcome in outcomes:
            self._report(outcome)
            failed += len(outcome.failed)
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was sent or recorded.")))
        if failed:
            raise CommandError(
                ngettext(
                    "%(count)d e-mail could not be sent; the next run tries it again.",
                    "%(count)d e-mails could not be sent; the next run tries them again.",
                    failed,
                )
                % {"count": failed}
            )

    def _day(self, value):
        if value is None:
            return timezone.localdate()
        error = _("Invalid --date %(value)r: use YYYY-MM-DD, e.g. 2026-11-23.") % {"value": value}
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise CommandError(error)
        try:
            return date_type.fromisoformat(value)
        except ValueError as exc:
            raise CommandError(error) from exc

    def _report(self, outcome):
        is_digest = outcome.kind == digests_module.DIGEST
        label = _("digest") if is_digest else _("reminder")
        for recipient in outcome.sent:
            if outcome.dry_run:
                line = _("Would send %(kind)s to %(person)s <%(email)s>")
            else:
                line = _("Sent %(kind)s to %(person)s <%(email)s>")
            self.stdout.write(
                line % {"kind": label, "person": _person(recipient), "email": recipient.email}
            )
        for recipient in outcome.no_address:
            self.stdout.write(
                self.style.WARNING(
                    _("No e-mail address for %(person)s: %(kind)s not sent")
                    % {"kind": label, "person": _person(recipient)}
                )
            )
        for recipient, error in outcome.failed:
            self.stderr.write(
                _("Could not send %(kind)s to %(person)s <%(email)s>: %(error)s")
                % {
                    "kind": label,
                    "person": _person(recipient),
                    "email": recipient.email,
                    "error": error,
                }
            )
        if outcome.dry_run:
            summary = _(
                "dry run: would send %(sent)d, skipped opted-out %(opted_out)d, "
                "no address %(no_address)d, already sent %(already)d, failed %(failed)d"
            )
        else:
            summary = _(
                "sent %(sent)d, skipped opted-out %(opted_out)d, no address %(no_address)d, "
                "already sent %(already)d, failed %(failed)d"
            )
        summary %= {
            "sent": len(outcome.sent),
            "opted_out": len(outcome.opted_out),
            "no_address": len(outcome.no_address),
            "already": len(outcome.already_sent),
            "failed": len(outcome.failed),
        }
        heading = _("Digests") if is_digest else _("Reminders")
        style = self.style.ERROR if outcome.failed else self.style.SUCCESS
        self.stdout.write(style(f"{heading} ({outcome.period}): {summary}."))
