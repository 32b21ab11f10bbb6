package dev.sidedoor.azure.state;

import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import dev.sidedoor.core.baseline.BaselineStore.UnavailableException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The few table calls the stores make, with the outcomes they care about told apart: absent (404), lost a race
 * (409 on insert, 412 on a conditional write), or unavailable (anything else after the client's own retries:
 * unreachable, throttled, forbidden, no such table), which becomes {@link UnavailableException}.
 *
 * <p>Keys: PartitionKey and RowKey forbid {@code / \ # ?} and control characters, and every key here is built
 * from log text (NUL-separated, attacker-chosen), so a row key is the base64url SHA-256 of the key (43
 * characters of {@code A-Z a-z 0-9 - _}), and the key itself travels as a binary property. Text is stored and
 * hashed as its UTF-16 code units, not UTF-8: UTF-8 turns a lone surrogate into '?', so two different keys (one
 * chosen by an attacker) could share a row.
 */
final class Tables {

    /** Binary properties hold 64 KiB; longer values are split over {@code name0}, {@code name1}... */
    static final int CHUNK_BYTES = 64_000;
    /** An entity holds 1 MiB in all: what does not fit in 15 chunks is refused rather than cut. */
    static final int MAX_CHUNKS = 15;

    /** Outcome of a conditional write. */
    enum Write { DONE, CONFLICT }

    private Tables() {
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(chars(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The row key of {@code key}: safe for any text, fixed length. */
    static String rowKey(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(key));
    }

    /** Two hex digits of the key's hash: spreads keys over 256 partitions. */
    static String bucket(String key) {
        // Not String.format: on every table call, and its first use loads the JDK's locale data.
        return java.util.HexFormat.of().toHexDigits(sha256(key)[0]);
    }

    /** The entity, or null when there is none. */
    static TableEntity get(TableClient table, String partition, String row) {
        try {
            Response<TableEntity> r = table.getEntityWithResponse(partition, row, null, null, null);
            return r.getValue();
        } catch (TableServiceException e) {
            if (status(e) == 404 && !tableMissing(e)) {
                return null;
            }
            throw unavailable(table, "read", e);
        } catch (RuntimeException e) {
            throw unavailable(table, "read", e);
        }
    }

    /** Inserts; {@link Write#CONFLICT} when the entity exists already (another invocation was first). */
    static Write insert(TableClient table, TableEntity entity) {
        try {
            table.createEntityWithResponse(entity, null, null);
            return Write.DONE;
        } catch (TableServiceException e) {
            if (status(e) == 409) {
                return Write.CONFLICT;
            }
            throw unavailable(table, "insert", e);
        } catch (RuntimeException e) {
            throw unavailable(table, "insert", e);
        }
    }

    /** Replaces {@code entity} if it is unchanged since read (its ETag); {@link Write#CONFLICT} otherwise. */
    static Write replaceIfUnchanged(TableClient table, TableEntity entity) {
        try {
            table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null);
            return Write.DONE;
        } catch (TableServiceException e) {
            if (status(e) == 412 || status(e) == 404) {
                return Write.CONFLICT;
            }
            throw unavailable(table, "update", e);
        } catch (RuntimeException e) {
            throw unavailable(table, "update", e);
        }
    }

    /** Deletes {@code entity} if unchanged since read; gone already counts as done. */
    static Write deleteIfUnchanged(TableClient table, TableEntity entity) {
        try {
            table.deleteEntityWithResponse(entity, true, null, null);
            return Write.DONE;
        } catch (TableServiceException e) {
            if (status(e) == 404 && !tableMissing(e)) {
                return Write.DONE;
            }
            if (status(e) == 412) {
                return Write.CONFLICT;
            }
            throw unavailable(table, "delete", e);
        } catch (RuntimeException e) {
            throw unavailable(table, "delete", e);
        }
    }

    private static int status(TableServiceException e) {
        return e.getResponse() == null ? -1 : e.getResponse().getStatusCode();
    }

    private static boolean tableMissing(TableServiceException e) {
        return e.getValue() != null && TableErrorCode.TABLE_NOT_FOUND.equals(e.getValue().getErrorCode());
    }

    static UnavailableException unavailable(TableClient table, String what, RuntimeException e) {
        String m = e.getMessage();
        if ((m == null || m.isBlank()) && e.getCause() != null) {
            m = e.getCause().toString();
        }
        // The message goes into findings' notes and logs: the service's own text, bounded, on one line.
        m = m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
        if (m.length() > 300) {
            m = m.substring(0, 300) + "...";
        }
        return new UnavailableException("table " + table.getTableName() + ": " + what + " failed: " + m, e);
    }

    /** Writes {@code value} as binary chunks {@code name0..}; removes stale chunks; null removes all. */
    static void putChunked(TableEntity entity, String name, byte[] value) {
        Map<String, Object> props = entity.getProperties();
        int chunks = value == null ? 0 : (value.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        if (chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException(name + " is " + value.length + " bytes; an entity holds at most "
                    + MAX_CHUNKS * CHUNK_BYTES);
        }
        for (int i = 0; i < MAX_CHUNKS; i++) {
            if (i < chunks) {
                int from = i * CHUNK_BYTES;
                entity.addProperty(name + i, java.util.Arrays.copyOfRange(value, from,
                        Math.min(value.length, from + CHUNK_BYTES)));
            } else {
                props.remove(name + i);
            }
        }
    }

    /** The bytes {@link #putChunked} wrote, or null when none. */
    static byte[] chunked(TableEntity entity, String name) {
        if (entity == null || !(entity.getProperty(name + 0) instanceof byte[])) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < MAX_CHUNKS && entity.getProperty(name + i) instanceof byte[] b; i++) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** The text of {@link #chars(String)}'s bytes; null for null. */
    static String text(byte[] chars) {
        if (chars == null) {
            return null;
        }
        return java.nio.ByteBuffer.wrap(chars).asCharBuffer().toString();
    }

    /** Every UTF-16 code unit, big-endian: lossless for any Java string, lone surrogates included. */
    static byte[] chars(String text) {
        if (text == null) {
            return null;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(text.length() * 2);
        b.asCharBuffer().put(text);
        return b.array();
    }
}
