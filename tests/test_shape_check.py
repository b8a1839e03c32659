"""The quick conformance check (ontology/shape_check.py) against the SHACL engine: it passes the graphs of
real documents, and it never passes a graph the engine finds not conforming, over thousands of broken
variants of those graphs."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.namespace import SH

from ontology.records import RawDocument
from ontology.shape_check import ShapeCheck
from ontology.validate import _engine_validate_nquads, _ontology_nquads, shape_check, shapes_graph, validate_nquads
from pipelines.extract.pipeline import extract
from pipelines.stages.graph import map_extraction
from pipelines.version import VERSION
from sources.readers import parse
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parent.parent
_SOVKG = "https://w3id.org/sovkg/ontology#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_CLASSES = [f"<{_SOVKG}{c}>" for c in ("Person", "Organization", "Country", "Actor", "Event", "Policy", "Claim",
                                      "Document", "Evidence", "Merge", "ClaimKind", "Curation", "ClaimCluster")]  # fmt: skip
_ODD_OBJECTS = [
    '""', '"-1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"7"^^<http://www.w3.org/2001/XMLSchema#integer>',
    '"007"^^<http://www.w3.org/2001/XMLSchema#integer>', '"1.5"^^<http://www.w3.org/2001/XMLSchema#decimal>',
    '"abc"^^<http://www.w3.org/2001/XMLSchema#integer>', '"2021-02-30"^^<http://www.w3.org/2001/XMLSchema#date>',
    '"2021-02-03"^^<http://www.w3.org/2001/XMLSchema#date>', '"x"@en', '"x"@EN', '"a\\u0000b"', '"\\u00e9t\\u00e9"',
    '"tab\\tbed"', '"bad\\qescape"', f'"{"a" * 64}"', f'"{"0" * 64}\\n"', '"merge"', "_:b0", "<relative>",
    "<http://example.org/a b>", "<http://example.org/é>", "<http://a:b/>", "<urn:x>", '"x"^^<urn:dt>',
    f'"{"f" * 64}"^^<{_XSD}string>',
]  # fmt: skip


def _documents() -> list[RawDocument]:
    files = sorted((ROOT / "sources" / "samples").iterdir())
    for folder, limit in ((SHARED / "seeds", 40), (SHARED / "dev", 40), (SHARED / "corpus" / "bbc", 120)):
        if folder.is_dir():
            found = sorted(p for p in folder.rglob("*") if p.suffix in {".txt", ".md", ".html"} and p.name != "README.TXT")
            files += found[:: max(1, len(found) // limit)][:limit]
    raws = []
    for f in files:
        data = f.read_bytes()
        kind = {".html": "text/html", ".md": "text/markdown"}.get(f.suffix, "text/plain")
        raws.append(RawDocument(f.stem, str(f), kind, data, hashlib.sha256(data).hexdigest(), None))
    return raws


@pytest.fixture(scope="module")
def blocks() -> list[str]:
    out = []
    for raw in _documents():
        try:
            block = map_extraction(extract(parse(raw)), VERSION)
        except Exception:  # a document the readers refuse is not this test's business
            continue
        out.append(str(block.nquads))
    return out


def test_real_documents_pass_and_the_engine_agrees(blocks: list[str]) -> None:
    check = shape_check()
    assert check is not None, "the shapes in ontology/shapes.ttl no longer compile to the quick check"
    passed = [b for b in blocks if check.conforms(b)]
    assert all(_engine_validate_nquads(b).conforms for b in passed)
    # the point of the check: nearly every real document is answered without the engine
    assert len(passed) >= 0.95 * len(blocks), (len(passed), len(blocks))
    assert validate_nquads(blocks[0]) == _engine_validate_nquads(blocks[0])


def _variant(block: str, rng: random.Random) -> str:
    """The block broken in one or two random ways: lines dropped, statements added with another subject,
    predicate, object, type or graph, odd terms and literals."""
    lines = block.splitlines()
    for _ in range(rng.choice((1, 1, 2))):
        parts = [line[:-2].split(" ", 2) for line in lines]  # subject, predicate, "object graph"
        k = rng.randrange(len(lines))
        s, p, rest = parts[k]
        o, _, g = rest.rpartition(" ")
        other = parts[rng.randrange(len(parts))]
        other_o = other[2].rpartition(" ")[0]
        move = rng.randrange(10)
        literals = [j for j, (_, _, r) in enumerate(parts) if r.startswith('"')]
        if move == 9 and literals:  # a literal's text edited, its datatype kept
            j = rng.choice(literals)
            s, p, rest = parts[j]
            body, _, tail = rest[1:].rpartition('"')
            edited = rng.choice([body + "G", body.upper(), body[:-1], "", body + "\\n", "-" + body, body + "0"])
            lines[j] = f'{s} {p} "{edited}"{tail} .'
            continue
        if move == 0:
            del lines[k]
            continue
        if move == 1:
            new = (other[0], p, o, g)
        elif move == 2:
            new = (s, other[1], o, g)
        elif move == 3:
            new = (s, p, other_o, g)
        elif move == 4:
            new = (rng.choice([s, other[0]]), _TYPE, rng.choice(_CLASSES), g)
        elif move == 5:
            new = (s, p, rng.choice(_ODD_OBJECTS), g)
        elif move == 6:
            new = (s, p, o, "<https://w3id.org/sovkg/id/graph/another>")
        elif move == 7:
            new = (rng.choice(["_:b1", "<rel>", s]), p, o, g)
        else:
            lines[k] = f"{s} {p} {rng.choice(_ODD_OBJECTS)} {g} ."  # replaced, not added
            continue
        line = " ".join(new) + " ."
        if rng.random() < 0.5:
            lines[k] = line
        else:
            lines.insert(rng.randrange(len(lines) + 1), line)
    return "".join(line + "\n" for line in lines)


def test_broken_variants_pass_only_when_the_engine_agrees(blocks: list[str]) -> None:
    check = shape_check()
    assert check is not None
    rng = random.Random(20)
    passed = refused = 0
    for block in blocks[:: max(1, len(blocks) // 45)]:
        for _ in range(12):
            variant = _variant(block, rng)
            try:
                engine = _engine_validate_nquads(variant).conforms
            except Exception:  # text the engine cannot read: it is refused, so the check must not pass it
                engine = False
            fast = check.conforms(variant)
            assert not (fast and not engine), variant
            passed += fast
            refused += not engine
    # the variants exercise both answers
    assert passed > 50 and refused > 50, (passed, refused)


def test_text_it_cannot_read_with_certainty_goes_to_the_engine(blocks: list[str]) -> None:
    check = shape_check()
    assert check is not None
    block = blocks[0]
    assert check.conforms(block)
    literal = next(line for line in block.splitlines() if '" <' in line)
    spelt_out = literal.replace('" <', f'"^^<{_XSD}string> <', 1)
    assert not check.conforms(block.replace(literal, spelt_out))
    assert not check.conforms(block + "\ud800")  # a lone surrogate: the engine's to refuse
    with pytest.raises(UnicodeEncodeError):
        validate_nquads(block[:-1] + "\ud800\n")


@pytest.mark.parametrize("key", ["hasValue", "closed", "in", "severity", "node"])
def test_shapes_it_does_not_implement_turn_the_check_off(key: str) -> None:
    shapes = Graph()
    shapes += shapes_graph()
    node = next(shapes.subjects(SH.targetClass, None))
    shapes.add((node, SH[key], Literal("x") if key != "node" else BNode()))
    assert ShapeCheck.compile(shapes, _ontology_nquads()) is None
    assert ShapeCheck.compile(shapes_graph(), _ontology_nquads()) is not None


@pytest.mark.parametrize("value", ["9223372036854775808", "99999999999999999999"])
def test_numbers_beyond_what_the_engine_reads_go_to_the_engine(blocks: list[str], value: str) -> None:
    """The engine reads integers in 64 bits: a larger offset fails its range check, so the quick check must
    not pass it."""
    check = shape_check()
    assert check is not None
    block = next(b for b in blocks if f"<{_SOVKG}endOffset>" in b)
    line = next(x for x in block.splitlines() if f"<{_SOVKG}endOffset>" in x)
    edited = block.replace(line, line.split(' "', 1)[0] + f' "{value}"^^<{_XSD}integer> ' + line.rsplit(" ", 2)[1] + " .")
    assert edited != block
    assert not check.conforms(edited) or _engine_validate_nquads(edited).conforms


def test_decimals_with_more_places_than_the_engine_keeps_go_to_the_engine() -> None:
    from ontology.shape_check import _Lit, _number, _Unsure

    assert _number(_Lit(("0.5", f"<{_XSD}decimal>", None))) == 0.5
    with pytest.raises(_Unsure):
        _number(_Lit(("0.1234567890123456789", f"<{_XSD}decimal>", None)))
