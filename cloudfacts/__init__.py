"""cloudfacts: figures and names of French text, normalised and compared.

Library API::

    from cloudfacts import extract_text, extract_paths
    for m in extract_text("Orange détient 44 % de Cloudwatt."):
        print(m.kind, m.text, m.value)
"""
__version__ = "0.1.0"

__all__ = ["Document", "Mention", "extract_document", "extract_paths", "extract_text", "__version__"]


def __getattr__(name: str):
    # imported on first use: the command line starts without compiling every rule
    if name in ("Document", "Mention"):
        from . import model

        return getattr(model, name)
    if name in ("extract_document", "extract_paths", "extract_text"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'cloudfacts' has no attribute {name!r}")
