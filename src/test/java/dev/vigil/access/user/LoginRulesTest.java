package dev.vigil.access.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoginRulesTest {

    @Test
    void namesAreLowerCasedAndLimitedToASmallAlphabet() {
        assertThat(LoginRules.name(" Alice.Smith@corp ")).isEqualTo("alice.smith@corp");
        assertThat(LoginRules.name("a")).isEqualTo("a");
        assertThat(LoginRules.name("x".repeat(64))).hasSize(64);
        for (String bad : new String[] {"", "   ", "x".repeat(65), "bob smith", "bob/../x", "zoë", "a\u0000b", "<b>"}) {
            assertThatThrownBy(() -> LoginRules.name(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void passwordsNeedTwelveCharactersAndMayNotBeTheName() {
        LoginRules.password("alice", "correct horse battery");
        assertThatThrownBy(() -> LoginRules.password("alice", "short-pw-11")).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> LoginRules.password("alice.liddell", "Alice.Liddell"))
                .hasMessageContaining("login name");
        // bcrypt ignores what follows 72 bytes: such a password is refused rather than silently shortened.
        assertThatThrownBy(() -> LoginRules.password("alice", "é".repeat(37))).hasMessageContaining("72 bytes");
    }

    @Test
    void emailsAreOptionalButMustLookLikeOne() {
        assertThat(LoginRules.email(null)).isNull();
        assertThat(LoginRules.email("  ")).isNull();
        assertThat(LoginRules.email(" alice@example.org ")).isEqualTo("alice@example.org");
        assertThatThrownBy(() -> LoginRules.email("alice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginRules.email("a@b@c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginRules.email("a@" + "b".repeat(200))).isInstanceOf(IllegalArgumentException.class);
    }
}
