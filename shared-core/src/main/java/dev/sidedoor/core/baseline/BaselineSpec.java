package dev.sidedoor.core.baseline;

import dev.sidedoor.core.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a rule's findings are compared on, from the rule pack's own Sigma extension:
 * <pre>
 * sidedoor:
 *     baseline:
 *         family: aws-ssm-session       # rules whose routine is learned together (default: the rule's name)
 *         attributes: [person, network, client, target, account, session, time]   # default: all
 *         routine: never                # always notify at the rule's level (serial consoles); default: learned
 *         strong: [client]              # novelty here is strong news even for a person (default: none)
 * </pre>
 * Like Elastic's new-terms fields: a finding is routine when each listed attribute has been seen for its person
 * before, on enough days; the person is always part of the key.
 *
 * @param family     rules learned together
 * @param attributes attribute names compared (besides the person)
 * @param never      never routine: the finding keeps its level whatever the history
 * @param strong     attributes whose novelty is strong news even for a person: by default a person's new client
 *                   is weak (people move between console, command line and laptops), but where the client is
 *                   the whole point (a cloud CLI's sign-in) a new one is what an intruder brings
 */
record BaselineSpec(String family, List<String> attributes, boolean never, List<String> strong) {

    /** Attribute names, in the order notes name them. */
    public static final List<String> ALL = List.of("network", "client", "account", "session", "target", "time");
    /** Novelty in these is a strong signal; in the others (a new instance, an unusual hour) a weak one. */
    static final Set<String> STRONG = Set.of("network", "client", "account", "session");

    public BaselineSpec {
        attributes = List.copyOf(attributes);
        strong = List.copyOf(strong);
    }

    public BaselineSpec(String family, List<String> attributes, boolean never) {
        this(family, attributes, never, List.of());
    }

    /** The rule's spec, or the default: its own family, every attribute, learned. */
    public static BaselineSpec of(SigmaRule rule) {
        Object block = rule.extra().get("sidedoor");
        Object baseline = block instanceof Map<?, ?> m ? m.get("baseline") : null;
        if (!(baseline instanceof Map<?, ?> b)) {
            return new BaselineSpec(rule.name(), ALL, false);
        }
        String family = b.get("family") instanceof String s && !s.isBlank() ? s.strip() : rule.name();
        List<String> attributes = new ArrayList<>();
        if (b.get("attributes") instanceof List<?> list) {
            for (Object o : list) {
                String a = String.valueOf(o).strip().toLowerCase(Locale.ROOT);
                if (ALL.contains(a) && !attributes.contains(a)) {
                    attributes.add(a);
                }
            }
        } else {
            attributes.addAll(ALL);
        }
        boolean never = "never".equals(String.valueOf(b.get("routine")).strip().toLowerCase(Locale.ROOT));
        List<String> strong = new ArrayList<>();
        if (b.get("strong") instanceof List<?> list) {
            for (Object o : list) {
                String a = String.valueOf(o).strip().toLowerCase(Locale.ROOT);
                // Only the client is weighed down for people; the other strong attributes already are strong.
                if (a.equals("client") && attributes.contains(a) && !strong.contains(a)) {
                    strong.add(a);
                }
            }
        }
        return new BaselineSpec(family, attributes, never, strong);
    }
}
