package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelaunchTest {

    @Test
    void theChildRunsTheSameClassPathAndArgumentsWithThisJvmsOptionsThenThePlans() {
        assertEquals(List.of("/jdk/bin/java", "-Dx=1", "-XX:SharedArchiveFile=s.jsa", "-XX:+UseSerialGC",
                "-Xmx1g", "-cp", "sidedoor.jar", "dev.sidedoor.cli.Main", "scan", "-", "--threads", "2"),
                Relaunch.command("/jdk/bin/java", List.of("-Dx=1", "-XX:SharedArchiveFile=s.jsa"),
                        List.of("-XX:+UseSerialGC", "-Xmx1g"), "sidedoor.jar",
                        new String[] {"scan", "-", "--threads", "2"}));
    }

    @Test
    void theChildsExitCodeIsPassedThrough() throws Exception {
        assertEquals(0, Relaunch.run(new ProcessBuilder("sh", "-c", "exit 0")));
        assertEquals(1, Relaunch.run(new ProcessBuilder("sh", "-c", "exit 1")));
        assertEquals(2, Relaunch.run(new ProcessBuilder("sh", "-c", "exit 2")));
        assertEquals(143, Relaunch.run(new ProcessBuilder("sh", "-c", "kill -TERM $$")));
    }
}
