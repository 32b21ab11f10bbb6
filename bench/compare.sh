#!/usr/bin/env bash
# Every row of issue 15's table in one run, so the ratios are always measured side by side on one machine:
# a literal byte search (grep -c), the LogScale seed's filter in jq, sidedoor's start-up (the README's command on
# examples/), sidedoor (plain java -jar, as a user runs it) at its default threads, with --threads 1 and with
# -Xmx128m, and a bare Jackson token pass (the floor for any JSON-reading scanner) on 1 and 2 threads. Two sizes:
# bench/data (~300 MB of generated CloudTrail) and the same files given ten times (~3 GB). Page cache warm; each
# figure is the median of BENCH_RUNS runs, with peak RSS.
#
#   bash bench/compare.sh
#
# Environment (all optional):
#   BENCH_RUNS=3            runs per row (median reported)
#   BENCH_REPEAT=10         how many times the big input repeats bench/data
#   BENCH_DATA=bench/data   the data (generated with bench/gen_cloudtrail.py when it holds no *.json)
#   SIDEDOOR_JAR            jar to measure (default cli/target/sidedoor.jar, built with mvn when missing)
#   COMPARE_OUT             report (default bench/out/compare.md)
#
# Needs: java 17+, jq, GNU grep, GNU time (/usr/bin/time), python3 (only to generate data).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
cd "$root"

RUNS=${BENCH_RUNS:-3}
REPEAT=${BENCH_REPEAT:-10}
DATA=${BENCH_DATA:-bench/data}
JAR=${SIDEDOOR_JAR:-cli/target/sidedoor.jar}
OUT=${COMPARE_OUT:-bench/out/compare.md}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sidedoor-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

log() { echo "[compare] $*" >&2; }

for tool in java javac jq grep python3; do
	command -v "$tool" > /dev/null || { log "$tool is not on PATH (apt-get install -y openjdk-17-jdk-headless jq grep python3)"; exit 1; }
done
/usr/bin/time --version 2>&1 | grep -q GNU || { log "GNU time is missing at /usr/bin/time (apt-get install -y time)"; exit 1; }
if [[ ! -f $JAR ]]; then
	log "building $JAR (mvn -B -q -DskipTests package)"
	mvn -B -q -DskipTests package
fi
mkdir -p "$DATA" "$(dirname "$OUT")"
if [[ -z $(find "$DATA" -type f -name '*.json' -print -quit) ]]; then
	log "generating ~300 MB of CloudTrail logs into $DATA"
	python3 bench/gen_cloudtrail.py --out "$DATA" --mb 300 --seed 20240301 --manifest bench/out/gen_manifest.json >&2
fi
mapfile -d '' ONE < <(find "$DATA" -type f -name '*.json' -print0 | sort -z)
BIG=()
for ((i = 0; i < REPEAT; i++)); do BIG+=("${ONE[@]}"); done
small_bytes=$(cat "${ONE[@]}" | wc -c)
big_bytes=$((small_bytes * REPEAT))
log "data: ${#ONE[@]} files, $small_bytes bytes; big input: the same $REPEAT times, $big_bytes bytes"

javac --release 17 -cp "$JAR" -d "$WORK" bench/compare/TokenPass.java

log "warming the page cache"
cat "${ONE[@]}" > /dev/null

# One row: label, size label, command... Prints "median_wall_s median_rss_mb"; each run's output is checked.
ROWS=$WORK/rows.tsv
: > "$ROWS"
row() {
	local label=$1 size=$2 i rc
	shift 2
	local walls=() rss=()
	for ((i = 1; i <= RUNS; i++)); do
		rc=0
		/usr/bin/time -f '%e %M' -o "$WORK/time" "$@" > "$WORK/stdout" 2> "$WORK/stderr" || rc=$?
		# grep -c exits 1 when a file has no match; anything else that fails makes the row meaningless
		if ((rc != 0)) && ! [[ $1 == grep && $rc == 1 ]]; then
			log "$label ($size) exited $rc:"; tail -n 5 "$WORK/stderr" >&2; exit 1
		fi
		read -r secs kb < <(tail -n 1 "$WORK/time")
		walls+=("$secs")
		rss+=("$((kb / 1024))")
		log "  $label ($size) run $i: ${secs} s, $((kb / 1024)) MB"
	done
	printf '%s\t%s\t%s\t%s\n' "$label" "$size" "$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
		"$(printf '%s\n' "${rss[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" >> "$ROWS"
}

label() { awk -v b="$1" 'BEGIN {if (b >= 1e9) printf "%.1f GB", b / 1e9; else printf "%.0f MB", b / 1e6}'; }
SMALL=$(label "$small_bytes")
LARGE=$(label "$big_bytes")
row "grep -c StartSession" "$SMALL" grep -c StartSession "${ONE[@]}"
row "grep -c StartSession" "$LARGE" grep -c StartSession "${BIG[@]}"
row "jq, the LogScale seed's filter" "$SMALL" jq -c -f bench/logscale.jq "${ONE[@]}"
row "sidedoor scan examples/ (start-up: the README's command)" "$(label "$(du -sb examples | cut -f1)")" \
	java -jar "$JAR" scan examples/
row "sidedoor scan --format jsonl" "$SMALL" java -jar "$JAR" scan --format jsonl "${ONE[@]}"
row "sidedoor scan --format jsonl" "$LARGE" java -jar "$JAR" scan --format jsonl "${BIG[@]}"
row "sidedoor scan --format jsonl --threads 1" "$LARGE" java -jar "$JAR" scan --format jsonl --threads 1 "${BIG[@]}"
row "sidedoor scan --format jsonl --threads 2" "$LARGE" java -jar "$JAR" scan --format jsonl --threads 2 "${BIG[@]}"
row "java -Xmx128m -jar sidedoor.jar scan --format jsonl" "$LARGE" java -Xmx128m -jar "$JAR" scan --format jsonl "${BIG[@]}"
row "Jackson token pass, 1 thread" "$LARGE" java -cp "$JAR:$WORK" TokenPass 1 "${BIG[@]}"
row "Jackson token pass, 2 threads" "$LARGE" java -cp "$JAR:$WORK" TokenPass 2 "${BIG[@]}"

get() { awk -F'\t' -v l="$1" -v s="$2" -v c="$3" '$1 == l && $2 == s {print $c}' "$ROWS"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {ok = op == "<=" ? v <= t : v >= t; print ok ? "met" : "NOT met"}'; }

sd_big=$(get "sidedoor scan --format jsonl" "$LARGE" 3)
grep_big=$(get "grep -c StartSession" "$LARGE" 3)
sd_small=$(get "sidedoor scan --format jsonl" "$SMALL" 3)
jq_small=$(get "jq, the LogScale seed's filter" "$SMALL" 3)
big_vs_grep=$(ratio "$sd_big" "$grep_big")
jq_vs_small=$(ratio "$jq_small" "$sd_small")
worst_rss=0
for l in "sidedoor scan --format jsonl" "sidedoor scan --format jsonl --threads 1" "sidedoor scan --format jsonl --threads 2"; do
	r=$(get "$l" "$LARGE" 4)
	((r > worst_rss)) && worst_rss=$r
done

{
	echo "# Side by side: grep, jq, sidedoor and a Jackson token pass"
	echo
	echo "Generated by \`bash bench/compare.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'). Median of $RUNS runs per row, page cache warm; one row after the other on one machine."
	echo
	echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM; $(java -version 2>&1 | head -n 1)."
	echo "- Data: \`$DATA\`, ${#ONE[@]} files, $small_bytes bytes ($SMALL); the same files given $REPEAT times, $big_bytes bytes ($LARGE)."
	echo "- Issue 15 names the sizes 300 MB and 3 GB: the default data and BENCH_REPEAT=10."
	echo "- \`/proc/loadavg\` at the end: \`$(cat /proc/loadavg)\`."
	echo
	echo "| command | size | wall s | peak RSS MB |"
	echo "| --- | --- | ---: | ---: |"
	awk -F'\t' '{printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4}' "$ROWS"
	echo
	echo "| acceptance point (issue 15) | figure | target | |"
	echo "| --- | ---: | ---: | --- |"
	echo "| $LARGE: sidedoor / grep -c | ${big_vs_grep}x | at most 1.2x | $(verdict "$big_vs_grep" "<=" 1.2) |"
	echo "| $LARGE: highest peak RSS over default, --threads 1, --threads 2 | $worst_rss MB | under 256 MB | $(verdict "$worst_rss" "<=" 255) |"
	echo "| $SMALL whole process: jq / sidedoor | ${jq_vs_small}x | at least 8x | $(verdict "$jq_vs_small" ">=" 8) |"
} > "$OUT"
cat "$OUT"
log "written to $OUT"
