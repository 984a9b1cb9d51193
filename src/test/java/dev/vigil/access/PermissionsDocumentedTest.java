package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The permissions table in docs/api.md says what {@link Permission} says: no permission missing, no role wrong. */
class PermissionsDocumentedTest {

    private static final Pattern ROW =
            Pattern.compile("^\\| `([a-z]+:[a-z-]+)` \\| (analyst|engineer|admin) \\|", Pattern.MULTILINE);

    @Test
    void theApiDocumentsEveryPermissionWithItsLeastRole() throws IOException {
        String api = Files.readString(Path.of("docs/api.md"));
        String section = api.substring(api.indexOf("## Permissions"));
        Map<String, String> documented = new TreeMap<>();
        Matcher m = ROW.matcher(section.substring(0, section.indexOf("\n## ", 1)));
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        Map<String, String> actual = Arrays.stream(Permission.values())
                .collect(Collectors.toMap(Permission::id, p -> p.minimum().id(), (a, b) -> a, TreeMap::new));
        assertThat(documented).isEqualTo(actual);
    }
}
