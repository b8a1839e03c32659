"""`text.mentions` finds a document's known names as the regular expression made of them finds them."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.extract.text import mentions

PIECES = ["Mr", "Mrs", "Ms", "Dr", "Prof", ".", " ", "  ", "\n", "\t", "-", "_", "é", "Ann", "Ann Lee", "Lee", "Lees",
          "ANN", "x", "2", "’s", "(", "Mr Ann"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
FORMS = st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join), min_size=1, max_size=6, unique=True)


def expected(text: str, forms: list[str]) -> list[tuple[int, int, str]]:
    pattern = re.compile(
        r"(?<![\w-])(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?(" + "|".join(map(re.escape, forms)) + r")(?![\w-])"
    )
    return [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(text)]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(text=TEXT, forms=FORMS)
@example(text="Mrs. Ann Lee met Dr  Lee and Mr Ann.", forms=["Ann Lee", "Lee", "Ann"])
@example(text="Mr Ann Lees-Ann Lee", forms=["Ann Lee", "Ann", "Mr Ann"])
@example(text="Mr \n Ann", forms=[" Ann", "Ann"])  # a form starting with whitespace: \s+ gives some back
def test_mentions_match_the_regular_expression(text: str, forms: list[str]) -> None:
    forms = sorted(forms, key=len, reverse=True)
    assert mentions(text, forms) == expected(text, forms)
