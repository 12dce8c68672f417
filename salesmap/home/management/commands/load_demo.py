from django.core.management.base import BaseCommand
from django.db import transaction

from salesmap.demo.people import DEMO_PASSWORD, load_people
from salesmap.demo.roles import load_roles
from salesmap.people import groups


class Command(BaseCommand):
    help = (
        "Load the demo department and Sales Map content, then print the demo logins. "
        "Safe to run twice: only what is missing is created."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            levels, pages_created = load_roles()
            logins, people_created = load_people(levels)
        self.stdout.write(
            f"Demo content ready: {pages_created} page(s) and {people_created} person(s) created."
        )
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(f"Demo logins (password for all: {DEMO_PASSWORD})")
        )
        for username, group in logins:
            self.stdout.write(f"  {username:<16} {groups.LABELS[group]}")
        self.stdout.write("")
