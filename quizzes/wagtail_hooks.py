from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .services import MARK_ACTION


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
