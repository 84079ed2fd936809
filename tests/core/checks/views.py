"""Views used as CSRF_FAILURE_VIEW by the security check tests."""


def good_failure_view(request, reason=""):
    return None


def view_without_reason(request):
    return None
