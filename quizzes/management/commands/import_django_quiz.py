from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quizzes import importers


class Command(BaseCommand):
    help = (
        "Import the categories, questions and quizzes of a django-quiz-app site from its "
        "dumpdata JSON file. The whole file is checked first; if anything is wrong nothing "
        "is imported. Safe to run twice: what was imported before is found, not created again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The JSON file written by dumpdata.")

    def handle(self, *args, file, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            message = _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
            raise CommandError(message) from error
        try:
            report = importers.import_django_quiz(text)
        except importers.DumpError as error:
            raise CommandError(str(error)) from error
        self.write_report(report)

    def write_report(self, report):
        created, existing = report.created, report.existing
        lines = [
            _("Categories: %(created)d created, %(existing)d already present.")
            % {"created": created["categories"], "existing": existing["categories"]},
            _("Sub-categories: %(created)d created, %(existing)d already present.")
            % {"created": created["sub_categories"], "existing": existing["sub_categories"]},
            _(
                "Questions: %(created)d created (with %(choices)d choices), "
                "%(existing)d already present."
            )
            % {
                "created": created["questions"],
                "choices": created["choices"],
                "existing": existing["questions"],
            },
            _(
                "Quizzes: %(created)d created (published: %(published)d, drafts: %(drafts)d), "
                "%(existing)d already present and left as they are."
            )
            % {
                "created": created["quizzes"],
                "published": report.published,
                "drafts": report.drafts,
                "existing": existing["quizzes"],
            },
        ]
        for line in lines:
            self.stdout.write(line)
        if report.several_correct:
            self.stdout.write(
                ngettext(
                    "%(count)d multiple-choice question has several correct answers: it now "
                    "asks for all of them (all or nothing).",
                    "%(count)d multiple-choice questions have several correct answers: they now "
                    "ask for all of them (all or nothing).",
                    report.several_correct,
                )
                % {"count": report.several_correct}
            )
        if report.figures:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Figures are not imported (the dump holds only file names). Add the "
                        "images in the question bank for the questions with these old pks: "
                        "%(pks)s."
                    )
                    % {"pks": ", ".join(str(pk) for pk in report.figures)}
                )
            )
        if report.ignored:
            self.stdout.write(
                _("Left out (not quiz content): %(models)s.")
                % {
                    "models": ", ".join(
                        f"{model} × {count}" for model, count in sorted(report.ignored.items())
                    )
                }
            )
        self.stdout.write(self.style.SUCCESS(_("Import finished.")))
