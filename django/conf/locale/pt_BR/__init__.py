"""Locale data for this language (format settings live in formats.py)."""
