"""The text ``bilat check`` prints: promises and disagreements, each with its sources.

It reads what the link step (:func:`bilat.link.claims.link_store`) last wrote to the store: the
status of every commitment (met, missed, open, unknown) and the verdict of every claim. Met,
missed and open commitments are listed with the document that made them (outlet or title, date)
and the evidence sentence (a copy in a later document is named as another source, not listed
again); a met or missed one also with the figure that decided it. Conflicting
claims are listed with every figure's value, source and evidence sentence. Unknown commitments
and agreeing or single claims are only counted (``bilat export`` has them all).
"""
from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Mapping
from typing import Any

from .claims import fmt_period, fmt_value, source_label, store_as_of

ORDER = ("met", "missed", "open")  # the statuses listed one by one
WIDTH = 100


def _quote(text: str | None, indent: str, limit: int = 320) -> str:
    t = " ".join(str(text or "").split())
    if len(t) > limit:
        t = t[: limit - 1] + "…"
    return textwrap.fill(f'"{t}"', width=WIDTH, initial_indent=indent, subsequent_indent=indent + " ")


def _doc_line(doc: Mapping[str, Any] | None, doc_id: str | None) -> str:
    label = source_label(doc, doc_id)
    title = (doc or {}).get("title")
    if title and title != (doc or {}).get("outlet") and title not in label:
        short = title if len(title) <= 90 else title[:89] + "…"
        label += f' — "{short}"'
    return label


def _commitment_block(c: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]],
                      figures: Mapping[str, Mapping[str, Any]], copies: list[Mapping[str, Any]]) -> list[str]:
    who = ", ".join(c.get("actors") or []) or c.get("agent") or "?"
    head = f"  [{who}] {c.get('what')}"
    if c.get("target_value") is not None:
        head += f" (target {fmt_value(float(c['target_value']), c.get('unit'))})"
    due = f"due {fmt_period(c.get('deadline'))}" if c.get("deadline") else "no deadline"
    if c.get("deadline_text"):
        due += f' ("{c["deadline_text"]}")'
    lines = [head, f"    {due}", f"    made in: {_doc_line(docs.get(c.get('doc')), c.get('doc'))}",
             _quote(c.get("text"), "      ")]
    for copy in copies:
        lines.append(f"    also in: {_doc_line(docs.get(copy.get('doc')), copy.get('doc'))}")
    fid = c.get("decided_by")
    if fid:
        f = figures.get(fid)
        if f is not None:
            p = fmt_period(f.get("period"))
            lines.append(f"    decided by: {fmt_value(float(f['value']), f.get('unit'), f.get('qualifier'))} "
                         f"for {p} in {_doc_line(docs.get(f.get('doc')), f.get('doc'))}")
            lines.append(_quote(f.get("text"), "      "))
        else:
            lines.append(f"    decided by figure {fid}")
    elif c.get("status_note") and c.get("status") != "open":  # a decided one is explained by its figure
        lines.append(textwrap.fill(f"note: {c['status_note']}", width=WIDTH, initial_indent="    ",
                                   subsequent_indent="      "))
    return lines


def _claim_block(cl: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]],
                 figures: Mapping[str, Mapping[str, Any]]) -> list[str]:
    flow = f", {cl['flow']}" if cl.get("flow") else ""
    lines = [f"  {'-'.join(cl.get('countries') or [])} {cl.get('what')} ({cl.get('measure')}{flow}, "
             f"{cl.get('unit')}), {fmt_period(cl.get('period'))}"]
    derivations = cl.get("derivations") or {}
    copies = cl.get("copies") or {}
    for fid, value in zip(cl.get("figures") or [], cl.get("values") or []):
        f = figures.get(fid)
        if f is None and fid in derivations:
            d = derivations[fid]
            lines.append(f"    {fmt_value(float(value), cl.get('unit'), 'about')} implied: {d.get('how')} — "
                         f"{_doc_line(docs.get(d.get('doc')), d.get('doc'))}")
            continue
        if f is None:
            lines.append(f"    {fmt_value(float(value), cl.get('unit'))} (figure {fid})")
            continue
        lines.append(f"    {fmt_value(float(f['value']), f.get('unit'), f.get('qualifier'))} — "
                     f"{_doc_line(docs.get(f.get('doc')), f.get('doc'))}")
        lines.append(_quote(f.get("text"), "      "))
        for cid in copies.get(fid, []):
            cf = figures.get(cid)
            if cf is not None:
                lines.append(f"      copied in: {_doc_line(docs.get(cf.get('doc')), cf.get('doc'))}")
    if cl.get("note"):
        lines.append(textwrap.fill(f"note: {cl['note']}", width=WIDTH, initial_indent="    ",
                                   subsequent_indent="      "))
    return lines


def check_report(store: Any) -> str:
    """Met, missed and open commitments and conflicting claims of the store, with their sources."""
    docs = {d["id"]: d for d in store.documents()}
    commitments = store.items("commitment")
    claims = store.items("claim")
    conflicts = [c for c in claims if c.get("verdict") == "conflict"]
    wanted = {c["decided_by"] for c in commitments if c.get("decided_by")}
    for cl in conflicts:
        wanted.update(cl.get("figures") or [])
        for ids in (cl.get("copies") or {}).values():
            wanted.update(ids)
    figures = {f["id"]: f for f in store.items("figure", ids=sorted(wanted))} if wanted else {}
    status = Counter(c.get("status") or "unknown" for c in commitments)
    verdicts = Counter(c.get("verdict") for c in claims)
    as_of = store_as_of(docs.values())
    out = [f"{len(docs)} documents; statuses judged as of {as_of.isoformat()} (the latest publication date "
           "in the store)", "",
           f"Commitments: {len(commitments)} — " + ", ".join(f"{k} {status.get(k, 0)}" for k in
                                                              (*ORDER, "unknown"))]
    # a commitment copied from an earlier document is listed once, with the copy as another source
    ids = {c["id"] for c in commitments}
    copies: dict[str, list[dict]] = {}
    for c in commitments:
        if c.get("origin") in ids:
            copies.setdefault(c["origin"], []).append(c)
    for st in ORDER:
        chosen = [c for c in commitments if (c.get("status") or "unknown") == st and c.get("origin") not in ids]
        if not chosen:
            continue
        chosen.sort(key=lambda c: (str((c.get("deadline") or {}).get("end") or "9999"),
                                   str(docs.get(c.get("doc"), {}).get("published") or ""), c.get("span") or []))
        out += ["", f"{st.upper()} ({len(chosen)})"]
        for c in chosen:
            out += _commitment_block(c, docs, figures, copies.get(c["id"], []))
    if status.get("unknown"):
        out += ["", f"{status['unknown']} commitment(s) with no deadline or nothing in the store to judge "
                "them by are not listed (bilat export has them)."]
    out += ["", f"Claims: {len(claims)} — " + ", ".join(f"{k} {verdicts.get(k, 0)}" for k in
                                                        ("conflict", "agree", "single"))]
    if conflicts:
        out += ["", f"CONFLICTING CLAIMS ({len(conflicts)})"]
        for cl in conflicts:
            out += _claim_block(cl, docs, figures)
    else:
        out += ["No conflicting claims."]
    return "\n".join(out) + "\n"
