import java.io.*;
import java.nio.file.*;
import java.lang.reflect.*;
/**
 * StringClipper alone over the first 150 MB of {@code -Ddata=DIR} (bench/data) held in memory, in GB per second of
 * CPU time; with any argument, the same reads without the clipper. Run:
 * {@code java -cp cli/target/sidedoor.jar bench/readpath/ClipBench.java}.
 */
public class ClipBench {
  public static void main(String[] a) throws Exception {
    Class<?> c = Class.forName("dev.sidedoor.core.read.StringClipper");
    Constructor<?> k = c.getDeclaredConstructor(InputStream.class, int.class); k.setAccessible(true);
    java.util.List<byte[]> files = new java.util.ArrayList<>();
    long total = 0;
    try (var s = Files.list(Path.of(System.getProperty("data", "bench/data")))) { for (Path p : (Iterable<Path>) s.sorted()::iterator) { if (total > 150_000_000L) break; byte[] b = Files.readAllBytes(p); files.add(b); total += b.length; } }
    byte[] buf = new byte[1 << 16];
    for (int round = 0; round < 12; round++) {
      long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); long n = 0;
      for (byte[] f : files) {
        InputStream in = a.length > 0 ? new ByteArrayInputStream(f) : (InputStream) k.newInstance(new ByteArrayInputStream(f), 2 << 20);
        int r; while ((r = in.read(buf, 0, buf.length)) > 0) n += r;
      }
      long t = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0;
      System.out.printf("%s %.2f GB/s%n", a.length > 0 ? "plain" : "clipper", n / (double) t);
    }
  }
}
