"""The adoption chart: organisations per version, split by type, as accessible SVG.

Pipeline: ``Statistics`` -> layout (pure geometry: groups of horizontal bars under
their label, ticks; narrow enough to stay legible on a phone)
-> ``templates/register_chart.svg.j2`` (autoescaped) -> inline SVG with ``<title>``,
``<desc>`` holding every number, a pattern as well as a colour per type, and the
value written at the end of each bar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup

from vwo.register.model import Statistics, VersionCount
from vwo.site.render import render

# Laid out for narrow screens: the labels stand above their bars, so the chart is 400
# units wide and is never shown wider than that (vwo.css). Every text is 17 units: at
# 320 px (288 px of content) that is 12 px as displayed, on wide screens body size.
WIDTH = 400
FONT_SIZE = 17
PLOT_LEFT = 10
VALUE_ROOM = 44
LEGEND_HEIGHT = 44
LEGEND_STEP = 160
LABEL_HEIGHT = 26
BAR_HEIGHT = 22
BAR_GAP = 4
GROUP_GAP = 20
AXIS_HEIGHT = 52
NICE_STEPS = (1, 2, 5)
MAX_TICKS = 6

# (type, label in Dutch, css modifier)
SERIES = (
    ("gemeente", "Gemeenten", "gemeenten"),
    ("leverancier", "Leveranciers", "leveranciers"),
)


@dataclass(frozen=True)
class Bar:
    type: str
    label: str
    modifier: str
    value: int
    x: float
    y: float
    width: float
    height: float
    title: str

    @property
    def text_x(self) -> float:
        return self.x + self.width + 6

    @property
    def text_y(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Group:
    version: str
    label: str
    sublabel: str
    y: float
    height: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Tick:
    value: int
    x: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: float
    title: str
    desc: str
    plot_left: float
    plot_width: float
    plot_top: float
    axis_y: float
    groups: tuple[Group, ...]
    ticks: tuple[Tick, ...]
    series: tuple[tuple[str, str], ...]


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def axis_max(largest: int) -> tuple[int, int]:
    """(axis maximum, tick step): integer steps of 1, 2 or 5 times a power of ten."""
    if largest <= 0:
        return 1, 1
    magnitude = 1
    while True:
        for step in NICE_STEPS:
            size = step * magnitude
            top = math.ceil(largest / size) * size
            if top // size <= MAX_TICKS - 1:
                return top, size
        magnitude *= 10


def layout_chart(stats: Statistics, status_labels: dict[str, str]) -> Chart:
    counts = stats.per_version
    largest = max((max(c.municipalities, c.suppliers) for c in counts), default=0)
    top, step = axis_max(largest)
    plot_left = PLOT_LEFT
    plot_width = WIDTH - PLOT_LEFT - VALUE_ROOM
    group_height = LABEL_HEIGHT + len(SERIES) * BAR_HEIGHT + (len(SERIES) - 1) * BAR_GAP
    groups: list[Group] = []
    y = LEGEND_HEIGHT + GROUP_GAP / 2
    for count in counts:
        bars: list[Bar] = []
        for index, (kind, label, modifier) in enumerate(SERIES):
            value = _value(count, kind)
            bars.append(
                Bar(
                    type=kind,
                    label=label,
                    modifier=modifier,
                    value=value,
                    x=plot_left,
                    y=y + LABEL_HEIGHT + index * (BAR_HEIGHT + BAR_GAP),
                    width=round(plot_width * value / top, 2),
                    height=BAR_HEIGHT,
                    title=f"Versie {count.version}, {label.lower()}: {value}",
                )
            )
        groups.append(
            Group(
                version=count.version,
                label=f"Versie {count.version}",
                sublabel=status_labels.get(count.version, count.status),
                y=y,
                height=group_height,
                bars=tuple(bars),
            )
        )
        y += group_height + GROUP_GAP
    axis_y = y - GROUP_GAP / 2
    ticks = tuple(
        Tick(value=v, x=round(plot_left + plot_width * v / top, 2)) for v in range(0, top + 1, step)
    )
    return Chart(
        width=WIDTH,
        height=axis_y + AXIS_HEIGHT,
        title="Aantal organisaties per versie van de standaard, naar soort organisatie",
        desc=chart_description(counts, status_labels),
        plot_left=plot_left,
        plot_width=plot_width,
        plot_top=LEGEND_HEIGHT,
        axis_y=axis_y,
        groups=tuple(groups),
        ticks=ticks,
        series=tuple((label, modifier) for _, label, modifier in SERIES),
    )


def _value(count: VersionCount, kind: str) -> int:
    return count.municipalities if kind == "gemeente" else count.suppliers


def chart_description(counts: tuple[VersionCount, ...], status_labels: dict[str, str]) -> str:
    if not counts:
        return "Er zijn nog geen gepubliceerde versies."
    parts = [
        f"Versie {c.version} ({status_labels.get(c.version, c.status)}): "
        f"{plural(c.municipalities, 'gemeente', 'gemeenten')} en "
        f"{plural(c.suppliers, 'leverancier', 'leveranciers')}."
        for c in counts
    ]
    return (
        "Horizontaal staafdiagram met per versie twee staven: gemeenten (effen) en "
        "leveranciers (gearceerd). " + " ".join(parts)
    )


def chart_svg(stats: Statistics, status_labels: dict[str, str]) -> Markup:
    """The SVG element; every text in it was escaped by the template."""
    return Markup(render("register_chart.svg.j2", chart=layout_chart(stats, status_labels)).strip())
