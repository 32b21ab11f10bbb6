package dev.sidedoor.cli;

import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.baseline.DaySets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalInt;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The baseline kept between runs of {@code sidedoor scan --state DIR}: H2's MVStore in {@code DIR/baseline.mv.db}.
 * Chosen over SQLite (a JDBC driver and a native library unpacked at start-up), RocksDB (a 50 MB native jar) and
 * MapDB (Kotlin runtime): one 360 KB pure-Java jar with no dependencies, copy-on-write pages that survive a crash
 * (the last committed version is read back), and a file lock, so a second process gets a clear error instead of a
 * corrupt store.
 */
final class StateStore implements BaselineStore {

    static final String FILE = "baseline.mv.db";
    private static final String FIRST_DAY = "first_day";

    private final MVStore store;
    private final MVMap<String, int[]> days;
    private final MVMap<String, Integer> meta;

    private StateStore(MVStore store) {
        this.store = store;
        this.days = store.openMap("days");
        this.meta = store.openMap("meta");
    }

    /** Opens (creating DIR if needed) the store; a clear error when another process holds it. */
    static StateStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        try {
            return new StateStore(new MVStore.Builder().fileName(file.toString()).open());
        } catch (MVStoreException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("locked") || e.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED) {
                throw new IOException(file + " is in use by another sidedoor process; wait for it to finish or "
                        + "give this scan its own --state directory", e);
            }
            throw new IOException(file + ": cannot open the baseline store: " + m, e);
        }
    }

    @Override
    public int[] days(String key) {
        int[] d = days.get(key);
        return d == null ? new int[0] : d.clone();
    }

    @Override
    public void add(String key, int epochDay, int keepDays) {
        int[] merged = DaySets.add(days.get(key), epochDay, keepDays);
        if (merged != null) {
            days.put(key, merged);
        }
    }

    @Override
    public OptionalInt firstDay() {
        Integer first = meta.get(FIRST_DAY);
        return first == null ? OptionalInt.empty() : OptionalInt.of(first);
    }

    @Override
    public void noteDay(int epochDay) {
        Integer first = meta.get(FIRST_DAY);
        if (first == null || epochDay < first) {
            meta.put(FIRST_DAY, epochDay);
        }
    }

    @Override
    public void evictBefore(int epochDay) {
        Iterator<String> keys = days.keyIterator(null);
        while (keys.hasNext()) {
            String k = keys.next();
            int[] d = days.get(k);
            if (d == null || d.length == 0 || d[d.length - 1] < epochDay) {
                days.remove(k);
            }
        }
    }

    @Override
    public long size() {
        return days.sizeAsLong();
    }

    /** Commits what this run learnt; the next run starts from it. */
    @Override
    public void close() {
        store.commit();
        store.close();
    }
}
