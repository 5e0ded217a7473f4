"""The script PyInstaller freezes: ``moto-desk`` is ``moto_desk.__main__.main``, nothing more.

A separate file (rather than ``moto_desk/__main__.py``) so the frozen program's ``__main__``
is not the package's own module, and the package is imported exactly as from source.
"""

from moto_desk.__main__ import main

raise SystemExit(main())
