package dev.sidedoor.core.sigma;

import dev.sidedoor.core.match.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses a Sigma condition into a matcher over the compiled search identifiers.
 *
 * <p>Grammar, loosest first ({@code or} &lt; {@code and} &lt; {@code not} &lt; {@code x of} &lt; parentheses):
 * <pre>
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | primary
 *   primary := "(" or ")" | quant "of" (pattern | "them") | identifier
 *   quant   := number | "all" | "any"
 * </pre>
 * Keywords are case-insensitive; identifiers are case-sensitive. {@code them} leaves out identifiers that start
 * with {@code _}; {@code N of} means at least N. Positions in errors are 1-based offsets into the condition.
 *
 * <p>Rule text is untrusted: the parser is recursive, so nesting ({@code (} and {@code not}; {@code x of} takes a
 * name pattern, never a sub-condition) is counted on the way down and refused past {@link #MAX_DEPTH}, long before
 * the stack could overflow, and tokens quoted in errors are clipped.
 */
final class ConditionParser {

    /** Real conditions nest three or four levels; the matcher tree is walked recursively per record too. */
    static final int MAX_DEPTH = 64;
    /** SigmaHQ's longest conditions are under 200 characters. */
    static final int MAX_LENGTH = 4096;
    private static final int MAX_TOKEN_SHOWN = 60;

    private record Token(String text, int position) {
        boolean is(String keyword) {
            return text.equalsIgnoreCase(keyword);
        }
    }

    private final String condition;
    private final Map<String, DocMatcher> identifiers;
    private final YamlSupport yaml;
    private final Node at;
    private final List<Token> tokens;
    private int next;
    private int depth;

    private ConditionParser(String condition, Map<String, DocMatcher> identifiers, YamlSupport yaml, Node at)
            throws SigmaException {
        this.condition = condition;
        this.identifiers = identifiers;
        this.yaml = yaml;
        this.at = at;
        this.tokens = tokenize();
    }

    /** {@code identifiers} must iterate in definition order, which fixes the order of {@code 1 of} alternatives. */
    static DocMatcher parse(String condition, Map<String, DocMatcher> identifiers, YamlSupport yaml, Node at)
            throws SigmaException {
        if (condition.length() > MAX_LENGTH) {
            throw error(yaml, at, condition,
                    "the condition is " + condition.length() + " characters long (limit " + MAX_LENGTH + ")");
        }
        ConditionParser p = new ConditionParser(condition, identifiers, yaml, at);
        if (p.tokens.isEmpty()) {
            throw p.error("the condition is empty");
        }
        DocMatcher m;
        try {
            m = p.or();
        } catch (StackOverflowError e) {
            // Unreachable with MAX_DEPTH on a normal stack; a tiny thread stack must still not fail the whole load.
            throw p.error("nested too deeply for this thread's stack");
        }
        if (p.next < p.tokens.size()) {
            Token t = p.tokens.get(p.next);
            throw p.error("unexpected '" + shown(t) + "' at position " + t.position());
        }
        return m;
    }

    private List<Token> tokenize() throws SigmaException {
        List<Token> out = new ArrayList<>();
        int n = condition.length();
        int i = 0;
        while (i < n) {
            char c = condition.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Token(String.valueOf(c), i + 1));
                i++;
            } else if (c == '|') {
                throw error("aggregations are not supported ('|' at position " + (i + 1)
                        + "); use a correlation in the caller instead");
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(condition.charAt(i)) && "()|".indexOf(condition.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(condition.substring(start, i), start + 1));
            }
        }
        return out;
    }

    private DocMatcher or() throws SigmaException {
        List<DocMatcher> parts = new ArrayList<>();
        parts.add(and());
        while (peekIs("or")) {
            next++;
            parts.add(and());
        }
        return BooleanMatchers.or(parts);
    }

    private DocMatcher and() throws SigmaException {
        List<DocMatcher> parts = new ArrayList<>();
        parts.add(not());
        while (peekIs("and")) {
            next++;
            parts.add(not());
        }
        return BooleanMatchers.and(parts);
    }

    private DocMatcher not() throws SigmaException {
        if (peekIs("not")) {
            Token t = tokens.get(next++);
            descend(t);
            DocMatcher inner = BooleanMatchers.not(not());
            depth--;
            return inner;
        }
        return primary();
    }

    private void descend(Token t) throws SigmaException {
        if (++depth > MAX_DEPTH) {
            throw error("'" + t.text() + "' at position " + t.position() + " nests deeper than " + MAX_DEPTH
                    + " levels of parentheses and 'not'");
        }
    }

    private DocMatcher primary() throws SigmaException {
        Token t = take("an identifier, 'not', 'x of' or '('");
        if (t.is("(")) {
            descend(t);
            DocMatcher inner = or();
            if (!peekIs(")")) {
                throw error(next < tokens.size()
                        ? "expected ')' at position " + tokens.get(next).position() + " but found '"
                            + shown(tokens.get(next)) + "' (for '(' at position " + t.position() + ")"
                        : "missing ')' for '(' at position " + t.position());
            }
            next++;
            depth--;
            return inner;
        }
        if (isQuantifier(t) && peekIs("of")) {
            next++;
            return quantified(t, take("an identifier pattern or 'them' after 'of'"));
        }
        if (isReserved(t)) {
            throw error("unexpected '" + shown(t) + "' at position " + t.position());
        }
        if (t.text().indexOf('*') >= 0 || t.text().indexOf('?') >= 0) {
            throw error("wildcard '" + shown(t) + "' at position " + t.position()
                    + " needs '1 of' or 'all of' in front of it");
        }
        DocMatcher m = identifiers.get(t.text());
        if (m == null) {
            throw error("undefined search identifier '" + shown(t) + "' at position " + t.position());
        }
        return m;
    }

    private DocMatcher quantified(Token quantifier, Token target) throws SigmaException {
        if (isReserved(target) && !target.is("them")) {
            throw error("expected an identifier pattern or 'them' at position " + target.position()
                    + " but found '" + shown(target) + "'");
        }
        List<DocMatcher> chosen = new ArrayList<>();
        if (target.is("them")) {
            identifiers.forEach((name, m) -> {
                if (!name.startsWith("_")) {
                    chosen.add(m);
                }
            });
        } else {
            Glob pattern = Glob.compile(target.text(), Glob.Mode.EQUALS, true, false);
            identifiers.forEach((name, m) -> {
                if (pattern.matches(name)) {
                    chosen.add(m);
                }
            });
        }
        if (chosen.isEmpty()) {
            throw error("'" + shown(target) + "' at position " + target.position()
                    + " matches no search identifier");
        }
        if (quantifier.is("all")) {
            return BooleanMatchers.and(chosen);
        }
        int n = quantifier.is("any") ? 1 : Integer.parseInt(quantifier.text());
        if (n < 1) {
            throw error("'" + n + " of' at position " + quantifier.position() + " is always true; use at least 1");
        }
        if (n > chosen.size()) {
            throw error("'" + n + " of " + shown(target) + "' at position " + quantifier.position()
                    + " can never match: only " + chosen.size() + " identifier(s) match");
        }
        return BooleanMatchers.atLeast(n, chosen);
    }

    private static boolean isQuantifier(Token t) {
        if (t.is("all") || t.is("any")) {
            return true;
        }
        String s = t.text();
        if (s.isEmpty() || s.length() > 6) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isReserved(Token t) {
        return t.is("and") || t.is("or") || t.is("not") || t.is("of") || t.is("them") || t.is("(") || t.is(")");
    }

    private boolean peekIs(String keyword) {
        return next < tokens.size() && tokens.get(next).is(keyword);
    }

    private Token take(String expected) throws SigmaException {
        if (next >= tokens.size()) {
            String after = next == 0 ? "" : " after '" + shown(tokens.get(next - 1)) + "'";
            throw error("unexpected end of condition" + after + "; expected " + expected);
        }
        return tokens.get(next++);
    }

    private static String shown(Token t) {
        String s = t.text();
        return s.length() <= MAX_TOKEN_SHOWN ? s : s.substring(0, MAX_TOKEN_SHOWN - 3) + "...";
    }

    private SigmaException error(String reason) {
        return error(yaml, at, condition, reason);
    }

    private static SigmaException error(YamlSupport yaml, Node at, String condition, String reason) {
        String shown = condition.strip();
        if (shown.length() > 120) {
            shown = shown.substring(0, 117) + "...";
        }
        return yaml.error(at, "condition '" + shown + "': " + reason);
    }
}
