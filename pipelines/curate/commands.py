"""`sovkg curate ...` and `sovkg diff`: the subcommands, kept apart from the other commands."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from pipelines.curate.apply import REPORT_FILE
from pipelines.curate.model import CurationError, CurationFile, load_curation, parse_decision, save_curation

# operation -> positional arguments (name, field)
_POSITIONAL = {
    "merge": (("ITEM", "item"), ("INTO", "into")),
    "keep-apart": (("A", "items"), ("B", "items")),
    "reject": (("ITEM", "item"),),
    "retype": (("ITEM", "item"), ("TYPE", "type")),
    "relabel": (("ITEM", "item"), ("LABEL", "label")),
    "reattribute": (("CLAIM", "item"), ("ACTOR", "claimant")),
    "add": (("CLASS", "class"), ("LABEL", "label")),
}
_HELP = {
    "merge": "merge ITEM into INTO (same actor, event or policy)",
    "keep-apart": "keep two entities apart that resolution would merge",
    "reject": "leave an extracted item out of the published graph",
    "retype": "give an actor, event or policy another class (Person, GovernmentBody, Law, ...)",
    "relabel": "give an item another label (its IRI stays)",
    "reattribute": "attribute a claim to another actor",
    "add": "add an item the extractors missed, with its document and passage",
}


def _file(args: argparse.Namespace) -> Path:
    return Path(args.file)


def _load(path: Path) -> CurationFile:
    return load_curation(path) if path.is_file() else CurationFile(path)


def _load_or_report(path: Path) -> CurationFile | None:
    """The curation file, or None once its error is printed (the command then exits with 2)."""
    try:
        return _load(path)
    except CurationError as error:
        print(error, file=sys.stderr)
        return None


def cmd_curate_op(args: argparse.Namespace) -> int:
    entry: dict[str, object] = {"op": args.op}
    for name, field in _POSITIONAL[args.op]:
        value = getattr(args, name.lower())
        if field == "items":
            entry.setdefault("items", []).append(value)  # type: ignore[union-attr]
        else:
            entry[field] = value
    for field in ("document", "passage", "type", "claimant"):
        if getattr(args, field, None):
            entry[field] = getattr(args, field)
    if getattr(args, "cls", None):
        entry["class"] = args.cls
    entry.update({"reason": args.reason, "by": args.by or os.environ.get("SOVKG_CURATOR") or getpass.getuser()})
    if args.date:
        entry["date"] = args.date
    path = _file(args)
    try:
        current = _load(path)
        decision = parse_decision(entry, len(current.decisions) + 1)
    except CurationError as error:
        print(error, file=sys.stderr)
        return 2
    save_curation(path, [*current.decisions, decision])
    print(f"{path}: entry {decision.number} added ({decision.op}); applied at the next build")
    return 0


def _report(out: Path) -> dict:
    try:
        return json.loads((out / ".state" / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def cmd_curate_list(args: argparse.Namespace) -> int:
    path = _file(args)
    current = _load_or_report(path)
    if current is None:
        return 2
    report = _report(Path(args.out))
    same_file = report.get("file") == str(path.resolve())
    stale = {int(k): v for k, v in report.get("stale", {}).items()} if same_file else {}
    applied = set(report.get("applied", [])) if same_file else set()
    if not current.decisions:
        print(f"{path}: no decisions")
        return 0
    for d in current.decisions:
        status = (
            f"STALE: {stale[d.number]}"
            if d.number in stale
            else "applied"
            if d.number in applied
            else "not built yet"
        )
        names = " | ".join(d.names()) or f"{d.cls} {d.label!r}"
        print(f"{d.number:>3}  {d.op:<12} {names}  [{status}]")
        print(f"     {d.reason} ({d.by}{', ' + d.date if d.date else ''})")
    if stale:
        print(f"{len(stale)} stale entries (their targets are no longer in the graph)")
    return 0


def cmd_curate_remove(args: argparse.Namespace) -> int:
    path = _file(args)
    current = _load_or_report(path)
    if current is None:
        return 2
    if not 1 <= args.number <= len(current.decisions):
        print(f"{path}: no entry {args.number} (there are {len(current.decisions)})", file=sys.stderr)
        return 2
    removed = current.decisions[args.number - 1]
    save_curation(path, [d for d in current.decisions if d.number != args.number])
    print(f"{path}: entry {args.number} ({removed.op}) removed; later entries are renumbered")
    return 0


def add_curate_parser(sub: argparse._SubParsersAction) -> None:
    p_curate = sub.add_parser("curate", help="record an analyst's decision in the curation file")
    ops = p_curate.add_subparsers(dest="curate_command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--file", default="curation.yaml", metavar="FILE", help="curation file (default: %(default)s)")

    for op, positional in _POSITIONAL.items():
        p = ops.add_parser(op, help=_HELP[op])
        for name, _ in positional:
            p.add_argument(name.lower(), metavar=name)
        p.add_argument("--reason", required=True, help="why (required)")
        p.add_argument("--by", help="who decided (default: SOVKG_CURATOR or the user name)")
        p.add_argument("--date", help="when (YYYY-MM-DD)")
        p.add_argument("--class", dest="cls", choices=("actor", "event", "policy", "claim"), help="narrow a label")
        if op == "add":
            p.add_argument("--document", required=True, help="the document: IRI, id, locator, file name or title")
            p.add_argument("--passage", required=True, help="the text in the document that says it")
            p.add_argument("--type", help="class of an actor, event or policy (Person, Conference, Law, ...)")
            p.add_argument("--claimant", help="who makes a claim (an actor)")
        common(p)
        p.set_defaults(func=cmd_curate_op, op=op)
    p_list = ops.add_parser("list", help="the decisions, and which were stale at the last build")
    p_list.add_argument("--out", default="dist", metavar="DIR", help="the build to check against (default: dist)")
    common(p_list)
    p_list.set_defaults(func=cmd_curate_list)
    p_remove = ops.add_parser("remove", help="remove entry N (as numbered by `curate list`)")
    p_remove.add_argument("number", type=int, metavar="N")
    common(p_remove)
    p_remove.set_defaults(func=cmd_curate_remove)


def cmd_diff(args: argparse.Namespace) -> int:
    from pipelines.stages.changes import DATASET_NT, compare, format_changes, read_items

    folders = [Path(args.old), Path(args.new)]
    for folder in folders:
        if not (folder / DATASET_NT).is_file():
            print(f"{folder}: no {DATASET_NT} (not a sovkg dump folder)", file=sys.stderr)
            return 2
    changes = compare(read_items(folders[0]), read_items(folders[1]))
    print(json.dumps(changes, indent=2, ensure_ascii=False) if args.json else format_changes(changes))
    return 0


def add_diff_parser(sub: argparse._SubParsersAction) -> None:
    p_diff = sub.add_parser("diff", help="what changed between two dump folders (items added, removed, relabelled)")
    p_diff.add_argument("old", metavar="OLD_DIR")
    p_diff.add_argument("new", metavar="NEW_DIR")
    p_diff.add_argument("--json", action="store_true", help="print the comparison as JSON (as in changes.json)")
    p_diff.set_defaults(func=cmd_diff)
