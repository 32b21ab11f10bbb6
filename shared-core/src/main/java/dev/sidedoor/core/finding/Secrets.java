package dev.sidedoor.core.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of command text before it leaves the engine. A Run Command or SendCommand script is what a
 * responder most wants to read, and it is where people paste passwords, access keys, session tokens, SAS tokens and
 * connection strings: a finding goes to SNS, Event Grid, chat channels and tickets, none of which should hold them.
 * Each secret becomes {@code [redacted sha256:0123456789]}, the start of the SHA-256 of the secret itself, so a
 * responder holding a candidate value can still tell whether it was the one used.
 *
 * <p>The patterns are the product's own, applied to text already capped in length; each is linear (no nested
 * quantifiers), so hostile text cannot make them slow.
 */
public final class Secrets {

    /** Context keys that carry command or script text. */
    public static final Set<String> COMMAND_KEYS = Set.of("commands", "script", "command_line", "parent_command_line");

    private static final String VALUE = "(\"[^\"]*\"|'[^']*'|[^\\s;&\"'|,]+)";
    /**
     * A value that is really one: not a sub-expression, a variable expansion, another option, a cmdlet
     * (Verb-Noun), a path, or a number or port mapping ({@code mkdir -p /opt}, {@code ssh -p 2222},
     * {@code docker run -p 8080:80}).
     */
    private static final String REAL = "(?!\\(|\\$\\(|-|[A-Z][a-z]+-[A-Z][A-Za-z]+\\b|[/~.]|\\d+(?::\\d+)*(?:/\\w+)?"
            + "(?=[\\s;&|]|$))";

    /** Long base64 blobs (secret keys, session tokens, encoded scripts): counted only when they look random. */
    private static final Pattern BASE64 =
            Pattern.compile("()(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{40,}+={0,2}(?![A-Za-z0-9+/=_-])");

    /** Each pattern's group 1 (when present) is kept as written; the rest of the match is the secret. */
    private static final List<Pattern> PATTERNS = List.of(
            // PEM private keys, whole.
            Pattern.compile("()-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\\s\\S]{0,8000}?-----END [A-Z ]{0,40}PRIVATE KEY-----"),
            // ConvertTo-SecureString 'text' -AsPlainText (either order): before the name=value rule, which would
            // otherwise take the cmdlet for the value of $password.
            Pattern.compile("(?i)(ConvertTo-SecureString\\s{1,10}(?:-String\\s{1,10})?(?:-AsPlainText\\s{1,10})?"
                    + "(?:-Force\\s{1,10})?)" + REAL + VALUE),
            // Credentials in URLs: scheme://user:password@host
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]{0,20}://[^\\s:/@]{1,200}:)[^\\s@/]{1,200}(?=@)"),
            // Bearer and Basic authorization values.
            Pattern.compile("(?i)(\\bbearer\\s{1,10})[A-Za-z0-9._~+/-]{8,}=*"),
            Pattern.compile("(?i)(\\bbasic\\s{1,10})[A-Za-z0-9+/]{8,}={0,2}"),
            // name=value / name: value where the name says secret (env vars, connection strings, SAS query strings).
            Pattern.compile("(?i)(\\b[A-Za-z0-9_.$-]{0,40}(?:password|passwd|pwd|passphrase|secret|token|apikey|api_key"
                    + "|api-key|accountkey|account_key|sharedaccesskey|sharedaccesssignature|access_key|accesskey"
                    + "|private_key|credential|credentials|sig|signature|auth)\\s{0,5}[=:]\\s{0,5})" + REAL + VALUE),
            // Command-line options that take a password or key (PowerShell, az, mysql, sqlcmd, net use...).
            Pattern.compile("(?i)((?:^|[\\s(])(?:-p|-pw|-pwd|--pass|--password|-password|--passwd|--secret"
                    + "|--client-secret|--token|--api-key|--account-key|--sas-token|--connection-string"
                    + "|-accountkey|-sastoken|-secret|-token|-plaintextpassword|-newpassword|-accountpassword"
                    + "|/pass|/rp|-k)(?:\\s{1,10}|=|:))" + REAL + VALUE),
            // mysql -pSECRET: the password is glued to the option.
            Pattern.compile("(?i)(\\bmysql\\S{0,10}\\s[^\\n;&|]{0,200}?\\s-p)(?=[^\\s])" + VALUE),
            // curl -u user:password
            Pattern.compile("(?i)((?:^|\\s)(?:-u|--user)\\s{1,10}[^\\s:]{1,100}:)" + VALUE),
            // net use \\server\share /user:NAME PASSWORD, net user NAME PASSWORD: the password is positional.
            Pattern.compile("(?i)(\\bnet(?:\\.exe)?\\s{1,10}use\\b[^\\n;&|]{0,300}?/u(?:ser)?:\\S{1,200}\\s{1,10})"
                    + "(?!/)" + VALUE),
            Pattern.compile("(?i)(\\bnet(?:\\.exe)?\\s{1,10}user\\s{1,10}\\S{1,200}\\s{1,10})(?![/*])" + VALUE),
            // AWS access key ids.
            Pattern.compile("()\\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\\b"),
            // JSON Web Tokens (bounded parts: hostile text of near-misses stays linear).
            Pattern.compile("()\\beyJ[A-Za-z0-9_-]{5,4096}+\\.[A-Za-z0-9_-]{5,4096}+\\.[A-Za-z0-9_-]{0,4096}+"),
            // GitHub, Slack and similar prefixed tokens.
            Pattern.compile("()\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,})"),
            BASE64,
            Pattern.compile("()\\b[0-9a-fA-F]{40,}+\\b"));

    private Secrets() {
    }

    /** The text with every secret replaced by its hash marker, and how many were replaced. */
    public record Redacted(String text, int count) {
    }

    public static Redacted redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Redacted(text, 0);
        }
        String out = text;
        int count = 0;
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(out);
            StringBuilder b = null;
            int last = 0;
            while (m.find()) {
                String kept = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : "";
                String secret = out.substring(m.start() + kept.length(), m.end());
                if (secret.isEmpty() || secret.replace("\"", "").replace("'", "").startsWith("[redacted")
                        || p == BASE64 && !looksRandom(secret)) {
                    continue;
                }
                if (b == null) {
                    b = new StringBuilder(out.length());
                }
                b.append(out, last, m.start()).append(kept).append(marker(secret));
                last = m.end();
                count++;
            }
            if (b != null) {
                b.append(out, last, out.length());
                out = b.toString();
            }
        }
        return new Redacted(out, count);
    }

    /** Base64 of a key or token mixes digits and both cases; a long path or word run does not. */
    private static boolean looksRandom(String s) {
        boolean digit = false;
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            digit |= Character.isDigit(c);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
        }
        return digit && upper && lower;
    }

    /** The replacement for one secret; quotes around it are kept so the command still reads as written. */
    static String marker(String secret) {
        String inner = secret;
        String quote = "";
        if (inner.length() >= 2 && (inner.startsWith("\"") && inner.endsWith("\"")
                || inner.startsWith("'") && inner.endsWith("'"))) {
            quote = inner.substring(0, 1);
            inner = inner.substring(1, inner.length() - 1);
        }
        return quote + "[redacted sha256:" + sha256(inner).substring(0, 10) + "]" + quote;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
