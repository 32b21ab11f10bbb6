package dev.sidedoor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.output.FindingFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** Prints findings on standard output in the chosen format. Called from one thread. */
interface FindingPrinter {

    void print(Finding f);

    void finish();

    static FindingPrinter of(ScanCommand.Format format, PrintStream out, String version, Screen screen) {
        return switch (format) {
            case jsonl -> new JsonLines(out, FindingFormat.sidedoor());
            case ocsf -> new JsonLines(out, FindingFormat.ocsf(version));
            case table -> new TablePrinter(out, screen.width(), screen.colour());
        };
    }

    /** One JSON object per line; JSON escaping keeps raw values from breaking lines. */
    final class JsonLines implements FindingPrinter {
        private final JsonGenerator gen;
        private final FindingFormat format;
        private boolean any;

        JsonLines(PrintStream out, FindingFormat format) {
            this.format = format;
            try {
                this.gen = new JsonFactory().createGenerator(out);
                gen.setRootValueSeparator(new SerializedString("\n"));
                gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                // Pure ASCII output: no C1 controls or bidi overrides from log data reach a terminal or a pager.
                gen.enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void print(Finding f) {
            try {
                any = true;
                format.write(f, gen);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish() {
            try {
                if (any) {
                    gen.writeRaw('\n');
                }
                gen.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
