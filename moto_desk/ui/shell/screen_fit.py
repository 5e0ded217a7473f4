"""Where a window opens on a screen: whole, frame included, inside the free area (the
screen less its taskbars and panels), on a 1366×768 laptop as on a 1920×1080 desk.

Qt sizes a window's client area; the window manager adds a title bar and borders, known
only once the window is mapped. These plans keep :data:`FRAME_ALLOWANCE` for them.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize

# The size the window's panels are designed for (client area, without the frame).
DESIGN_SIZE = QSize(1280, 800)
# What a window manager adds around the client area: a title bar (~20–32 px) and borders.
# The frame is only known once the window is mapped, so the plan keeps this much room.
FRAME_ALLOWANCE = QSize(16, 40)


def fitted_size(design: QSize, available: QRect) -> QSize:
    """``design`` (a dialog's client size), made small enough for its frame to fit the
    screen's free area ``available``: the 820×720 consent evidence went 20 px under the
    taskbar of a 1366×768 laptop."""
    return design.boundedTo(available.size() - FRAME_ALLOWANCE)


def window_geometry(available: QRect) -> QRect | None:
    """Where the window opens on a screen whose free area (without taskbars and panels) is
    ``available``: its client geometry, or None to open it maximized.

    A screen without room for the design size and a frame (1366×768 and 1280×720 laptops)
    gets the window maximized, so the window manager fits the frame into the free area —
    sized by hand, the title bar pushed the bottom 20 px under the taskbar. A larger
    screen gets a bigger window (up to 85 % × 90 % of it, so the panels have room to
    breathe on 1920×1080), centred with its frame.
    """
    room = available.size() - FRAME_ALLOWANCE
    if room.width() < DESIGN_SIZE.width() or room.height() < DESIGN_SIZE.height():
        return None
    size = QSize(
        max(DESIGN_SIZE.width(), min(room.width(), int(available.width() * 0.85))),
        max(DESIGN_SIZE.height(), min(room.height(), int(available.height() * 0.9))),
    )
    frame = QRect(QPoint(0, 0), size + FRAME_ALLOWANCE)
    frame.moveCenter(available.center())
    title = FRAME_ALLOWANCE.height() - FRAME_ALLOWANCE.width() // 2
    return QRect(frame.topLeft() + QPoint(FRAME_ALLOWANCE.width() // 2, title), size)
