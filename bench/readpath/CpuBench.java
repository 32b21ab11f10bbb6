import dev.sidedoor.bench.CorePerRecordBenchmark;
/**
 * CorePerRecordBenchmark's workload timed in CPU time of the benchmark thread rather than wall time, for a shared
 * machine where other processes make JMH's wall-clock figures swing by several times. 16 rounds of 1 s of CPU, the
 * first 6 discarded. Run from the checkout: {@code java -cp bench/jmh/target/benchmarks.jar
 * bench/readpath/CpuBench.java [s3LogFile|jsonLines]}.
 */
public class CpuBench {
  public static void main(String[] a) throws Exception {
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    CorePerRecordBenchmark b = new CorePerRecordBenchmark();
    b.setup();
    String which = a.length > 0 ? a[0] : "s3LogFile";
    java.util.List<Double> per = new java.util.ArrayList<>();
    for (int round = 0; round < 16; round++) {
      long c0 = mx.getCurrentThreadCpuTime(); long n = 0;
      while (mx.getCurrentThreadCpuTime() - c0 < 1_000_000_000L) {
        if (which.equals("jsonLines")) b.jsonLines(); else b.s3LogFile();
        n += 1000;
      }
      long c = mx.getCurrentThreadCpuTime() - c0;
      if (round >= 6) per.add(c / (double) n);
    }
    java.util.Collections.sort(per);
    System.out.printf("%s cpu ns/record median %.0f (min %.0f max %.0f over %d 1-s CPU rounds after 6 warm-up)%n", which, per.get(per.size()/2), per.get(0), per.get(per.size()-1), per.size());
  }
}
