package dev.sidedoor.core.sigma;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads many rule files, collecting every broken file as an error instead of stopping at the first, so one bad
 * rule never disables the others and a user sees all problems at once.
 */
public final class RuleLoader {

    private RuleLoader() {
    }

    /**
     * The rules and correlation rules that loaded, and the files that did not. Correlations are kept apart: they
     * are never evaluated on records, and their references are resolved once every source is loaded.
     */
    public record LoadResult(List<SigmaRule> rules, List<SigmaCorrelation> correlations,
            List<SigmaException> errors) {
        public LoadResult {
            rules = List.copyOf(rules);
            correlations = List.copyOf(correlations);
            errors = List.copyOf(errors);
        }

        /** Detection rules only. */
        public LoadResult(List<SigmaRule> rules, List<SigmaException> errors) {
            this(rules, List.of(), errors);
        }

        /** One file's outcome. */
        public static LoadResult of(SigmaParser.RuleFile file) {
            return new LoadResult(file.rules(), file.correlations(), List.of());
        }
    }

    /** Every {@code *.yml} / {@code *.yaml} under {@code dir}, recursively, in path order (so results are repeatable). */
    public static LoadResult loadDirectory(Path dir) {
        List<SigmaRule> rules = new ArrayList<>();
        List<SigmaCorrelation> correlations = new ArrayList<>();
        List<SigmaException> errors = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(RuleLoader::isYaml).sorted().collect(Collectors.toList());
        } catch (IOException | RuntimeException e) {
            errors.add(new SigmaException(dir.toString(), 0, "cannot list rule directory: " + e, e));
            return new LoadResult(rules, errors);
        }
        for (Path file : files) {
            try {
                SigmaParser.RuleFile parsed = SigmaParser.parseFile(file);
                rules.addAll(parsed.rules());
                correlations.addAll(parsed.correlations());
            } catch (SigmaException e) {
                errors.add(e);
            }
        }
        return new LoadResult(rules, correlations, errors);
    }

    /**
     * The rules named by an index resource: one resource path per line, blank lines and {@code #} comments
     * ignored. Jars cannot be listed portably, hence the index.
     */
    public static LoadResult loadResources(ClassLoader cl, String indexResource) {
        return loadResources(cl, indexResource, entry -> true);
    }

    /** {@link #loadResources(ClassLoader, String)} of the index entries {@code wanted} accepts. */
    public static LoadResult loadResources(ClassLoader cl, String indexResource,
            java.util.function.Predicate<String> wanted) {
        List<SigmaRule> rules = new ArrayList<>();
        List<SigmaCorrelation> correlations = new ArrayList<>();
        List<SigmaException> errors = new ArrayList<>();
        String index;
        try {
            index = read(cl, indexResource);
        } catch (IOException e) {
            errors.add(new SigmaException(indexResource, 0, e.getMessage(), e));
            return new LoadResult(rules, errors);
        }
        String[] lines = index.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String entry = lines[i].strip();
            if (entry.isEmpty() || entry.startsWith("#") || !wanted.test(entry)) {
                continue;
            }
            try {
                SigmaParser.RuleFile parsed = SigmaParser.parseFile(read(cl, entry), entry);
                rules.addAll(parsed.rules());
                correlations.addAll(parsed.correlations());
            } catch (IOException e) {
                errors.add(new SigmaException(indexResource, i + 1, e.getMessage(), e));
            } catch (SigmaException e) {
                errors.add(e);
            }
        }
        return new LoadResult(rules, correlations, errors);
    }

    /**
     * The files of a {@link RulePack} resource that {@code wanted} accepts, built into rules exactly as their YAML
     * would be. A missing or unreadable pack is one error naming it.
     */
    public static LoadResult loadPack(ClassLoader cl, String packResource,
            java.util.function.Predicate<String> wanted) {
        List<SigmaRule> rules = new ArrayList<>();
        List<SigmaCorrelation> correlations = new ArrayList<>();
        List<SigmaException> errors = new ArrayList<>();
        List<RulePack.File> files;
        try (InputStream in = cl.getResourceAsStream(packResource)) {
            if (in == null) {
                throw new IOException("resource not found: " + packResource + " (built by the shared-core build)");
            }
            files = RulePack.read(in, wanted);
        } catch (IOException e) {
            errors.add(new SigmaException(packResource, 0, e.getMessage(), e));
            return new LoadResult(rules, errors);
        }
        for (RulePack.File file : files) {
            try {
                SigmaParser.RuleFile parsed = SigmaParser.build(new YamlSupport(file.name()), file.documents());
                rules.addAll(parsed.rules());
                correlations.addAll(parsed.correlations());
            } catch (SigmaException e) {
                errors.add(e);
            }
        }
        return new LoadResult(rules, correlations, errors);
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    private static String read(ClassLoader cl, String resource) throws IOException {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource not found: " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
            StringBuilder b = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = r.read(buf)) > 0; ) {
                b.append(buf, 0, n);
            }
            return b.toString();
        } catch (CharacterCodingException e) {
            throw new IOException("resource " + resource + " is not valid UTF-8", e);
        }
    }
}
