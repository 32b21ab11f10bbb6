package dev.sidedoor.cli;

import dev.sidedoor.core.read.LogReader;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Compiles the built-in rules on a second core while the command line is being parsed: together they are most
 * of sidedoor's start-up, and a scan of one small file should not wait for them one after the other.
 */
final class Preload {

    private static volatile CompletableFuture<List<SigmaRule>> builtIn;

    private Preload() {
    }

    static void start() {
        if (builtIn == null) {
            builtIn = CompletableFuture.supplyAsync(() -> {
                new LogReader();
                return BuiltInRules.load();
            });
        }
    }

    static List<SigmaRule> builtInRules() {
        start();
        try {
            return builtIn.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
