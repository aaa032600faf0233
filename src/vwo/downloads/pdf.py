"""The PDF: tagged PDF/A-2a and PDF/UA-1, typeset by Typst.

Pipeline: ``Document`` -> pandoc Markdown (Typst variant) -> pandoc -> Typst body ->
``templates/downloads/vwo.typ`` preamble (cover, contents, running header with the
marking of a version that is not adopted, page numbers, watermark) + body -> Typst ->
PDF bytes. The watermark's text is first set apart by Typst as an SVG, whose glyphs
are outlines: drawn as page background it is an artifact and stays out of the text.
Facts reach Typst as JSON through ``sys.inputs``; only Typst's embedded fonts are
used, so the bytes do not depend on the fonts of the machine.
"""

from __future__ import annotations

import json
import tempfile
from importlib.resources import files

from vwo.downloads.document import WATERMARK_DEGREES, Document, watermark_size
from vwo.downloads.markdown import pandoc_markdown
from vwo.downloads.pandoc import Job, convert
from vwo.errors import VwoError

TEMPLATE = "downloads/vwo.typ"
# The watermark's text set on its own: bold, light red, as wide as it is.
WATERMARK = """#set page(width: auto, height: auto, margin: 0pt, fill: none)
#set text(font: "Libertinus Serif", size: 46pt, weight: "bold", fill: rgb(190, 30, 30, 38))
#sys.inputs.at("text")
"""


def template() -> str:
    return files("vwo").joinpath("templates", TEMPLATE).read_text(encoding="utf-8")


def typst_inputs(document: Document) -> dict[str, str]:
    meta = document.meta
    data = {
        "title": meta.title,
        "version": meta.version,
        "version_label": meta.version_label,
        "status_label": meta.status_label,
        "subject": meta.subject,
        "summary": meta.summary,
        "keywords": list(meta.keywords),
        "facts": meta.facts(),
        "watermark": meta.watermark,
        "watermark_degrees": WATERMARK_DEGREES,
        "watermark_width": watermark_size(meta.watermark)[0] if meta.watermark else 0,
        "notice": meta.notice,
        "lang": meta.labels.tag.split("-")[0],
        "region": meta.labels.tag.split("-")[1],
        "page": meta.labels.page,
        "of": meta.labels.of,
        "contents": meta.labels.contents,
        "translation_notice": meta.labels.translation_notice,
    }
    inputs = {"meta": json.dumps(data, ensure_ascii=False)}
    if meta.watermark:
        inputs["watermark"] = watermark_svg(meta.watermark)
    return inputs


def watermark_svg(text: str) -> str:
    """The watermark's text as an SVG picture: Typst writes glyphs as outlines there."""
    import typst

    return bytes(
        typst.compile(
            WATERMARK.encode("utf-8"), format="svg", sys_inputs={"text": text}, ignore_system_fonts=True
        )
    ).decode("utf-8")


def typst_source(document: Document, epoch: int) -> str:
    body = convert(Job(pandoc_markdown(document, "typst"), "typst"), epoch=epoch)
    return template() + "\n" + body.decode("utf-8")


def render_pdf(document: Document) -> bytes:
    import typst

    epoch = int(document.meta.source_date.timestamp())
    source = typst_source(document, epoch)
    try:
        # An empty root: the template reads nothing from disk (facts come through
        # sys.inputs, fonts are Typst's own), so no #read or #image can reach a file.
        with tempfile.TemporaryDirectory(prefix="vwo-typst-root-") as root:
            return bytes(
                typst.compile(  # type: ignore[call-overload]  # the stub ties root's type to input's
                    source.encode("utf-8"),
                    root=root,
                    format="pdf",
                    sys_inputs=typst_inputs(document),
                    pdf_standards=["a-2a", "ua-1"],  # archival and accessible (tagged)
                    timestamp=epoch,
                    ignore_system_fonts=True,
                )
            )
    except typst.TypstError as error:
        raise VwoError(
            TEMPLATE, f"Typst could not typeset the PDF: {error}", "a template or converter bug"
        ) from error
