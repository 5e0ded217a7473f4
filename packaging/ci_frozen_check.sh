#!/usr/bin/env bash
# Build the one-folder moto-desk and prove the frozen program works, as a desk would run it:
#   1. dist/moto-desk/moto-desk --self-test     the real flows on the embedded simulator
#   2. the window, offscreen, to its first paint (English, then French), with stripe and
#      keyring still unloaded at that moment
#   3. its commands on the shop's records, a private PostgreSQL (packaging/frozen_shop_check.py)
# Each run must exit 0 and write NOTHING to stderr: a Qt warning, a Python warning or a
# traceback there fails the check (qutebrowser's rule for its release binaries).
#
#   bash packaging/ci_frozen_check.sh [--no-build]
#
# PYTHON picks the interpreter that has PyInstaller (default: .venv/bin/python, else python3).
# ALLOWED_STDERR is an extended regex of stderr lines to tolerate (default: none).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$([[ -x .venv/bin/python ]] && echo .venv/bin/python || echo python3)}
ALLOWED_STDERR=${ALLOWED_STDERR:-}
APP=dist/moto-desk/moto-desk
build=1
[[ ${1:-} == --no-build ]] && build=0

work=$(mktemp -d "${TMPDIR:-/tmp}/moto-desk-frozen.XXXXXX")
trap 'rm -rf "$work"' EXIT

say() { printf '%s\n' "$*"; }
fail() { say "FROZEN CHECK FAILED: $*" >&2; exit 1; }

# The frozen program's environment: offscreen Qt, no leftover debugging switches. (The
# stripe SDK prints a hint on stderr when it sees an AI coding client's variables.)
run_frozen() {  # name, timeout seconds, command...
  local name=$1 limit=$2
  shift 2
  local status=0
  env -u QT_DEBUG_PLUGINS -u QT_LOGGING_RULES -u PYTHONWARNINGS \
      -u CLAUDECODE -u CLAUDE_CODE_CHILD_SESSION \
      QT_QPA_PLATFORM=offscreen \
      timeout "$limit" "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
  cat "$work/$name.out"
  local unexpected
  if [[ -n $ALLOWED_STDERR ]]; then
    unexpected=$(grep -Ev "$ALLOWED_STDERR" "$work/$name.err" || true)
  else
    unexpected=$(cat "$work/$name.err")
  fi
  if [[ -n $unexpected ]]; then
    say "--- unexpected stderr from $name:" >&2
    say "$unexpected" >&2
    fail "$name wrote to stderr"
  fi
  ((status == 0)) || fail "$name exited with status $status"
}

if ((build)); then
  say "==> building the one-folder program ($PYTHON packaging/build.py)"
  started=$SECONDS
  "$PYTHON" packaging/build.py
  say "    build took $((SECONDS - started)) s"
fi
[[ -x $APP ]] || fail "$APP is missing (build it first)"

say "==> frozen self-test"
started=$(date +%s.%N)
run_frozen self-test 180 "$APP" --self-test
grep -q '^self-test passed' "$work/self-test.out" || fail "the self-test did not report success"
say "    frozen self-test: $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $started}") s"

for lang in en fr; do
  say "==> frozen window to first paint (offscreen, --lang $lang)"
  run_frozen "window-$lang" 60 \
    env MOTO_DESK_REPORT_FIRST_PAINT=1 "$APP" --data-dir "$work/desk-$lang" --lang "$lang"
  "$PYTHON" - "$work/window-$lang.out" <<'EOF' || fail "the window's first-paint report is wrong"
import json, sys
lines = [line for line in open(sys.argv[1], encoding="utf-8") if line.startswith("{")]
report = json.loads(lines[-1]) if lines else {}
loaded = [name for name, is_loaded in report.get("loaded", {}).items() if is_loaded]
if not report.get("first_paint") or loaded:
    sys.exit(f"first paint: {report.get('first_paint')}; loaded too early: {loaded}")
EOF
done

say "==> frozen program on the shop's records (a private PostgreSQL, through the bundled libpq)"
run_frozen shop-records 300 "$PYTHON" packaging/frozen_shop_check.py "$APP"

say "frozen check passed"
