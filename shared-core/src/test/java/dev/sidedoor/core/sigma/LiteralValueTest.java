package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** LiteralValue's written-out equals and hashCode keep a record's contract: equal exactly when both parts are. */
class LiteralValueTest {

    @Test
    void equalExactlyWhenKindAndTextAre() {
        LiteralValue a = new LiteralValue(LiteralValue.Kind.EQUALS, "StartSession");
        assertEquals(a, new LiteralValue(LiteralValue.Kind.EQUALS, "StartSession"));
        assertEquals(a.hashCode(), new LiteralValue(LiteralValue.Kind.EQUALS, "StartSession").hashCode());
        assertNotEquals(a, new LiteralValue(LiteralValue.Kind.PREFIX, "StartSession"));
        assertNotEquals(a, new LiteralValue(LiteralValue.Kind.EQUALS, "startsession"));
        assertNotEquals(a, null);
        assertNotEquals(a, "StartSession");
        assertEquals(new LiteralValue(LiteralValue.Kind.SUFFIX, null), new LiteralValue(LiteralValue.Kind.SUFFIX, null));
        assertNotEquals(new LiteralValue(LiteralValue.Kind.SUFFIX, null), new LiteralValue(LiteralValue.Kind.SUFFIX, ""));
        assertEquals(2, Set.of(a, new LiteralValue(LiteralValue.Kind.SUFFIX, "StartSession")).size());
    }
}
