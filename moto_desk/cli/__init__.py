"""The command line: every flow of the window, headless (README, "Command line").

    moto-desk                         the window (demo mode unless a key is configured)
    moto-desk --self-test             end-to-end check on the embedded simulator
    moto-desk customers find TEXT | customers create --name NAME [--email E] [--phone P]
    moto-desk readers | cards --customer cus_…
    moto-desk save-card … | charge … | refund … | remove-card …
    moto-desk history … | evidence … | support-bundle --out FILE.zip
    moto-desk ledger verify | ledger export … | reconcile | doctor

Global options (``--data-dir``, ``--api-base``, ``--demo``, ``--records``, ``--lang``,
``--json``) go before or after the command. Exit codes: :mod:`moto_desk.cli.exit_codes`.
The commands call the flows the window calls; nothing here decides what happens to money.
Nothing is imported at module level that the window does not need before its first paint.
"""

from moto_desk.cli.run import main

__all__ = ["main"]
