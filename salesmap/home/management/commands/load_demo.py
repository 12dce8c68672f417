from django.core.management.base import BaseCommand
from django.db import transaction

from salesmap.demo.funnel import load_funnel
from salesmap.demo.knowledge import load_knowledge
from salesmap.demo.lessons import load_lessons
from salesmap.demo.norms import load_norms
from salesmap.demo.people import DEMO_PASSWORD, demo_people, load_people
from salesmap.demo.plans import load_plans
from salesmap.demo.progress_history import load_progress_history
from salesmap.demo.quizzes import load_quizzes
from salesmap.demo.roles import load_roles, role_pages
from salesmap.demo.scorecards import load_scorecards
from salesmap.demo.upkeep import keep_alive
from salesmap.people import groups
from salesmap.practice.models import Evaluation, Scorecard
from salesmap.progression.models import LevelChange, LevelRequirement
from standards import selectors
from standards.models import NormRule


class Command(BaseCommand):
    help = (
        "Load the demo department and its Sales Map (norms, funnel, knowledge base, roles "
        "and levels with their onboarding plans, onboarding courses, practice scorecards, "
        "and the team's learning and progress history), then print the "
        "demo logins. Safe to run twice: only what is missing "
        "is created, and pages Sales Ops edited are left as they are."
    )

    def handle(self, *args, **options):
        # Order matters: people need the levels, and Sales Map pages are owned by people.
        with transaction.atomic():
            levels, created_role_pages = load_roles()
            logins, people_created = load_people(levels)
            people = demo_people()
            roles = role_pages()
            norms = load_norms(people, roles)
            funnel = load_funnel(people, roles, norms.pages)
            knowledge = load_knowledge(people, funnel.pages)
            load_quizzes(people)
            learning = load_lessons(
                people, roles, {**norms.pages, **funnel.pages, **knowledge.pages}
            )
            sections = [norms, funnel, knowledge, learning.section]
            upkeep = keep_alive(role_pages=created_role_pages, sections=sections, people=people)
            # After the upkeep: the levels are published and owned, and the
            # acknowledgements the plans count are recorded.
            standard_pages = {**norms.pages, **funnel.pages}
            scorecards, _made = load_scorecards(standard_pages)
            load_plans(levels, standard_pages)
            evaluations_created = load_progress_history(people, levels, scorecards, standard_pages)
            progression = _progression_totals(levels, people)
            trust = selectors.trust_score()
            rules = NormRule.objects.filter(page__in=list(norms.pages.values())).count()
        pages_created = len(created_role_pages) + sum(len(s.created) for s in sections)
        self.stdout.write(
            f"Demo content ready: {pages_created} page(s) and {people_created} person(s) created."
        )
        self.stdout.write(
            f"Sales Map: {len(norms.pages)} norms topics ({rules} rules), "
            f"{len(funnel.pages)} funnel stages, {len(knowledge.pages)} knowledge articles, "
            f"{len(levels)} levels."
        )
        self.stdout.write(
            f"Learning: {learning.courses} courses, {learning.lessons} lessons, "
            f"{learning.quizzes} lesson quizzes, {learning.records} learning records "
            f"({learning.records_created} new)."
        )
        self.stdout.write(
            f"Progression: {progression['requirements']} requirements on "
            f"{progression['levels']} levels, {progression['scorecards']} scorecards, "
            f"{progression['evaluations']} evaluations ({evaluations_created} new), "
            f"{progression['level_changes']} level changes."
        )
        self.stdout.write(
            f"Upkeep this run: {upkeep['claimed']} page(s) given an owner, "
            f"{upkeep['verified']} verification(s), {upkeep['acknowledged']} "
            f"acknowledgement(s), {upkeep['suggested']} suggestion(s). "
            f"Trust score: {trust['fresh']} of {trust['total']} page(s) fresh."
        )
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(f"Demo logins (password for all: {DEMO_PASSWORD})")
        )
        for username, group in logins:
            self.stdout.write(f"  {username:<16} {groups.LABELS[group]}")
        self.stdout.write("")


def _progression_totals(levels, people):
    """What the demo levels and people hold on the progression side, for the summary."""
    level_ids = [level.pk for _role, level in levels.values()]
    demo_people = list(people.values())
    requirements = LevelRequirement.objects.filter(level_id__in=level_ids)
    return {
        "requirements": requirements.count(),
        "levels": requirements.values("level_id").distinct().count(),
        "scorecards": Scorecard.objects.count(),
        "evaluations": Evaluation.objects.filter(person__in=demo_people).count(),
        "level_changes": LevelChange.objects.filter(person__in=demo_people).count(),
    }
