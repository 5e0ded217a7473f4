"""What a command prints: words for people, or exactly one JSON object for machines.

With ``--json`` stdout holds one object and nothing else — the result, or
``{"error": {"kind", "message", "request_id", …}}`` — so a script can parse it whatever
happened; progress and notes go to stderr in both modes. Without it, the result is a few
lines of words on stdout and a failure is one sentence on stderr. Either way the exit code
(:mod:`moto_desk.cli.exit_codes`) says how it ended.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from moto_desk.cli.exit_codes import ExitCode, exit_code_for
from moto_desk.cli.language import Translate, english
from moto_desk.domain.errors import ErrorKind, MotoDeskError, OutcomeUnknown, render
from moto_desk.domain.words import render_template


class Output:
    """One command's voice: ``--json`` or words, in the chosen language."""

    def __init__(
        self,
        *,
        as_json: bool = False,
        translate: Translate = english,
        locale: str = "en",
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self.as_json = as_json
        self.translate = translate
        self.locale = locale
        self._stdout = stdout or sys.stdout
        self._stderr = stderr or sys.stderr

    def words(self, template: str, **args: str) -> str:
        """A ``QT_TRANSLATE_NOOP("clerk", …)`` template in the command's language."""
        return render_template(template, args, self.translate)

    def note(self, text: str) -> None:
        """Progress and remarks: stderr, so ``--json`` stdout stays one object."""
        print(text, file=self._stderr, flush=True)

    def result(self, data: Mapping[str, Any], lines: Sequence[str] = ()) -> ExitCode:
        """The command's outcome: ``data`` as JSON, or ``lines`` as words."""
        if self.as_json:
            self._json(data)
        else:
            for line in lines:
                print(line, file=self._stdout)
            self._stdout.flush()
        return ExitCode.DONE

    def failure(self, error: BaseException, extra: Mapping[str, Any] | None = None) -> ExitCode:
        """Report a failure in words (stderr) or as the JSON error; its exit code."""
        if not isinstance(error, MotoDeskError):
            error = MotoDeskError(ErrorKind.BUG, detail=f"{type(error).__name__}: {error}")
        code = exit_code_for(error)
        if isinstance(error, MotoDeskError):
            message = render(error, self.translate)
            body: dict[str, Any] = {
                "kind": error.kind.value,
                "message": message,
                "request_id": error.request_id,
            }
            if isinstance(error, OutcomeUnknown) and error.entry_id:
                body["journal_entry"] = error.entry_id
            field = getattr(error, "field", None)
            if field:
                body["field"] = field
        else:
            message = render_template(
                "Something went wrong inside moto-desk. Please report it to your "
                "administrator; check the payment history before trying again.",
                {},
                self.translate,
            )
            body = {"kind": "bug", "message": message, "request_id": None}
        body.update(extra or {})
        body["exit_code"] = int(code)
        if self.as_json:
            self._json({"error": body})
        else:
            print(f"moto-desk: {message}", file=self._stderr, flush=True)
            if body.get("request_id"):
                print(f"  Stripe request: {body['request_id']}", file=self._stderr)
        return code

    def usage_error(self, message: str) -> ExitCode:
        """The command line itself is wrong (argparse's words)."""
        if self.as_json:
            self._json(
                {
                    "error": {
                        "kind": "usage",
                        "message": message,
                        "request_id": None,
                        "exit_code": int(ExitCode.USAGE),
                    }
                }
            )
        else:
            print(f"moto-desk: {message}", file=self._stderr, flush=True)
        return ExitCode.USAGE

    def _json(self, data: Mapping[str, Any]) -> None:
        self._stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        self._stdout.flush()
