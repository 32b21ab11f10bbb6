package dev.sidedoor.azure;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** For integration tests: one {@link LocalAzure} per test class, reset before each test. */
abstract class WithLocalAzure {

    static LocalAzure azure;

    @BeforeAll
    static void startLocalAzure() throws Exception {
        azure = LocalAzure.start();
    }

    @AfterAll
    static void stopLocalAzure() {
        if (azure != null) {
            azure.close();
            azure = null;
        }
    }

    @BeforeEach
    void resetLocalAzure() {
        azure.grid.failNext(0);
        azure.grid.refuseContaining(null);
        azure.grid.clear();
        azure.clearDeadLetters();
    }
}
