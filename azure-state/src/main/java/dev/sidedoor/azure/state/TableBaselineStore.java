package dev.sidedoor.azure.state;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.baseline.DaySets;
import dev.sidedoor.core.baseline.Members;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A baseline in an Azure table, for one batch: every key is read at most once (point reads, never a query), the
 * batch's changes are kept beside what was read, and {@link #close()} writes each changed key once, with optimistic
 * concurrency. Every change is a merge (a union of days, the earliest time, members' first and last days), so when
 * another invocation wrote the key meanwhile (412 on the ETag, 409 on insert) the key is read again and the same
 * changes merged into what is there: concurrent invocations lose nothing and count each day once.
 *
 * <p>One entity per key: PartitionKey {@code b<two hex digits of the key's SHA-256>}, RowKey the hash in base64url
 * ({@link Tables}), properties {@code key0} (the key as UTF-16, binary), {@code days} ({@code "20400,20401"}),
 * {@code members0..} ({@link Members#encode()}, UTF-16, binary), {@code time} (epoch millis), {@code text0..}
 * (UTF-16, binary) and {@code expires} (the last day kept plus the history window: when nothing in the entity can
 * count any more). The first day lives in PartitionKey {@code meta}, RowKey {@code first_day}.
 *
 * <p>Eviction: Table storage has no TTL and a scan per batch would cost as much as the table, so
 * {@link #evictBefore} and {@link #evictTimesBefore} only set floors: what is below them is ignored when read and
 * dropped when its key is next written (an entity left with nothing is deleted). A key never written again keeps
 * its entity, with {@code expires} saying it is dead; see the module README for its cost and the clean-up query.
 *
 * <p>Not thread-safe: one store per batch (invocation). {@link #size()} counts the keys this store has read.
 */
public final class TableBaselineStore implements BaselineStore {

    static final String META = "meta";
    static final String FIRST_DAY = "first_day";
    /** Attempts at one key's conditional write before the table counts as unavailable (it is that contended). */
    static final int MAX_ATTEMPTS = 8;

    private final TableClient table;
    private final int historyDays;
    private final Map<String, Row> rows = new HashMap<>();
    private int floor = Integer.MIN_VALUE;
    private int timesFloor = Integer.MIN_VALUE;
    /** First day: as read (MAX_VALUE when none), and the lowest this batch noted. */
    private Integer firstRead;
    private TableEntity firstEntity;
    private int firstNoted = Integer.MAX_VALUE;

    /**
     * @param table       the baseline table (it must exist: the template creates it)
     * @param historyDays the window ({@code baseline.historyDays}): sets each entity's {@code expires}
     */
    public TableBaselineStore(TableClient table, int historyDays) {
        this.table = table;
        this.historyDays = historyDays;
    }

    /** One key: the entity as read (null when absent) and this batch's changes, which are merges only. */
    private static final class Row {
        final String key;
        TableEntity entity;
        final List<Integer> addedDays = new ArrayList<>();
        final Map<String, int[]> addedMembers = new LinkedHashMap<>();
        long addedTime = Long.MAX_VALUE;
        boolean textChanged;
        String newText;

        Row(String key) {
            this.key = key;
        }

        boolean dirty() {
            return !addedDays.isEmpty() || !addedMembers.isEmpty() || addedTime != Long.MAX_VALUE || textChanged;
        }
    }

    private Row row(String key) {
        Row r = rows.get(key);
        if (r == null) {
            r = new Row(key);
            r.entity = Tables.get(table, partition(key), Tables.rowKey(key));
            rows.put(key, r);
        }
        return r;
    }

    static String partition(String key) {
        return "b" + Tables.bucket(key);
    }

    // ---- what is stored, as read, with the floors applied ----

    private int[] storedDays(TableEntity e) {
        if (e == null || !(e.getProperty("days") instanceof String s) || s.isEmpty()) {
            return new int[0];
        }
        int[] out = new int[0];
        for (String part : s.split(",")) {
            try {
                int[] merged = DaySets.add(out, Integer.parseInt(part.strip()));
                out = merged == null ? out : merged;
            } catch (NumberFormatException damaged) {
                // skipped: the other days still count
            }
        }
        return DaySets.trim(out, floor);
    }

    private Members storedMembers(TableEntity e) {
        Members m = Members.decode(Tables.text(Tables.chunked(e, "members")));
        m.evictBefore(floor);
        return m;
    }

    private long storedTime(TableEntity e) {
        if (e == null || !(e.getProperty("time") instanceof Long t)) {
            return Long.MAX_VALUE;
        }
        long day = Math.floorDiv(t, 86_400_000L);
        return day < floor || day < timesFloor ? Long.MAX_VALUE : t;
    }

    // ---- the view: stored merged with this batch's changes ----

    private int[] daysOf(Row r) {
        int[] d = storedDays(r.entity);
        for (int day : r.addedDays) {
            int[] merged = DaySets.add(d, day);
            d = merged == null ? d : merged;
        }
        return d;
    }

    private Members membersOf(Row r) {
        Members m = storedMembers(r.entity);
        r.addedMembers.forEach((member, d) -> {
            m.add(member, d[0]);
            m.add(member, d[1]);
        });
        return m;
    }

    private long timeOf(Row r) {
        return Math.min(storedTime(r.entity), r.addedTime);
    }

    private String textOf(Row r) {
        return r.textChanged ? r.newText : Tables.text(Tables.chunked(r.entity, "text"));
    }

    @Override
    public int[] days(String key) {
        return daysOf(row(key));
    }

    @Override
    public void add(String key, int epochDay) {
        Row r = row(key);
        if (DaySets.add(daysOf(r), epochDay) != null) {
            r.addedDays.add(epochDay);
        }
    }

    @Override
    public void addMember(String key, String member, int epochDay) {
        Row r = row(key);
        r.addedMembers.merge(member, new int[] {epochDay, epochDay},
                (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }

    @Override
    public int membersBetween(String key, int from, int epochDay) {
        return membersOf(row(key)).countBetween(from, epochDay);
    }

    @Override
    public void noteTime(String key, long epochMillis) {
        Row r = row(key);
        if (epochMillis < timeOf(r)) {
            r.addedTime = Math.min(r.addedTime, epochMillis);
        }
    }

    @Override
    public long time(String key) {
        return timeOf(row(key));
    }

    @Override
    public String text(String key) {
        return textOf(row(key));
    }

    @Override
    public void putText(String key, String value) {
        Row r = row(key);
        r.textChanged = true;
        r.newText = value;
    }

    @Override
    public OptionalInt firstDay() {
        if (firstRead == null) {
            firstEntity = Tables.get(table, META, FIRST_DAY);
            firstRead = firstEntity != null && firstEntity.getProperty("day") instanceof Integer d ? d
                    : Integer.MAX_VALUE;
        }
        int first = Math.min(firstRead, firstNoted);
        return first == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(first);
    }

    @Override
    public void noteDay(int epochDay) {
        firstNoted = Math.min(firstNoted, epochDay);
    }

    @Override
    public void evictBefore(int epochDay) {
        floor = Math.max(floor, epochDay);
    }

    @Override
    public void evictTimesBefore(int epochDay) {
        timesFloor = Math.max(timesFloor, epochDay);
    }

    /** Keys this store has read (a table cannot count its rows without reading them all). */
    @Override
    public long size() {
        return rows.size();
    }

    /**
     * Writes every changed key ({@link #flush()}): read-modify-write on the ETag, read again and merged again on a
     * conflict. Throws {@link UnavailableException} when the table cannot be written; what this batch learnt is
     * then lost, which only makes later findings look newer than they are (never quieter).
     */
    @Override
    public void close() {
        flush();
    }

    /**
     * Writes every changed key, as {@link #close()} does, and forgets what was read: a long copy into the table
     * (a future {@code sidedoor baseline push}) keeps its memory flat by flushing every few hundred keys.
     */
    public void flush() {
        List<String> tooLarge = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.dirty() || floorDrops(r)) {
                try {
                    save(r);
                } catch (IllegalArgumentException e) {
                    // An entity holds 1 MiB: a key whose members or text outgrow it (hundreds of long, chosen
                    // names) keeps what it had; the others are still written.
                    tooLarge.add(e.getMessage());
                }
            }
        }
        rows.clear();
        if (firstNoted != Integer.MAX_VALUE) {
            saveFirstDay();
        }
        firstRead = null;
        firstEntity = null;
        firstNoted = Integer.MAX_VALUE;
        if (!tooLarge.isEmpty()) {
            throw new UnavailableException("table " + table.getTableName() + ": " + tooLarge.size()
                    + " key(s) too large for an entity, not updated; first: " + tooLarge.get(0), null);
        }
    }

    /** Whether the floors would drop something stored: worth a write while the key is at hand. */
    private boolean floorDrops(Row r) {
        if (r.entity == null || floor == Integer.MIN_VALUE) {
            return false;
        }
        return !java.util.Arrays.equals(storedDays(r.entity), rawDays(r.entity))
                || r.entity.getProperty("time") instanceof Long && storedTime(r.entity) == Long.MAX_VALUE;
    }

    private static int[] rawDays(TableEntity e) {
        if (!(e.getProperty("days") instanceof String s) || s.isEmpty()) {
            return new int[0];
        }
        return java.util.Arrays.stream(s.split(",")).mapToInt(p -> {
            try {
                return Integer.parseInt(p.strip());
            } catch (NumberFormatException damaged) {
                return Integer.MIN_VALUE;
            }
        }).sorted().toArray();
    }

    private void save(Row r) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            int[] days = daysOf(r);
            Members members = membersOf(r);
            long time = timeOf(r);
            String text = textOf(r);
            boolean empty = days.length == 0 && members.isEmpty() && time == Long.MAX_VALUE && text == null;
            Tables.Write w;
            if (empty) {
                w = r.entity == null ? Tables.Write.DONE : Tables.deleteIfUnchanged(table, r.entity);
            } else {
                TableEntity e = r.entity != null ? r.entity : new TableEntity(partition(r.key), Tables.rowKey(r.key));
                Tables.putChunked(e, "key", Tables.chars(r.key));
                e.addProperty("days", join(days));
                Tables.putChunked(e, "members", members.isEmpty() ? null : Tables.chars(members.encode()));
                if (time == Long.MAX_VALUE) {
                    e.getProperties().remove("time");
                } else {
                    e.addProperty("time", time);
                }
                Tables.putChunked(e, "text", Tables.chars(text));
                e.addProperty("expires", expires(days, members, time));
                w = r.entity == null ? Tables.insert(table, e) : Tables.replaceIfUnchanged(table, e);
            }
            if (w == Tables.Write.DONE) {
                return;
            }
            // Another invocation wrote the key since it was read: read it again and merge the same changes.
            r.entity = Tables.get(table, partition(r.key), Tables.rowKey(r.key));
        }
        throw new UnavailableException("table " + table.getTableName() + ": a key was written by others "
                + MAX_ATTEMPTS + " times while this batch tried to", null);
    }

    private void saveFirstDay() {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (firstRead == null) {
                firstDay();
            }
            if (firstRead <= firstNoted) {
                return;
            }
            TableEntity e = firstEntity != null ? firstEntity : new TableEntity(META, FIRST_DAY);
            e.addProperty("day", firstNoted);
            Tables.Write w = firstEntity == null ? Tables.insert(table, e) : Tables.replaceIfUnchanged(table, e);
            if (w == Tables.Write.DONE) {
                return;
            }
            firstRead = null;
        }
        throw new UnavailableException("table " + table.getTableName() + ": the first day was written by others "
                + MAX_ATTEMPTS + " times while this batch tried to", null);
    }

    /** The day after which nothing in the entity can count: its latest day plus the window. */
    private OffsetDateTime expires(int[] days, Members members, long time) {
        int last = days.length == 0 ? Integer.MIN_VALUE : days[days.length - 1];
        last = Math.max(last, lastDay(members));
        if (time != Long.MAX_VALUE) {
            last = Math.max(last, (int) Math.floorDiv(time, 86_400_000L));
        }
        if (last == Integer.MIN_VALUE) {
            // Only a text: kept as long as a day would be, from today.
            last = (int) LocalDate.now(ZoneOffset.UTC).toEpochDay();
        }
        return LocalDate.ofEpochDay((long) last + historyDays + 1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The latest last day of any member, from {@link Members#encode()} (name, tab, first day, tab, last day). */
    static int lastDay(Members members) {
        int last = Integer.MIN_VALUE;
        for (String line : members.encode().split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab >= 0) {
                try {
                    last = Math.max(last, Integer.parseInt(line.substring(tab + 1)));
                } catch (NumberFormatException damaged) {
                    // skipped
                }
            }
        }
        return last;
    }

    private static String join(int[] days) {
        StringBuilder b = new StringBuilder(days.length * 6);
        for (int d : days) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(d);
        }
        return b.toString();
    }
}
