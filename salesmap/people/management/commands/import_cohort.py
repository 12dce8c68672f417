from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from salesmap.people import cohort


class Command(BaseCommand):
    help = (
        "Invite a cohort from a CSV file with the columns name, email, role, level, "
        "manager, start_date (and optionally language). Every line is checked first; "
        "if any is wrong nothing is imported. People already in the Sales Map are "
        "matched by e-mail and updated, so running the same file twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and show what would change, without saving anything.",
        )
        parser.add_argument(
            "--no-invitations",
            action="store_true",
            help="Do not e-mail new people an invitation to set their password.",
        )

    def handle(self, *args, file, dry_run, no_invitations, **options):
        try:
            text = cohort.decode_csv(file.read_bytes())
        except OSError as exc:
            message = _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc}
            raise CommandError(message) from exc
        except cohort.CohortFileError as exc:
            raise CommandError(str(exc)) from exc

        result = cohort.import_cohort(
            text=text, dry_run=dry_run, invited_by=None, send_invitations=not no_invitations
        )
        if not result.ok:
            problems = "\n".join(f"  {error}" for error in result.errors)
            raise CommandError(
                _("Nothing was imported. Fix the file and run the command again:") + "\n" + problems
            )

        for row in result.rows:
            self.stdout.write(
                f"{_('Line %(line)s') % {'line': row.line}}: {row.action_label} "
                f"{row.name} <{row.email}>"
            )
            for change in row.changes:
                old = f"{change.old} → " if change.old else ""
                self.stdout.write(f"    {change.label}: {old}{change.new}")
        summary = _("New: %(created)d. Updated: %(updated)d. Unchanged: %(unchanged)d.") % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was saved.") + " " + summary))
            return
        self.stdout.write(self.style.SUCCESS(summary))
        if result.invitations:
            self.stdout.write(_("Invitations e-mailed: %(count)d.") % {"count": result.invitations})
