package dev.sidedoor.core.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.sidedoor.core.match.Cidr;
import dev.sidedoor.core.match.Glob;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns one YAML value plus its key's modifiers into a {@link ValueTest}, checking the value fits the modifiers. */
final class ValueCompiler {

    private final YamlSupport yaml;
    private final RegexBudget regexes;

    ValueCompiler(YamlSupport yaml, RegexBudget regexes) {
        this.yaml = yaml;
        this.regexes = regexes;
    }

    ValueTest compile(YamlSupport.Scalar v, Modifiers m, boolean keyword) throws SigmaException {
        if (v.type() == YamlSupport.Scalar.Type.NULL) {
            if (keyword) {
                throw yaml.error(v.node(), "null is not a keyword; use field: null to match a missing field");
            }
            if (!m.isPlain()) {
                throw yaml.error(v.node(), "null cannot be combined with modifiers other than 'all'");
            }
            return ValueTests.NULL;
        }
        if (m.timePart() != null) {
            return timePart(v, m);
        }
        return switch (m.kind()) {
            case RE -> regex(v, m);
            case CIDR -> cidr(v);
            case GT, GTE, LT, LTE -> numeric(v, m);
            case FIELDREF -> fieldref(v, m, keyword);
            case EXISTS -> throw new IllegalStateException("exists is compiled as a field matcher");
            case STRING -> string(v, m, keyword);
        };
    }

    private ValueTest string(YamlSupport.Scalar v, Modifiers m, boolean keyword) throws SigmaException {
        // Keywords search inside values: a bare keyword means "contains", as in Sigma's full-text keyword search.
        Glob.Mode mode = keyword && !m.explicitCompare() ? Glob.Mode.CONTAINS : m.compare();
        if (m.expand()) {
            // The specification: a tool that cannot fill placeholders must reject the rule. Matching nothing would
            // silently switch off a "not 1 of filter_*" that holds the placeholder.
            throw yaml.error(v.node(), "'expand' needs values for the placeholder " + v.text() + " and sidedoor has"
                    + " none; the rule cannot be loaded (replace the placeholder with the values)");
        }
        if (m.base64() != Modifiers.Base64.NONE) {
            return base64(v, m, mode);
        }
        if (v.type() == YamlSupport.Scalar.Type.STRING) {
            return ValueTests.glob(Glob.compile(v.text(), mode, m.cased(), m.windash()));
        }
        if (v.type() == YamlSupport.Scalar.Type.NUMBER && mode == Glob.Mode.EQUALS) {
            return ValueTests.numberEquals(v.text(), v.number());
        }
        // Numbers with contains/startswith/endswith and booleans compare as their text, without wildcards.
        return ValueTests.glob(Glob.literal(v.text(), mode, m.cased()));
    }

    /** Base64 text is case-sensitive by nature: folding case would match different bytes, so no folding here. */
    private ValueTest base64(YamlSupport.Scalar v, Modifiers m, Glob.Mode mode) throws SigmaException {
        String text = v.text();
        if (v.type() == YamlSupport.Scalar.Type.STRING) {
            if (Glob.hasWildcards(text)) {
                throw yaml.error(v.node(), "base64 values cannot contain wildcards");
            }
            text = Glob.unescape(text);
        }
        if (text.isEmpty()) {
            throw yaml.error(v.node(), "an empty value cannot be base64-encoded");
        }
        byte[] bytes = Base64Values.bytes(text, m.encoding());
        if (m.base64() == Modifiers.Base64.PLAIN) {
            return ValueTests.glob(Glob.literal(Base64Values.plain(bytes), mode, true));
        }
        List<ValueTest> variants = new ArrayList<>(3);
        for (String fragment : Base64Values.offsets(bytes)) {
            variants.add(ValueTests.glob(Glob.literal(fragment, Glob.Mode.CONTAINS, true)));
        }
        return ValueTests.any(variants);
    }

    /** Sized from its text first: RE2/J would spell out a huge nested count in memory before any check. */
    private ValueTest regex(YamlSupport.Scalar v, Modifiers m) throws SigmaException {
        RegexCost.Estimate estimate;
        Pattern pattern;
        // re|startswith and re|endswith anchor the expression, as pySigma does; re|contains is re itself.
        String text = switch (m.compare()) {
            case STARTSWITH -> "\\A(?:" + v.text() + ")";
            case ENDSWITH -> "(?:" + v.text() + ")\\z";
            default -> v.text();
        };
        try {
            estimate = RegexCost.estimate(text);
            pattern = Pattern.compile(text, m.regexFlags());
        } catch (RegexCost.TooLarge e) {
            throw yaml.error(v.node(), e.getMessage());
        } catch (PatternSyntaxException e) {
            throw yaml.error(v.node(), "invalid regular expression: " + e.getDescription()
                    + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " in '" + e.getPattern() + "'"));
        } catch (StackOverflowError | OutOfMemoryError e) {
            // The estimate is meant to make this unreachable; if it is wrong, the rule still fails with its line.
            throw yaml.error(v.node(), "regex too large to compile");
        }
        if (!regexes.add(pattern.programSize())) {
            throw yaml.error(v.node(), String.format(Locale.ROOT,
                    "regex too large: with the rule's other regexes it expands to %,d states (limit %,d per rule)",
                    regexes.instructions() + pattern.programSize(), RegexCost.MAX_PROGRAM));
        }
        return ValueTests.regex(pattern, regexes, estimate.looksPastMatch());
    }

    /** {@code |hour: 12} and friends: the timestamp's part, in UTC, compared as a whole number. */
    private ValueTest timePart(YamlSupport.Scalar v, Modifiers m) throws SigmaException {
        String part = m.timePart().name().toLowerCase(Locale.ROOT);
        BigDecimal bound = v.type() == YamlSupport.Scalar.Type.NUMBER ? v.number()
                : v.type() == YamlSupport.Scalar.Type.STRING ? JsonValues.parseNumber(v.text()) : null;
        if (bound == null || bound.stripTrailingZeros().scale() > 0) {
            throw yaml.error(v.node(), "'" + part + "' needs a whole number, not '" + v.text() + "'");
        }
        String op = m.isNumeric() ? m.kind().name().toLowerCase(Locale.ROOT) : "eq";
        return ValueTests.timePart(m.timePart(), op, bound.intValue());
    }

    private ValueTest cidr(YamlSupport.Scalar v) throws SigmaException {
        if (v.type() != YamlSupport.Scalar.Type.STRING) {
            throw yaml.error(v.node(), "cidr needs a network such as 10.0.0.0/8, not " + v.text());
        }
        try {
            return ValueTests.cidr(Cidr.parse(v.text()));
        } catch (IllegalArgumentException e) {
            throw yaml.error(v.node(), e.getMessage());
        }
    }

    private ValueTest numeric(YamlSupport.Scalar v, Modifiers m) throws SigmaException {
        BigDecimal bound = v.type() == YamlSupport.Scalar.Type.NUMBER ? v.number()
                : v.type() == YamlSupport.Scalar.Type.STRING ? JsonValues.parseNumber(v.text()) : null;
        String op = m.kind().name().toLowerCase(Locale.ROOT);
        if (bound == null) {
            throw yaml.error(v.node(), "'" + op + "' needs a number, not '" + v.text() + "'");
        }
        return ValueTests.compare(op, bound);
    }

    private ValueTest fieldref(YamlSupport.Scalar v, Modifiers m, boolean keyword) throws SigmaException {
        if (keyword) {
            throw yaml.error(v.node(), "fieldref needs a field name on the left");
        }
        if (v.type() != YamlSupport.Scalar.Type.STRING || v.text().isEmpty()) {
            throw yaml.error(v.node(), "fieldref needs the name of another field");
        }
        return new FieldRefTest(v.text(), m.compare(), m.cased());
    }
}
