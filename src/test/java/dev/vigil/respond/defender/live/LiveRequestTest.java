package dev.vigil.respond.defender.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.respond.defender.live.LiveCommand.Type;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiveRequestTest {

    private static LiveCommand script(String name) {
        return new LiveCommand(Type.RunScript, name, null);
    }

    private static LiveCommand get(String path) {
        return new LiveCommand(Type.GetFile, path, null);
    }

    private static LiveCommand put(String name) {
        return new LiveCommand(Type.PutFile, name, null);
    }

    @Test
    void acceptsPutsThenScriptsThenGetsWithRepeats() {
        LiveRequest request = new LiveRequest(
                "IR-77",
                List.of(
                        put("procdump64.exe"),
                        put("tool.exe"),
                        script("minidump.ps1"),
                        script("triage.ps1"),
                        get("C:\\Temp\\a.zip"),
                        get("D:\\b.log")));

        assertThat(request.commands()).hasSize(6);
    }

    @Test
    void refusesABadOrderNamingTheRuleInsteadOfReordering() {
        assertThatThrownBy(() -> new LiveRequest("x", List.of(get("C:\\a.zip"), script("minidump.ps1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ordered PutFile, then RunScript, then GetFile")
                .hasMessageContaining("command 1 (RunScript) comes after GetFile");
        assertThatThrownBy(() -> new LiveRequest("x", List.of(script("a.ps1"), put("tool.exe"))))
                .hasMessageContaining("command 1 (PutFile) comes after RunScript");
    }

    @Test
    void refusesNoCommandsAndMoreThanTen() {
        assertThatThrownBy(() -> new LiveRequest("x", List.of())).hasMessageContaining("1 to 10");
        assertThatThrownBy(() -> new LiveRequest("x", Collections.nCopies(11, script("a.ps1"))))
                .hasMessageContaining("1 to 10");
        assertThat(new LiveRequest("x", Collections.nCopies(10, script("a.ps1"))).commands())
                .hasSize(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesABlankComment(String comment) {
        assertThatThrownBy(() -> new LiveRequest(comment, List.of(script("a.ps1"))))
                .hasMessageContaining("'comment' is required");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "..",
                ".",
                "../minidump.ps1",
                "scripts\\minidump.ps1",
                "mini dump.ps1",
                "minidump.ps1;calc",
                "dump$.ps1"
            })
    void refusesLibraryNamesThatAreNotPlainNames(String name) {
        assertThatThrownBy(() -> script(name)).hasMessageContaining("library file name");
        assertThatThrownBy(() -> put(name)).hasMessageContaining("library file name");
    }

    @Test
    void acceptsLibraryNamesUpTo128Characters() {
        assertThat(script("a".repeat(128)).target()).hasSize(128);
        assertThatThrownBy(() -> script("a".repeat(129))).hasMessageContaining("library file name");
        assertThat(put("Proc_Dump-64.v2.exe").target()).isEqualTo("Proc_Dump-64.v2.exe");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Temp\\a.zip",
                "\\\\server\\share\\a.zip",
                "/etc/passwd",
                "C:\\Temp\\a\u0000.zip",
                "C:\\Temp\\a.zip\r\nGetFile C:\\b",
                "C:\\Temp\\a?.zip",
                "C:\\Temp\\<a>.zip",
                "C:\\Temp\\a|b.zip",
                "CC:\\a"
            })
    void refusesPathsThatAreNotAbsoluteWindowsPathsOrHoldControlCharacters(String path) {
        assertThatThrownBy(() -> get(path)).hasMessageContaining("absolute Windows path");
    }

    @Test
    void acceptsWindowsPathsWithSpacesAndUnicode() {
        assertThat(get("C:\\Program Files\\Café\\app.log").target()).isEqualTo("C:\\Program Files\\Café\\app.log");
        assertThat(get("c:\\windows\\TEMP\\OfficeClickToRun.dmp.zip").target()).startsWith("c:");
    }

    @Test
    void onlyScriptsTakeArgumentsAndWithoutControlCharacters() {
        assertThat(new LiveCommand(Type.RunScript, "minidump.ps1", "OfficeClickToRun").args())
                .isEqualTo("OfficeClickToRun");
        assertThat(new LiveCommand(Type.RunScript, "minidump.ps1", "  ").args()).isNull();
        assertThatThrownBy(() -> new LiveCommand(Type.GetFile, "C:\\a", "x")).hasMessageContaining("only RunScript");
        assertThatThrownBy(() -> new LiveCommand(Type.RunScript, "a.ps1", "a\nb"))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> new LiveCommand(Type.RunScript, "a.ps1", "a".repeat(1025)))
                .hasMessageContaining("at most 1024");
    }

    @Test
    void readsTheApiBodyFieldsOfEachType() {
        assertThat(LiveCommand.of("PutFile", "tool.exe", null, null, null)).isEqualTo(put("tool.exe"));
        assertThat(LiveCommand.of("RunScript", null, "a.ps1", "x", null))
                .isEqualTo(new LiveCommand(Type.RunScript, "a.ps1", "x"));
        assertThat(LiveCommand.of("GetFile", null, null, null, "C:\\a")).isEqualTo(get("C:\\a"));
        assertThatThrownBy(() -> LiveCommand.of("runscript", null, "a.ps1", null, null))
                .hasMessageContaining("one of PutFile, RunScript, GetFile");
        assertThatThrownBy(() -> LiveCommand.of(null, null, "a.ps1", null, null))
                .hasMessageContaining("one of PutFile, RunScript, GetFile");
        assertThatThrownBy(() -> LiveCommand.of("GetFile", null, "a.ps1", null, "C:\\a"))
                .hasMessageContaining("GetFile takes 'path' only");
        assertThatThrownBy(() -> LiveCommand.of("RunScript", null, null, null, null))
                .hasMessageContaining("RunScript needs 'script'");
    }

    @Test
    void namesKeptFilesSafelyForTheDownloadHeader() {
        assertThat(LiveSessions.fileName("C:\\Temp\\dump.zip", 1)).isEqualTo("dump.zip");
        assertThat(LiveSessions.fileName("C:\\Temp\\my file\";x.zip", 2)).isEqualTo("my_file__x.zip");
        assertThat(LiveSessions.fileName("C:\\Temp\\", 3)).isEqualTo("file-3");
        assertThat(LiveSessions.fileName("C:\\..", 4)).isEqualTo("file-4");
    }

    @Test
    void showsALinkWithoutItsSignature() {
        assertThat(ResultDownloads.shown(
                        java.net.URI.create("https://x.blob.core.windows.net/c/r.json?se=1&sig=secret#f")))
                .isEqualTo("https://x.blob.core.windows.net/c/r.json");
    }
}
