"""Serializers: turning model instances into JSON/XML/Python data and back (see json.py)."""
