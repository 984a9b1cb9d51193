package dev.vigil.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DuplicateReplyTest {

    @Test
    void countsDuplicatesInTheWindow() {
        assertThat(DuplicateReply.of(12, Duration.ofMinutes(10)).text()).isEqualTo("seen 12 more times in 10 min");
        assertThat(DuplicateReply.of(1, Duration.ofSeconds(45)).text()).isEqualTo("seen 1 more time in 45 s");
        assertThat(DuplicateReply.of(3, Duration.ofHours(2)).text()).isEqualTo("seen 3 more times in 2 h");
    }

    @Test
    void isAValidBlockKitMessage() {
        var reply = DuplicateReply.of(5, Duration.ofMinutes(10));

        assertThat(BlockKitRules.violations(AlertMessageTest.JSON.valueToTree(reply.blocks())))
                .isEmpty();
    }

    @Test
    void needsAtLeastOneDuplicate() {
        assertThatThrownBy(() -> DuplicateReply.of(0, Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
