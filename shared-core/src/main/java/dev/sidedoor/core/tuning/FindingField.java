package dev.sidedoor.core.tuning;

import dev.sidedoor.core.finding.Finding;
import java.util.List;
import java.util.function.Function;

/** A field of a {@link Finding} that a suppression's {@code match} block can test. */
final class FindingField {

    static final String CONTEXT_PREFIX = "context.";

    /** The names accepted in {@code match}, for error messages and docs ({@code context.<key>} besides). */
    static final List<String> NAMES = List.of("rule.id", "rule.name", "rule.title", "severity", "provider", "actor",
            "target", "source_ip", "account", "region", "user_agent", "event.action", "event.service",
            "event.outcome");

    private final String name;
    private final Function<Finding, String> getter;

    private FindingField(String name, Function<Finding, String> getter) {
        this.name = name;
        this.getter = getter;
    }

    /** The field for a {@code match} key, or null when the name is unknown. */
    static FindingField of(String name) {
        if (name.startsWith(CONTEXT_PREFIX) && name.length() > CONTEXT_PREFIX.length()) {
            String key = name.substring(CONTEXT_PREFIX.length());
            return new FindingField(name, f -> f.context().get(key));
        }
        Function<Finding, String> g = switch (name) {
            case "rule.id" -> f -> f.rule() == null ? null : f.rule().id();
            case "rule.name" -> f -> f.rule() == null ? null : f.rule().name();
            case "rule.title" -> f -> f.rule() == null ? null : f.rule().title();
            case "severity" -> f -> f.severity() == null ? null : f.severity().label();
            case "provider" -> Finding::provider;
            case "actor" -> Finding::actor;
            case "target" -> Finding::target;
            case "source_ip" -> Finding::sourceIp;
            case "account" -> Finding::account;
            case "region" -> Finding::region;
            case "user_agent" -> Finding::userAgent;
            case "event.action" -> f -> f.event() == null ? null : f.event().action();
            case "event.service" -> f -> f.event() == null ? null : f.event().service();
            case "event.outcome" -> f -> f.event() == null ? null : f.event().outcome();
            default -> null;
        };
        return g == null ? null : new FindingField(name, g);
    }

    String name() {
        return name;
    }

    boolean isAddress() {
        return name.equals("source_ip");
    }

    boolean isSeverity() {
        return name.equals("severity");
    }

    String get(Finding f) {
        return getter.apply(f);
    }
}
