"""The funnel picture's layout: bars that narrow, arrows for the allowed steps,
two layouts (wide and phone), and the text list under the picture.

Most tests use stand-in stages (no database): the layout reads only ``pk``,
``title``, ``recommended_days`` and ``next_stages.all()``.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from standards.funnel_diagram import NARROW, WIDE, dwell_label, funnel_diagram, wrap_title


@dataclass
class Targets:
    stages: list

    def all(self):
        return self.stages


@dataclass(eq=False)
class Stage:
    pk: int
    title: str
    recommended_days: int | None = 3
    next_stages: Targets = field(default_factory=lambda: Targets([]))


def funnel(*titles, steps=(), days=None):
    """Stand-in stages with ``steps`` as (from, to) pairs of 1-based stage numbers."""
    stages = [
        Stage(pk=100 + n, title=title, recommended_days=(days or {}).get(n, 3))
        for n, title in enumerate(titles, start=1)
    ]
    for source, target in steps:
        stages[source - 1].next_stages.stages.append(stages[target - 1])
    return stages


def bar_widths(shape):
    """(top, bottom) widths of a stage's trapezoid."""
    (x1, _), (x2, _), (x3, _), (x4, _) = (
        tuple(map(float, point.split(","))) for point in shape.points.split()
    )
    return x2 - x1, x3 - x4


def numbers_in(path):
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]


def points_along(path):
    """Points on an arrow: a vertical line ``M x,y V y2`` or a cubic ``M p0 C p1 p2 p3``."""
    values = numbers_in(path)
    if "V" in path:
        x, y0, y1 = values
        return [(x, y0), (x, y1)]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = zip(values[::2], values[1::2], strict=True)
    points = []
    for step in range(11):
        t = step / 10
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
        points.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return points


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_bars_narrow_from_top_to_bottom():
    diagram = funnel_diagram(funnel("New request", "Qualification", "Proposal", "Closing"))

    for layout, geometry in ((diagram.wide, WIDE), (diagram.narrow, NARROW)):
        widths = [bar_widths(shape) for shape in layout.shapes]
        assert all(top > bottom for top, bottom in widths)
        # Each bar starts as wide as the one above ends: one continuous funnel.
        assert all(a[1] == pytest.approx(b[0]) for a, b in zip(widths, widths[1:], strict=False))
        assert widths[0][0] == pytest.approx(geometry.top_width)
        assert widths[-1][1] == pytest.approx(geometry.bottom_width)


def test_stages_are_numbered_in_funnel_order_with_their_dwell_time():
    stages = funnel("New request", "Qualification", "Cross-sell", days={1: 1, 3: None})

    shapes = funnel_diagram(stages).wide.shapes

    assert [(s.number, s.title, s.dwell) for s in shapes] == [
        (1, "New request", "≤ 1 day"),
        (2, "Qualification", "≤ 3 days"),
        (3, "Cross-sell", "no limit"),
    ]
    assert [s.stage for s in shapes] == stages


def test_dwell_label_reads_as_days_or_no_limit():
    assert dwell_label(None) == "no limit"
    assert dwell_label(1) == "≤ 1 day"
    assert dwell_label(14) == "≤ 14 days"
    assert dwell_label(0) == "same day"


def test_an_allowed_step_to_the_next_stage_is_a_straight_arrow_down():
    layout = funnel_diagram(funnel("A", "B", steps=[(1, 2)])).wide

    (arrow,) = layout.arrows
    assert (arrow.source, arrow.target, arrow.kind) == (1, 2, "next")
    x, y_from, y_to = numbers_in(arrow.path)
    assert x == layout.width / 2
    assert y_from < y_to


def test_consecutive_stages_have_no_arrow_when_the_step_is_not_allowed():
    diagram = funnel_diagram(funnel("A", "B", "C", steps=[(1, 2)]))

    assert [(a.source, a.target) for a in diagram.wide.arrows] == [(1, 2)]
    assert [(a.source, a.target) for a in diagram.narrow.arrows] == [(1, 2)]


def test_skipping_ahead_arcs_on_the_right_and_going_back_arcs_on_the_left():
    diagram = funnel_diagram(funnel("A", "B", "C", "D", steps=[(1, 3), (4, 2), (3, 2)]))

    for layout in (diagram.wide, diagram.narrow):
        centre = layout.width / 2
        kinds = {(a.source, a.target): a for a in layout.arrows}
        assert kinds[(1, 3)].kind == "forward"
        assert all(x > centre for x in numbers_in(kinds[(1, 3)].path)[::2])
        for back in [(4, 2), (3, 2)]:
            assert kinds[back].kind == "back"
            assert all(x < centre for x in numbers_in(kinds[back].path)[::2])


def test_nested_arcs_on_one_side_swing_out_at_different_distances():
    layout = funnel_diagram(funnel("A", "B", "C", "D", "E", steps=[(1, 3), (1, 5)])).wide
    arcs = {(a.source, a.target): numbers_in(a.path) for a in layout.arrows}

    # The control points' x is how far an arc swings out.
    assert arcs[(1, 5)][2] > arcs[(1, 3)][2]


def test_steps_to_stages_outside_the_funnel_and_to_the_same_stage_are_left_out():
    stages = funnel("A", "B")
    stages[0].next_stages.stages += [Stage(pk=999, title="Unpublished"), stages[0]]

    diagram = funnel_diagram(stages)

    assert diagram.wide.arrows == ()
    assert diagram.entries[0].next_steps == ()


def test_the_list_gives_each_stage_its_next_steps_in_funnel_order_and_marks_steps_back():
    stages = funnel("A", "B", "C", steps=[(2, 3), (2, 1), (1, 2)])

    entries = funnel_diagram(stages).entries

    assert [(e.number, e.stage.title, e.dwell) for e in entries] == [
        (1, "A", "≤ 3 days"),
        (2, "B", "≤ 3 days"),
        (3, "C", "≤ 3 days"),
    ]
    assert [(s.number, s.stage.title, s.is_back) for s in entries[1].next_steps] == [
        (1, "A", True),
        (3, "C", False),
    ]
    assert entries[2].next_steps == ()


def test_the_phone_layout_wraps_a_long_title_that_fits_on_one_line_when_wide():
    title = "Negotiation and closing the deal"

    diagram = funnel_diagram(funnel(title, "Paperwork"))

    wide_lines = [line.text for line in diagram.wide.shapes[0].title_lines]
    narrow_lines = [line.text for line in diagram.narrow.shapes[0].title_lines]
    assert wide_lines == [title]
    assert len(narrow_lines) > 1
    assert " ".join(narrow_lines) == title


def test_the_phone_layout_has_larger_text_relative_to_its_width():
    diagram = funnel_diagram(funnel("A"))

    assert diagram.narrow.width < 400 < 700 < diagram.wide.width
    assert (
        diagram.narrow.title_size / diagram.narrow.width
        > diagram.wide.title_size / diagram.wide.width
    )


def test_a_title_too_long_for_its_lines_ends_with_an_ellipsis():
    lines = wrap_title(
        "Handover to delivery and onboarding of the client", max_chars=12, max_lines=2
    )

    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(len(line) <= 12 for line in lines)


def test_a_word_longer_than_a_line_is_split_with_a_hyphen():
    assert wrap_title("Переквалификация", max_chars=10, max_lines=3) == ["Переквали-", "фикация"]


def test_an_empty_funnel_gives_an_empty_diagram():
    diagram = funnel_diagram([])

    assert not diagram
    assert diagram.wide.shapes == () and diagram.wide.arrows == ()


@settings(max_examples=60, deadline=None, database=None)
@given(
    count=st.integers(min_value=1, max_value=12),
    pairs=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 12)), max_size=30),
    titles=st.lists(st.text(min_size=1, max_size=60).filter(str.strip), min_size=12, max_size=12),
)
def test_everything_stays_inside_the_picture(count, pairs, titles):
    steps = [(a, b) for a, b in pairs if a <= count and b <= count]
    diagram = funnel_diagram(funnel(*titles[:count], steps=steps))

    for layout in (diagram.wide, diagram.narrow):
        for shape in layout.shapes:
            for point in shape.points.split():
                x, y = map(float, point.split(","))
                assert 0 <= x <= layout.width and 0 <= y <= layout.height
            for line in shape.title_lines:
                assert 0 < line.y < layout.height
        for arrow in layout.arrows:
            for x, y in points_along(arrow.path):
                assert 0 < x < layout.width and 0 < y < layout.height


@pytest.mark.django_db
def test_prefetched_stages_are_laid_out_without_queries(django_assert_num_queries):
    from tests.factories import FunnelStageFactory, funnel

    first, second, third = (FunnelStageFactory() for _ in range(3))
    first.next_stages.set([second, third])
    first.save_revision().publish()
    second.next_stages.set([third])
    second.save_revision().publish()
    stages = list(funnel().specific.stages())

    with django_assert_num_queries(0):
        diagram = funnel_diagram(stages)

    assert [(a.source, a.target, a.kind) for a in diagram.wide.arrows] == [
        (1, 2, "next"),
        (2, 3, "next"),
        (1, 3, "forward"),
    ]


@pytest.mark.django_db
def test_the_picture_keeps_plain_coordinates_in_russian(client):
    from tests.factories import FunnelStageFactory, NewHireFactory, funnel

    first, second = FunnelStageFactory(title="Новая заявка"), FunnelStageFactory(title="Сделка")
    first.next_stages.set([second])
    first.save_revision().publish()
    reader = NewHireFactory(username="reader-ru", preferred_language="ru")
    client.force_login(reader)

    html = client.get(funnel().url).content.decode()

    assert re.search(r'viewBox="0 0 760 \d+"', html)
    assert re.search(r'viewBox="0 0 360 \d+"', html)
    points = re.findall(r'points="([^"]+)"', html)
    assert len(points) == 4  # two stages, two layouts
    number = r"\d+(?:\.\d+)?"
    assert all(re.fullmatch(rf"{number},{number}( {number},{number}){{3}}", p) for p in points)
    assert "Новая заявка" in html
