"""The typed records passed between stages: parsed documents and what is extracted from them.

Plain frozen dataclasses with no behaviour beyond construction, so every stage (and every test)
can build them without Dagster, rdflib or the parsers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DocumentKind(StrEnum):
    """Genres of source document; values are the ontology's class local names."""

    NEWS_ARTICLE = "NewsArticle"
    BLOG_POSTING = "BlogPosting"
    SESSION_REPORT = "SessionReport"
    ARTICLE_SUMMARY = "ArticleSummary"
    OTHER = "OtherDocument"


class ActorType(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    GOVERNMENT_BODY = "GovernmentBody"
    COUNTRY = "Country"
    IGO = "IntergovernmentalOrganization"


class EventType(StrEnum):
    CONFERENCE = "Conference"
    SESSION = "Session"
    SIDE_EVENT = "SideEvent"
    MEETING = "Meeting"


class PolicyType(StrEnum):
    STRATEGY = "Strategy"
    LAW = "Law"
    REGULATION = "Regulation"
    FUND = "Fund"
    PROCUREMENT = "ProcurementPolicy"
    PROGRAMME = "Programme"
    FRAMEWORK = "Framework"
    OTHER = "Policy"


class ClaimKind(StrEnum):
    QUANTITATIVE = "QuantitativeClaim"
    EVALUATION = "Evaluation"
    RECOMMENDATION = "Recommendation"


class Role(StrEnum):
    """Roles of an actor at an event; values are the ontology's property local names."""

    ORGANIZER = "organizer"
    SPEAKER = "speaker"
    KEYNOTE = "keynoteSpeaker"
    PANELIST = "panelist"
    MODERATOR = "moderator"
    RAPPORTEUR = "rapporteur"
    ATTENDEE = "attendee"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the span of parsed text it governs (the heading line included)."""

    heading: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as read from its source: bytes, where they came from and their hash."""

    doc_id: str
    locator: str
    media_type: str
    content: bytes
    content_hash: str
    kind_hint: str | None = None  # a DocumentKind value the source vouches for (news, blog, ...)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: metadata plus the main text that all offsets point into."""

    doc_id: str
    locator: str
    content_hash: str
    kind: DocumentKind
    title: str
    text: str
    sections: tuple[Section, ...] = ()
    published: str | None = None  # ISO date
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    media_type: str = "text/plain"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: a span of the document's parsed text and the rule that read it."""

    start: int
    end: int
    rule: str


@dataclass(frozen=True, slots=True)
class Merge:
    """An entity-resolution decision: `surface` is read as another name of the record holding it.

    `evidence` locates the surface form in the document and names the rule; `merged_resource` is the
    name the surface form would have had its own node under (cross-document merges), so the decision
    can be undone from the graph alone."""

    surface: str
    evidence: Evidence
    merged_resource: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A relation from the record holding it to the actor, policy or event named `target`."""

    target: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Participation:
    actor: str
    role: Role
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ActorRecord:
    name: str
    type: ActorType
    evidence: tuple[Evidence, ...]
    aliases: tuple[str, ...] = ()
    merges: tuple[Merge, ...] = ()
    roles: tuple[str, ...] = ()
    affiliations: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class EventRecord:
    name: str
    type: EventType
    evidence: tuple[Evidence, ...]
    aliases: tuple[str, ...] = ()
    merges: tuple[Merge, ...] = ()
    start: str | None = None  # ISO date
    location: str | None = None
    part_of: str | None = None
    participants: tuple[Participation, ...] = ()


@dataclass(frozen=True, slots=True)
class PolicyRecord:
    name: str
    type: PolicyType
    evidence: tuple[Evidence, ...]
    aliases: tuple[str, ...] = ()
    merges: tuple[Merge, ...] = ()
    adopters: tuple[Link, ...] = ()
    runners: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    text: str
    claimant: str
    evidence: Evidence
    kind: ClaimKind = ClaimKind.EVALUATION
    about: tuple[str, ...] = ()
    event: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    actors: tuple[ActorRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()
    policies: tuple[PolicyRecord, ...] = ()
    claims: tuple[ClaimRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document left out of the run, and why."""

    locator: str
    reason: str
