"""Random 'lorem ipsum' placeholder text (the {% lorem %} tag)."""

from __future__ import annotations

import random

COMMON_P = (
    "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut "
    "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris "
    "nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit "
    "esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in "
    "culpa qui officia deserunt mollit anim id est laborum."
)

COMMON_WORDS = (
    "lorem ipsum dolor sit amet consectetur adipisicing elit sed do eiusmod tempor incididunt ut labore "
    "et dolore magna aliqua"
).split()

# A pool of Latin words for the random parts.
WORDS = tuple(
    sorted(
        set(
            """
            accusamus aliquam aliquid amet animi aperiam architecto asperiores aspernatur assumenda atque
            autem beatae blanditiis commodi consectetur consequatur consequuntur corporis corrupti culpa
            cum cumque cupiditate debitis delectus deleniti deserunt dicta dignissimos distinctio dolor
            dolore dolorem doloremque dolores doloribus dolorum ducimus ea eaque earum eius eligendi enim
            eos error esse est et eum eveniet ex excepturi exercitationem expedita explicabo facere facilis
            fuga fugiat fugit harum hic id illo illum impedit in incidunt inventore ipsa ipsam ipsum iste
            itaque iure iusto labore laboriosam laborum laudantium libero magnam magni maiores maxime minima
            minus modi molestiae molestias mollitia nam natus necessitatibus nemo neque nesciunt nihil nisi
            nobis non nostrum nulla numquam obcaecati odio odit officia officiis omnis optio pariatur
            perferendis perspiciatis placeat porro possimus praesentium provident quae quaerat quam quas
            quasi qui quia quibusdam quidem quis quisquam quo quod quos ratione recusandae reiciendis rem
            repellat repellendus reprehenderit repudiandae rerum saepe sapiente sed sequi similique sint
            sit soluta sunt suscipit tempora tempore temporibus tenetur totam ullam unde ut vel velit veniam
            veritatis vero vitae voluptas voluptate voluptatem voluptates voluptatibus voluptatum
            """.split()
        )
    )
)


def sentence() -> str:
    """A random sentence: 1-5 comma-separated runs of 3-12 words, capitalised,
    ending in '.' or '?'."""
    runs = [" ".join(random.sample(WORDS, random.randint(3, 12))) for _ in range(random.randint(1, 5))]
    text = ", ".join(runs)
    return text[0].upper() + text[1:] + random.choice("?.")


def paragraph() -> str:
    """A random paragraph of 1-4 sentences."""
    return " ".join(sentence() for _ in range(random.randint(1, 4)))


def paragraphs(count: int, common: bool = True) -> list[str]:
    """``count`` paragraphs; with ``common`` the first is the classic 'Lorem ipsum...'."""
    result = []
    for index in range(count):
        result.append(COMMON_P if common and index == 0 else paragraph())
    return result


def words(count: int, common: bool = True) -> str:
    """``count`` words; with ``common`` they start with 'lorem ipsum dolor sit amet...'."""
    chosen = list(COMMON_WORDS) if common else []
    if count <= len(chosen):
        return " ".join(chosen[:count])
    count -= len(chosen)
    while count > 0:
        batch = min(count, len(WORDS))
        chosen += random.sample(WORDS, batch)
        count -= batch
    return " ".join(chosen)
