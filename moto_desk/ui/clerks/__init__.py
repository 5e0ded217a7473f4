"""Clerks at the desk (issue 16): the sign-in screen, the lock, the approval box."""
