from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from . import reports
from .models import Question, Quiz
from .services import MARK_ACTION
from .viewsets import QuizzesViewSetGroup, deletion_refusals, refusal_response

register_snippet(QuizzesViewSetGroup)


@hooks.register("before_delete_snippet")
def refuse_deleting_what_is_in_use(request, instances):
    """A quiz people have taken, or a question a quiz uses, is not deleted:
    the editor sees why and what to do instead (single and bulk delete)."""
    if not instances or not isinstance(instances[0], (Quiz, Question)):
        return None
    refusals = deletion_refusals(instances)
    if refusals:
        return refusal_response(request, refusals)
    return None


@hooks.register("register_log_actions")
def register_marking_log_action(actions):
    @actions.register_action(MARK_ACTION)
    class MarkAnswer(LogFormatter):
        label = _("Mark a quiz answer")

        def format_message(self, log_entry):
            data = log_entry.data
            before = data.get("points_before")
            return _("Question %(position)s marked: %(before)s → %(after)s points. %(reason)s") % {
                "position": data.get("position"),
                "before": "—" if before is None else before,
                "after": data.get("points_after"),
                "reason": data.get("reason", ""),
            }


@hooks.register("register_admin_urls")
def register_quiz_report_urls():
    return reports.admin_urls()


@hooks.register("register_reports_menu_item")
def register_quiz_results_menu_item():
    return reports.report_menu_item()


@hooks.register("insert_global_admin_css")
def quiz_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/quiz-admin.css"))
