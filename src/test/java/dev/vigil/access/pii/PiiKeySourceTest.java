package dev.vigil.access.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiKeySourceTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesAKeyFileReadableByItsOwnerOnlyAndKeepsIt() throws Exception {
        byte[] first = PiiKeySource.masterKey(null, dataDir);
        Path file = dataDir.resolve(PiiKeySource.FILE_NAME);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PiiKeySource.masterKey(" ", dataDir)).isEqualTo(first);
    }

    @Test
    void theEnvironmentKeyWinsOverTheFile() {
        byte[] configured = PiiKeysTest.key(9);
        assertThat(PiiKeySource.masterKey(Base64.getEncoder().encodeToString(configured), dataDir))
                .isEqualTo(configured);
        assertThat(dataDir.resolve(PiiKeySource.FILE_NAME)).doesNotExist();
    }

    @Test
    void refusesAKeyOfTheWrongLengthOrEncodingWithoutShowingIt() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> PiiKeySource.masterKey(short16, dataDir))
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(short16);
        assertThatThrownBy(() -> PiiKeySource.masterKey("not base64 !!", dataDir))
                .hasMessageContaining("not base64")
                .hasMessageNotContaining("!!");
    }
}
