"""Create and fill the tables of the HTTP benchmarks (10,000 World rows, 12 Fortunes).

Run once per database by bench/http_load.py, under the real Django (the reference), with the same
BENCH_DB* environment as the servers; both implementations then serve the same rows.
"""

import random

import django

FORTUNES = [
    "A byte saved is a byte earned.",
    "<script>alert('escaped?')</script>",
    "Tables & chairs: \"quotes\" and 'apostrophes' must be escaped.",
    "フレームワークのベンチマーク",
    "The early request gets the warm cache.",
    "Premature optimisation is a fine hobby.",
    "Measure twice, cut once.",
    "Every query has its price.",
    "Two cores, eight helpers, one benchmark.",
    "Nothing is faster than no work at all.",
    "A test without an assertion proves nothing.",
    "Ünïcödé is welcome here.",
]


def main() -> None:
    django.setup()
    from world.models import Fortune, World

    from django.db import connection

    with connection.schema_editor() as editor:
        for model in (World, Fortune):
            editor.create_model(model)
    rng = random.Random(11)
    World.objects.bulk_create([World(randomnumber=rng.randint(1, 10000)) for _ in range(10000)])
    Fortune.objects.bulk_create([Fortune(message=m) for m in FORTUNES])
    if World.objects.count() != 10000 or World.objects.order_by("id").last().id != 10000:
        raise SystemExit("seeding did not give World ids 1..10000")


if __name__ == "__main__":
    main()
