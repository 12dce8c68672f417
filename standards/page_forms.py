"""Admin forms of Sales Map pages (imported by page models, so they import no models)."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from standards.conf import role_page_choices


def page_owner_choices():
    """People who may own a Sales Map page: active users who can enter the admin."""
    access_admin = Q(codename="access_admin", content_type__app_label="wagtailadmin")
    admin_permission = Permission.objects.filter(access_admin)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=admin_permission)
            | Q(user_permissions__in=admin_permission)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class SalesMapPageForm(WagtailAdminPageForm):
    """Owner choices limited to editors; a new page is owned by its author."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields.get("content_owner")
        if owner is not None:
            owner.required = True
            owner.queryset = page_owner_choices()
            owner.label_from_instance = lambda user: user.get_full_name() or user.get_username()
            author = self.for_user
            is_new = self.instance._state.adding and not self.initial.get("content_owner")
            if is_new and author is not None and author.is_authenticated:
                self.initial["content_owner"] = author.pk


class AcknowledgeablePageForm(SalesMapPageForm):
    """Adds the change note of this edit, recorded with the revision it is saved in."""

    change_note = forms.CharField(
        label=_("What changed"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Readers who confirmed an earlier version see this note. "
            "Leave empty for a change nobody needs to hear about."
        ),
    )
    requires_reacknowledgement = forms.BooleanField(
        label=_("Readers must re-acknowledge"),
        required=False,
        help_text=_(
            "Tick for a change of substance: earlier confirmations stop counting once this "
            "version is published. A typo fix needs no tick."
        ),
    )
    reacknowledgement_roles = forms.ModelMultipleChoiceField(
        label=_("Roles that must re-acknowledge"),
        queryset=Page.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only these roles are asked to read it again. None ticked: everyone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reacknowledgement_roles"].queryset = Page.objects.filter(
            **role_page_choices()
        ).order_by("path")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reacknowledgement_roles") and not cleaned.get("requires_reacknowledgement"):
            self.add_error(
                "reacknowledgement_roles",
                _("Tick “Readers must re-acknowledge” to ask these roles to read it again."),
            )
        if cleaned.get("requires_reacknowledgement") and not cleaned.get("change_note"):
            self.add_error(
                "change_note",
                _("Say what changed: readers asked to re-acknowledge see this note."),
            )
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=commit)
        # Picked up by the after_create_page / after_edit_page hooks, which know
        # the revision this form was saved into.
        page._pending_change = {
            "note": self.cleaned_data.get("change_note", "").strip(),
            "requires_reacknowledgement": bool(self.cleaned_data.get("requires_reacknowledgement")),
            "roles": list(self.cleaned_data.get("reacknowledgement_roles") or []),
        }
        return page


class FunnelStagePageForm(AcknowledgeablePageForm):
    """Allowed next stages are chosen among the other stages of the same funnel."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("next_stages")
        if field is None:
            return
        parent = self.parent_page or (
            None if self.instance._state.adding else self.instance.get_parent()
        )
        stage_model = type(self.instance)
        siblings = stage_model.objects.none()
        if parent is not None:
            siblings = stage_model.objects.child_of(parent)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
        field.queryset = siblings.order_by("path")

    def clean_next_stages(self):
        stages = self.cleaned_data.get("next_stages")
        if stages and self.instance.pk and any(stage.pk == self.instance.pk for stage in stages):
            raise forms.ValidationError(_("A stage cannot be its own next stage."))
        return stages

    def clean(self):
        cleaned = super().clean()
        days = cleaned.get("recommended_days")
        if days is None and cleaned.get("manager_alert_after_days") is not None:
            self.add_error(
                "manager_alert_after_days",
                _("Set the recommended days in stage first: the alert counts from them."),
            )
        return cleaned
