package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real cfn-lint (on PATH on these machines) on template.yaml (with the SAM transform) and the member-account
 * forwarder: no errors and no warnings.
 */
class TemplateLintIT {

    @Test
    void cfnLintReportsNothing() throws Exception {
        Process p = new ProcessBuilder("cfn-lint", "template.yaml", "template-forwarder.yaml").directory(Template.FILE.getParent().toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("cfn-lint did not finish in 5 minutes");
        }
        assertEquals("", out.strip(), "cfn-lint output");
        assertEquals(0, p.exitValue(), "cfn-lint exit code; output:\n" + out);
    }
}
