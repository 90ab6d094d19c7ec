"""cloudfacts: figures and names of French text, normalised and compared.

Library API::

    from cloudfacts import extract_text, extract_paths
    for m in extract_text("Orange détient 44 % de Cloudwatt."):
        print(m.kind, m.text, m.value)
"""
__version__ = "0.1.0"

from .model import Document, Mention  # noqa: E402
from .pipeline import extract_document, extract_paths, extract_text  # noqa: E402

__all__ = ["Document", "Mention", "extract_document", "extract_paths", "extract_text", "__version__"]
