"""moto_desk.diagnostics: what a shop sends to support (issue 14), without Qt.

- ``request_log``: the last Stripe requests (method, path, status, request id, duration).
- ``doctor``: checks of the key, Stripe, the readers and the key's permissions, as data.
- ``bundle``: a zip of versions, doctor's findings, settings, logs (redacted), the request
  log and the records' counts — no secret, no customer's email, name or phone.

The package imports nothing at import time: the gateway uses ``request_log`` and the window
imports the rest lazily, from its Help menu.
"""
