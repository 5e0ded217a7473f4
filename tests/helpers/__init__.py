"""Test helpers shared by the simulator's and the app's tests (not collected by pytest)."""
