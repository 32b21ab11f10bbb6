#!/bin/bash
# CPU seconds per thread of one `sidedoor scan` (sampled from /proc every 0.2 s), summed by thread name, with the
# largest single scanning thread: on a shared, loaded machine the wall time says little, but the scanning thread
# with the most CPU bounds the wall time on an idle one (BENCHMARKS.md, "One big file on two cores").
# Usage: bench/thread-cpu.sh JAR THREADS FILE   (Linux only)
jar=$1; t=$2; f=$3
java -Xmx256m -jar "$jar" scan --format jsonl --threads "$t" "$f" > /dev/null 2>/dev/null &
pid=$!
declare -A cpu name
while kill -0 $pid 2>/dev/null; do
  for d in /proc/$pid/task/*; do
    tid=${d##*/}
    s=$(cat "$d/stat" 2>/dev/null) || continue
    n=$(tr " " "_" < "$d/comm" 2>/dev/null)
    rest=${s##*) }
    set -- $rest
    cpu[$tid]=$(( ${12} + ${13} )); name[$tid]=$n
  done
  sleep 0.2
done
for tid in "${!cpu[@]}"; do echo "${name[$tid]} ${cpu[$tid]}"; done \
  | sed -E "s/^(GC_Thread|G1_|C2_|C1_|VM_)[^ ]*/\1/" \
  | awk '{c[$1]+=$2; t+=$2; if ($1 ~ /sidedoor-scan/ && $2 > m) m = $2}
         END {for (k in c) if (c[k] > 10) printf "%s %.2f\n", k, c[k]/100;
              printf "max-scan-thread %.2f\nprocess %.2f\n", m/100, t/100}' | sort
