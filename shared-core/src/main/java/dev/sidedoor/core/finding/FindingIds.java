package dev.sidedoor.core.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic finding ids: the same rule and the same event give the same id on every run, host and delivery
 * path (S3 file, EventBridge, re-scan), so downstream systems can de-duplicate.
 */
public final class FindingIds {

    private FindingIds() {
    }

    public static String of(String ruleId, String provider, String eventKey) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ruleId.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(provider.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(eventKey.getBytes(StandardCharsets.UTF_8));
            return "sd-" + HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
