package dev.sidedoor.core.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sidedoor.core.sigma.LiteralValue;
import dev.sidedoor.core.sigma.PartialDocument;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives the EventBridge event pattern that delivers exactly the CloudTrail API calls the AWS rules can match:
 * for each event source, the event names some rule needs with it. Nothing is guessed from rule text: a pair
 * (source, name) is kept only when the compiled rule, screened on a record that has just those two fields, could
 * still match; and a rule counts as pinned to its listed names only when a name it does not list rules it out.
 */
public final class EventBridgePattern {

    static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    /** ConsoleLogin and the other signin.amazonaws.com events arrive under their own detail type (source aws.signin). */
    static final String SIGN_IN_DETAIL_TYPE = "AWS Console Sign In via CloudTrail";
    static final String SIGN_IN_SOURCE = "signin.amazonaws.com";
    static final String SOURCE_PREFIX = "aws.";
    private static final String SOURCE = "eventSource";
    private static final String NAME = "eventName";
    /** The key for names some rule needs whatever the event source. */
    private static final LiteralValue ANY_SOURCE = new LiteralValue(LiteralValue.Kind.EQUALS, "");
    /** A value no rule lists, nor starts or ends with: real CloudTrail names carry no NUL. */
    private static final String UNLISTED = "\u0000sidedoor-unlisted";

    private static final Comparator<LiteralValue> ORDER =
            Comparator.comparing(LiteralValue::kind).thenComparing(LiteralValue::text);

    private EventBridgePattern() {
    }

    /**
     * The pattern for these rules' CloudTrail subset.
     *
     * @throws IllegalArgumentException naming the rule when one does not pin eventName to
     *     plain values, so no finite pattern can deliver everything it could match
     */
    public static ObjectNode derive(List<SigmaRule> cloudTrailRules) {
        // Source -> names; ANY_SOURCE holds names some rule needs whatever the event source.
        Map<LiteralValue, Set<LiteralValue>> namesBySource = new TreeMap<>(ORDER);
        for (SigmaRule rule : cloudTrailRules) {
            Set<LiteralValue> names = pinnedNames(rule);
            Optional<Set<LiteralValue>> sources = rule.literalValues(SOURCE);
            for (LiteralValue name : names) {
                // A name may be needed from listed sources only, or (in another selection) from any source.
                boolean anySource = sources.isEmpty() || rule.mayMatch(new Known(UNLISTED, name.text()));
                if (anySource) {
                    if (rule.mayMatch(new Known(null, name.text()))) {
                        namesBySource.computeIfAbsent(ANY_SOURCE, k -> new TreeSet<>(ORDER)).add(name);
                    }
                    continue;
                }
                for (LiteralValue source : sources.get()) {
                    if (rule.mayMatch(new Known(source.text(), name.text()))) {
                        namesBySource.computeIfAbsent(source, k -> new TreeSet<>(ORDER)).add(name);
                    }
                }
            }
        }
        if (namesBySource.isEmpty()) {
            throw new IllegalArgumentException("no AWS CloudTrail rule is loaded, so there is nothing to deliver");
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode pattern = f.objectNode();
        // Only AWS services may send events whose source starts with "aws."; anyone allowed to put events on the
        // bus can send a custom event that looks like a CloudTrail call otherwise.
        pattern.putArray("source").addObject().put("prefix", SOURCE_PREFIX);
        ArrayNode detailTypes = pattern.putArray("detail-type").add(DETAIL_TYPE);
        if (needsSignIn(namesBySource)) {
            detailTypes.add(SIGN_IN_DETAIL_TYPE);
        }
        ArrayNode any = pattern.putArray("$or");
        namesBySource.forEach((source, names) -> {
            ObjectNode detail = f.objectNode();
            if (source != ANY_SOURCE) {
                detail.putArray(SOURCE).add(matcher(source));
            }
            ArrayNode list = detail.putArray(NAME);
            names.forEach(n -> list.add(matcher(n)));
            any.addObject().set("detail", detail);
        });
        return pattern;
    }

    /** Whether some rule needs a console sign-in event: from signin.amazonaws.com, or ConsoleLogin from anywhere. */
    private static boolean needsSignIn(Map<LiteralValue, Set<LiteralValue>> namesBySource) {
        for (Map.Entry<LiteralValue, Set<LiteralValue>> e : namesBySource.entrySet()) {
            if (e.getKey() != ANY_SOURCE && e.getKey().kind() == LiteralValue.Kind.EQUALS
                    && e.getKey().text().equals(SIGN_IN_SOURCE)) {
                return true;
            }
            if (e.getKey() == ANY_SOURCE && e.getValue().stream().anyMatch(n -> switch (n.kind()) {
                case EQUALS -> n.text().equals("ConsoleLogin");
                case PREFIX -> "ConsoleLogin".startsWith(n.text());
                case SUFFIX -> "ConsoleLogin".endsWith(n.text());
            })) {
                return true;
            }
        }
        return false;
    }

    /**
     * The event names a match needs. Refused when the rule tests eventName in some other way than plain
     * comparisons, or when a name it does not list fails to rule a match out.
     */
    private static Set<LiteralValue> pinnedNames(SigmaRule rule) {
        Optional<Set<LiteralValue>> values = rule.literalValues(NAME);
        if (values.isEmpty() || rule.mayMatch(new Known(null, UNLISTED))) {
            throw new IllegalArgumentException("rule " + rule.name() + " (" + rule.source() + ") does not limit "
                    + NAME + " to a list of plain values, so no EventBridge pattern can deliver everything it"
                    + " could match; compare " + NAME + " by plain equality, startswith or endswith (no"
                    + " wildcards), or write the pattern by hand");
        }
        Set<LiteralValue> sorted = new TreeSet<>(ORDER);
        sorted.addAll(values.get());
        return sorted;
    }

    /** An EventBridge content filter: a plain string, or a prefix / suffix matcher. */
    private static JsonNode matcher(LiteralValue v) {
        return switch (v.kind()) {
            case EQUALS -> TextNode.valueOf(v.text());
            case PREFIX -> JsonNodeFactory.instance.objectNode().put("prefix", v.text());
            case SUFFIX -> JsonNodeFactory.instance.objectNode().put("suffix", v.text());
        };
    }

    /** A CloudTrail record of which only the event source and / or name are known (null: not known). */
    private record Known(String source, String name) implements PartialDocument {
        @Override
        public boolean knows(String field) {
            return SOURCE.equals(field) ? source != null : NAME.equals(field) && name != null;
        }

        @Override
        public JsonNode field(String field) {
            String v = SOURCE.equals(field) ? source : NAME.equals(field) ? name : null;
            return v == null ? null : TextNode.valueOf(v);
        }

        @Override
        public JsonNode root() {
            return null;
        }
    }
}
