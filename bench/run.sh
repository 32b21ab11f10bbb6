#!/usr/bin/env bash
# Whole-process throughput benchmark: sidedoor vs the LogScale seed query run with jq.
#
#   bash bench/run.sh
#
# Environment knobs (all optional):
#   BENCH_MB=300          size of the generated data set, MB (only used when bench/data is empty)
#   BENCH_SEED=20240301   generator seed
#   BENCH_RUNS=3          timed runs per tool (the median is reported)
#   BENCH_TOOLS="sidedoor sidedoor-jar jq jq-par"   which tools to run (sidedoor = bin/sidedoor launcher,
#                         sidedoor-jar = plain java -jar)
#   BENCH_DATA=bench/data data directory (generated when it holds no *.json)
#   BENCH_JOBS=$(nproc)   parallelism of the xargs -P jq run
#   SIDEDOOR_JAVA_OPTS    extra JVM options, e.g. "-Xmx2g"
#   SIDEDOOR_JAR          jar to benchmark (default cli/target/sidedoor.jar, built with mvn when missing)
#   BENCH_STRICT=1        exit 1 when a seed hit that is a generated true positive (or any seed hit,
#                         without a generator manifest) is missing from sidedoor's findings
#
# Output: bench/out/{sidedoor,jq,jq_par}.jsonl, bench/out/times.tsv, bench/out/results.md
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
cd "$root"

JQ_FILTER=bench/logscale.jq

# ---- internal sub-commands, run under /usr/bin/time (one process tree each) ----------------
if [[ ${1:-} == __jq_xargs ]]; then
	# single jq stream, sequential: xargs only splits the argument list when it is too long
	find "$2" -type f -name '*.json' -print0 | sort -z | xargs -0 jq -c -f "$JQ_FILTER"
	exit
fi
if [[ ${1:-} == __jq_par ]]; then
	# $2 data dir, $3 jobs, $4 files per jq invocation; the merged hits go to stdout
	parts=$(mktemp -d "$here/out/jqpar.XXXXXX")
	export JQ_FILTER parts
	# each jq writes its own part file: concurrent writers on one stdout would tear lines apart
	find "$2" -type f -name '*.json' -print0 | sort -z |
		xargs -0 -P "$3" -n "$4" sh -c 'exec jq -c -f "$JQ_FILTER" "$@" > "$(mktemp "$parts/part.XXXXXX")"' sh
	find "$parts" -type f -name 'part.*' -exec cat {} +
	rm -rf "$parts"
	exit
fi

BENCH_MB=${BENCH_MB:-300}
BENCH_SEED=${BENCH_SEED:-20240301}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_TOOLS=${BENCH_TOOLS:-"sidedoor sidedoor-jar jq jq-par"}
DATA=${BENCH_DATA:-bench/data}
OUT=bench/out
JAR=${SIDEDOOR_JAR:-cli/target/sidedoor.jar}
NPROC=$(nproc)
JOBS=${BENCH_JOBS:-$NPROC}
read -r -a JAVA_OPTS <<< "${SIDEDOOR_JAVA_OPTS:-}"

want() { [[ " $BENCH_TOOLS " == *" $1 "* ]]; }
say() { printf '\n== %s\n' "$*" >&2; }

# ---- prerequisites -----------------------------------------------------------------------
missing=0
need() { # command, install hint
	if ! command -v "$1" > /dev/null 2>&1; then
		echo "missing: $1   (install: $2)" >&2
		missing=1
	fi
}
need python3 "apt-get install -y python3"
if want sidedoor || want sidedoor-jar; then need java "apt-get install -y openjdk-17-jre-headless"; fi
if want jq || want jq-par; then need jq "apt-get install -y jq"; need xargs "apt-get install -y findutils"; fi
if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time --version 2>&1 | grep -q GNU; then
	echo "missing: GNU time at /usr/bin/time   (install: apt-get install -y time)" >&2
	missing=1
fi
if want sidedoor && [[ ! -f $JAR ]]; then
	need mvn "apt-get install -y maven"
fi
if ((missing)); then
	echo "install the missing tools (as root, after apt-get update) and rerun" >&2
	exit 1
fi

if (want sidedoor || want sidedoor-jar) && [[ ! -f $JAR ]]; then
	say "building $JAR (mvn -B -q -DskipTests package)"
	mvn -B -q -DskipTests package
	[[ -f $JAR ]] || { echo "build finished but $JAR is missing" >&2; exit 1; }
fi

mkdir -p "$OUT" "$DATA"

# ---- data ---------------------------------------------------------------------------------
MANIFEST=$OUT/gen_manifest.json
# what the generator's manifest says about $DATA: same (size and seed), stale, or foreign (not ours)
data_state() {
	[[ -f $MANIFEST ]] || { echo foreign; return; }
	python3 -c 'import json, os, sys
m = json.load(open(sys.argv[1]))
if os.path.abspath(m.get("out", "")) != os.path.abspath(sys.argv[2]):
    print("foreign")
elif float(m["mb"]) == float(sys.argv[3]) and int(m["seed"]) == int(sys.argv[4]):
    print("same")
else:
    print("stale")' "$MANIFEST" "$DATA" "$BENCH_MB" "$BENCH_SEED"
}
if [[ -n $(find "$DATA" -type f -name '*.json' -print -quit) && $(data_state) == stale ]]; then
	say "$DATA was generated with another BENCH_MB or BENCH_SEED: regenerating"
	find "$DATA" -maxdepth 1 -type f -name '*_CloudTrail_*.json' -delete
fi
if [[ -z $(find "$DATA" -type f -name '*.json' -print -quit) ]]; then
	say "generating ~${BENCH_MB} MB of CloudTrail logs into $DATA (seed $BENCH_SEED)"
	python3 bench/gen_cloudtrail.py --out "$DATA" --mb "$BENCH_MB" --seed "$BENCH_SEED" \
		--manifest "$MANIFEST" >&2
else
	echo "using existing data in $DATA" >&2
fi
if [[ $(data_state) != same ]]; then
	echo "note: no generator manifest for $DATA: the ground-truth columns are skipped" >&2
	MANIFEST=""
fi

read -r DATA_FILES DATA_BYTES < <(find "$DATA" -type f -name '*.json' -printf '%s\n' |
	awk '{n++; s+=$1} END {printf "%d %d\n", n, s}')
echo "data: $DATA_FILES files, $DATA_BYTES bytes" >&2

LOAD=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$LOAD" -v n="$NPROC" 'BEGIN {exit !(l > n / 2)}'; then
	echo "warning: load average $LOAD on $NPROC cores: other processes are busy, the timings will be noisy" >&2
fi

say "warming the page cache"
find "$DATA" -type f -name '*.json' -print0 | xargs -0 cat > /dev/null

# ---- timing -------------------------------------------------------------------------------
TIMES=$OUT/times.tsv
printf 'tool\trun\twall_s\tmaxrss_kb\texit\n' > "$TIMES"
rm -f "$OUT/sidedoor.jsonl" "$OUT/sidedoor_jar.jsonl" "$OUT/jq.jsonl" "$OUT/jq_par.jsonl" "$OUT"/*.stderr  # no stale outputs in the report

measure() { # tool, output file, command...
	local tool=$1 outfile=$2 i rc line secs kb
	shift 2
	for ((i = 1; i <= BENCH_RUNS; i++)); do
		rc=0
		/usr/bin/time -f '%e %M' -o "$OUT/time.tmp" "$@" > "$outfile" 2> "$OUT/$tool.stderr" || rc=$?
		line=$(tail -n 1 "$OUT/time.tmp")
		read -r secs kb <<< "$line"
		printf '%s\t%d\t%s\t%s\t%d\n' "$tool" "$i" "$secs" "$kb" "$rc" >> "$TIMES"
		printf '  %-9s run %d: %6.2f s  %7.1f MB RSS  %s lines%s\n' "$tool" "$i" "$secs" \
			"$(awk -v k="$kb" 'BEGIN{print k/1024}')" "$(wc -l < "$outfile")" \
			"$( ((rc)) && echo "  EXIT $rc" || true)" >&2
		if ((rc)); then
			echo "  $tool exited with status $rc; last lines of its stderr:" >&2
			tail -n 5 "$OUT/$tool.stderr" | sed 's/^/    /' >&2
			if [[ ! -s $outfile ]]; then
				echo "  ... and produced no output: giving up" >&2
				exit 1
			fi
		fi
	done
	rm -f "$OUT/time.tmp"
}

if want sidedoor; then
	# The launcher makes its class-data-sharing archive on first use; make it before timing, as a user's
	# second run would find it.
	SIDEDOOR_JAR=$JAR SIDEDOOR_JAVA_OPTS="${JAVA_OPTS[*]}" bin/sidedoor rules list > /dev/null
	say "sidedoor: bin/sidedoor scan --format jsonl $DATA  (x$BENCH_RUNS)"
	measure sidedoor "$OUT/sidedoor.jsonl" env SIDEDOOR_JAR="$JAR" SIDEDOOR_JAVA_OPTS="${JAVA_OPTS[*]}" \
		bin/sidedoor scan --format jsonl "$DATA"
	echo "  sidedoor's summary (stderr):" >&2
	tail -n 8 "$OUT/sidedoor.stderr" | sed 's/^/    /' >&2
fi
if want sidedoor-jar; then
	say "sidedoor: java ${JAVA_OPTS[*]} -jar $JAR scan --format jsonl $DATA  (x$BENCH_RUNS)"
	measure sidedoor-jar "$OUT/sidedoor_jar.jsonl" java "${JAVA_OPTS[@]}" -jar "$JAR" scan --format jsonl "$DATA"
fi

JQ_MODE=""
if want jq; then
	# glob-style single invocation when the argument list fits, else find | xargs (still one jq at a time)
	arglen=$(find "$DATA" -type f -name '*.json' -printf '%p\n' | awk '{s += length($0) + 9} END {print s + 0}')
	envlen=$(env | wc -c)
	argmax=$(getconf ARG_MAX)
	if ((arglen + envlen + 65536 < argmax / 2)); then
		JQ_MODE="one \`jq -c -f bench/logscale.jq $DATA/*.json\` process over all $DATA_FILES files"
		mapfile -d '' FILES < <(find "$DATA" -type f -name '*.json' -print0 | sort -z)
		say "jq single: jq -c -f $JQ_FILTER $DATA/*.json  (x$BENCH_RUNS)"
		measure jq "$OUT/jq.jsonl" jq -c -f "$JQ_FILTER" "${FILES[@]}"
		unset FILES
	else
		JQ_MODE="\`find $DATA -name '*.json' -print0 | xargs -0 jq -c -f bench/logscale.jq\`, sequential (argument list too long for one command line: $arglen bytes of paths, ARG_MAX $argmax)"
		say "jq single: find | xargs jq (argument list too long for a glob)  (x$BENCH_RUNS)"
		measure jq "$OUT/jq.jsonl" bash "$here/run.sh" __jq_xargs "$DATA"
	fi
	echo "  mode: $JQ_MODE" >&2
fi

if want jq-par; then
	per=$(((DATA_FILES + JOBS * 8 - 1) / (JOBS * 8)))
	((per >= 1)) || per=1
	say "jq parallel: find | xargs -0 -P $JOBS -n $per jq ...  (x$BENCH_RUNS)"
	measure jq-par "$OUT/jq_par.jsonl" bash "$here/run.sh" __jq_par "$DATA" "$JOBS" "$per"
fi

# ---- report -------------------------------------------------------------------------------
ENVF=$OUT/env.txt
{
	echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $NPROC cores (nproc), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
	echo "- kernel: $(uname -sr); 1-minute load average before the runs: $LOAD"
	if want sidedoor; then
		echo "- java: $(java -version 2>&1 | head -n 2 | tail -n 1)${SIDEDOOR_JAVA_OPTS:+, options: $SIDEDOOR_JAVA_OPTS}"
		echo "- sidedoor jar: $JAR ($(stat -c %s "$JAR") bytes, $(date -u -r "$JAR" +%Y-%m-%dT%H:%M:%SZ))"
	fi
	if want jq || want jq-par; then echo "- jq: $(jq --version)"; fi
	echo "- runs per tool: $BENCH_RUNS (median reported), page cache warm"
	if [[ -n $MANIFEST ]]; then
		python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("- data: generated by bench/gen_cloudtrail.py --mb %s --seed %s: %d files, %d records" % (m["mb"], m["seed"], m["files"], m["records"]))' "$MANIFEST"
	fi
} > "$ENVF"

say "results"
python3 bench/report.py --out "$OUT" --data-bytes "$DATA_BYTES" --data-files "$DATA_FILES" \
	${MANIFEST:+--manifest "$MANIFEST"} --env "$ENVF" --nproc "$JOBS" --jq-mode "$JQ_MODE" | tee "$OUT/report.log"
echo "written: $OUT/results.md" >&2

if [[ ${BENCH_STRICT:-0} == 1 ]] && grep -Eq 'seed \(jq\) hits are not among sidedoor.s findings( \([1-9]|:)' "$OUT/results.md"; then
	echo "BENCH_STRICT: seed hits that are true positives are missing from sidedoor's findings" >&2
	exit 1
fi
