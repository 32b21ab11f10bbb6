#!/usr/bin/env python3
"""Turns bench/run.sh's raw timings into bench/out/results.md and checks that
the tools agree: every hit of the LogScale seed query (jq) should be among
sidedoor's findings; sidedoor is expected to find more (OpenTunnel,
SendSerialConsoleSSHPublicKey, which the seed misses).

Python 3 standard library only. Called by run.sh; can be rerun by hand:
    python3 bench/report.py --out bench/out --data-bytes N --data-files N
"""

import argparse
import collections
import json
import os
import statistics
import sys

TOOLS = [  # key, label, output file
    ("sidedoor", "sidedoor (`bin/sidedoor scan --format jsonl`)", "sidedoor.jsonl"),
    ("sidedoor-jar", "sidedoor (`java -jar cli/target/sidedoor.jar scan --format jsonl`)", "sidedoor_jar.jsonl"),
    ("jq", "jq, single process (seed query)", "jq.jsonl"),
    ("jq-par", "jq, `xargs -P {nproc}` (seed query)", "jq_par.jsonl"),
]


def read_times(path):
    runs = collections.defaultdict(list)
    if not os.path.exists(path):
        return runs
    with open(path) as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 4 and parts[0] != "tool":
                runs[parts[0]].append((float(parts[2]), int(parts[3]), int(parts[4]) if len(parts) > 4 else 0))
    return runs


def count_lines(path):
    if not os.path.exists(path):
        return None
    n = 0
    with open(path, "rb") as fh:
        for _ in fh:
            n += 1
    return n


def get(obj, dotted):
    """obj['event']['id'] or obj['event.id'] (nested or flattened keys)."""
    if dotted in obj:
        return obj[dotted]
    cur = obj
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def load_jsonl(path, id_keys, action_keys):
    """-> ({eventID: action}, bad_lines, lines)."""
    ids, bad, lines = {}, 0, 0
    if not path or not os.path.exists(path):
        return None, 0, 0
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            lines += 1
            try:
                obj = json.loads(line)
            except ValueError:
                bad += 1
                continue
            i = next((v for v in (get(obj, k) for k in id_keys) if v), None)
            a = next((v for v in (get(obj, k) for k in action_keys) if v), None)
            if i is None:
                bad += 1
                continue
            ids[i] = a or "?"
    return ids, bad, lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--data-bytes", type=int, required=True)
    ap.add_argument("--data-files", type=int, required=True)
    ap.add_argument("--manifest", default=None)
    ap.add_argument("--env", default=None, help="file with environment lines to include")
    ap.add_argument("--nproc", default="?")
    ap.add_argument("--jq-mode", default="")
    args = ap.parse_args()

    out = args.out
    runs = read_times(os.path.join(out, "times.tsv"))
    mb = args.data_bytes / 1e6
    md = []
    md.append("| tool | median wall s | MB/s | peak RSS MB | output lines | runs (wall s) |")
    md.append("| --- | ---: | ---: | ---: | ---: | --- |")
    medians = {}
    for key, label, fname in TOOLS:
        if key not in runs:
            continue
        walls = [w for w, _, _ in runs[key]]
        rss = max(k for _, k, _ in runs[key]) / 1024.0
        codes = sorted({c for _, _, c in runs[key] if c != 0})
        med = statistics.median(walls)
        medians[key] = med
        lines = count_lines(os.path.join(out, fname))
        note = "" if not codes else " (exit %s)" % ",".join(map(str, codes))
        md.append("| %s%s | %.2f | %.1f | %.0f%s | %s | %s |" % (
            label.replace("{nproc}", str(args.nproc)), note, med, mb / med if med > 0 else float("inf"), rss,
            " (largest process)" if key == "jq-par" else "", lines if lines is not None else "-",
            ", ".join("%.2f" % w for w in walls)))
    md.append("")
    for sd_key, sd_label in (("sidedoor", "bin/sidedoor"), ("sidedoor-jar", "java -jar")):
        if sd_key in medians:
            for key, label in (("jq", "jq (single process)"), ("jq-par", "jq (parallel, %s processes)" % args.nproc)):
                if key in medians and medians[sd_key] > 0:
                    md.append("- speed-up of sidedoor (%s) vs %s: **%.2fx**" % (
                        sd_label, label, medians[key] / medians[sd_key]))
    md.append("")
    md.append("Data: %d files, %.1f MB (%d bytes; MB = 10^6 bytes)." % (args.data_files, mb, args.data_bytes))
    if args.jq_mode:
        md.append("jq single-process invocation: %s." % args.jq_mode)
    md.append("Peak RSS is GNU time's `%M` (maximum resident set size of the largest process in the tree).")
    md.append("")

    # ---- agreement check
    chk = []
    manifest = None
    if args.manifest and os.path.exists(args.manifest):
        with open(args.manifest) as fh:
            manifest = json.load(fh)
    sd, sd_bad, sd_lines = load_jsonl(os.path.join(out, "sidedoor.jsonl"),
                                      ["event.id", "eventID", "event_id"], ["event.action", "eventName", "action"])
    jq1, jq1_bad, _ = load_jsonl(os.path.join(out, "jq.jsonl"), ["id"], ["action"])
    jqp, jqp_bad, _ = load_jsonl(os.path.join(out, "jq_par.jsonl"), ["id"], ["action"])
    truth = {}   # eventID -> (class, action, failed)
    if manifest:
        for ev in manifest.get("events", []):
            failed = set(ev.get("failed", []))
            for i in ev["ids"]:
                truth[i] = (ev["class"], ev["eventName"], i in failed)

    problems = 0
    chk.append("## Agreement check")
    chk.append("")
    if sd_bad:
        chk.append("- WARNING: %d of %d sidedoor lines had no readable `event.id`." % (sd_bad, sd_lines))
    if jq1 is not None and jqp is not None:
        if set(jq1) == set(jqp):
            chk.append("- jq single and jq parallel found the same %d events." % len(jq1))
        else:
            problems += 1
            chk.append("- DISAGREEMENT: jq single found %d events, jq parallel %d (%d only in single, %d only in "
                       "parallel)." % (len(jq1), len(jqp), len(set(jq1) - set(jqp)), len(set(jqp) - set(jq1))))
    jq_ref = jq1 if jq1 is not None else jqp

    actions = set()
    for d in (sd, jq_ref):
        if d:
            actions.update(d.values())
    exp_tp = collections.Counter(a for c, a, _ in truth.values() if c == "true-positive")
    exp_seed = collections.Counter(a for c, a, _ in truth.values() if c == "seed-only")
    actions.update(exp_tp)
    actions.update(exp_seed)
    sd_unique = set(sd) if sd else set()
    chk.append("")
    chk.append("Events per eventName (unique eventIDs; sidedoor may emit several findings for one event):")
    chk.append("")
    chk.append("| eventName | generated true positives | generated State Manager look-alikes | jq (seed) | "
               "sidedoor | seed hits missing from sidedoor | sidedoor-only |")
    chk.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    missing_all = []
    extra_all = collections.Counter()
    for a in sorted(actions, key=str):
        j = {i for i, x in (jq_ref or {}).items() if x == a}
        s = {i for i, x in (sd or {}).items() if x == a}
        miss = j - sd_unique if sd is not None else set()
        extra = s - set(jq_ref or {})
        missing_all.extend(sorted(miss))
        extra_all[a] += len(extra)
        chk.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            a, exp_tp.get(a, 0), exp_seed.get(a, 0), len(j) if jq_ref is not None else "-",
            len(s) if sd is not None else "-", len(miss) if sd is not None else "-",
            len(extra) if sd is not None else "-"))
    chk.append("")
    if sd is None:
        chk.append("- sidedoor was not run: no comparison with the seed.")
    else:
        sd_lines_n = sd_lines
        chk.append("- sidedoor: %d findings on %d distinct events." % (sd_lines_n, len(sd_unique)))
        if missing_all:
            problems += 1
            miss_tp = [i for i in missing_all if truth.get(i, ("?",))[0] == "true-positive"]
            miss_sm = [i for i in missing_all if truth.get(i, ("?",))[0] == "seed-only"]
            chk.append("- DISAGREEMENT: %d seed (jq) hits are not among sidedoor's findings" % len(missing_all) +
                       ("" if not truth else " (%d generated true positives, %d State Manager AWS-RunPatchBaseline "
                        "look-alikes, which sidedoor may leave out on purpose)" % (len(miss_tp), len(miss_sm))) + ":")
            for i in missing_all[:25]:
                c = truth.get(i)
                chk.append("  - `%s` %s%s" % (i, (jq_ref or {}).get(i),
                                            " (generated as %s%s)" % (c[0], ", failed call" if c[2] else "")
                                            if c else ""))
            if len(missing_all) > 25:
                chk.append("  - ... and %d more" % (len(missing_all) - 25))
        else:
            chk.append("- every seed (jq) hit is among sidedoor's findings.")
        extra_n = sum(extra_all.values())
        if extra_n:
            chk.append("- sidedoor found %d events the seed does not: %s." % (
                extra_n, ", ".join("%s %d" % (a, n) for a, n in sorted(extra_all.items()) if n)))
        if truth:
            tp_ids = {i for i, v in truth.items() if v[0] == "true-positive"}
            missed = sorted(tp_ids - sd_unique)
            fp = collections.Counter(a for i, a in sd.items() if i not in truth)
            seed_only = {i for i, v in truth.items() if v[0] == "seed-only"}
            chk.append("- generated true positives found by sidedoor: %d of %d%s." % (
                len(tp_ids & sd_unique), len(tp_ids),
                "" if not missed else " (missed: %s)" % ", ".join(
                    "%s %s%s" % (truth[i][1], i, " failed" if truth[i][2] else "") for i in missed[:15])))
            chk.append("- State Manager AWS-RunPatchBaseline SendCommands (seed hits, not a person on a VM) flagged "
                       "by sidedoor: %d of %d." % (len(seed_only & sd_unique), len(seed_only)))
            if fp:
                problems += 1
                chk.append("- sidedoor findings on events generated as benign or hard negatives: %s." % (
                    ", ".join("%s %d" % (a, n) for a, n in sorted(fp.items()))))
            else:
                chk.append("- no sidedoor finding on an event generated as benign or hard negative.")
        if jq_ref is not None and truth:
            tp_ids = {i for i, v in truth.items() if v[0] == "true-positive"}
            chk.append("- for reference, the seed (jq) finds %d of %d generated true positives and %d "
                       "State Manager look-alikes." % (len(tp_ids & set(jq_ref)), len(tp_ids),
                                                       len({i for i, v in truth.items() if v[0] == "seed-only"}
                                                           & set(jq_ref))))
    chk.append("")

    env = ""
    if args.env and os.path.exists(args.env):
        with open(args.env) as fh:
            env = fh.read().strip()
    text = "# sidedoor throughput benchmark results\n\n" + (env + "\n\n" if env else "") + \
           "## Throughput\n\n" + "\n".join(md) + "\n" + "\n".join(chk) + "\n"
    with open(os.path.join(out, "results.md"), "w") as fh:
        fh.write(text)
    sys.stdout.write(text)
    sys.exit(0)


if __name__ == "__main__":
    main()
