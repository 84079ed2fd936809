from django.test.runner import DiscoverRunner


class AnnouncingRunner(DiscoverRunner):
    """A TEST_RUNNER that says how many tests it found."""

    def build_suite(self, *args, **kwargs):
        suite = super().build_suite(*args, **kwargs)
        print(f"AnnouncingRunner found {suite.countTestCases()} tests")
        return suite
