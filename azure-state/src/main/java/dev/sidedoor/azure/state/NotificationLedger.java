package dev.sidedoor.azure.state;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import dev.sidedoor.core.baseline.BaselineStore.UnavailableException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What has been notified, per operation: the findings published for it (finding id, rule, CloudEvent id). A
 * publisher reads it before publishing, so a redelivered event or a re-run batch publishes nothing twice, and so a
 * later record of an operation (its Succeeded record in the next batch) or a broader rule's finding on an operation
 * a more specific rule already reported is recognised. It marks only after Event Grid took the events: a crash in
 * between repeats a notification (with the same CloudEvent id) rather than losing it.
 *
 * <p>Layout: PartitionKey is the ISO week the mark was written in ({@code w2026-49}), RowKey the base64url SHA-256
 * of the operation key (log text: see {@link Tables}). Reads look in this week's and last week's partitions (two
 * point reads), so a mark is honoured for 7 to 14 days, at least as long as Event Hubs keeps events (7 days at
 * most). Expiry without TTL or scans: {@link #purgeOldWeeks()} deletes the partition of the week before last,
 * one partition query and one delete per mark.
 */
public final class NotificationLedger {

    /** One published finding: its id, its rule, and the CloudEvent id it went out under. */
    public record Entry(String findingId, String rule, String eventId) {
    }

    /** What was published for one operation. */
    public record Operation(List<Entry> published) {
        public Operation {
            published = List.copyOf(published);
        }

        public Set<String> findingIds() {
            Set<String> out = new LinkedHashSet<>();
            published.forEach(e -> out.add(e.findingId()));
            return out;
        }

        public Set<String> rules() {
            Set<String> out = new LinkedHashSet<>();
            published.forEach(e -> out.add(e.rule()));
            return out;
        }
    }

    static final int MAX_ATTEMPTS = 8;

    private final TableClient table;
    private final Clock clock;
    /** The week last purged by this ledger; shared by concurrent invocations, a lost update costs one query. */
    private volatile String purged;

    public NotificationLedger(TableClient table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    static String week(LocalDate day) {
        // "w2026-05": written out rather than through String.format, whose first use loads the JDK's locale data.
        int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return "w" + day.get(IsoFields.WEEK_BASED_YEAR) + (week < 10 ? "-0" : "-") + week;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** The operations among {@code operationKeys} that have published findings; absent ones are left out. */
    public Map<String, Operation> read(Collection<String> operationKeys) {
        LocalDate today = today();
        List<String> weeks = List.of(week(today), week(today.minusWeeks(1)));
        Map<String, Operation> out = new LinkedHashMap<>();
        for (String key : new LinkedHashSet<>(operationKeys)) {
            List<Entry> entries = new ArrayList<>();
            for (String w : weeks) {
                entries.addAll(entries(Tables.get(table, w, Tables.rowKey(key))));
            }
            if (!entries.isEmpty()) {
                out.put(key, new Operation(entries));
            }
        }
        return out;
    }

    /** Notes that {@code published} went out for the operation: merged into its row, conditional on the ETag. */
    public void mark(String operationKey, List<Entry> published) {
        String partition = week(today());
        String row = Tables.rowKey(operationKey);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            TableEntity e = Tables.get(table, partition, row);
            Map<String, Entry> all = new LinkedHashMap<>();
            for (Entry x : entries(e)) {
                all.put(x.eventId(), x);
            }
            int before = all.size();
            for (Entry x : published) {
                all.putIfAbsent(x.eventId(), x);
            }
            if (e != null && all.size() == before) {
                return;
            }
            boolean insert = e == null;
            if (insert) {
                e = new TableEntity(partition, row);
                Tables.putChunked(e, "operation", Tables.chars(operationKey));
            }
            StringBuilder text = new StringBuilder();
            for (Entry x : all.values()) {
                text.append(clean(x.findingId())).append('\t').append(clean(x.rule())).append('\t')
                        .append(clean(x.eventId())).append('\n');
            }
            Tables.putChunked(e, "published", Tables.chars(text.toString()));
            e.addProperty("expires", expires(today()));
            Tables.Write w = insert ? Tables.insert(table, e) : Tables.replaceIfUnchanged(table, e);
            if (w == Tables.Write.DONE) {
                return;
            }
        }
        throw new UnavailableException("table " + table.getTableName() + ": an operation was marked by others "
                + MAX_ATTEMPTS + " times while this batch tried to", null);
    }

    /**
     * Deletes the marks of the week before last (read no more), once per week per ledger: one query by
     * PartitionKey, one delete per mark. Returns how many were deleted.
     */
    public int purgeOldWeeks() {
        String old = week(today().minusWeeks(2));
        if (old.equals(purged)) {
            return 0;
        }
        int deleted = 0;
        try {
            ListEntitiesOptions query = new ListEntitiesOptions()
                    .setFilter("PartitionKey eq '" + old + "'")
                    .setSelect(List.of("PartitionKey", "RowKey"));
            for (TableEntity e : table.listEntities(query, null, null)) {
                try {
                    table.deleteEntity(e.getPartitionKey(), e.getRowKey());
                    deleted++;
                } catch (com.azure.data.tables.models.TableServiceException gone) {
                    if (gone.getResponse() == null || gone.getResponse().getStatusCode() != 404) {
                        throw gone;
                    }
                }
            }
        } catch (RuntimeException e) {
            throw Tables.unavailable(table, "purge of " + old, e);
        }
        purged = old;
        return deleted;
    }

    /** Monday of the week after next: from then on no read looks at this week's partition. */
    static OffsetDateTime expires(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(2).atStartOfDay()
                .atOffset(ZoneOffset.UTC);
    }

    private static List<Entry> entries(TableEntity e) {
        String text = Tables.text(Tables.chunked(e, "published"));
        List<Entry> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            String[] p = line.split("\t");
            if (p.length == 3) {
                out.add(new Entry(p[0], p[1], p[2]));
            }
        }
        return out;
    }

    /** Ids and rule names are ours, not log text, but a tab or line break would still break a line. */
    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
