"""A quick conformance check of one document's N-Quads against the shapes, made for the common case
that it conforms.

The SHACL engine takes ~4.5 ms for a document's ~270 statements, a fifth of a document worker's time.
This check reads the shapes graph once and compiles it into plain Python tests of the few constraint
kinds sovkg's shapes use (class targets, simple and inverse paths, counts, datatypes, class, node kind,
pattern, length, range, lessThan, sh:or and sh:not of classes). It answers True only when it is sure the
data conforms; anything else (a violation, or text or terms it does not read with certainty: blank nodes,
escaped IRIs, language tags in capitals, more than one named graph, ...) answers False, and the caller
then asks the engine, which stays the authority on every graph that is not a clean pass. Shapes with a
constraint or target it does not know compile to no check at all, so a change to shapes.ttl can make
validation slower, never laxer. tests/test_shape_check.py holds it to the engine's answers on real
documents and on thousands of broken variants of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

_TYPE = f"<{RDF.type}>"
_SUBCLASS = f"<{RDFS.subClassOf}>"
_STRING = f"<{XSD.string}>"
_INTEGER = f"<{XSD.integer}>"
_DECIMAL = f"<{XSD.decimal}>"
_DATE = f"<{XSD.date}>"
_NUMERIC = {_INTEGER, _DECIMAL}
_SPELT_OUT = {_STRING, f"<{RDF.langString}>"}

# ASCII absolute IRIs of a plain form, which every IRI parser accepts (the engine rejects invalid ones)
# (runs of characters, then percent escapes each followed by a run: one pass, no backtracking per character)
_PCHARS = r"[A-Za-z0-9\-._~!$&'()*+,;=:@]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9\-._~!$&'()*+,;=:@]*)*"
_QCHARS = r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)*"
_IRI = re.compile(
    rf"[A-Za-z][A-Za-z0-9+.\-]*:(?://[A-Za-z0-9\-._~]+(?::[0-9]*)?(?:/{_PCHARS})*|(?=[^/]){_PCHARS}(?:/{_PCHARS})*)"
    rf"(?:\?{_QCHARS})?(?:#{_QCHARS})?"
)
_IRI_TERM = r"<[^\x00-\x20<>\"{}|^`\\]*>"  # each also checked against _IRI (once per process)
_LITERAL_TERM = rf"\"[^\"\\\n\r]*(?:\\.[^\"\\\n\r]*)*\"(?:\^\^{_IRI_TERM}|@[a-z]+(?:-[a-z0-9]+)*)?"
_LINE = re.compile(rf"({_IRI_TERM}) ({_IRI_TERM}) ({_IRI_TERM}|{_LITERAL_TERM}) ({_IRI_TERM}) \.")
_ESCAPE = re.compile(r"\\(?:([tbnrf\"'\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_LEXICAL = {
    _STRING: None,
    _INTEGER: re.compile(r"-?[0-9]+"),
    _DECIMAL: re.compile(r"-?[0-9]+(?:\.[0-9]+)?"),
    _DATE: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}
_SAFE_PATTERN = re.compile(r"[\^$\[\]()|A-Za-z0-9\-{},]*")  # no escapes, dots, flags or classes like \d


class _Unsure(Exception):
    """A term or constraint this check does not read with certainty: leave the answer to the engine."""


class _Lit(tuple):
    """A literal: (lexical form, datatype "<iri>" (a plain literal is an xsd:string), language tag)."""

    __slots__ = ()

    @property
    def lexical(self) -> str:
        return self[0]

    @property
    def datatype(self) -> str:
        return self[1]

    @property
    def lang(self) -> str | None:
        return self[2]


Term = str | _Lit  # an IRI as "<iri>", or a literal


def _literal(text: str) -> _Lit:
    body, _, rest = text[1:].rpartition('"')
    if "\\" in body:
        body = _ESCAPE.sub(_unescape, body)
    if rest.startswith("@"):
        return _Lit((body, f"<{RDF.langString}>", rest[1:]))
    if rest[2:] in _SPELT_OUT:
        raise _Unsure("a datatype an RDF parser may or may not fold into a plain or tagged literal")
    return _Lit((body, _iri(rest[2:]) if rest else _STRING, None))


_LANGUAGE_TAG = re.compile(r"[a-z]+(?:-[a-z0-9]+)*")
_ESCAPED_BODY = re.compile(r'[^"\\\n\r]*(?:\\.[^"\\\n\r]*)*')  # a literal's body in _LITERAL_TERM


def _literal_term(text: str) -> _Lit:
    """A literal term of a line, which must have the form of _LITERAL_TERM: its body ends at the last
    quotation mark (the datatype or language tag after it holds none)."""
    body, quote, rest = text[1:].rpartition('"')
    if not quote or "\r" in body or "\n" in body:
        raise _Unsure("not a literal of the N-Quads form")
    if ("\\" in body and _ESCAPED_BODY.fullmatch(body) is None) or ("\\" not in body and '"' in body):
        raise _Unsure("not a literal of the N-Quads form")
    if rest.startswith("@"):
        if _LANGUAGE_TAG.fullmatch(rest, 1) is None:
            raise _Unsure("a language tag of an unusual form")
    elif rest and not (rest.startswith("^^") and rest.startswith("<", 2) and rest.endswith(">")):
        raise _Unsure("not a literal of the N-Quads form")
    return _literal(text)


def _unescape(match: re.Match[str]) -> str:
    char, short, long, other = match.groups()
    if other is not None:
        raise _Unsure("unknown escape")
    if char is not None:
        return _ESCAPED[char]
    code = int(short or long, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _Unsure("escaped surrogate")
    return chr(code)


_PLAIN_IRIS: set[str] = set()  # IRIs found to be of the plain form (per process, bounded below)


def _iri(text: str) -> str:
    """An IRI term, "<...>", of the plain form (which holds none of the characters _IRI_TERM excludes)."""
    if text not in _PLAIN_IRIS:
        if not (text.startswith("<") and text.endswith(">") and _IRI.fullmatch(text, 1, len(text) - 1)):
            raise _Unsure("an IRI of an unusual form")
        if len(_PLAIN_IRIS) > 200_000:
            _PLAIN_IRIS.clear()
        _PLAIN_IRIS.add(text)
    return text


class _Ontology:
    """What validation reads of the ontology, indexed once: the subclasses of each class and the types of
    the ontology's own individuals."""

    def __init__(self, statements: list[tuple[str, str, Term]]) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        below: dict[str, set[str]] = defaultdict(set)
        for s, p, o in statements:
            if not isinstance(o, str):
                continue
            if p == _TYPE:
                self.types[s].add(o)
            elif p == _SUBCLASS:
                below[o].add(s)
        self.subclasses: dict[str, frozenset[str]] = {}
        for cls in set(below) | {o for ts in self.types.values() for o in ts}:
            seen = {cls}
            todo = [cls]
            while todo:
                for sub in below.get(todo.pop(), ()):
                    if sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            self.subclasses[cls] = frozenset(seen)

    def below(self, cls: str) -> frozenset[str]:
        return self.subclasses.get(cls) or frozenset((cls,))

    @cache  # noqa: B019 (one instance per process, kept for its life)
    def instances(self, cls: str) -> frozenset[str]:
        classes = self.below(cls)
        return frozenset(n for n, ts in self.types.items() if not ts.isdisjoint(classes))


class _Data:
    """One named graph's statements beside the ontology: objects by subject and predicate, subjects by
    object for the inverse paths, types by node."""

    def __init__(self, ontology: _Ontology, inverse: frozenset[str]) -> None:
        self.ontology = ontology
        self.objects: dict[str, dict[str, set[Term]]] = {}
        self.subjects: dict[tuple[str, str], set[str]] = {}
        self.types: dict[str, set[str]] = {}  # node -> its classes
        self.typed: dict[str, set[str]] = {}  # class -> its nodes
        self.inverse = inverse

    def add(self, s: str, p: str, o: Term) -> None:
        by_predicate = self.objects.get(s)
        if by_predicate is None:
            by_predicate = self.objects[s] = {}
        values = by_predicate.get(p)
        if values is None:
            by_predicate[p] = {o}
        else:
            values.add(o)
        if p == _TYPE:
            self.types.setdefault(s, set()).add(o)  # type: ignore[arg-type]
            self.typed.setdefault(o, set()).add(s)  # type: ignore[arg-type]
        elif p in self.inverse and isinstance(o, str):
            self.subjects.setdefault((o, p), set()).add(s)

    def instances(self, cls: str) -> set[str]:
        found = set(self.ontology.instances(cls))
        for c in self.ontology.below(cls):
            found.update(self.typed.get(c, ()))
        return found

    def is_instance(self, node: Term, cls: str) -> bool:
        if not isinstance(node, str):
            return False
        classes = self.ontology.below(cls)
        types = self.types.get(node)
        if types is not None and not types.isdisjoint(classes):
            return True
        types = self.ontology.types.get(node)
        return types is not None and not types.isdisjoint(classes)


# the engine reads an integer as a signed 64-bit one and a decimal as a fixed-point number with 18 digits
# after the point (about 1.7e20 at most): values beyond either are left to it
_LARGEST = Decimal(10) ** 17
_PLAIN_DIGITS = 17  # an unsigned integer of at most this many digits is below _LARGEST
_PLACES = 18


def _number(term: Term) -> Decimal | int:
    """The value of a numeric literal; only compared with other values and bounds, so an integer of a
    plain form (most are character offsets) is read as an int, which compares as its Decimal would."""
    if (
        isinstance(term, _Lit)
        and term[1] == _INTEGER
        and term[2] is None
        and len(term[0]) <= _PLAIN_DIGITS
        and term[0].isascii()
        and term[0].isdigit()
    ):
        return int(term[0])
    if not isinstance(term, _Lit) or term[1] not in _NUMERIC or not _valid(term, term[1]):
        raise _Unsure("not a number")
    number = Decimal(term[0])
    exponent = number.as_tuple().exponent
    if abs(number) >= _LARGEST or (isinstance(exponent, int) and -exponent > _PLACES):
        raise _Unsure("a number the engine may read otherwise")
    return number


def _valid(lit: Term, datatype: str) -> bool:
    if not isinstance(lit, _Lit) or lit[1] != datatype or lit[2] is not None:
        return False
    form = _LEXICAL[datatype]
    if form is None:
        return True
    if not form.fullmatch(lit[0]):
        return False
    if datatype == _DATE:
        try:
            date.fromisoformat(lit[0])
        except ValueError:
            return False
    return True


_NO_VALUES: frozenset[Term] = frozenset()
_NO_OBJECTS: dict[str, set[Term]] = {}  # never written to


@dataclass(frozen=True)
class _Property:
    path: str
    inverse: bool
    min_count: tuple[int, ...] = ()
    max_count: tuple[int, ...] = ()
    datatypes: tuple[str, ...] = ()
    min_length: tuple[int, ...] = ()
    classes: tuple[str, ...] = ()
    iri_only: bool = False
    patterns: tuple[re.Pattern[str], ...] = ()
    min_inclusive: tuple[Decimal, ...] = ()
    max_inclusive: tuple[Decimal, ...] = ()
    less_than: tuple[str, ...] = ()
    not_classes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # the tightest of each kind of bound, and whether any test of single values is left
        object.__setattr__(self, "_least", max(self.min_count, default=0))
        object.__setattr__(self, "_most", min(self.max_count, default=None))
        per_value = (self.datatypes, self.min_length, self.classes, self.patterns, self.min_inclusive)
        object.__setattr__(self, "_per_value", bool(any(per_value) or self.iri_only or self.max_inclusive or self.less_than or self.not_classes))

    def holds(self, data: _Data, focus: str, objects: dict[str, set[Term]]) -> bool:
        """`objects`: the focus node's values by predicate."""
        if self.inverse:
            values: set[Term] | frozenset[Term] = data.subjects.get((focus, self.path), _NO_VALUES)  # type: ignore[assignment]
        else:
            values = objects.get(self.path, _NO_VALUES)
        count = len(values)
        if count < self._least or (self._most is not None and count > self._most):  # type: ignore[attr-defined]
            return False
        if self._least > 1 and not all(isinstance(v, str) for v in values):  # type: ignore[attr-defined]
            raise _Unsure("literals counted towards a minimum above one")
        if not count or not self._per_value:  # type: ignore[attr-defined]
            return True
        others = [o for p in self.less_than for o in objects.get(p, ())]
        return all(self._value_holds(data, v, others) for v in values)

    def _value_holds(self, data: _Data, value: Term, others: list[Term]) -> bool:
        for d in self.datatypes:
            if not _valid(value, d):
                return False
        if self.iri_only and not isinstance(value, str):
            return False
        if self.min_length or self.patterns:
            text = value[0] if isinstance(value, _Lit) else value[1:-1]
            for n in self.min_length:
                if len(text) < n:
                    return False
            if self.patterns and ("\n" in text or not text.isascii()):
                raise _Unsure("a pattern over a line break or non-ASCII text")
            for pattern in self.patterns:
                if pattern.search(text) is None:
                    return False
        if self.min_inclusive or self.max_inclusive or others:
            number = _number(value)
            if any(number < b for b in self.min_inclusive) or any(number > b for b in self.max_inclusive):
                return False
            if any(not number < _number(o) for o in others):
                return False
        for c in self.classes:
            if not data.is_instance(value, c):
                return False
        return not any(data.is_instance(value, c) for c in self.not_classes)


@dataclass(frozen=True)
class _NodeShape:
    targets: tuple[str, ...]
    any_of_classes: tuple[tuple[str, ...], ...]  # each sh:or: the focus is an instance of one of them
    properties: tuple[_Property, ...]

    def holds(self, data: _Data) -> bool:
        focus_nodes = {n for t in self.targets for n in data.instances(t)}
        for focus in focus_nodes:
            for classes in self.any_of_classes:
                if not any(data.is_instance(focus, c) for c in classes):
                    return False
            objects = data.objects.get(focus, _NO_OBJECTS)  # looked up once for all the properties
            for prop in self.properties:
                if not prop.holds(data, focus, objects):
                    return False
        return True


_IGNORED = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.name, SH.description}
_NODE_KEYS = _IGNORED | {SH.targetClass, SH.property, SH["or"]}
_PROPERTY_KEYS = _IGNORED | {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.minLength, SH["class"], SH.nodeKind, SH.pattern,
    SH.minInclusive, SH.maxInclusive, SH.lessThan, SH["not"],
}  # fmt: skip
_SHAPE_MARKS = {
    SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetClass, SH.property, SH.node,
    SH.deactivated, SH.severity, SH.flags, SH.closed, SH.sparql, SH.qualifiedValueShape, SH.xone,
    SH["and"], SH.equals, SH.disjoint, SH.hasValue, SH["in"], SH.languageIn, SH.uniqueLang,
}  # fmt: skip


class ShapeCheck:
    """The shapes compiled into Python; `conforms(nquads)` is True only when the data surely conforms."""

    def __init__(self, shapes: tuple[_NodeShape, ...], ontology: list[tuple[str, str, Term]]) -> None:
        self.shapes = shapes
        self.ontology = _Ontology(ontology)
        self.inverse = frozenset(p.path for shape in shapes for p in shape.properties if p.inverse)

    @classmethod
    def compile(cls, shapes: Graph, ontology_nquads: str) -> ShapeCheck | None:
        """None when the shapes use anything this check does not implement."""
        try:
            compiled = _compile(shapes)
            ontology = [_statement(line) for line in ontology_nquads.splitlines()]
        except _Unsure:
            return None
        return cls(compiled, ontology)

    def conforms(self, nquads: str) -> bool:
        try:
            nquads.encode()  # text the engine could not be handed (lone surrogates) is its to refuse
        except UnicodeEncodeError:
            return False
        try:
            lines = nquads.split("\n")
            if lines[-1]:
                return False  # the mapping ends every statement with a line break
            graph = None
            data = _Data(self.ontology, self.inverse)
            plain = _PLAIN_IRIS
            for line in lines[:-1]:
                # a line is read only when it has the form of _LINE, checked term by term (a regular
                # expression over the whole text took a third of the check): IRIs of the plain form hold
                # no space, so the first two spaces end the subject and the predicate, and the last two
                # open the graph name and the full stop
                parts = line.split(" ", 2)
                if len(parts) != 3:
                    return False
                s, p, rest = parts
                if rest[-2:] != " .":
                    return False
                o, _, g = rest[:-2].rpartition(" ")
                if g != graph:
                    if graph is not None:
                        return False  # one document's graph: whether the engine joins named graphs does not matter
                    graph = _iri(g)
                if p == _SUBCLASS:
                    return False  # the class hierarchy is the ontology's
                # an IRI met before is looked up here: the call was a fifth of the check
                if s not in plain:
                    _iri(s)
                if p not in plain:
                    _iri(p)
                if o[:1] == '"':
                    data.add(s, p, _literal_term(o))
                else:
                    if o not in plain:
                        _iri(o)
                    data.add(s, p, o)
            return all(shape.holds(data) for shape in self.shapes)
        except (_Unsure, InvalidOperation):
            return False


def _statement(line: str) -> tuple[str, str, Term]:
    """A statement of the ontology's N-Triples (default graph)."""
    match = _LINE.fullmatch(line.removesuffix(" .") + " <urn:g> .")
    if match is None:
        raise _Unsure("an ontology statement of an unusual form")
    s, p, o, _ = match.groups()
    return _iri(s), _iri(p), _literal(o) if o[0] == '"' else _iri(o)


def _compile(shapes: Graph) -> tuple[_NodeShape, ...]:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    if set(shapes.subjects(RDF.type, SH.PropertyShape)) - set(shapes.objects(None, SH.property)):
        raise _Unsure("a property shape of its own")
    for mark in _SHAPE_MARKS:
        if set(shapes.subjects(mark, None)) - node_shapes - set(shapes.objects(None, SH.property)):
            raise _Unsure(f"{mark} outside the node shapes")
    if any(isinstance(s, URIRef) and (s, RDF.type, RDFS.Class) in shapes for s in node_shapes):
        raise _Unsure("an implicit class target")
    compiled = []
    for node in sorted(node_shapes, key=str):
        _only(shapes, node, _NODE_KEYS)
        targets = tuple(_term(c) for c in shapes.objects(node, SH.targetClass))
        any_of = tuple(
            tuple(_class_only(shapes, member) for member in Collection(shapes, listed))
            for listed in shapes.objects(node, SH["or"])
        )
        properties = tuple(_property(shapes, p) for p in shapes.objects(node, SH.property))
        compiled.append(_NodeShape(targets, any_of, properties))
    return tuple(compiled)


def _only(shapes: Graph, node: object, keys: set) -> None:
    unknown = set(shapes.predicates(node, None)) - keys
    if unknown:
        raise _Unsure(f"{sorted(unknown)} not implemented")


def _term(node: object) -> str:
    if not isinstance(node, URIRef):
        raise _Unsure("a class that is not an IRI")
    return _iri(f"<{node}>")


def _class_only(shapes: Graph, node: object) -> str:
    """The class of a shape that says nothing but sh:class C."""
    _only(shapes, node, {RDF.type, SH["class"]})
    classes = list(shapes.objects(node, SH["class"]))
    if len(classes) != 1:
        raise _Unsure("a nested shape of another kind")
    return _term(classes[0])


def _property(shapes: Graph, node: object) -> _Property:
    _only(shapes, node, _PROPERTY_KEYS)
    paths = list(shapes.objects(node, SH.path))
    if len(paths) != 1:
        raise _Unsure("a property shape without one path")
    path, inverse = paths[0], False
    # the ontology's statements are indexed as types and subclasses only, not as values of a path
    if {path, *shapes.objects(node, SH.lessThan)} & {RDF.type, RDFS.subClassOf}:
        raise _Unsure("a path over the class hierarchy")
    if isinstance(path, BNode):
        _only(shapes, path, {SH.inversePath})
        inverse_paths = list(shapes.objects(path, SH.inversePath))
        if len(inverse_paths) != 1:
            raise _Unsure("a complex path")
        path, inverse = inverse_paths[0], True

    def values(key: URIRef) -> list:
        return list(shapes.objects(node, key))

    kinds = values(SH.nodeKind)
    if any(k != SH.IRI for k in kinds):
        raise _Unsure("a node kind other than sh:IRI")
    datatypes = tuple(_term(d) for d in values(SH.datatype))
    if any(d not in _LEXICAL for d in datatypes):
        raise _Unsure("a datatype whose lexical forms are not checked here")
    patterns = []
    for pattern in values(SH.pattern):
        if not isinstance(pattern, Literal) or not _SAFE_PATTERN.fullmatch(str(pattern)):
            raise _Unsure("a pattern whose syntax may differ between regular expression dialects")
        patterns.append(re.compile(str(pattern)))
    return _Property(
        path=_term(path),
        inverse=inverse,
        min_count=tuple(_count(v) for v in values(SH.minCount)),
        max_count=tuple(_count(v) for v in values(SH.maxCount)),
        datatypes=datatypes,
        min_length=tuple(_count(v) for v in values(SH.minLength)),
        classes=tuple(_term(c) for c in values(SH["class"])),
        iri_only=bool(kinds),
        patterns=tuple(patterns),
        min_inclusive=tuple(_bound(v) for v in values(SH.minInclusive)),
        max_inclusive=tuple(_bound(v) for v in values(SH.maxInclusive)),
        less_than=tuple(_term(p) for p in values(SH.lessThan)),
        not_classes=tuple(_class_only(shapes, n) for n in values(SH["not"])),
    )


def _count(value: object) -> int:
    if not isinstance(value, Literal) or value.datatype != XSD.integer or not isinstance(value.toPython(), int):
        raise _Unsure("a count that is not an integer")
    return int(value.toPython())


def _bound(value: object) -> Decimal:
    if not isinstance(value, Literal) or value.datatype not in (XSD.integer, XSD.decimal):
        raise _Unsure("a bound that is not an integer or a decimal")
    return Decimal(str(value))
