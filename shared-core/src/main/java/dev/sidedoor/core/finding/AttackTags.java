package dev.sidedoor.core.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ATT&amp;CK mapping a rule's tags give a finding: technique ids upper-cased ("T1021.008"), tactic names
 * ("lateral_movement"). Software and group tags (attack.s0001, attack.g0016) are neither.
 */
public record AttackTags(List<String> techniques, List<String> tactics) {

    private static final Pattern TECHNIQUE = Pattern.compile("t\\d{4}(\\.\\d{3})?");
    private static final Pattern SOFTWARE_OR_GROUP = Pattern.compile("[gs]\\d{4}");

    public AttackTags {
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
    }

    public static AttackTags of(List<String> tags) {
        List<String> techniques = new ArrayList<>(2);
        List<String> tactics = new ArrayList<>(2);
        for (String tag : tags) {
            String t = tag.toLowerCase(Locale.ROOT);
            if (!t.startsWith("attack.")) {
                continue;
            }
            // SigmaHQ writes tactics with hyphens now (attack.lateral-movement), older rules with underscores.
            String v = t.substring("attack.".length()).replace('-', '_');
            if (TECHNIQUE.matcher(v).matches()) {
                techniques.add(v.toUpperCase(Locale.ROOT));
            } else if (!SOFTWARE_OR_GROUP.matcher(v).matches()) {
                tactics.add(v);
            }
        }
        return new AttackTags(techniques, tactics);
    }
}
