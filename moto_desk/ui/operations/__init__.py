"""What the clerk asks the desk to do, as jobs: one function per operation.

After Anki's ``aqt/operations``: a widget says what it wants (``find_customers(…)``) and what
to do with the answer (``.on_success(…)``); the operation knows which flow runs it, on which
records, with which progress and cancel token, and whether it is a payment operation the
window must not quit during. So no widget opens records or calls a flow itself, and each
flow is imported only when its operation first runs (the window paints before ``stripe``).

Each function returns a :class:`~moto_desk.ui.shell.jobs.Job` that has not started: the
caller adds its callbacks and calls ``run()``.
"""
