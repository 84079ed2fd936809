"""English (US) formats; the format characters are those of the date template filter."""

DATE_FORMAT = "N j, Y"
TIME_FORMAT = "P"
DATETIME_FORMAT = "N j, Y, P"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = "m/d/Y"
SHORT_DATETIME_FORMAT = "m/d/Y P"
FIRST_DAY_OF_WEEK = 0  # Sunday

# Input formats use Python's strftime codes.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2006-10-25
    "%m/%d/%Y",  # 10/25/2006
    "%m/%d/%y",  # 10/25/06
    "%b %d %Y",  # Oct 25 2006
    "%b %d, %Y",  # Oct 25, 2006
    "%d %b %Y",  # 25 Oct 2006
    "%d %b, %Y",  # 25 Oct, 2006
    "%B %d %Y",  # October 25 2006
    "%B %d, %Y",  # October 25, 2006
    "%d %B %Y",  # 25 October 2006
    "%d %B, %Y",  # 25 October, 2006
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M:%S.%f",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M:%S.%f",
    "%m/%d/%y %H:%M",
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # 14:30:59
    "%H:%M:%S.%f",  # 14:30:59.000200
    "%H:%M",  # 14:30
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
