"""Content checks for the two files of a BBC-DR report: judged by what is inside, never by the file name.

Both files are parsed with defusedxml (expat underneath): a document type declaration is allowed, but any entity
declaration is refused (that is how both XXE — an entity pointing at a file or URL — and the "billion laughs"
expansion bomb are built), and so is any external reference (external DTD). Nothing is ever fetched.

XML file: well-formed XML, and not an XBRL instance (that one belongs in the XBRL slot).

XBRL file: an XBRL 2.1 instance document:
  1. the root element is {http://www.xbrl.org/2003/instance}xbrl;
  2. it names its taxonomy: at least one link:schemaRef with an xlink:href;
  3. at least one xbrli:context, each with an id, an entity identifier and a period;
  4. at least one fact: an element outside the xbrli/link namespaces carrying a contextRef;
  5. every fact's contextRef points to an existing context;
  6. every unitRef points to an existing xbrli:unit;
  7. a numeric fact (one with a unitRef) that is not xsi:nil holds a number.
All XBRL problems are reported at once (the first few of each kind), each message naming the file.
"""

from decimal import Decimal, InvalidOperation

import defusedxml
import defusedxml.ElementTree as DET
from django.core.exceptions import ValidationError

from loket.uploads import UploadPolicy, safe_filename, validate_upload

XBRLI = "http://www.xbrl.org/2003/instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XBRL_ROOT = f"{{{XBRLI}}}xbrl"
MAX_VOORBEELDEN = 3  # how many offending facts a message names

# libmagic calls XML without a declaration text/plain (or text/html): the parser below is the real gate.
POLICY = UploadPolicy(
    allowed_types=frozenset({"text/xml", "application/xml", "text/plain", "text/html"}),
    label="XML-bestand",
)


def _qname(tag):
    """'{ns}local' -> 'local' with a familiar prefix for the namespaces we know."""
    if tag.startswith("{"):
        ns, local = tag[1:].split("}", 1)
        prefix = {XBRLI: "xbrli:", LINK: "link:"}.get(ns, "")
        return prefix + local
    return tag


def _parser():
    """defusedxml's parser, also refusing a DOCTYPE that points outside (<!DOCTYPE r SYSTEM "http://...">):
    expat never fetches it, but a later consumer of the stored file might."""
    parser = DET.DefusedXMLParser(forbid_dtd=False, forbid_entities=True, forbid_external=True)

    def doctype(name, sysid, pubid, has_internal_subset):
        if sysid or pubid:
            raise defusedxml.ExternalReferenceForbidden(name, None, sysid, pubid)

    parser.parser.StartDoctypeDeclHandler = doctype
    return parser


def parse(uploaded_file):
    """Parse safely and return the root element, or raise a Dutch ValidationError naming the file."""
    name = safe_filename(uploaded_file.name)
    uploaded_file.seek(0)
    try:
        root = DET.parse(uploaded_file, parser=_parser()).getroot()
    except defusedxml.EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            raise ValidationError(
                f"Het bestand «{name}» verwijst naar een externe entiteit ({exc.name}). Zulke verwijzingen "
                "(XXE) worden om veiligheidsredenen niet aanvaard.",
                code="xxe",
            ) from exc
        raise ValidationError(
            f"Het bestand «{name}» definieert entiteiten in een DTD ({exc.name}). Dat wordt om "
            "veiligheidsredenen niet aanvaard (het kan een 'billion laughs'-aanval zijn).",
            code="entities",
        ) from exc
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden) as exc:
        raise ValidationError(
            f"Het bestand «{name}» verwijst naar een externe DTD of bron. Dat wordt om veiligheidsredenen "
            "niet aanvaard.",
            code="external",
        ) from exc
    except DET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise ValidationError(
            f"Het bestand «{name}» is geen geldig XML-bestand: de inhoud is niet welgevormd "
            f"(fout op regel {line}, kolom {column + 1}).",
            code="malformed",
        ) from exc
    finally:
        uploaded_file.seek(0)
    return root


def validate_xml(uploaded_file):
    """The XML file of a report: size/type checks, then well-formed XML that is not the XBRL instance."""
    uploaded_file.content_type_sniffed = validate_upload(uploaded_file, POLICY)
    root = parse(uploaded_file)
    if root.tag == XBRL_ROOT:
        name = safe_filename(uploaded_file.name)
        raise ValidationError(
            f"Het bestand «{name}» is een XBRL-instantiedocument. Laad het op als XBRL-bestand en kies "
            "hier het XML-bestand van het rapport.",
            code="is_xbrl",
        )
    return root


def validate_xbrl(uploaded_file):
    """The XBRL file of a report: size/type checks, then an XBRL instance document (see the module doc)."""
    uploaded_file.content_type_sniffed = validate_upload(uploaded_file, POLICY)
    root = parse(uploaded_file)
    name = safe_filename(uploaded_file.name)
    if root.tag != XBRL_ROOT:
        raise ValidationError(
            f"Het bestand «{name}» is geen XBRL-instantiedocument: het hoofdelement is "
            f"<{_qname(root.tag)}> in plaats van <xbrli:xbrl>.",
            code="xbrl_root",
        )
    errors = []

    schema_refs = [e for e in root.iter(f"{{{LINK}}}schemaRef") if e.get(f"{{{XLINK}}}href")]
    if not schema_refs:
        errors.append(f"Het bestand «{name}» verwijst niet naar een taxonomie (link:schemaRef ontbreekt).")

    contexts = list(root.iter(f"{{{XBRLI}}}context"))
    context_ids = {c.get("id") for c in contexts if c.get("id")}
    if not contexts:
        errors.append(f"Het bestand «{name}» bevat geen enkele context (xbrli:context).")
    for context in contexts:
        cid = context.get("id")
        if not cid:
            errors.append(f"Het bestand «{name}» bevat een context zonder id.")
            continue
        if context.find(f"{{{XBRLI}}}entity/{{{XBRLI}}}identifier") is None:
            errors.append(f"In het bestand «{name}» heeft context «{cid}» geen entiteit (xbrli:identifier).")
        if context.find(f"{{{XBRLI}}}period") is None:
            errors.append(f"In het bestand «{name}» heeft context «{cid}» geen periode (xbrli:period).")

    unit_ids = {u.get("id") for u in root.iter(f"{{{XBRLI}}}unit") if u.get("id")}
    facts = [
        e
        for e in root.iter()
        if e.get("contextRef") is not None and not str(e.tag).startswith((f"{{{XBRLI}}}", f"{{{LINK}}}"))
    ]
    if not facts:
        errors.append(f"Het bestand «{name}» bevat geen enkel feit (een gegeven met een contextRef).")

    missing_context = [f for f in facts if f.get("contextRef") not in context_ids]
    if missing_context and contexts:
        errors.append(
            f"In het bestand «{name}» {_feiten(missing_context, 'verwijst', 'verwijzen')} naar een context die "
            "niet bestaat: " + _voorbeelden(missing_context, "contextRef") + "."
        )
    missing_unit = [f for f in facts if f.get("unitRef") is not None and f.get("unitRef") not in unit_ids]
    if missing_unit:
        errors.append(
            f"In het bestand «{name}» {_feiten(missing_unit, 'verwijst', 'verwijzen')} naar een eenheid (unit) "
            "die niet bestaat: " + _voorbeelden(missing_unit, "unitRef") + "."
        )
    not_numeric = [
        f
        for f in facts
        if f.get("unitRef") is not None
        and f.get(f"{{{XSI}}}nil") not in ("true", "1")
        and not _is_number(f.text)
    ]
    if not_numeric:
        errors.append(
            f"In het bestand «{name}» {_feiten(not_numeric, 'heeft', 'hebben', 'numeriek')} geen getal als "
            "waarde: "
            + ", ".join(
                f"{_qname(f.tag)} = «{(f.text or '').strip()[:30]}»" for f in not_numeric[:MAX_VOORBEELDEN]
            )
            + "."
        )
    if errors:
        raise ValidationError([ValidationError(e, code="xbrl") for e in errors])
    return root


def _feiten(facts, enkel, meervoud, soort=""):
    n = len(facts)
    woord = (f"{soort} feit" if n == 1 else f"{soort}e feiten") if soort else ("feit" if n == 1 else "feiten")
    return f"{enkel if n == 1 else meervoud} {n} {woord}"


def _voorbeelden(facts, attr):
    shown = ", ".join(f"{_qname(f.tag)} → «{f.get(attr)}»" for f in facts[:MAX_VOORBEELDEN])
    return shown + (" …" if len(facts) > MAX_VOORBEELDEN else "")


def _is_number(text):
    text = (text or "").strip()
    if not text or "_" in text:
        return False
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


VALIDATORS = {"xml": validate_xml, "xbrl": validate_xbrl}
