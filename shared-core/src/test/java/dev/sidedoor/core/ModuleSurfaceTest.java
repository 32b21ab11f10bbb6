package dev.sidedoor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.scan.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's module descriptor exports exactly the packages the front ends use. The front ends put the core on the
 * class path, where the JVM ignores the descriptor; this test reads their sources instead, so that a front end
 * reaching into an unexported package fails here rather than quietly widening the surface.
 */
class ModuleSurfaceTest {

    /** Modules that build on the core; each is a sibling of shared-core. */
    static final List<String> FRONT_ENDS = List.of("cli", "aws-lambda", "azure-function", "aws-state", "azure-state");

    /** A package of the core named in code: the lower-case segments after the prefix, up to the first type name. */
    static final Pattern REFERENCE = Pattern.compile("\\bdev\\.sidedoor\\.core((?:\\.[a-z_][a-z0-9_]*)+)");

    @Test
    void exportsAreWhatTheFrontEndsUse() throws IOException, URISyntaxException {
        ModuleDescriptor module = descriptor();
        assertEquals("dev.sidedoor.core", module.name());
        Set<String> exported = module.exports().stream()
                .peek(e -> assertFalse(e.isQualified(), e + ": qualified exports are not enforced on the class path"))
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> mainPackages = packages(Path.of("src", "main", "java"));
        Set<String> testJarPackages = packages(Path.of("src", "test", "java"));
        testJarPackages.removeAll(mainPackages);
        assertTrue(mainPackages.containsAll(exported), "exported packages that do not exist: " + exported);

        Map<String, Set<String>> usedByMain = new TreeMap<>();
        Map<String, Set<String>> usedByTests = new TreeMap<>();
        for (String frontEnd : FRONT_ENDS) {
            Path dir = Path.of("..", frontEnd);
            assertTrue(Files.isDirectory(dir.resolve("src/main/java")), dir + " not found from "
                    + Path.of("").toAbsolutePath());
            references(dir.resolve("src/main/java"), mainPackages, testJarPackages, frontEnd, usedByMain);
            references(dir.resolve("src/test/java"), mainPackages, testJarPackages, frontEnd, usedByTests);
        }
        assertTrue(usedByMain.keySet().containsAll(Set.of("dev.sidedoor.core.scan", "dev.sidedoor.core.finding")),
                "the scan found too little to be trusted: " + usedByMain.keySet());

        Map<String, Set<String>> unexported = new TreeMap<>(usedByMain);
        usedByTests.forEach((p, users) -> unexported.merge(p, users, (a, b) -> {
            Set<String> both = new TreeSet<>(a);
            both.addAll(b);
            return both;
        }));
        unexported.keySet().removeAll(exported);
        unexported.keySet().removeAll(testJarPackages);
        assertEquals(Map.of(), unexported, "core packages a front end uses but module-info.java does not export "
                + "(export them, or keep the front end to the exported ones)");

        Set<String> unused = new TreeSet<>(exported);
        unused.removeAll(usedByMain.keySet());
        assertEquals(Set.of(), unused, "exported packages no front end's main code uses (stop exporting them)");
    }

    @Test
    void referencesNameTheirPackage() {
        Set<String> packages = Set.of("dev.sidedoor.core.source", "dev.sidedoor.core.source.falcon",
                "dev.sidedoor.core.scan");
        assertEquals("dev.sidedoor.core.source.falcon",
                packageOf("import dev.sidedoor.core.source.falcon.FalconHosts;", packages));
        assertEquals("dev.sidedoor.core.source", packageOf("x = dev.sidedoor.core.source.Sources.all();", packages));
        assertEquals("dev.sidedoor.core.scan", packageOf("import dev.sidedoor.core.scan.*;", packages));
        assertEquals("dev.sidedoor.core.nosuch", packageOf("import dev.sidedoor.core.nosuch.Thing;", packages),
                "a package the core does not have is reported as named");
    }

    /** The compiled descriptor next to the core's classes (target/classes when run by Maven). */
    static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
        Path classes = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path file = classes.resolve("module-info.class");
        assertTrue(Files.isRegularFile(file), "no module-info.class in " + classes);
        try (InputStream in = Files.newInputStream(file)) {
            return ModuleDescriptor.read(in);
        }
    }

    /** Packages with at least one Java source file under {@code root}. */
    static Set<String> packages(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java"))
                    .map(f -> root.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Adds each core package the sources under {@code root} name, with the front end and file that name it. */
    static void references(Path root, Set<String> mainPackages, Set<String> testJarPackages, String frontEnd,
            Map<String, Set<String>> used) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Set<String> known = new TreeSet<>(mainPackages);
        known.addAll(testJarPackages);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    used.computeIfAbsent(packageOf(m.group(), known), p -> new TreeSet<>())
                            .add(frontEnd + ":" + f.getFileName());
                }
            }
        }
    }

    /** The longest known package a reference starts with, or the whole lower-case chain when none fits. */
    static String packageOf(String text, Set<String> known) {
        Matcher m = REFERENCE.matcher(text);
        assertTrue(m.find(), text);
        String chain = m.group();
        for (String p = chain; p.contains("."); p = p.substring(0, p.lastIndexOf('.'))) {
            if (known.contains(p)) {
                return p;
            }
        }
        return chain;
    }
}
