package dev.sidedoor.azure;

import com.azure.core.models.CloudEvent;
import com.azure.core.models.CloudEventDataFormat;
import com.azure.core.util.BinaryData;
import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.FindingClips;
import dev.sidedoor.core.output.FindingFormat;
import dev.sidedoor.core.output.JsonText;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One finding as a CloudEvents 1.0 event for Event Grid.
 * <ul>
 * <li>{@code type} names the rule: {@code dev.sidedoor.finding.azure_vm_run_command};</li>
 * <li>{@code source} is the subscription ({@code /subscriptions/<id>}, lower case), so one topic can serve many;</li>
 * <li>{@code subject} is the target's resource id as logged, for Event Grid subject filters;</li>
 * <li>{@code id} is the finding id plus the operation's outcome: a redelivered finding keeps its id (the ledger,
 * {@link Notifications}, keeps a second batch from publishing an operation again; without it, an operation whose
 * records were split across two batches gives a second event with its final outcome rather than one a
 * de-duplicating consumer would drop);</li>
 * <li>extension attributes {@code severity}, {@code findingid}, {@code rulename} and {@code technique} are for
 * Event Grid advanced filters, which read attributes, not data;</li>
 * <li>{@code data} is the finding JSON (sidedoor or OCSF).</li>
 * </ul>
 * Every value here came from a log record: Event Grid carries them as data, and filters only compare them.
 */
final class FindingEvents {

    static final String TYPE_PREFIX = "dev.sidedoor.finding.";
    static final String SOURCE_FALLBACK = "/sidedoor";

    private final FindingFormat format;

    FindingEvents(FindingFormat format) {
        this.format = format;
    }

    /**
     * The finding JSON's limit: Event Grid takes 1 MB per event, and a request (up to 900 KB here) holds several;
     * attributes and envelope take a few hundred bytes.
     */
    static final int DATA_MAX_BYTES = 512 * 1024;

    CloudEvent of(Finding f) {
        String data = FindingClips.fit(f, x -> JsonText.write(g -> format.write(x, g)), DATA_MAX_BYTES);
        CloudEvent e = new CloudEvent(source(f), TYPE_PREFIX + f.rule().name(), BinaryData.fromString(data),
                CloudEventDataFormat.JSON, "application/json");
        e.setId(f.findingId() + "." + (f.event().outcome() == null ? "unknown" : f.event().outcome()));
        if (f.target() != null && !f.target().isBlank()) {
            e.setSubject(f.target());
        }
        // The SDK stamps "now" by default; an event time that cannot be read is left out rather than invented.
        e.setTime(time(f.event().time()));
        e.addExtensionAttribute("severity", f.severity().label());
        e.addExtensionAttribute("findingid", f.findingId());
        e.addExtensionAttribute("rulename", f.rule().name());
        if (!f.techniques().isEmpty()) {
            e.addExtensionAttribute("technique", String.join(",", f.techniques()));
        }
        return e;
    }

    static String source(Finding f) {
        String account = f.account();
        if (account == null || account.isBlank()) {
            return SOURCE_FALLBACK;
        }
        return "azure".equals(f.provider()) ? "/subscriptions/" + account.toLowerCase(Locale.ROOT)
                : "/" + f.provider() + "/" + account;
    }

    private static OffsetDateTime time(String text) {
        // RFC 3339 has four-digit years: a time the core could not read as an instant (+999999999-...) is left out.
        if (text == null || EventTimes.epochMillis(text) < 0) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(text);
            // The SDK writes the time with toString(), which leaves out zero seconds ("10:03Z"), and RFC 3339 (so
            // CloudEvents) requires them; a nanosecond later prints them all.
            return t.getSecond() == 0 && t.getNano() == 0 ? t.plusNanos(1) : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
