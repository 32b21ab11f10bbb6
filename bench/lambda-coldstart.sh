#!/usr/bin/env bash
# Whole-process cold path of the sidedoor Lambda handler against a minimal hello-world SNS handler.
#
# Each run is a fresh JVM that does what the Lambda Java runtime does on a cold start: load the handler class by
# name, construct it (init), call handleRequest once with an EventBridge CloudTrail StartSession event, which
# publishes to SNS on a local moto_server. Figure: JVM start -> handleRequest returned (the message is on moto).
# After every run the subscribed SQS queue is drained to check the run really published (a sidedoor finding with
# a finding_id, or the hello message).
#
#   bash bench/lambda-coldstart.sh
#   LAMBDA_RUNS=21 LAMBDA_PROFILE_RUNS=0 bash bench/lambda-coldstart.sh
#
# Environment:
#   LAMBDA_RUNS          measured runs per handler and JVM mode (default 11)
#   LAMBDA_WARMUP        discarded runs per handler and mode first, to warm the page cache (default 1)
#   LAMBDA_MODES         JVM modes, space separated, the first is the headline figure: "c1"
#                        (-XX:TieredStopAtLevel=1, Lambda's java17/java21 default), "default" (plain tiered JIT),
#                        "c1serial" (c1 plus -XX:+UseSerialGC, Lambda's default collector). Default "c1 default".
#   LAMBDA_PROFILE_RUNS  runs of the init/first-invoke step profile of the sidedoor handler (default 5; 0 = off)
#   LAMBDA_BUILD_MAIN    1 = run "mvn -o -q -DskipTests install" for the main project first (default: only when
#                        aws-lambda/target/sidedoor-lambda.jar is missing)
#   LAMBDA_OUT           results file (default bench/lambda-coldstart.md)
#   LAMBDA_STATE         1 = the sidedoor handler keeps its baseline and ledger in a fresh moto DynamoDB table per
#                        run, as deployed (default); 0 = no state table
#
# Needs: java 17+, mvn (offline repository), python3 (standard library only), moto_server on PATH.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${LAMBDA_RUNS:-11}
WARMUP=${LAMBDA_WARMUP:-1}
MODES=${LAMBDA_MODES:-"c1 default"}
PROFILE_RUNS=${LAMBDA_PROFILE_RUNS:-5}
OUT=${LAMBDA_OUT:-$ROOT/bench/lambda-coldstart.md}

SD_JAR=$ROOT/aws-lambda/target/sidedoor-lambda.jar
BENCH=$ROOT/bench/lambda
HELLO_JAR=$BENCH/target/hello-lambda.jar
RUNNER=$BENCH/target/runner
PROFILE=$BENCH/target/profile
EVENT=$ROOT/aws-lambda/src/main/resources/dev/sidedoor/aws/priming-event.json
HELPER=$BENCH/moto_queue.py
SD_CLASS=dev.sidedoor.aws.Handler
HELLO_CLASS=bench.HelloHandler

log() { echo "[lambda-coldstart] $*" >&2; }

for tool in java javac mvn python3 moto_server; do
  command -v "$tool" >/dev/null || { log "$tool is not on PATH"; exit 1; }
done
[ -f "$EVENT" ] || { log "event $EVENT is missing"; exit 1; }

# ---------------------------------------------------------------- build
if [ "${LAMBDA_BUILD_MAIN:-0}" = 1 ] || [ ! -f "$SD_JAR" ]; then
  log "building the main project (mvn -B -q -o -DskipTests install)"
  (cd "$ROOT" && mvn -B -q -o -DskipTests install)
fi
[ -f "$SD_JAR" ] || { log "$SD_JAR was not built"; exit 1; }
log "building the hello-world handler jar (bench/lambda/pom.xml, standalone)"
# Offline first: once the project has built, the cache holds everything this jar needs; online otherwise.
mvn -B -q -o -f "$BENCH/pom.xml" package || mvn -B -q -f "$BENCH/pom.xml" package
rm -rf "$RUNNER" "$PROFILE"
mkdir -p "$RUNNER" "$PROFILE"
# The runner needs only aws-lambda-java-core, which both shaded jars carry.
javac --release 17 -cp "$HELLO_JAR" -d "$RUNNER" "$BENCH/runner/bench/LambdaRunner.java"
javac --release 17 -cp "$SD_JAR" -d "$PROFILE" "$BENCH/profile/dev/sidedoor/aws/InitProfile.java"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/lambda-coldstart.XXXXXX")
MOTO_PID=
cleanup() {
  if [ -n "$MOTO_PID" ]; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# Every run uses copies taken now, side by side in one directory: a rebuild of aws-lambda/ during the bench cannot
# change a jar under a run, and both handlers load from the same file system.
mkdir -p "$WORK/jars"
cp "$SD_JAR" "$WORK/jars/sidedoor-lambda.jar"
cp "$HELLO_JAR" "$WORK/jars/hello-lambda.jar"
cp -r "$RUNNER" "$WORK/jars/runner"
cp -r "$PROFILE" "$WORK/jars/profile"
SD_JAR=$WORK/jars/sidedoor-lambda.jar HELLO_JAR=$WORK/jars/hello-lambda.jar
RUNNER=$WORK/jars/runner PROFILE=$WORK/jars/profile
log "sidedoor-lambda.jar: $(stat -c %s "$SD_JAR") bytes, sha256 $(sha256sum "$SD_JAR" | cut -c1-16)"

# ---------------------------------------------------------------- moto
PORT=$(python3 "$HELPER" free-port)
ENDPOINT=http://127.0.0.1:$PORT
moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
python3 "$HELPER" wait "$ENDPOINT" 60 || { cat "$WORK/moto.log" >&2; exit 1; }
read -r TOPIC_ARN QUEUE_URL < <(python3 "$HELPER" setup "$ENDPOINT" sidedoor-coldstart)
log "moto_server on $ENDPOINT (pid $MOTO_PID), topic $TOPIC_ARN, queue $QUEUE_URL"

# The handlers are not changed for the bench: the SDK's default chains find region, credentials and the SNS
# endpoint in the environment (AWS_ENDPOINT_URL_SNS, honoured by SDK 2.50.2 like aws.endpointUrlSns).
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_ENDPOINT_URL_SNS=$ENDPOINT AWS_ENDPOINT_URL_DYNAMODB=$ENDPOINT
export SIDEDOOR_TOPIC_ARN=$TOPIC_ARN SIDEDOOR_MIN_SEVERITY=informational
export AWS_LAMBDA_FUNCTION_NAME=sidedoor-coldstart
unset AWS_ENDPOINT_URL AWS_PROFILE SIDEDOOR_PUBLISH_MAX_ATTEMPTS SIDEDOOR_FORMAT SIDEDOOR_CHAT_TOPIC_ARN SIDEDOOR_RULES_DIR SIDEDOOR_TUNING_FILE JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS 2>/dev/null || true

mode_flags() {
  case "$1" in
    c1) echo "-XX:TieredStopAtLevel=1" ;;
    c1serial) echo "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;;
    default) echo "" ;;
    *) log "unknown mode $1"; exit 1 ;;
  esac
}

RESULTS=$WORK/runs.tsv
printf 'mode\thandler\trun\telapsed_ms\tjvm_to_main_ms\tload_ms\tinit_ms\thandle_ms\twall_ms\tcpu_ms\trss_kb\tload1\tpublished\tverified\n' >"$RESULTS"

# run_one MODE LABEL RUN: one cold process; appends a row to $RESULTS unless RUN is "warmup".
run_one() {
  local mode=$1 label=$2 run=$3 jar class flags
  if [ "$label" = sidedoor ]; then jar=$SD_JAR; class=$SD_CLASS; else jar=$HELLO_JAR; class=$HELLO_CLASS; fi
  flags=$(mode_flags "$mode")
  # The deployed function keeps a baseline and a ledger in its state table: every sidedoor run gets a fresh one,
  # as a first deployment would (the same event in a table that saw it would be "already published").
  if [ "${LAMBDA_STATE:-1}" = 1 ]; then
    STATE_SEQ=$((${STATE_SEQ:-0} + 1))
    export SIDEDOOR_STATE_TABLE=sidedoor-state-$STATE_SEQ
    python3 "$HELPER" table "$ENDPOINT" "$SIDEDOOR_STATE_TABLE"
  fi
  local load1 t0 t1 rc=0
  load1=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  /usr/bin/time -o "$WORK/time" -f '%e %U %S %M' \
    java $flags -cp "$jar:$RUNNER" bench.LambdaRunner "$class" "$EVENT" >"$WORK/out" 2>"$WORK/err" || rc=$?
  t1=$(date +%s%N)
  local line
  line=$(grep '^elapsed_ms=' "$WORK/out" || true)
  if [ "$rc" != 0 ] || [ -z "$line" ]; then
    log "$label ($mode) run $run failed (exit $rc):"; tail -20 "$WORK/err" >&2; tail -5 "$WORK/out" >&2; exit 1
  fi
  local drained published verified
  drained=$(python3 "$HELPER" drain "$ENDPOINT" "$QUEUE_URL")
  if [ "$label" = sidedoor ]; then
    published=$(sed -n 's/.*"published":\([0-9]*\).*/\1/p' "$WORK/err" | tail -1)
    local findings
    findings=$(sed -n 's/.* findings=\([0-9]*\) .*/\1/p' <<<"$drained")
    if [ "${findings:-0}" -ge 1 ] && [ "$findings" = "${published:-x}" ]; then verified=yes; else verified=no; fi
  else
    published=1
    if grep -q ' hellos=1 ' <<<"$drained" && grep -q '^messages=1 ' <<<"$drained"; then verified=yes; else verified=no; fi
  fi
  if [ "$verified" != yes ]; then
    log "$label ($mode) run $run: queue check failed (handler said published=${published:-?}; queue: $drained)"
    exit 1
  fi
  [ "$run" = warmup ] && return 0
  local elapsed jvm_to_main load init handle
  v() { sed -n "s/.*\b$1=\([0-9]*\).*/\1/p" <<<"$line"; }
  elapsed=$(v elapsed_ms); jvm_to_main=$(v jvm_to_main_ms); load=$(v load_ms); init=$(v init_ms); handle=$(v handle_ms)
  local wall cpu rss
  wall=$(( (t1 - t0) / 1000000 ))
  read -r _ u s rss <"$WORK/time"
  cpu=$(python3 -c "print(round(($u + $s) * 1000))")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$label" "$run" "$elapsed" \
    "$jvm_to_main" "$load" "$init" "$handle" "$wall" "$cpu" "$rss" "$load1" "$published" "$verified" >>"$RESULTS"
  log "$(printf '%-7s %-8s run %-2s elapsed %5s ms  wall %5s ms  init %5s  handle %5s  cpu %5s ms  load1 %s  %s' \
    "$mode" "$label" "$run" "$elapsed" "$wall" "$init" "$handle" "$cpu" "$load1" "$drained")"
}

LOAD_BEFORE=$(cat /proc/loadavg)
log "warm-up: $WARMUP run(s) per handler and mode, discarded"
for ((i = 1; i <= WARMUP; i++)); do
  for mode in $MODES; do run_one "$mode" hello warmup; run_one "$mode" sidedoor warmup; done
done
log "measuring: $RUNS runs per handler and mode, alternating (modes: $MODES)"
for ((i = 1; i <= RUNS; i++)); do
  for mode in $MODES; do
    if ((i % 2)); then
      run_one "$mode" hello "$i"; run_one "$mode" sidedoor "$i"
    else
      run_one "$mode" sidedoor "$i"; run_one "$mode" hello "$i"
    fi
  done
done
LOAD_AFTER=$(cat /proc/loadavg)

# ---------------------------------------------------------------- profile (not part of the figures above)
PROFILES=$WORK/profile.txt
: >"$PROFILES"
CLASSES=$WORK/classes.tsv
: >"$CLASSES"
if [ "$PROFILE_RUNS" -gt 0 ]; then
  log "profile: $PROFILE_RUNS run(s) of dev.sidedoor.aws.InitProfile (-XX:TieredStopAtLevel=1)"
  for ((i = 1; i <= PROFILE_RUNS; i++)); do
    java -XX:TieredStopAtLevel=1 -cp "$SD_JAR:$PROFILE" dev.sidedoor.aws.InitProfile "$EVENT" 2>"$WORK/err" \
      | grep '^profile ' >>"$PROFILES" || { log "profile run failed"; tail -20 "$WORK/err" >&2; exit 1; }
    python3 "$HELPER" drain "$ENDPOINT" "$QUEUE_URL" >/dev/null
  done
  log "profile: classes loaded per handler (-Xlog:class+load, one run each)"
  for label in hello sidedoor; do
    if [ "$label" = sidedoor ]; then jar=$SD_JAR; class=$SD_CLASS; else jar=$HELLO_JAR; class=$HELLO_CLASS; fi
    java -XX:TieredStopAtLevel=1 -Xlog:class+load=info:file="$WORK/cl-$label.txt" -cp "$jar:$RUNNER" \
      bench.LambdaRunner "$class" "$EVENT" >/dev/null 2>&1
    python3 "$HELPER" drain "$ENDPOINT" "$QUEUE_URL" >/dev/null
    python3 - "$label" "$WORK/cl-$label.txt" >>"$CLASSES" <<'EOF'
import collections, re, sys
label, path = sys.argv[1], sys.argv[2]
groups = collections.Counter()
for line in open(path, encoding="utf-8", errors="replace"):
    m = re.search(r"\] (\S+) source: (.*)$", line)
    if not m:
        continue
    name, source = m.group(1), m.group(2)
    if "shared objects file" in source:
        groups["jdk (CDS archive)"] += 1
    elif source.startswith("jrt:/"):
        groups["jdk, not in the CDS archive: " + source[5:].split("/")[0]] += 1
    elif not source.startswith("file:"):
        groups["generated at run time (lambda proxies, hidden classes)"] += 1
    else:
        parts = name.rsplit(".", 1)[0].split(".")
        prefix = ".".join(parts[:4] if name.startswith("software.amazon.awssdk.") else parts[:3])
        groups["jar: " + prefix] += 1
for group, n in groups.items():
    print("%s\t%s\t%d" % (label, group, n))
EOF
  done
fi

# ---------------------------------------------------------------- report
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "dirty=$(git -C "$ROOT" status --porcelain -- aws-lambda shared-core 2>/dev/null | wc -l | tr -d ' ')"
  echo "java=$(java -version 2>&1 | head -2 | tail -1)"
  echo "cores=$(nproc)"
  echo "cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  echo "load_before=$LOAD_BEFORE"
  echo "load_after=$LOAD_AFTER"
  echo "runs=$RUNS"
  echo "warmup=$WARMUP"
  echo "modes=$MODES"
  echo "sidedoor_jar_sha256=$(sha256sum "$SD_JAR" | cut -c1-16)"
  echo "sidedoor_jar_bytes=$(stat -c %s "$SD_JAR")"
  echo "hello_jar_bytes=$(stat -c %s "$HELLO_JAR")"
  echo "sidedoor_jar_entries=$(unzip -l "$SD_JAR" 2>/dev/null | tail -1 | awk '{print $2}')"
  echo "hello_jar_entries=$(unzip -l "$HELLO_JAR" 2>/dev/null | tail -1 | awk '{print $2}')"
} >"$WORK/meta.txt"
python3 "$BENCH/report.py" "$WORK/meta.txt" "$RESULTS" "$PROFILES" "$CLASSES" "$OUT"
log "results written to ${OUT#"$ROOT"/}"
