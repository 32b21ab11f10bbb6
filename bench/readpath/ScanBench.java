import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;
/**
 * TopLevelScan alone over the records of the first 60 MB of S3 log files in {@code -Ddata=DIR} (bench/data), with
 * the screen's 28 field names, in CPU time per record. Reflection, since the class is package-private. Run:
 * {@code java -cp cli/target/sidedoor.jar bench/readpath/ScanBench.java}.
 */
public class ScanBench {
  public static void main(String[] a) throws Exception {
    Set<String> names = Set.of("#event_simpleName","Category","CloudTrailEvent","Events","OperationName","Records","Type","_source","aid","caller","category","cid","correlationId","detail-type","entries","eventName","eventSource","eventTimestamp","event_platform","event_simpleName","evt","operationName","protoPayload","records","resourceId","resourceUri","time","value");
    Class<?> c = Class.forName("dev.sidedoor.core.read.TopLevelScan");
    Constructor<?> k = c.getDeclaredConstructor(Set.class, int.class); k.setAccessible(true);
    Object scan = k.newInstance(names, 1000);
    Method prefix = c.getDeclaredMethod("scanPrefix", byte[].class, int.class, int.class); prefix.setAccessible(true);
    Method end = c.getDeclaredMethod("end"); end.setAccessible(true);
    List<byte[]> files = new ArrayList<>(); long total = 0;
    try (var s = Files.list(Path.of(System.getProperty("data", "bench/data")))) { for (Path p : (Iterable<Path>) s.sorted()::iterator) { if (total > 60_000_000L) break; byte[] b = Files.readAllBytes(p); files.add(b); total += b.length; } }
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    List<Double> per = new ArrayList<>();
    for (int round = 0; round < 14; round++) {
      long c0 = mx.getCurrentThreadCpuTime(); long bytes = 0, recs = 0;
      for (byte[] f : files) {
        int i = "{\"Records\":[".length();
        while (f[i] == '{') {
          prefix.invoke(scan, f, i, f.length);
          int e = (int) end.invoke(scan);
          bytes += e - i; recs++;
          i = e; if (f[i] == ',') i++;
        }
      }
      long t = mx.getCurrentThreadCpuTime() - c0;
      if (round >= 4) per.add(t / (double) recs);
    }
    Collections.sort(per);
    System.out.printf("TopLevelScan cpu ns/record median %.0f (min %.0f, max %.0f)%n", per.get(per.size()/2), per.get(0), per.get(per.size()-1));
  }
}
