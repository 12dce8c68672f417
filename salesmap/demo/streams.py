"""Short builders for StreamField values, so the demo data reads like the page.

They return ``(block_name, value)`` tuples for the blocks of
``standards.blocks.content_blocks()`` and ``example_blocks()``. A standard
link names its stage or norms topic by slug; ``resolve`` swaps the slug for
the page once the pages exist.
"""


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


def callout(title, html, tone="tip"):
    return ("callout", {"tone": tone, "title": title, "text": html})


def dialogue(title, *lines):
    """A script: ``lines`` are ``(speaker, text)`` with speaker rep, client or note."""
    return (
        "dialogue",
        {"title": title, "lines": [{"speaker": who, "text": text} for who, text in lines]},
    )


def standard_link(slug, note=""):
    return ("standard_link", {"page": slug, "note": note})


def resolve(stream, pages):
    """``stream`` with every standard link's slug replaced by the page in ``pages``.

    A link whose page is missing (Sales Ops deleted it) is dropped rather than
    left pointing nowhere.
    """
    resolved = []
    for name, value in stream:
        if name == "standard_link":
            page = pages.get(value["page"])
            if page is None:
                continue
            value = {**value, "page": page}
        resolved.append((name, value))
    return resolved
