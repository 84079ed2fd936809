"""Create and drop the testapp tables on a connection (for tests that use its models)."""

from contextlib import contextmanager

from .models import Author, Book, Tag

MODELS = [Author, Tag, Book]


@contextmanager
def created_tables(connection):
    with connection.schema_editor() as editor:
        for model in MODELS:
            editor.create_model(model)
    try:
        yield
    finally:
        with connection.schema_editor() as editor:
            for model in reversed(MODELS):
                editor.delete_model(model)
