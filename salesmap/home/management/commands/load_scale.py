import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from salesmap.demo.people import DEMO_PASSWORD
from salesmap.demo.scale.loader import ScaleError, load_scale
from salesmap.demo.scale.tree import FIXED_LOGINS, MIN_PEOPLE


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date as YYYY-MM-DD (got {value!r}).") from None


class Command(BaseCommand):
    help = (
        "Generate a sales department at scale for benchmarks, on top of the demo "
        "(load_demo runs first): N people in a reporting tree (a head of sales, managers "
        "with 5-12 direct reports, two manager layers below the head from about 160 "
        "people, three from about 1,900, fewer at small N; a few Sales Ops outside the "
        "tree), L lessons in courses of 6-10, Q quizzes of 10-30 questions (one per "
        "lesson for the first Q lessons, extras stand alone), the onboarding plans "
        "extended to 15-40 items, and D days of learning, quiz, evaluation, sign-off "
        "and acknowledgement history. Deterministic for a seed and --today. Runs once "
        "per database: use a fresh one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=500, help=f"People (N, {MIN_PEOPLE}-20000)."
        )
        parser.add_argument("--lessons", type=int, default=80, help="Lessons (L, 1-500).")
        parser.add_argument("--quizzes", type=int, default=40, help="Quizzes (Q, 0-500).")
        parser.add_argument("--days", type=int, default=120, help="Days of history (D, 1-730).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help="Password of every scale login (default: the demo password).",
        )
        parser.add_argument(
            "--today",
            type=str,
            default=None,
            help="The day the history ends, YYYY-MM-DD (default: today).",
        )

    def handle(self, *args, **options):
        today = _date(options["today"]) if options["today"] else timezone.localdate()
        if not options["password"]:
            raise CommandError("--password must not be empty.")
        try:
            result = load_scale(
                people_count=options["people"],
                lessons=options["lessons"],
                quizzes=options["quizzes"],
                days=options["days"],
                seed=options["seed"],
                password=options["password"],
                today=today,
            )
        except ScaleError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Scale data ready in {result.seconds:.1f} s "
            f"({options['people']} people, {result.active_people} with learning history)."
        )
        for label in sorted(result.counts):
            self.stdout.write(f"  {label:<32} {result.counts[label]:>9}")
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(f"Scale logins (password: {options['password']})")
        )
        for username, what in FIXED_LOGINS:
            self.stdout.write(f"  {username:<14} {what}")
        self.stdout.write("")
