/**
 * The sidedoor core: readers, normalisation, the Sigma engine, rules, tuning, baselines and findings.
 *
 * <p>The exports are the packages the front ends (cli, aws-lambda, azure-function, aws-state, azure-state) use,
 * and nothing else: the log sources other than Falcon (CloudTrail, Activity Log, GCP audit, Defender, Sysmon,
 * Entra, process events) are reached through {@code dev.sidedoor.core.source.Sources} only, so they stay free to
 * change. The front ends run the core from the class path (their shaded jars drop every {@code module-info.class}),
 * where the JVM does not enforce this list; {@code ModuleSurfaceTest} does, by reading their sources.
 */
// re2j 1.8 has no module descriptor and no Automatic-Module-Name: its name comes from the jar's file name.
@SuppressWarnings("requires-automatic")
module dev.sidedoor.core {
    // Exported types take and return JsonNode and JsonParser; SnakeYAML and re2j stay inside.
    requires transitive com.fasterxml.jackson.databind;
    requires org.yaml.snakeyaml;
    requires re2j;

    exports dev.sidedoor.core.baseline;
    exports dev.sidedoor.core.correlation;
    exports dev.sidedoor.core.detect;
    exports dev.sidedoor.core.event;
    exports dev.sidedoor.core.finding;
    exports dev.sidedoor.core.match;
    exports dev.sidedoor.core.output;
    exports dev.sidedoor.core.read;
    exports dev.sidedoor.core.rules;
    exports dev.sidedoor.core.scan;
    exports dev.sidedoor.core.sigma;
    exports dev.sidedoor.core.source;
    exports dev.sidedoor.core.source.falcon;
    exports dev.sidedoor.core.tuning;

    // The built-in rules (index.txt, pack.bin, the .yml files) are read through a class loader, which finds
    // resources of a named module only in packages it opens.
    opens dev.sidedoor.rules;
}
