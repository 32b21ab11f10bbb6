package dev.sidedoor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in-process and keeps what it printed. */
record Cli(int exit, String out, String err) {

    static final ObjectMapper JSON = new ObjectMapper();

    static Cli run(String... args) {
        return run(new Screen(java.util.Map.of(), false), args);
    }

    /** As if standard output were {@code screen}: its COLUMNS, NO_COLOR and whether it is a terminal. */
    static Cli run(Screen screen, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(o, e, screen, args);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    static Path repo() {
        return Paths.get(System.getProperty("user.dir")).resolve("..").normalize();
    }

    static Path shared() {
        return repo().resolve("../shared").normalize();
    }
}
