"""timedelta -> text, in Django's and ISO 8601 notations."""

from __future__ import annotations

import datetime


def _get_duration_components(duration: datetime.timedelta) -> tuple[int, int, int, int, int]:
    days = duration.days
    seconds = duration.seconds
    microseconds = duration.microseconds
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return days, hours, minutes, seconds, microseconds


def duration_string(duration: datetime.timedelta) -> str:
    """'[D ]HH:MM:SS[.ffffff]', the format parse_duration() reads back."""
    days, hours, minutes, seconds, microseconds = _get_duration_components(duration)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if days:
        text = f"{days} {text}"
    if microseconds:
        text += f".{microseconds:06d}"
    return text


def duration_iso_string(duration: datetime.timedelta) -> str:
    """ISO 8601 'P[-]DDDTHHMMSS'-style text, e.g. 'P1DT02H03M04.000005S'."""
    if duration < datetime.timedelta(0):
        sign = "-"
        duration = -duration
    else:
        sign = ""
    days, hours, minutes, seconds, microseconds = _get_duration_components(duration)
    ms = f".{microseconds:06d}" if microseconds else ""
    return f"{sign}P{days}DT{hours:02d}H{minutes:02d}M{seconds:02d}{ms}S"


def duration_microseconds(delta: datetime.timedelta) -> int:
    """The whole duration in microseconds."""
    return (24 * 60 * 60 * delta.days + delta.seconds) * 1_000_000 + delta.microseconds
