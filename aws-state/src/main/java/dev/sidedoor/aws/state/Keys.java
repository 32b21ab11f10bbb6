package dev.sidedoor.aws.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item keys of the state table ({@code pk} string partition key, {@code sk} string sort key). Baseline keys are
 * built from log text (names, networks, instance ids): of any length and holding any character. They are stored
 * as a kind prefix and a SHA-256 digest, so an item key is always 46 bytes, never collides in practice, and no
 * log field can reach DynamoDB's key limits or reshape another key.
 */
final class Keys {

    static final String PK = "pk";
    static final String SK = "sk";
    private static final String NO_SORT = "-";

    private Keys() {
    }

    /** A single item of one kind: d (days), t (time), x (text), m (meta), p (published). */
    static Map<String, AttributeValue> item(String kind, String key) {
        return Map.of(PK, AttributeValue.fromS(kind + "#" + digest(key)), SK, AttributeValue.fromS(NO_SORT));
    }

    /** The partition holding every member of {@code key}, one item each. */
    static String memberPartition(String key) {
        return "b#" + digest(key);
    }

    static Map<String, AttributeValue> member(String key, String member) {
        return Map.of(PK, AttributeValue.fromS(memberPartition(key)), SK, AttributeValue.fromS(digest(member)));
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
