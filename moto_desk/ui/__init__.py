"""moto_desk.ui (see DESIGN layers): the Qt window.

Importing the package first switches off PySide6's per-module source scan
(``pyside_setup``), so every window module after it loads without it.
"""

from moto_desk.ui.shell.pyside_setup import skip_feature_source_scan

skip_feature_source_scan()
