"""A read-only JSON API of the funnel (Wagtail API v2) for the CRM.

Only the live funnel and its live stages are served: any other page is
neither listed nor found (404). Callers sign in with a session or send
``Authorization: Bearer <token>`` with a Wagtail API token (``manage.py
api_tokens create``); anybody else gets a JSON 401, never the sign-in page.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.fields import Field
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from wagtail.api.rich_text import APIRichText
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import APIToken

from standards.models import FunnelPage, FunnelStagePage, StageVariant

FUNNEL_PAGE_MODELS = (FunnelPage, FunnelStagePage)


class APITokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer <token>`` checked against Wagtail's ``APIToken`` digests.

    A malformed, unknown or revoked token, or one whose user is inactive,
    is refused (401); a request without the header is left to the session.
    """

    keyword = "bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.encode():
            return None
        if len(header) != 2:
            raise AuthenticationFailed(_("Send the token as “Authorization: Bearer <token>”."))
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise AuthenticationFailed(_("Invalid token.")) from error
        if not APIToken.validate_token_format(token):
            raise AuthenticationFailed(_("Invalid token."))
        api_token = (
            APIToken.objects.select_related("user")
            .filter(key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=True)
            .first()
        )
        if api_token is None or not api_token.user.is_active:
            raise AuthenticationFailed(_("Invalid or revoked token."))
        self._touch(api_token)
        return api_token.user, api_token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) to a request without credentials.
        return 'Bearer realm="api"'

    @staticmethod
    def _touch(api_token):
        """Record the last use, at most once a minute (like Wagtail's v3 API)."""
        interval = getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)
        if interval is None:
            return
        now = timezone.now()
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() >= (
            interval
        ):
            APIToken.objects.filter(pk=api_token.pk).update(last_used_at=now)


def _page_ref(page, context):
    """A nested page as Wagtail's API shows one: id, meta (type, detail_url), title."""
    return {
        "id": page.pk,
        "meta": {
            "type": f"{page._meta.app_label}.{type(page).__name__}",
            "detail_url": get_object_detail_url(
                context["router"], context["request"], type(page), page.pk
            ),
        },
        "title": page.title,
    }


class LiveNextStagesField(Field):
    """``next_stages``: only the live ones, in funnel order (drafts never leak)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        stages = sorted((s for s in page.next_stages.all() if s.live), key=lambda s: s.path)
        return [_page_ref(stage, self.context) for stage in stages]


class StageVariantsField(Field):
    """``variants``: each client group by name, not only by an id the CRM cannot resolve."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        rich_text_format = self.context.get("_wagtail_rich_text_format")
        return [
            {
                "id": variant.pk,
                "client_group": {"id": variant.client_group_id, "name": variant.client_group.name},
                "recommended_days": variant.recommended_days,
                "differences": APIRichText.serialize(variant.differences, format=rich_text_format),
            }
            for variant in page.variants.all()
        ]


class FunnelAPIViewSet(PagesAPIViewSet):
    """The funnel and its stages; GET only, for signed-in people and API tokens."""

    authentication_classes = [APITokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head"]
    name = "pages"

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        # DRF enforces authentication and answers 401 in JSON; Django's
        # LoginRequiredMiddleware would redirect to the sign-in page instead.
        return login_not_required(super().as_view(actions, **initkwargs))

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        if issubclass(model, FunnelStagePage):
            overrides.update(
                next_stages=LiveNextStagesField(),
                variants=StageVariantsField(),
            )
        return overrides

    def resolve_rich_text_format(self):
        # A CRM cannot resolve Wagtail's database HTML (<a linktype="page" id="3">):
        # display HTML is the default here; ?rich_text_format= still chooses.
        if "rich_text_format" not in self.request.GET:
            return APIRichText.FORMAT_HTML
        return super().resolve_rich_text_format()

    def get_base_queryset(self):
        """Live pages of the live funnel: the funnel pages and the stages below them.

        Built once per request (the view, the filters and the serialiser all ask).
        """
        if not hasattr(self, "_funnel_pages"):
            pages = super().get_base_queryset()
            funnel_paths = list(FunnelPage.objects.live().values_list("path", flat=True))
            under_a_funnel = Q(pk__in=[])
            for path in funnel_paths:
                under_a_funnel |= Q(path__startswith=path)
            self._funnel_pages = pages.type(*FUNNEL_PAGE_MODELS).filter(under_a_funnel)
        return self._funnel_pages.all()

    def get_queryset(self):
        requested = self.request.GET.get("type")
        if requested:
            try:
                models = page_models_from_string(requested)
            except (LookupError, ValueError) as error:
                raise BadRequestError("type doesn't exist") from error
            if not set(models) <= set(FUNNEL_PAGE_MODELS):
                raise BadRequestError(
                    "type must be one of: "
                    + ", ".join(model._meta.label for model in FUNNEL_PAGE_MODELS)
                )
        queryset = super().get_queryset().select_related("locale")
        if queryset.model is FunnelStagePage:
            queryset = queryset.prefetch_related(*stage_prefetches())
        return queryset

    def get_object(self):
        page = super().get_object()
        if isinstance(page, FunnelStagePage):
            prefetch_related_objects([page], *stage_prefetches())
        return page


def stage_prefetches():
    """What a stage's payload reads, fetched once for a whole listing."""
    return [
        Prefetch("next_stages", queryset=FunnelStagePage.objects.order_by("path")),
        Prefetch("variants", queryset=StageVariant.objects.select_related("client_group")),
    ]


api_router = WagtailAPIRouter("salesmap_api")
api_router.register_endpoint("pages", FunnelAPIViewSet)
