package dev.sidedoor.core.sigma;

import com.google.re2j.Pattern;
import dev.sidedoor.core.match.Glob;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The modifier chain of one detection key ({@code field|mod1|mod2}), validated as a whole so that nonsense
 * combinations are reported at load time rather than silently never matching.
 */
record Modifiers(
        Glob.Mode compare,
        boolean explicitCompare,
        Kind kind,
        boolean all,
        boolean cased,
        boolean windash,
        boolean expand,
        Encoding encoding,
        Base64 base64,
        int regexFlags,
        boolean neq,
        TimePart timePart) {

    /** What the value is: a Sigma string (default) or something the modifiers turned it into. */
    enum Kind { STRING, RE, CIDR, EXISTS, GT, GTE, LT, LTE, FIELDREF }

    /** Text encoding applied before base64. */
    enum Encoding { NONE, UTF16LE, UTF16BE, UTF16 }

    enum Base64 { NONE, PLAIN, OFFSET }

    /** Sigma v2.1's time modifiers: the part of a timestamp (UTC) compared with the value. */
    enum TimePart { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

    static final Modifiers NONE = new Modifiers(Glob.Mode.EQUALS, false, Kind.STRING, false, false, false, false,
            Encoding.NONE, Base64.NONE, 0, false, null);

    static Modifiers parse(List<String> names, YamlSupport yaml, Node at)
            throws SigmaException {
        Glob.Mode compare = Glob.Mode.EQUALS;
        boolean explicitCompare = false;
        Kind kind = Kind.STRING;
        boolean kindSet = false;
        boolean all = false;
        boolean cased = false;
        boolean windash = false;
        boolean expand = false;
        Encoding encoding = Encoding.NONE;
        Base64 base64 = Base64.NONE;
        int flags = 0;
        boolean neq = false;
        TimePart timePart = null;
        for (String raw : names) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "contains", "startswith", "endswith" -> {
                    if (explicitCompare) {
                        throw yaml.error(at, "modifier '" + name + "' conflicts with '" + modName(compare) + "'");
                    }
                    explicitCompare = true;
                    compare = switch (name) {
                        case "contains" -> Glob.Mode.CONTAINS;
                        case "startswith" -> Glob.Mode.STARTSWITH;
                        default -> Glob.Mode.ENDSWITH;
                    };
                }
                case "all" -> all = once(all, name, yaml, at);
                case "cased" -> cased = once(cased, name, yaml, at);
                case "windash" -> windash = once(windash, name, yaml, at);
                case "expand" -> expand = once(expand, name, yaml, at);
                case "neq" -> neq = once(neq, name, yaml, at);
                case "minute", "hour", "day", "week", "month", "year" -> {
                    if (timePart != null) {
                        throw yaml.error(at, "modifier '" + name + "' conflicts with '"
                                + timePart.name().toLowerCase(Locale.ROOT) + "'");
                    }
                    timePart = TimePart.valueOf(name.toUpperCase(Locale.ROOT));
                }
                case "re", "cidr", "exists", "gt", "gte", "lt", "lte", "fieldref" -> {
                    if (kindSet) {
                        throw yaml.error(at, "modifier '" + name + "' conflicts with '"
                                + kind.name().toLowerCase(Locale.ROOT) + "'");
                    }
                    kindSet = true;
                    kind = Kind.valueOf(name.toUpperCase(Locale.ROOT));
                }
                case "i", "ignorecase", "m", "multiline", "s", "dotall" -> {
                    if (kind != Kind.RE) {
                        throw yaml.error(at, "modifier '" + name + "' is a sub-modifier of 're' and must follow it");
                    }
                    flags |= switch (name.charAt(0)) {
                        case 'i' -> Pattern.CASE_INSENSITIVE;
                        case 'm' -> Pattern.MULTILINE;
                        default -> Pattern.DOTALL;
                    };
                }
                case "base64", "base64offset" -> {
                    if (base64 != Base64.NONE) {
                        throw yaml.error(at, "modifier '" + name + "' used twice or with another base64 modifier");
                    }
                    base64 = name.equals("base64") ? Base64.PLAIN : Base64.OFFSET;
                }
                case "wide", "utf16le", "utf16be", "utf16" -> {
                    if (encoding != Encoding.NONE) {
                        throw yaml.error(at, "only one text encoding modifier may be used");
                    }
                    if (base64 != Base64.NONE) {
                        throw yaml.error(at, "modifier '" + name + "' must come before base64/base64offset");
                    }
                    encoding = switch (name) {
                        case "utf16be" -> Encoding.UTF16BE;
                        case "utf16" -> Encoding.UTF16;
                        default -> Encoding.UTF16LE;
                    };
                }
                default -> throw yaml.error(at, "unknown modifier '" + raw + "'");
            }
        }
        Modifiers m = new Modifiers(compare, explicitCompare, kind, all, cased, windash, expand, encoding, base64,
                flags, neq, timePart);
        m.validate(yaml, at);
        return m;
    }

    private void validate(YamlSupport yaml, Node at) throws SigmaException {
        String kindName = kind.name().toLowerCase(Locale.ROOT);
        if (explicitCompare && kind != Kind.STRING && kind != Kind.FIELDREF && kind != Kind.RE) {
            throw yaml.error(at, "modifier '" + modName(compare) + "' cannot be combined with '" + kindName + "'");
        }
        if (kind != Kind.STRING && (base64 != Base64.NONE || windash || expand)) {
            throw yaml.error(at, "'" + kindName + "' cannot be combined with base64, windash or expand");
        }
        if (encoding != Encoding.NONE && base64 == Base64.NONE) {
            throw yaml.error(at, "text encoding modifiers (wide, utf16*) only work followed by base64 or base64offset");
        }
        if (windash && base64 != Base64.NONE) {
            throw yaml.error(at, "windash cannot be combined with base64");
        }
        if (base64 == Base64.OFFSET && (compare == Glob.Mode.STARTSWITH || compare == Glob.Mode.ENDSWITH)) {
            throw yaml.error(at, "base64offset finds a value inside an encoded string; use it with contains");
        }
        if (cased && (kind == Kind.CIDR || kind == Kind.EXISTS || isNumeric())) {
            throw yaml.error(at, "'cased' has no meaning with '" + kindName + "'");
        }
        if (all && kind == Kind.EXISTS) {
            throw yaml.error(at, "'all' cannot be combined with 'exists'");
        }
        if (neq && kind == Kind.EXISTS) {
            throw yaml.error(at, "'neq' cannot be combined with 'exists'; use exists: false");
        }
        if (timePart != null) {
            String part = timePart.name().toLowerCase(Locale.ROOT);
            if (kind != Kind.STRING && !isNumeric() || explicitCompare || cased || windash || expand
                    || base64 != Base64.NONE) {
                throw yaml.error(at, "time modifier '" + part + "' compares a number; it combines only with "
                        + "gt, gte, lt, lte, neq and all");
            }
        }
    }

    boolean isNumeric() {
        return kind == Kind.GT || kind == Kind.GTE || kind == Kind.LT || kind == Kind.LTE;
    }

    /** True when nothing but {@code all} was given: only then is a YAML {@code null} value meaningful. */
    boolean isPlain() {
        return !explicitCompare && kind == Kind.STRING && !cased && !windash && !expand
                && base64 == Base64.NONE && timePart == null;
    }

    private static boolean once(boolean already, String name, YamlSupport yaml, Node at)
            throws SigmaException {
        if (already) {
            throw yaml.error(at, "modifier '" + name + "' used twice");
        }
        return true;
    }

    private static String modName(Glob.Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
