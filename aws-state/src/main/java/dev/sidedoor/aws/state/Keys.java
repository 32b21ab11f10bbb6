package dev.sidedoor.aws.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Item keys of the state table ({@code pk} string partition key, {@code sk} string sort key). Baseline keys are
 * built from log text (names, networks, instance ids): of any length and holding any character. They are stored
 * as a kind prefix and a SHA-256 digest, so an item key is always under 50 bytes, never collides in practice, and
 * no log field can reach DynamoDB's key limits or reshape another key.
 */
final class Keys {

    static final String PK = "pk";
    static final String SK = "sk";
    private static final String NO_SORT = "-";

    private Keys() {
    }

    /** A single item of one kind: d (days), t (time), x (text), m (meta), p (published). */
    static ObjectNode item(String kind, String key) {
        return key(kind + "#" + digest(key), NO_SORT);
    }

    /** The partition holding every member of {@code key}, one item each. */
    static String memberPartition(String key) {
        return "b#" + digest(key);
    }

    static ObjectNode member(String key, String member) {
        return key(memberPartition(key), digest(member));
    }

    private static ObjectNode key(String pk, String sk) {
        ObjectNode k = Json.object();
        k.putObject(PK).put("S", pk);
        k.putObject(SK).put("S", sk);
        return k;
    }

    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
