"""The funnel overview as a picture, laid out on the server for an inline SVG.

``funnel_diagram(stages)`` turns the funnel's stages into plain data: one bar
per stage, narrowing from top to bottom, and the allowed steps between them (a
straight arrow down to the next stage, arcs on the right for steps that skip
ahead, arcs on the left for steps back). It lays the same funnel out twice, a
wide layout for desktops and a narrow one for phones with relatively larger
text and titles wrapped onto more lines; the template shows one of them. It
also returns the stages as text entries for the list under the picture.

Pure: no queries, no templates. It reads each stage's ``pk``, ``title``,
``recommended_days`` and ``next_stages.all()`` (prefetch it).
"""

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

# An average glyph is about this share of the font size wide (semi-bold Latin
# and Cyrillic in system UI fonts); used to wrap titles without a font engine.
CHAR_WIDTH_EM = 0.6


@dataclass(frozen=True)
class Geometry:
    """The proportions of one layout, in SVG user units."""

    name: str
    width: int
    top_width: int  # the widest bar, at the top of the funnel
    bottom_width: int  # the narrowest, at the bottom
    title_size: int
    dwell_size: int
    max_title_lines: int
    gap: int  # between bars: room for the arrow to the next stage
    margin: int = 12  # above the first bar and below the last
    padding: int = 8  # inside a bar, above and below its text
    arc_offset: int = 16  # how far the innermost arc swings out beyond the bars
    lane_gap: int = 14  # between nested arcs


WIDE = Geometry(
    name="wide",
    width=760,
    top_width=460,
    bottom_width=250,
    title_size=15,
    dwell_size=13,
    max_title_lines=2,
    gap=28,
)
NARROW = Geometry(
    name="narrow",
    width=360,
    top_width=276,
    bottom_width=200,
    title_size=15,
    dwell_size=13,
    max_title_lines=3,
    gap=26,
    arc_offset=10,
    lane_gap=8,
)


@dataclass(frozen=True)
class TextLine:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class StageShape:
    """One stage's bar: a trapezoid with a numbered badge, its title and dwell time."""

    stage: object
    number: int
    title: str
    dwell: str
    points: str  # the polygon's points attribute
    badge_x: float
    badge_y: float
    badge_r: float
    badge_text_y: float
    title_lines: tuple[TextLine, ...]
    dwell_line: TextLine


@dataclass(frozen=True)
class StepArrow:
    """An allowed step drawn as an arrow: ``next`` (straight down), ``forward`` or ``back``."""

    source: int  # stage numbers, 1-based
    target: int
    kind: str
    path: str  # the path's d attribute


@dataclass(frozen=True)
class FunnelLayout:
    name: str
    width: int
    height: int
    title_size: int
    dwell_size: int
    shapes: tuple[StageShape, ...]
    arrows: tuple[StepArrow, ...]

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


@dataclass(frozen=True)
class NextStep:
    number: int
    stage: object
    is_back: bool


@dataclass(frozen=True)
class FunnelEntry:
    """One stage as text, for the list under the picture."""

    number: int
    stage: object
    dwell: str
    next_steps: tuple[NextStep, ...]


@dataclass(frozen=True)
class FunnelDiagram:
    entries: tuple[FunnelEntry, ...]
    wide: FunnelLayout
    narrow: FunnelLayout

    def __bool__(self):
        return bool(self.entries)


def dwell_label(days):
    """How long a deal may stay in a stage, as a reader says it: "≤ 3 days", "no limit"."""
    if days is None:
        return gettext("no limit")
    if days == 0:
        return gettext("same day")
    return ngettext("≤ %(days)s day", "≤ %(days)s days", days) % {"days": days}


def funnel_diagram(stages):
    """The picture and the text list of ``stages`` (live stages, in funnel order).

    Steps to stages outside ``stages`` (unpublished or elsewhere) and steps
    from a stage to itself are left out.
    """
    stages = list(stages)
    number_of = {stage.pk: number for number, stage in enumerate(stages, start=1)}
    steps = []  # (source number, target number)
    entries = []
    for number, stage in enumerate(stages, start=1):
        targets = sorted(
            {
                number_of[target.pk]
                for target in stage.next_stages.all()
                if target.pk in number_of and target.pk != stage.pk
            }
        )
        steps.extend((number, target) for target in targets)
        entries.append(
            FunnelEntry(
                number=number,
                stage=stage,
                dwell=dwell_label(stage.recommended_days),
                next_steps=tuple(
                    NextStep(number=t, stage=stages[t - 1], is_back=t < number) for t in targets
                ),
            )
        )
    return FunnelDiagram(
        entries=tuple(entries),
        wide=_layout(WIDE, entries, steps),
        narrow=_layout(NARROW, entries, steps),
    )


# --- Layout ------------------------------------------------------------------------------


def _r(value):
    return round(value, 1)


def wrap_title(text, *, max_chars, max_lines):
    """``text`` broken into at most ``max_lines`` lines of about ``max_chars`` characters.

    Breaks between words; a word longer than a line is split with a hyphen; a
    title that still does not fit ends with an ellipsis.
    """
    max_chars = max(max_chars, 4)
    words = []
    for word in text.split():
        while len(word) > max_chars:
            words.append(word[: max_chars - 1] + "-")
            word = word[max_chars - 1 :]
        words.append(word)
    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= max_chars or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1].rstrip("-")
        if len(last) >= max_chars:
            last = last[: max_chars - 1].rstrip()
        lines[-1] = f"{last}…"
    return lines or [""]


def _bar_widths(geometry, count):
    """The (top, bottom) width of each bar: the funnel narrows evenly by stage."""
    shrink = (geometry.top_width - geometry.bottom_width) / max(count, 1)
    return [
        (geometry.top_width - shrink * index, geometry.top_width - shrink * (index + 1))
        for index in range(count)
    ]


def _layout(geometry, entries, steps):
    centre = geometry.width / 2
    badge_r = geometry.title_size * 0.85
    title_height = geometry.title_size * 1.25
    dwell_height = geometry.dwell_size * 1.4
    widths = _bar_widths(geometry, len(entries))

    # Wrap every title first: the bars share one height, set by the longest.
    wrapped = []
    for entry, (_top, bottom) in zip(entries, widths, strict=True):
        text_width = bottom - 2 * badge_r - 30
        max_chars = int(text_width / (geometry.title_size * CHAR_WIDTH_EM))
        wrapped.append(
            wrap_title(entry.stage.title, max_chars=max_chars, max_lines=geometry.max_title_lines)
        )
    most_lines = max((len(lines) for lines in wrapped), default=1)
    bar_height = 2 * geometry.padding + most_lines * title_height + dwell_height

    shapes, edges = [], []
    for index, (entry, lines, (top_w, bottom_w)) in enumerate(
        zip(entries, wrapped, widths, strict=True)
    ):
        top = geometry.margin + index * (bar_height + geometry.gap)
        bottom = top + bar_height
        edges.append((top, bottom, top_w, bottom_w))
        mid_half = (top_w + bottom_w) / 4
        points = " ".join(
            f"{_r(x)},{_r(y)}"
            for x, y in (
                (centre - top_w / 2, top),
                (centre + top_w / 2, top),
                (centre + bottom_w / 2, bottom),
                (centre - bottom_w / 2, bottom),
            )
        )
        badge_x = centre - mid_half + 10 + badge_r
        text_left = badge_x + badge_r + 8
        text_right = centre + bottom_w / 2 - 12
        text_x = (text_left + text_right) / 2
        block = len(lines) * title_height + dwell_height
        first = top + (bar_height - block) / 2 + geometry.title_size * 0.9
        title_lines = tuple(
            TextLine(_r(text_x), _r(first + i * title_height), line) for i, line in enumerate(lines)
        )
        dwell_y = first + (len(lines) - 1) * title_height + dwell_height
        shapes.append(
            StageShape(
                stage=entry.stage,
                number=entry.number,
                title=entry.stage.title,
                dwell=entry.dwell,
                points=points,
                badge_x=_r(badge_x),
                badge_y=_r(top + bar_height / 2),
                badge_r=_r(badge_r),
                badge_text_y=_r(top + bar_height / 2 + geometry.title_size * 0.35),
                title_lines=title_lines,
                dwell_line=TextLine(_r(text_x), _r(dwell_y), entry.dwell),
            )
        )

    arrows = [
        StepArrow(
            source=source,
            target=target,
            kind="next",
            path=f"M{_r(centre)},{_r(edges[source - 1][1])} V{_r(edges[target - 1][0] - 1)}",
        )
        for source, target in steps
        if target == source + 1
    ]
    arcs = [(s, t) for s, t in steps if t != s + 1]
    lanes = _lanes(arcs)
    for (source, target), lane in zip(arcs, lanes, strict=True):
        arrows.append(_arc(geometry, edges, source, target, lane))

    gaps = max(len(entries) - 1, 0)
    height = 2 * geometry.margin + len(entries) * bar_height + gaps * geometry.gap
    return FunnelLayout(
        name=geometry.name,
        width=geometry.width,
        height=round(height),
        title_size=geometry.title_size,
        dwell_size=geometry.dwell_size,
        shapes=tuple(shapes),
        arrows=tuple(arrows),
    )


def _lanes(arcs):
    """A lane per arc (0 = innermost) so that arcs on the same side that span
    overlapping stages nest instead of running on top of each other. Forward
    and backward arcs are on different sides and never share lanes."""
    lanes = [0] * len(arcs)
    taken = {"forward": [], "back": []}  # per side: (low, high, lane)
    order = sorted(range(len(arcs)), key=lambda i: (abs(arcs[i][1] - arcs[i][0]), arcs[i]))
    for i in order:
        source, target = arcs[i]
        side = "forward" if target > source else "back"
        low, high = min(source, target), max(source, target)
        busy = {lane for lo, hi, lane in taken[side] if lo < high and low < hi}
        lane = next(n for n in range(len(arcs) + 1) if n not in busy)
        lanes[i] = lane
        taken[side].append((low, high, lane))
    return lanes


def _arc(geometry, edges, source, target, lane):
    """A curve from the side of one bar to the side of another, swinging out
    beyond the widest bar it passes. Forward steps leave from the lower part
    of a bar and arrive at the upper part; steps back the other way round."""
    forward = target > source
    sign = 1 if forward else -1
    centre = geometry.width / 2

    def side_point(number, fraction):
        top, bottom, top_w, bottom_w = edges[number - 1]
        half = (top_w + (bottom_w - top_w) * fraction) / 2
        return centre + sign * half, top + (bottom - top) * fraction

    x0, y0 = side_point(source, 0.65 if forward else 0.35)
    x3, y3 = side_point(target, 0.35 if forward else 0.65)
    widest = edges[min(source, target) - 1][2] / 2
    reach = min(
        widest + geometry.arc_offset + lane * geometry.lane_gap,
        centre - 6,  # keep the curve and its arrowhead inside the picture
    )
    peak = centre + sign * reach
    # A cubic Bézier with both control points at x=c peaks at 0.75c + 0.125(x0 + x3).
    control = (peak - 0.125 * (x0 + x3)) / 0.75
    path = f"M{_r(x0)},{_r(y0)} C{_r(control)},{_r(y0)} {_r(control)},{_r(y3)} {_r(x3)},{_r(y3)}"
    return StepArrow(source=source, target=target, kind="forward" if forward else "back", path=path)
