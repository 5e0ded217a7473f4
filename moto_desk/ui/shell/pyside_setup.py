"""What PySide6 does at import that a desk does not need, switched off before the window loads.

PySide6 replaces ``__import__`` so that a module may write ``from __feature__ import
snake_case``. To know which modules use PySide, it reads the whole source of every module
imported after it (``inspect.getsource``) and looks for the word "PySide6" — and the source
stays in ``linecache`` for the life of the process. Run from source, a desk's session reads
every module of the window, stripe, requests and keyring: about 20 ms at start-up, and 13 MB
of source text held after a save and a charge (measured with ``tracemalloc``). A frozen build
has no source, so it never paid this.

moto-desk uses no ``__feature__``. Every module is recorded as PySide6 records a module that
mentions "PySide6" without selecting a feature (selection 0, "no feature"), which is the
state a desk's modules are in anyway, without reading the file.
"""

from __future__ import annotations

import PySide6.QtCore  # noqa: F401  installs PySide6's import hook, which is replaced below


def _uses_pyside(module: object) -> bool:
    return True


def skip_feature_source_scan() -> bool:
    """True when PySide6's source scan is replaced (its private module is where 6.11 has it)."""
    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:  # a PySide6 that moved it: the scan stays, and the test says so
        return False
    if not hasattr(feature, "_mod_uses_pyside"):
        return False
    feature._mod_uses_pyside = _uses_pyside
    return True
