package dev.sidedoor.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.sidedoor.core.match.Cidr;
import dev.sidedoor.core.match.Glob;
import dev.sidedoor.core.match.IpAddress;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.IntPredicate;

/** The simple value tests; each is immutable and safe to share between threads. */
final class ValueTests {

    private ValueTests() {
    }

    /** Sigma {@code null}: the field is missing or JSON null. */
    static final ValueTest NULL = new ValueTest() {
        @Override
        public boolean test(JsonNode value, SigmaDocument doc) {
            return value.isNull();
        }

        @Override
        public boolean matchesAbsent() {
            return true;
        }
    };

    static ValueTest any(List<ValueTest> tests) {
        if (tests.size() == 1) {
            return tests.get(0);
        }
        ValueTest[] all = tests.toArray(ValueTest[]::new);
        boolean readsOther = tests.stream().anyMatch(ValueTest::readsOtherFields);
        boolean absent = tests.stream().anyMatch(ValueTest::matchesAbsent);
        return new ValueTest() {
            @Override
            public boolean test(JsonNode value, SigmaDocument doc) {
                for (ValueTest t : all) {
                    if (t.test(value, doc)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public boolean matchesAbsent() {
                return absent;
            }

            @Override
            public boolean readsOtherFields() {
                return readsOther;
            }
        };
    }

    static ValueTest glob(Glob glob) {
        return (value, doc) -> {
            String text = JsonValues.text(value);
            return text != null && glob.matches(text);
        };
    }

    /**
     * A plain YAML number: equal to a JSON number of the same value (22 and 22.0 both match 22), or to a string
     * with the same text ("22").
     */
    static ValueTest numberEquals(String text, BigDecimal number) {
        return (value, doc) -> {
            if (value.isNumber()) {
                BigDecimal v = JsonValues.number(value);
                return v != null && v.compareTo(number) == 0;
            }
            String t = JsonValues.text(value);
            return t != null && t.equalsIgnoreCase(text);
        };
    }

    /**
     * Sigma v2.1's time modifiers: the value is a timestamp (ISO-8601 text, or epoch seconds or milliseconds as a
     * number), and its part in UTC is compared with {@code bound}. Anything that is not a timestamp never matches.
     */
    static ValueTest timePart(Modifiers.TimePart part, String op, int bound) {
        IntPredicate accept = switch (op) {
            case "eq" -> c -> c == 0;
            case "gt" -> c -> c > 0;
            case "gte" -> c -> c >= 0;
            case "lt" -> c -> c < 0;
            case "lte" -> c -> c <= 0;
            default -> throw new IllegalArgumentException(op);
        };
        return (value, doc) -> {
            long millis;
            if (value.isNumber() && value.canConvertToLong()) {
                long n = value.longValue();
                millis = Math.abs(n) < 100_000_000_000L ? n * 1000 : n;
            } else {
                String t = JsonValues.text(value);
                millis = t == null ? -1 : dev.sidedoor.core.event.EventTimes.epochMillis(t);
                if (millis < 0) {
                    return false;
                }
            }
            java.time.ZonedDateTime at;
            try {
                at = java.time.Instant.ofEpochMilli(millis).atZone(java.time.ZoneOffset.UTC);
            } catch (java.time.DateTimeException outOfRange) {
                return false;
            }
            int actual = switch (part) {
                case MINUTE -> at.getMinute();
                case HOUR -> at.getHour();
                case DAY -> at.getDayOfMonth();
                case WEEK -> at.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH -> at.getMonthValue();
                case YEAR -> at.getYear();
            };
            return accept.test(Integer.compare(actual, bound));
        };
    }

    /** {@code |gt} and friends; strings holding a plain decimal number count as numbers, anything else never matches. */
    static ValueTest compare(String op, BigDecimal bound) {
        IntPredicate accept = switch (op) {
            case "gt" -> c -> c > 0;
            case "gte" -> c -> c >= 0;
            case "lt" -> c -> c < 0;
            case "lte" -> c -> c <= 0;
            default -> throw new IllegalArgumentException(op);
        };
        return (value, doc) -> {
            BigDecimal v = JsonValues.number(value);
            return v != null && accept.test(v.compareTo(bound));
        };
    }

    /**
     * {@code |re}: RE2/J, unanchored (a match anywhere), linear in the value's length whatever the pattern. A value
     * longer than the rule's {@link RegexBudget} allows is matched on its first part; a match there that runs up to
     * the cut does not count if the pattern asserts what follows it ({@code $}, {@code \z}, {@code \b},
     * {@code \B}), since the cut would answer for text it has not seen.
     */
    static ValueTest regex(Pattern pattern, RegexBudget budget, boolean looksPastMatch) {
        return (value, doc) -> {
            String text = JsonValues.text(value);
            if (text == null) {
                return false;
            }
            int max = budget.maxChars();
            if (text.length() <= max) {
                return pattern.matcher(text).find();
            }
            int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
            Matcher m = pattern.matcher(text.substring(0, cut));
            return m.find() && !(looksPastMatch && m.end() == cut);
        };
    }

    static ValueTest cidr(Cidr cidr) {
        return (value, doc) -> {
            if (!value.isTextual()) {
                return false;
            }
            // Record values may carry an IPv6 zone id (fe80::1%eth0); it does not change which network holds them.
            return cidr.contains(IpAddress.parseIgnoringZone(value.textValue().strip()));
        };
    }
}
