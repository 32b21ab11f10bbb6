package dev.sidedoor.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sidedoor.core.finding.Finding;
import java.io.IOException;

/** A JSON shape for findings. Implementations are stateless and thread-safe. */
public interface FindingFormat {

    /** Writes one finding as one JSON object. */
    void write(Finding finding, JsonGenerator out) throws IOException;

    static FindingFormat sidedoor() {
        return new SidedoorJson();
    }

    static FindingFormat ocsf(String productVersion) {
        return new OcsfDetectionFinding(productVersion);
    }
}
