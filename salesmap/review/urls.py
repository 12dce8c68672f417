from django.urls import path

from .views import brief, team

urlpatterns = [
    path("", team.my_team, name="my_team"),
    path("export/<str:file_format>/", team.export_team, name="review_team_export"),
    path("heatmap/", team.heatmap, name="review_heatmap"),
    path("people/<int:person_id>/", brief.person_brief, name="review_brief"),
    path("people/<int:person_id>/notes/", brief.add_note, name="review_note_add"),
    path(
        "people/<int:person_id>/notes/<int:note_id>/",
        brief.edit_note,
        name="review_note_edit",
    ),
]
