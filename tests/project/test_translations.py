"""Russian is first-class: every UI string has a translation, compiled."""

from pathlib import Path

from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "ru" / "LC_MESSAGES"


def _unescape(text):
    return (
        text.replace("\\\\", "\x00")
        .replace('\\"', '"')
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\x00", "\\")
    )


def po_entries(path):
    """(msgid, [msgstr...], flags) for each entry of a .po file; enough of the
    format for a completeness check (no need for a .po library)."""
    entries, current, field, flags = [], None, None, ""
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current:
                entries.append(current)
            current, field, flags = None, None, ""
            continue
        if line.startswith("#,"):
            flags += line
        if line.startswith("#"):
            continue
        if current is None:
            current = {"msgid": "", "msgstr": {}, "flags": flags}
        key, _, rest = line.partition(" ")
        if key in {"msgid", "msgid_plural", "msgctxt"} or key.startswith("msgstr"):
            field = key
            text = rest
        else:
            text = line
        value = _unescape(text.strip()[1:-1])
        if field == "msgid":
            current["msgid"] += value
        elif field and field.startswith("msgstr"):
            current["msgstr"][field] = current["msgstr"].get(field, "") + value
    return [e for e in entries if e["msgid"]]


def test_every_string_has_a_russian_translation():
    entries = po_entries(LOCALE / "django.po")
    assert len(entries) > 100
    missing = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert missing == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo was compiled from the current .po (make messages)."""
    import gettext

    with (LOCALE / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    compiled = {key[0] if isinstance(key, tuple) else key for key in catalog} - {""}
    assert {e["msgid"] for e in po_entries(LOCALE / "django.po")} <= {
        k.split("\x04")[-1] for k in compiled
    }
    with translation.override("ru"):
        assert translation.gettext("My onboarding") == "Мой онбординг"
        assert translation.gettext("Sign in") == "Войти"
