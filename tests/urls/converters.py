"""Custom converters registered by the test URLconfs."""


class FourDigitYearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return "%04d" % value


class EvenConverter:
    """Matches digits, but only even numbers convert (odd ones fall through to later patterns)."""

    regex = "[0-9]+"

    def to_python(self, value):
        number = int(value)
        if number % 2:
            raise ValueError("odd")
        return number

    def to_url(self, value):
        if value % 2:
            raise ValueError("odd")
        return str(value)
