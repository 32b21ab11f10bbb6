/**
 * Sigma correlation rules (sigma-specification, correlation rules v2.0.0) over the findings of a scan.
 *
 * <p>Loading: correlation documents ({@code correlation:} and no {@code detection:}) load from the same files and
 * directories as rules, also as documents of a multi-document file, into
 * {@link dev.sidedoor.core.sigma.SigmaCorrelation}; {@link dev.sidedoor.core.correlation.Correlations#link} then
 * resolves their references across all sources and refuses unknown, ambiguous or looping ones with file:line.
 * Correlations never match records: they run on findings.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>References: by rule {@code id}, then by the Sigma {@code name} attribute, then by sidedoor's rule name
 *       (the file stem, as in findings and tuning). A finding belongs to a referenced rule by its rule id.</li>
 *   <li>Fields: {@code group-by} and the value_count {@code field} are read from findings. sidedoor's own fields
 *       ({@code sidedoor.actor}, {@code sidedoor.target}, {@code sidedoor.account}, {@code sidedoor.region},
 *       {@code sidedoor.context.<key>}...) come from the finding; any other field is copied from the record by
 *       the detector, only for the rules some correlation refers to, into context {@code group_by.<field>}.
 *       {@code aliases} name a different field per referenced rule. A finding without a value for a group-by
 *       field (or the value_count field) takes no part, as with a SIEM's "stats by". Values compare exactly.</li>
 *   <li>Time: findings are taken in event-time order (ties: the referenced rule's position, then finding id), so
 *       the result does not depend on the order findings arrive in. Windows are inclusive: findings exactly one
 *       timespan apart are within it. A condition with only a lower bound fires on the finding that reaches it;
 *       one with an upper bound decides each window when it is over (see {@code Evaluation}). After firing, a
 *       group starts afresh.</li>
 *   <li>Counts: event_count counts distinct events (two referenced rules matching one event count once);
 *       value_count distinct values; temporal the referenced rules present (default: all of them);
 *       temporal_ordered the longest run of the referenced rules, from the first, in the listed order.</li>
 *   <li>Chains: a correlation may refer to correlations; their findings are its input, and are returned too.</li>
 *   <li>{@code generate}: false (the default) asks that the referenced rules' findings not be shown on their
 *       own; {@link dev.sidedoor.core.correlation.Correlations#suppressBaseFindings} tells the caller, who
 *       decides. A rule stays shown if any correlation referring to it says {@code generate: true}.</li>
 *   <li>A correlated finding: id from the correlation id, the group and the contributing finding ids; severity
 *       the correlation's level; ATT&amp;CK tags from its tags; time and event of the completing finding; actor,
 *       target, account... when all contributing findings agree; context {@code correlation_type},
 *       {@code correlation_group}, {@code correlation_count}, {@code correlation_window},
 *       {@code correlation_findings} (at most 50 ids) and {@code correlation_first}.</li>
 *   <li>Not supported, and refused at load with a reason: the later metric types (value_sum, value_avg,
 *       value_percentile, value_median), boolean conditions over rule names, a list of value_count fields.</li>
 * </ul>
 */
package dev.sidedoor.core.correlation;
