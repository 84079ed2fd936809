"""findstatic: print the absolute path(s) of static files."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import LabelCommand


class Command(LabelCommand):
    help = "Finds the absolute paths for the given static file(s)."
    label = "staticfile"

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--first",
            action="store_false",
            dest="all",
            help="Only return the first match for each static file.",
        )

    def handle_label(self, path: str, **options: Any) -> str | None:  # type: ignore[override]  # label is a path
        from django.contrib.staticfiles import finders

        verbosity = options["verbosity"]
        result = finders.find(path, find_all=options["all"])
        searched = ""
        if verbosity >= 2:
            searched = "\nLooking in the following locations:\n  %s" % "\n  ".join(
                str(location) for location in finders.searched_locations
            )
        if result:
            if not isinstance(result, (list, tuple)):
                result = [result]
            found = [os.path.realpath(p) for p in result]
            if verbosity >= 1:
                return "Found '%s' here:\n  %s%s" % (path, "\n  ".join(found), searched)
            return "\n".join(found)
        message = ["No matching file found for '%s'." % path]
        if verbosity >= 2:
            message.append(searched)
        if verbosity >= 1:
            self.stderr.write("\n".join(message))
        return None
