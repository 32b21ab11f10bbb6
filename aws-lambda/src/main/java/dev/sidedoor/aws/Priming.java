package dev.sidedoor.aws;

import dev.sidedoor.core.finding.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Warms what the first real invocation would otherwise pay for, before a SnapStart snapshot is taken: the JSON
 * reader, normalisation, every rule's matcher, finding assembly and both message renderings. It publishes
 * nothing (no network during the checkpoint) and keeps no state.
 */
final class Priming {

    static final String EVENT = "dev/sidedoor/aws/priming-event.json";
    static final int ROUNDS = 200;

    private final EventProcessor processor;
    private final FindingMessages messages;
    private final ChatNotification chat;

    private final Runnable statePath;

    Priming(EventProcessor processor, FindingMessages messages, ChatNotification chat) {
        this(processor, messages, chat, () -> { });
    }

    /** @param statePath loads the state table's request path without sending anything */
    Priming(EventProcessor processor, FindingMessages messages, ChatNotification chat, Runnable statePath) {
        this.processor = processor;
        this.messages = messages;
        this.chat = chat;
        this.statePath = statePath;
    }

    /** Runs the whole detection path on a bundled sample event; returns the findings of the last round. */
    int run() {
        return run(ROUNDS);
    }

    /** {@code rounds} rounds; one is enough to load the code, many are needed for the JIT. */
    int run(int rounds) {
        statePath.run();
        return detect(rounds);
    }

    /** The detection and rendering rounds alone, without the state path's request code. */
    int detect(int rounds) {
        byte[] event = sample();
        int findings = 0;
        for (int i = 0; i < rounds; i++) {
            EventProcessor.Outcome o = processor.process(event);
            findings = o.toPublish().size();
            for (Finding f : o.toPublish()) {
                messages.finding("arn:aws:sns:us-east-1:000000000000:priming", f);
                chat.render(f);
            }
        }
        return findings;
    }

    private static byte[] sample() {
        try (InputStream in = Priming.class.getClassLoader().getResourceAsStream(EVENT)) {
            if (in == null) {
                throw new IllegalStateException(EVENT + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
