package dev.sidedoor.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For integration tests: one moto_server with SNS and SQS per test class. */
abstract class WithMoto {

    static MotoTopics aws;

    @BeforeAll
    static void startMoto() throws Exception {
        aws = MotoTopics.start();
    }

    @AfterAll
    static void stopMoto() {
        if (aws != null) {
            aws.close();
            aws = null;
        }
    }
}
