"""``moto_desk.__main__``: what the entry point does before the command line runs."""

from __future__ import annotations

import io
import sys

import pytest

from moto_desk.__main__ import utf8_when_redirected


def _redirected() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="cp1252")


def test_redirected_output_on_windows_is_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = _redirected(), _redirected()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    utf8_when_redirected()
    print("✓ Card saved: Zoë Łukasik", file=out)
    out.flush()
    assert out.buffer.getvalue() == "✓ Card saved: Zoë Łukasik\n".encode()  # type: ignore[attr-defined]
    assert err.encoding == "utf-8"


def test_other_platforms_keep_the_locales_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _redirected()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "stdout", out)
    utf8_when_redirected()
    assert out.encoding == "cp1252"
