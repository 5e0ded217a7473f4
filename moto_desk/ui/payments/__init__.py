"""Charging a saved card and refunding a charge."""
