#!/usr/bin/env python3
"""Score sidedoor findings against a fleet simulation's labels.

    python3 bench/fleet/score.py --labels DIR/labels.jsonl --findings findings.jsonl --learning-days 21

Findings: sidedoor's jsonl output, one finding per line. Fields are read nested
({"event": {"id": ...}}) or flattened ("event.id"): finding_id, severity, event.id, event.time,
rule.name, actor, target, summary, suppressed, correlation.finding_ids.

A notification is a finding at medium or above that is not suppressed. It is benign unless its
event.id is a labelled intrusion event, or it is a correlated finding whose correlation.finding_ids
include a finding on a labelled event.

Days count from the first event time in the data, 0-based: taken from DIR/meta.json
(first_event_time) next to the labels file when it exists, else --start, else the earliest
event.time among the findings and labels.

Recall: every label with kind "access" (or no kind: labels from other simulators) must have a
finding at medium or above on its eventID, directly or through a correlated finding that lists a
finding on that eventID. Labels with kind "context" (the attacker's reconnaissance and clean-up
calls) count neither as benign nor towards recall.

Exit status: 0 when both targets are met, 1 otherwise, 2 on bad input.
"""

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict

SEVERITIES = ["informational", "low", "medium", "high", "critical"]
RANK = {s: i for i, s in enumerate(SEVERITIES)}
MEDIUM = RANK["medium"]
DAY = 86400


def get(d, dotted, default=None):
    if dotted in d:
        return d[dotted]
    cur = d
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return default
        cur = cur[part]
    return cur


def parse_time(s):
    if not s:
        return None
    s = s.strip()
    if s.endswith("Z"):
        s = s[:-1]
    s = s.split("+")[0]
    frac = 0.0
    if "." in s:
        s, f = s.split(".", 1)
        frac = float("0." + "".join(c for c in f if c.isdigit()) or "0")
    try:
        return time.mktime(time.strptime(s, "%Y-%m-%dT%H:%M:%S")) - time.timezone + frac
    except ValueError:
        return None


def sev_rank(s):
    return RANK.get(str(s or "").lower(), -1)


def load_jsonl(path, what):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                print("score: %s line %d is not JSON (%s)" % (what, n, e), file=sys.stderr)
                sys.exit(2)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--findings", required=True)
    ap.add_argument("--learning-days", type=int, default=21)
    ap.add_argument("--start", help="day 0 start, ISO time (overrides meta.json)")
    ap.add_argument("--days", type=int, help="number of days in the data (default: meta.json, else from the data)")
    ap.add_argument("--top", type=int, default=12, help="benign notification sources to list (default 12)")
    a = ap.parse_args(argv)

    labels = load_jsonl(a.labels, "labels")
    findings = load_jsonl(a.findings, "findings")
    meta = {}
    mpath = os.path.join(os.path.dirname(os.path.abspath(a.labels)), "meta.json")
    if os.path.exists(mpath):
        with open(mpath) as f:
            meta = json.load(f)

    by_event = {}
    for lab in labels:
        if "eventID" not in lab:
            print("score: a label has no eventID: %s" % json.dumps(lab)[:200], file=sys.stderr)
            return 2
        by_event[lab["eventID"]] = lab

    # day 0
    t0 = parse_time(a.start) if a.start else parse_time(meta.get("first_event_time"))
    if t0 is None:
        times = [parse_time(get(f, "event.time")) for f in findings]
        times += [parse_time(lab.get("eventTime") or lab.get("time")) for lab in labels]
        times = [t for t in times if t is not None]
        if not times:
            print("score: no times in findings or labels; pass --start", file=sys.stderr)
            return 2
        t0 = min(times)
        origin = "earliest finding/label time"
    else:
        origin = "--start" if a.start else "meta.json first_event_time"

    def day_of(t):
        return int((t - t0) // DAY)

    # findings index
    fid_event = {}
    for f in findings:
        fid = get(f, "finding_id")
        if fid:
            fid_event[fid] = get(f, "event.id")
    best = {}       # eventID -> (rank, severity, how)
    benign_by_day = Counter()
    all_by_day = Counter()
    med_by_day = Counter()
    intr_notif_by_day = Counter()
    level_by_day = Counter()  # benign findings whose rule level is medium+ (what would notify with no baselines)
    have_level = False
    sources = Counter()
    rules = Counter()
    bad_time = 0
    last_day = 0
    for f in findings:
        sev = str(get(f, "severity") or "").lower()
        rank = sev_rank(sev)
        suppressed = bool(get(f, "suppressed", False))
        eid = get(f, "event.id")
        t = parse_time(get(f, "event.time"))
        corr = get(f, "correlation.finding_ids") or []
        corr_events = {fid_event.get(x) for x in corr} - {None}
        if isinstance(get(f, "correlation.event_ids"), list):
            corr_events |= set(get(f, "correlation.event_ids"))
        hits = ({eid} | corr_events) & set(by_event)
        if not suppressed and rank >= 0:
            for e in hits:
                how = "direct" if e == eid else "via correlated %s" % get(f, "finding_id")
                cur = best.get(e)
                if cur is None or rank > cur[0] or (rank == cur[0] and how == "direct" and cur[2] != "direct"):
                    best[e] = (rank, sev, how, get(f, "rule.name"))
        if t is None:
            bad_time += 1
            continue
        d = day_of(t)
        last_day = max(last_day, d)
        if suppressed:
            continue
        all_by_day[d] += 1
        level = get(f, "rule.level")
        if level is not None:
            have_level = True
            if sev_rank(level) >= MEDIUM and not hits:
                level_by_day[d] += 1
        if rank >= MEDIUM:
            med_by_day[d] += 1
            if hits:
                intr_notif_by_day[d] += 1
            else:
                benign_by_day[d] += 1
                if d >= a.learning_days:
                    sources[(get(f, "rule.name"), sev, get(f, "actor"))] += 1
                    rules[get(f, "rule.name")] += 1
    n_days = a.days or meta.get("days") or (last_day + 1)
    after = list(range(a.learning_days, n_days))

    out = []
    w = out.append
    w("sidedoor fleet score")
    w("  labels %s (%d events, %d intrusions), findings %s (%d lines)" % (
        a.labels, len(labels), len({l.get("intrusion") for l in labels}), a.findings, len(findings)))
    w("  day 0 = %s (%s); %d days; learning days 0-%d; scored days %d-%d" % (
        time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t0)), origin, n_days, a.learning_days - 1,
        a.learning_days, n_days - 1))
    if bad_time:
        w("  %d findings have no readable event.time (not counted per day)" % bad_time)
    w("")
    w("Notifications per day (findings not suppressed; benign = medium+ on a non-intrusion event)")
    w("  rule-level = benign findings whose rule's own level is medium+ (the count with no baselines at all)")
    w("  day  all-findings  rule-level  medium+  benign-medium+  intrusion-medium+")
    for d in range(n_days):
        mark = "" if d >= a.learning_days else "   (learning)"
        w("  %3d  %12d  %10s  %7d  %14d  %17d%s" % (d, all_by_day[d], level_by_day[d] if have_level else "-",
                                                     med_by_day[d], benign_by_day[d], intr_notif_by_day[d], mark))
    if after:
        vals = [benign_by_day[d] for d in after]
        mean = sum(vals) / len(vals)
        mx = max(vals)
        all_after = sum(all_by_day[d] for d in after) / len(after)
        w("  after learning (%d days): benign medium+ per day mean %.2f, max %d (day %d); all findings per day "
          "mean %.1f" % (len(after), mean, mx, after[vals.index(mx)], all_after))
        w("  per-day benign medium+ after learning: %s" % vals)
        if have_level:
            w("  without baselines (rule level medium+, benign) after learning: mean %.1f/day" % (
                sum(level_by_day[d] for d in after) / len(after)))
    else:
        mean, mx = 0.0, 0
        w("  no days after the learning period")
    if sources:
        w("")
        w("Top benign notification sources after learning (rule, severity, actor):")
        for (rule, sev, actor), c in sources.most_common(a.top):
            w("  %5d  %-44s %-8s %s" % (c, rule, sev, actor))
        w("  by rule: " + ", ".join("%s %d" % (k, v) for k, v in rules.most_common()))

    # recall
    w("")
    w("Intrusions (access events must reach medium+)")
    groups = defaultdict(list)
    for lab in labels:
        groups[lab.get("intrusion", "?")].append(lab)
    total = hit = 0
    missed = []
    for name, labs in sorted(groups.items(), key=lambda kv: min(l.get("eventTime", "") for l in kv[1])):
        acc = [l for l in labs if l.get("kind", "access") != "context"]
        got = [l for l in acc if l["eventID"] in best and best[l["eventID"]][0] >= MEDIUM]
        total += len(acc)
        hit += len(got)
        w("  %-28s day %-3s %d/%d at medium+   %s" % (name, labs[0].get("day", "?"), len(got), len(acc),
                                                   (labs[0].get("description") or "")[:110]))
        for l in sorted(acc, key=lambda x: x.get("eventTime", "")):
            b = best.get(l["eventID"])
            sev = b[1] if b else "NO FINDING"
            ok = "ok  " if b and b[0] >= MEDIUM else "MISS"
            extra = (" (%s, %s)" % (b[3], b[2])) if b else ""
            w("      %s %-13s %-20s %s %s%s" % (ok, sev, l.get("eventName", ""), l.get("eventTime", ""), l["eventID"],
                                               extra))
            if not (b and b[0] >= MEDIUM):
                missed.append(l)
        ctx = [l for l in labs if l.get("kind") == "context"]
        if ctx:
            seen = [l for l in ctx if l["eventID"] in best]
            w("      (+%d context events, %d with a finding)" % (len(ctx), len(seen)))
    recall = hit / total if total else 1.0
    w("  recall: %d/%d intrusion access events at medium+ (%.0f%%)" % (hit, total, 100 * recall))

    ok_rate = mean <= 1.0 and bool(after)
    ok_recall = hit == total
    w("")
    if not after:
        w("VERDICT: N/A -- no day after the %d learning days (the data has %d days); intrusion events at medium+ "
          "%d/%d" % (a.learning_days, n_days, hit, total))
        print("\n".join(out))
        return 1
    w("VERDICT: %s -- benign medium+ after learning %.2f/day (max %d; target <= 1/day: %s); intrusion events at "
      "medium+ %d/%d (target all: %s)" % ("PASS" if ok_rate and ok_recall else "FAIL", mean, mx,
                                          "met" if ok_rate else "NOT met", hit, total,
                                          "met" if ok_recall else "NOT met"))
    print("\n".join(out))
    return 0 if ok_rate and ok_recall else 1


if __name__ == "__main__":
    sys.exit(main())
