package dev.sidedoor.core.correlation;

import dev.sidedoor.core.sigma.SigmaCorrelation;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves every correlation's references against all loaded rules and correlations, whatever file they came
 * from, and refuses what cannot work: an unknown or ambiguous reference, an id several rules share (findings are
 * matched to a correlation by rule id), an alias naming a rule the correlation does not list, a chain that loops.
 * A correlation that refers to a refused one is refused too, so nothing runs half-linked.
 */
final class Linker {

    /** Chains are a few correlations deep; the cap bounds the recursion that walks them. */
    static final int MAX_CHAIN = 32;

    /** Something a reference can name: a detection rule or a correlation. */
    private record Target(String id, String stem, String sigmaName, SigmaRule rule, SigmaCorrelation correlation) {
        String where() {
            return rule != null ? rule.source() + ":" + rule.line() : correlation.source() + ":" + correlation.line();
        }
    }

    /**
     * @param nodes     the linked correlations, each after every correlation it refers to
     * @param capture   detection rule -> fields its findings must carry for the correlations (sorted)
     * @param suppressed ids of rules referred to only by correlations with {@code generate: false}
     */
    record Result(List<Node> nodes, Map<SigmaRule, List<String>> capture, Set<String> suppressed,
            List<SigmaException> errors) {
    }

    private final Map<String, List<Target>> byId = new HashMap<>();
    private final Map<String, List<Target>> bySigmaName = new HashMap<>();
    private final Map<String, List<Target>> byStem = new HashMap<>();
    private final Map<SigmaCorrelation, Target> targetOf = new IdentityHashMap<>();
    private final List<SigmaException> errors = new ArrayList<>();

    private Linker(List<SigmaRule> rules, List<SigmaCorrelation> correlations) {
        for (SigmaRule r : rules) {
            Object name = r.extra().get("name");
            add(new Target(r.id(), r.name(), name instanceof String s ? s : null, r, null));
        }
        for (SigmaCorrelation c : correlations) {
            Target t = new Target(c.id(), c.name(), c.sigmaName(), null, c);
            targetOf.put(c, t);
            add(t);
        }
    }

    private void add(Target t) {
        byId.computeIfAbsent(t.id(), k -> new ArrayList<>(1)).add(t);
        if (t.sigmaName() != null) {
            bySigmaName.computeIfAbsent(t.sigmaName(), k -> new ArrayList<>(1)).add(t);
        }
        byStem.computeIfAbsent(t.stem(), k -> new ArrayList<>(1)).add(t);
    }

    static Result link(List<SigmaRule> rules, List<SigmaCorrelation> correlations) {
        return new Linker(rules, correlations).run(correlations);
    }

    /** A correlation whose references resolved, before chains are checked. */
    private record Resolved(SigmaCorrelation rule, List<Target> targets, List<Node.Input> inputs) {
    }

    private Result run(List<SigmaCorrelation> correlations) {
        Map<SigmaCorrelation, Resolved> resolved = new LinkedHashMap<>();
        for (SigmaCorrelation c : correlations) {
            Resolved r = resolve(c);
            if (r != null) {
                resolved.put(c, r);
            }
        }
        rejectLoops(resolved);
        rejectBrokenChains(resolved, correlations);
        List<SigmaCorrelation> order = topological(resolved);
        Map<SigmaCorrelation, Set<String>> needs = new IdentityHashMap<>();
        Map<SigmaRule, Set<String>> capture = new IdentityHashMap<>();
        Map<String, Boolean> generated = new HashMap<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            // Consumers first: a correlation's needs are complete before its own inputs are given theirs.
            Resolved r = resolved.get(order.get(i));
            Set<String> own = needs.getOrDefault(r.rule(), Set.of());
            for (int k = 0; k < r.targets().size(); k++) {
                Target t = r.targets().get(k);
                Set<String> fields = new TreeSet<>(r.inputs().get(k).fieldFor().values());
                if (r.rule().field() != null) {
                    fields.add(r.rule().field());
                }
                for (String f : own) {
                    if (!r.rule().groupBy().contains(f)) {
                        fields.add(f);
                    }
                }
                if (t.correlation() != null) {
                    needs.computeIfAbsent(t.correlation(), x -> new TreeSet<>()).addAll(fields);
                } else {
                    for (String f : fields) {
                        if (!FindingFields.isOwn(f)) {
                            capture.computeIfAbsent(t.rule(), x -> new TreeSet<>()).add(f);
                        }
                    }
                }
                generated.merge(t.id(), r.rule().generate(), Boolean::logicalOr);
            }
        }
        List<Node> nodes = new ArrayList<>(order.size());
        for (SigmaCorrelation c : order) {
            Resolved r = resolved.get(c);
            nodes.add(new Node(c, r.inputs(), needs.getOrDefault(c, Set.of())));
        }
        Map<SigmaRule, List<String>> captureLists = new IdentityHashMap<>();
        capture.forEach((rule, fields) -> captureLists.put(rule, List.copyOf(fields)));
        Set<String> suppressed = new HashSet<>();
        generated.forEach((id, any) -> {
            if (!any) {
                suppressed.add(id);
            }
        });
        return new Result(nodes, captureLists, suppressed, errors);
    }

    /** The correlation's inputs, or null (with the errors recorded) when a reference does not resolve. */
    private Resolved resolve(SigmaCorrelation c) {
        int before = errors.size();
        List<Target> targets = new ArrayList<>();
        for (SigmaCorrelation.Reference ref : c.rules()) {
            Target t = target(c, ref);
            if (t == null) {
                continue;
            }
            if (t.correlation() == c) {
                errors.add(error(c, ref.line(), "correlation '" + ref.text() + "' refers to itself"));
            } else if (targets.contains(t)) {
                errors.add(error(c, ref.line(), "'" + ref.text() + "' names a rule already listed"));
            } else {
                targets.add(t);
            }
        }
        List<Map<String, String>> fieldFor = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String g : c.groupBy()) {
                m.put(g, g);
            }
            fieldFor.add(m);
        }
        for (SigmaCorrelation.Alias alias : c.aliases()) {
            for (Map.Entry<SigmaCorrelation.Reference, String> e : alias.fields().entrySet()) {
                Target t = target(c, e.getKey());
                if (t == null) {
                    continue;
                }
                int k = targets.indexOf(t);
                if (k < 0) {
                    errors.add(error(c, e.getKey().line(), "alias '" + alias.name() + "' names rule '"
                            + e.getKey().text() + "', which this correlation does not list in rules"));
                } else if (c.groupBy().contains(alias.name())) {
                    // An alias not used in group-by changes nothing; a rule it does not map keeps the alias name.
                    fieldFor.get(k).put(alias.name(), e.getValue());
                }
            }
        }
        if (errors.size() > before) {
            return null;
        }
        List<Node.Input> inputs = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            inputs.add(new Node.Input(t.id(), t.correlation() != null, fieldFor.get(i)));
        }
        return new Resolved(c, targets, inputs);
    }

    /**
     * By id first, then by the Sigma {@code name} attribute (the specification's two ways), then by sidedoor's own
     * rule name, the file stem, which is how sidedoor names rules everywhere else (findings, tuning).
     */
    private Target target(SigmaCorrelation c, SigmaCorrelation.Reference ref) {
        for (Map<String, List<Target>> tier : List.of(byId, bySigmaName, byStem)) {
            List<Target> found = tier.get(ref.text());
            if (found == null) {
                continue;
            }
            if (found.size() > 1) {
                errors.add(error(c, ref.line(), "'" + ref.text() + "' is ambiguous: " + places(found)));
                return null;
            }
            Target t = found.get(0);
            List<Target> sameId = byId.get(t.id());
            if (sameId.size() > 1) {
                errors.add(error(c, ref.line(), "'" + ref.text() + "' names a rule whose id " + t.id()
                        + " other rules share (" + places(sameId) + "); correlations match findings by rule id"));
                return null;
            }
            return t;
        }
        errors.add(error(c, ref.line(), "no rule or correlation has the id or name '" + ref.text() + "'"));
        return null;
    }

    private static String places(List<Target> targets) {
        List<String> out = new ArrayList<>();
        for (Target t : targets.subList(0, Math.min(targets.size(), 5))) {
            out.add(t.where());
        }
        return String.join(", ", out) + (targets.size() > 5 ? " and " + (targets.size() - 5) + " more" : "");
    }

    /** Chains that come back to where they started can never be evaluated: each such correlation is refused. */
    private void rejectLoops(Map<SigmaCorrelation, Resolved> resolved) {
        Set<SigmaCorrelation> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Set<SigmaCorrelation> inLoop = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (SigmaCorrelation start : resolved.keySet()) {
            walk(start, new ArrayList<>(), resolved, done, inLoop);
        }
        for (SigmaCorrelation c : inLoop) {
            resolved.remove(c);
        }
    }

    private void walk(SigmaCorrelation c, List<SigmaCorrelation> path, Map<SigmaCorrelation, Resolved> resolved,
            Set<SigmaCorrelation> done, Set<SigmaCorrelation> inLoop) {
        int at = indexOfIdentity(path, c);
        if (at >= 0) {
            List<SigmaCorrelation> loop = path.subList(at, path.size());
            List<String> names = new ArrayList<>();
            for (SigmaCorrelation x : loop) {
                names.add(shown(x));
            }
            names.add(shown(c));
            for (SigmaCorrelation x : loop) {
                if (inLoop.add(x)) {
                    errors.add(error(x, x.line(), "the correlation chain loops: " + String.join(" -> ", names)));
                }
            }
            return;
        }
        if (done.contains(c) || !resolved.containsKey(c)) {
            return;
        }
        if (path.size() >= MAX_CHAIN) {
            if (inLoop.add(c)) {
                errors.add(error(c, c.line(), "the correlation chain is more than " + MAX_CHAIN + " deep"));
            }
            return;
        }
        path.add(c);
        for (Target t : resolved.get(c).targets()) {
            if (t.correlation() != null) {
                walk(t.correlation(), path, resolved, done, inLoop);
            }
        }
        path.remove(path.size() - 1);
        done.add(c);
    }

    /** The name a person wrote, when there is one. */
    private static String shown(SigmaCorrelation c) {
        return c.sigmaName() != null ? c.sigmaName() : c.name();
    }

    private static int indexOfIdentity(List<SigmaCorrelation> path, SigmaCorrelation c) {
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** A correlation over one that was refused would silently never fire: refuse it as well, saying why. */
    private void rejectBrokenChains(Map<SigmaCorrelation, Resolved> resolved, List<SigmaCorrelation> all) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Resolved r : List.copyOf(resolved.values())) {
                for (int k = 0; k < r.targets().size(); k++) {
                    SigmaCorrelation inner = r.targets().get(k).correlation();
                    if (inner != null && !resolved.containsKey(inner)) {
                        errors.add(error(r.rule(), r.rule().rules().get(k).line(), "correlation '"
                                + r.rule().rules().get(k).text() + "' (" + targetOf.get(inner).where()
                                + ") has errors, so this correlation cannot run"));
                        resolved.remove(r.rule());
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    /** Every correlation after the correlations it refers to; otherwise in load order. */
    private static List<SigmaCorrelation> topological(Map<SigmaCorrelation, Resolved> resolved) {
        Set<SigmaCorrelation> placed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<SigmaCorrelation> order = new ArrayList<>();
        for (SigmaCorrelation c : resolved.keySet()) {
            place(c, resolved, placed, order);
        }
        return order;
    }

    private static void place(SigmaCorrelation c, Map<SigmaCorrelation, Resolved> resolved,
            Set<SigmaCorrelation> placed, List<SigmaCorrelation> order) {
        if (!placed.add(c)) {
            return;
        }
        for (Target t : resolved.get(c).targets()) {
            if (t.correlation() != null) {
                place(t.correlation(), resolved, placed, order);
            }
        }
        order.add(c);
    }

    private static SigmaException error(SigmaCorrelation c, int line, String reason) {
        return new SigmaException(c.source(), line, reason);
    }
}
