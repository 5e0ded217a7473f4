"""``moto-desk-sim``: run the simulator for several desks, or switch its faults.

    moto-desk-sim --host 127.0.0.1 --port 12111 [--state FILE] [--seed-demo]
    moto-desk-sim fault --url http://127.0.0.1:12111 --kind status --status 503 --times 2
    moto-desk-sim fault --url … --clear
    moto-desk-sim reader --url … tmr_123 --status offline
    moto-desk-sim settings --url … --moto-enabled false

The first line printed by the server is ``listening on http://HOST:PORT``.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import urllib.request
from pathlib import Path
from typing import Any


def _post(url: str, path: str, body: dict[str, Any] | None, method: str = "POST") -> Any:
    data = json.dumps(body or {}).encode()
    request = urllib.request.Request(  # noqa: S310  the control endpoint, a URL the user gives
        url.rstrip("/") + path,
        data=data,
        method=method,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())


def _bool(text: str) -> bool:
    if text.lower() in ("1", "true", "yes", "on"):
        return True
    if text.lower() in ("0", "false", "no", "off"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {text!r}")


def _serve(args: argparse.Namespace) -> int:
    from . import Simulator

    sim = Simulator(
        args.host,
        args.port,
        state_path=args.state,
        seed_demo=args.seed_demo,
        verbose=args.verbose,
    )
    sim.start()
    print(f"listening on {sim.url}", flush=True)
    stopped = threading.Event()

    def _stop(signum: int, frame: object) -> None:
        stopped.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    stopped.wait()
    sim.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="moto-desk-sim",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command")
    fault = sub.add_parser("fault", help="add or clear a fault rule on a running simulator")
    fault.add_argument("--url", required=True)
    fault.add_argument("--clear", action="store_true")
    fault.add_argument("--kind", choices=["latency", "status", "drop_before", "drop_after"])
    fault.add_argument("--method")
    fault.add_argument("--path", help="regular expression matched against the request path")
    fault.add_argument("--times", type=int)
    fault.add_argument("--latency-ms", type=int, default=0)
    fault.add_argument("--status", type=int, default=500)
    fault.add_argument("--should-retry", type=_bool)
    fault.add_argument("--code")
    reader = sub.add_parser("reader", help="set a simulated reader's state")
    reader.add_argument("--url", required=True)
    reader.add_argument("reader_id")
    reader.add_argument("--status", choices=["online", "offline"])
    reader.add_argument("--busy", type=_bool)
    reader.add_argument("--hang", type=_bool)
    reader.add_argument("--timeout-delivered", type=int, metavar="N")
    reader.add_argument("--customer-cancel", action="store_true")
    settings = sub.add_parser("settings", help="change the simulated account's switches")
    settings.add_argument("--url", required=True)
    settings.add_argument("--moto-enabled", type=_bool)
    settings.add_argument("--reader-timeout-s", type=float)
    settings.add_argument("--processing-delay-s", type=float)

    if not argv or argv[0] not in ("fault", "reader", "settings"):
        serve = argparse.ArgumentParser(prog="moto-desk-sim")
        serve.add_argument("--host", default="127.0.0.1")
        serve.add_argument("--port", type=int, default=12111)
        serve.add_argument("--state", type=Path, help="keep objects in this SQLite file")
        serve.add_argument(
            "--seed-demo",
            action="store_true",
            help="create a location, two readers and a few customers",
        )
        serve.add_argument("--verbose", action="store_true", help="log every request")
        return _serve(serve.parse_args(argv))

    args = parser.parse_args(argv)
    if args.command == "fault":
        if args.clear:
            result = _post(args.url, "/_sim/faults", None, method="DELETE")
        else:
            if not args.kind:
                parser.error("fault needs --kind or --clear")
            rule = {
                "kind": args.kind,
                "method": args.method,
                "path": args.path,
                "times": args.times,
                "latency_ms": args.latency_ms,
                "status": args.status,
                "should_retry": args.should_retry,
                "code": args.code,
            }
            result = _post(args.url, "/_sim/faults", rule)
    elif args.command == "reader":
        flags: dict[str, Any] = {}
        for name in ("status", "busy", "hang", "timeout_delivered"):
            if getattr(args, name) is not None:
                flags[name] = getattr(args, name)
        if args.customer_cancel:
            flags["customer_cancel"] = True
        result = _post(args.url, f"/_sim/readers/{args.reader_id}", flags)
    else:
        changes = {
            name: getattr(args, name)
            for name in ("moto_enabled", "reader_timeout_s", "processing_delay_s")
            if getattr(args, name) is not None
        }
        result = _post(args.url, "/_sim/settings", changes)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
