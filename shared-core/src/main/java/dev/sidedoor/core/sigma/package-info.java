/**
 * sidedoor's Sigma engine: parses Sigma 2.x rules from YAML and evaluates them natively on records.
 *
 * <p>Entry points: {@link dev.sidedoor.core.sigma.SigmaParser} (text or file), {@link
 * dev.sidedoor.core.sigma.RuleLoader} (directories, or resources listed in an index), {@link
 * dev.sidedoor.core.sigma.SigmaRule#matches}. Rules compile once into an immutable matcher tree shared by all threads.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Strings compare case-insensitively with {@code *} / {@code ?} wildcards; {@code \*}, {@code \?}, {@code \\}
 *       escape, any other backslash is literal. YAML numbers equal JSON numbers of the same value or strings with
 *       the same text; booleans compare as {@code true}/{@code false} (YAML 1.1, as PyYAML/pySigma read them, so
 *       an unquoted {@code yes} is the boolean true). {@code null} matches a missing field or JSON null;
 *       {@code ''} only the empty string. Arrays match if any element does (nested arrays are flattened);
 *       objects never equal a plain value.</li>
 *   <li>Keyword selections (plain value lists, or keys with an empty field name such as {@code '|contains'})
 *       search every scalar value of the record, not field names; a bare keyword means "contains".</li>
 *   <li>Modifiers: contains, startswith, endswith, all, cased, exists, re (with i, m, s; RE2/J syntax, so no
 *       backreferences or lookaround; case-sensitive; unanchored: a match anywhere in the value), cidr (IPv4 and
 *       IPv6 literals, never DNS; IPv4-mapped IPv6 addresses count as IPv4; see
 *       {@link dev.sidedoor.core.match.Cidr}), gt, gte, lt, lte, fieldref (with contains / startswith / endswith /
 *       cased), base64, base64offset, wide / utf16le / utf16be / utf16, windash, expand.</li>
 *   <li>Encoded values ({@code base64}, {@code base64offset}) compare case-sensitively: base64 text with its case
 *       changed stands for different bytes. {@code base64offset} always searches ("contains").</li>
 *   <li>{@code exists: true} is false for JSON null, consistent with {@code null} meaning "no value".</li>
 *   <li>{@code expand} values load but never match: their placeholders need a placeholder map the engine does not
 *       have, and matching the literal {@code %name%} would be wrong. Under {@code not} they therefore count as
 *       "not matched".</li>
 *   <li>Conditions: {@code or} &lt; {@code and} &lt; {@code not} &lt; {@code x of} &lt; parentheses; keywords
 *       case-insensitive; {@code them} excludes identifiers starting with {@code _}; {@code N of} means at least
 *       N; a list of conditions means any of them. Aggregations ({@code | count() ...}), filter documents and
 *       Sigma 1.x {@code action:} collections are reported as unsupported. Correlation documents load as
 *       {@link dev.sidedoor.core.sigma.SigmaCorrelation} (see {@code dev.sidedoor.core.correlation}).</li>
 * </ul>
 *
 * <h2>Hostile input</h2>
 * Record values are attacker-controlled. Wildcard matching places pattern pieces leftmost without backtracking,
 * {@code re} uses RE2/J, field-to-field {@code contains} uses KMP, and IP and number parsing reject oversized
 * text first: every match is linear in the value's length. Keyword search stops 200 levels deep and array
 * flattening 32 levels deep. Rule YAML is read as a node tree: no YAML tag is ever instantiated, aliases and
 * nesting are capped.
 */
package dev.sidedoor.core.sigma;
