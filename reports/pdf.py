"""HTML → PDF with WeasyPrint. Only workers call this: never inside a web request."""

import io
import os
from datetime import datetime

from django.conf import settings


def render_pdf(html: str, *, created: datetime | None = None) -> tuple[bytes, int]:
    """The PDF bytes and its page count.

    ``created`` pins every date WeasyPrint would take from the clock (document metadata, and
    the font subsets' timestamps, which fontTools takes from SOURCE_DATE_EPOCH), so the same
    content renders to the same bytes.
    """
    import weasyprint

    if created is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(created.timestamp()))
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    if created is not None:
        document.metadata.created = document.metadata.modified = created.isoformat(timespec="seconds")
    out = io.BytesIO()
    document.write_pdf(out, pdf_identifier=b"attest" if created is not None else None)
    return out.getvalue(), len(document.pages)
