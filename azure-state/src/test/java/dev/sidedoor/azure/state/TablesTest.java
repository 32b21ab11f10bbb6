package dev.sidedoor.azure.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.tables.models.TableEntity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key encoding, chunked properties and the ledger's weeks, without a table (the ITs run them on Azurite). */
class TablesTest {

    @Test
    void aKeysBucketIsTheFirstByteOfItsHashInTwoLowerCaseHexDigitsAsEverStoredBefore() {
        // Entities already in a table were written under buckets made with String.format("%02x"): never moved.
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String key = "person-" + i;
            String bucket = Tables.bucket(key);
            assertEquals(String.format(java.util.Locale.ROOT, "%02x", Tables.sha256(key)[0] & 0xff), bucket, key);
            seen.add(bucket);
        }
        assertEquals(256, seen.size(), "5,000 keys reach every one of the 256 buckets");
    }

    @Test
    void rowKeysAreFixedLengthBase64UrlForAnyTextAndKeepDistinctKeysApart() {
        List<String> keys = List.of("", "a", "a/b\\c#d?e", "\u0000org\u0000x", "\uD800", "?", "\uDC00", "\uFFFD",
                "x".repeat(100_000));
        java.util.Set<String> rows = new java.util.HashSet<>();
        for (String k : keys) {
            String row = Tables.rowKey(k);
            assertTrue(row.matches("[A-Za-z0-9_-]{43}"), row);
            rows.add(row);
        }
        assertEquals(keys.size(), rows.size(), "UTF-8 would map the lone surrogates and U+FFFD or '?' together");
        assertTrue(TableBaselineStore.partition("any").matches("b[0-9a-f]{2}"));
    }

    @Test
    void textRoundTripsExactlyLoneSurrogatesAndNulIncluded() {
        String text = "a\u0000b\uD800c\uDC00\uD83D\uDEAA\n\t";
        assertEquals(text, Tables.text(Tables.chars(text)));
        assertNull(Tables.text(null));
        assertNull(Tables.chars(null));
    }

    @Test
    void longValuesAreSplitOverChunksAndShrinkingDropsTheStaleOnes() {
        TableEntity e = new TableEntity("p", "r");
        byte[] big = new byte[Tables.CHUNK_BYTES * 2 + 7];
        new java.util.Random(3).nextBytes(big);
        Tables.putChunked(e, "members", big);
        assertEquals(3, e.getProperties().keySet().stream().filter(k -> k.startsWith("members")).count());
        assertArrayEquals(big, Tables.chunked(e, "members"));
        byte[] small = {1, 2, 3};
        Tables.putChunked(e, "members", small);
        assertArrayEquals(small, Tables.chunked(e, "members"));
        assertEquals(1, e.getProperties().keySet().stream().filter(k -> k.startsWith("members")).count());
        Tables.putChunked(e, "members", null);
        assertNull(Tables.chunked(e, "members"));
        assertThrows(IllegalArgumentException.class,
                () -> Tables.putChunked(e, "text", new byte[Tables.CHUNK_BYTES * Tables.MAX_CHUNKS + 1]));
    }

    @Test
    void ledgerWeeksAreIsoWeeksAndExpireTheMondayAfterNext() {
        assertEquals("w2026-53", NotificationLedger.week(LocalDate.parse("2027-01-03")), "ISO week-based year");
        assertEquals("w2027-01", NotificationLedger.week(LocalDate.parse("2027-01-04")));
        assertEquals("w2026-49", NotificationLedger.week(LocalDate.parse("2026-12-06")));
        assertEquals("2026-12-14T00:00Z", NotificationLedger.expires(LocalDate.parse("2026-12-06")).toString());
        assertEquals("2026-12-14T00:00Z", NotificationLedger.expires(LocalDate.parse("2026-11-30")).toString());
        assertNotEquals(NotificationLedger.week(LocalDate.parse("2026-11-29")),
                NotificationLedger.week(LocalDate.parse("2026-11-30")));
    }
}
