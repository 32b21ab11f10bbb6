package dev.sidedoor.cli;

import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.baseline.DaySets;
import dev.sidedoor.core.baseline.Members;
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
    /** Members with their first and last day ({@link Members#encode()}): a person's networks are few, a pool's capped. */
    private final MVMap<String, String> members;
    private final MVMap<String, Long> times;
    private final MVMap<String, String> texts;

    private StateStore(MVStore store) {
        this.store = store;
        this.days = store.openMap("days");
        this.meta = store.openMap("meta");
        this.members = store.openMap("members");
        this.times = store.openMap("times");
        this.texts = store.openMap("texts");
    }

    /** Opens (creating DIR if needed) the store; a clear error when another process holds it. */
    /** Time allowed to compact the file when a run ends: unlimited (-1), since the state is bounded. */
    private static final int COMPACT_MILLIS = -1;

    static StateStore open(Path dir) throws IOException {
        // Owner-only: the state names people, networks and hosts.
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
            }
        }
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
    public void add(String key, int epochDay) {
        int[] merged = DaySets.add(days.get(key), epochDay);
        if (merged != null) {
            days.put(key, merged);
        }
    }

    @Override
    public void addMember(String key, String member, int epochDay) {
        Members m = Members.decode(members.get(key));
        if (m.add(member, epochDay)) {
            members.put(key, m.encode());
        }
    }

    @Override
    public int membersBetween(String key, int from, int epochDay) {
        return Members.decode(members.get(key)).countBetween(from, epochDay);
    }

    @Override
    public void noteTime(String key, long epochMillis) {
        Long prev = times.get(key);
        if (prev == null || epochMillis < prev) {
            times.put(key, epochMillis);
        }
    }

    @Override
    public long time(String key) {
        Long t = times.get(key);
        return t == null ? Long.MAX_VALUE : t;
    }

    @Override
    public String text(String key) {
        return texts.get(key);
    }

    @Override
    public void putText(String key, String value) {
        if (value == null) {
            texts.remove(key);
        } else {
            texts.put(key, value);
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
            int[] kept = d == null ? new int[0] : DaySets.trim(d, epochDay);
            if (kept.length == 0) {
                days.remove(k);
            } else if (kept != d) {
                days.put(k, kept);
            }
        }
        evictTimesBefore(epochDay);
        Iterator<String> grouped = members.keyIterator(null);
        while (grouped.hasNext()) {
            String k = grouped.next();
            Members m = Members.decode(members.get(k));
            if (m.evictBefore(epochDay)) {
                if (m.isEmpty()) {
                    members.remove(k);
                } else {
                    members.put(k, m.encode());
                }
            }
        }
    }

    @Override
    public void evictTimesBefore(int epochDay) {
        Iterator<String> stamped = times.keyIterator(null);
        while (stamped.hasNext()) {
            String k = stamped.next();
            Long t = times.get(k);
            if (t == null || Math.floorDiv(t, 86_400_000L) < epochDay) {
                times.remove(k);
            }
        }
    }

    /** Where {@link #export} sends what the store holds. */
    interface Export {
        void days(String key, int[] days);

        void member(String key, String member, int first, int last);

        void time(String key, long epochMillis);

        void firstDay(int epochDay);
    }

    /** Everything learnt (not the correlation carry-over), for {@code sidedoor baseline push}. */
    void export(Export to) {
        days.forEach(to::days);
        members.forEach((key, encoded) -> Members.decode(encoded).forEach((member, range) ->
                to.member(key, member, range[0], range[1])));
        times.forEach(to::time);
        firstDay().ifPresent(to::firstDay);
    }

    @Override
    public long size() {
        return days.sizeAsLong() + members.sizeAsLong() + times.sizeAsLong();
    }

    /** Commits what this run learnt; the next run starts from it. */
    @Override
    public void close() {
        store.commit();
        // Pages are copy-on-write, so a run leaves superseded pages behind; a full compaction on close keeps the file
        // at the size of what it holds (an org-year: 13.5 MB uncompacted, 2.2 MB compacted, no measurable time),
        // and what it holds is bounded by the history window.
        store.close(COMPACT_MILLIS);
    }
}
