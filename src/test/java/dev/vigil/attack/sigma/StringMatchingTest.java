package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.process;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain values, contains / startswith / endswith / all, lists, lists of maps, maps, cased and null. */
class StringMatchingTest {

    @TempDir
    Path dir;

    @Test
    void aPlainValueIsCaseInsensitiveEqualityOfTheWholeValue() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image: 'C:\\Windows\\System32\\whoami.exe'
                condition: selection
                """);
        assertThat(fires(rules, process("Image", "C:\\Windows\\System32\\whoami.exe")))
                .isTrue();
        assertThat(fires(rules, process("Image", "c:\\WINDOWS\\system32\\WhoAmI.EXE")))
                .isTrue();
        assertThat(fires(rules, process("Image", "C:\\Windows\\System32\\whoami.exe "))) // trailing blank
                .isFalse();
        assertThat(fires(rules, process("Image", "D:\\C:\\Windows\\System32\\whoami.exe")))
                .isFalse();
        assertThat(fires(rules, process("CommandLine", "C:\\Windows\\System32\\whoami.exe")))
                .as("another field with the value")
                .isFalse();
    }

    @Test
    void containsStartswithAndEndswithPlaceTheValue() {
        SigmaRules rules = processRule(dir, """
                c:
                    CommandLine|contains: 'DownloadString'
                s:
                    CommandLine|startswith: 'powershell'
                e:
                    CommandLine|endswith: '.ps1'
                condition: c and s and e
                """);
        assertThat(fires(rules, process("CommandLine", "PowerShell -c (New-Object x).downloadstring('u') a.PS1")))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", "cmd /c powershell (x).DownloadString('u') a.ps1")))
                .as("not at the start")
                .isFalse();
        assertThat(fires(rules, process("CommandLine", "powershell (x).DownloadString('u') a.ps1 -x")))
                .as("not at the end")
                .isFalse();
        assertThat(fires(rules, process("CommandLine", "powershell (x).Download String('u') a.ps1")))
                .as("not contained")
                .isFalse();
    }

    @Test
    void aListOfValuesMatchesAnyOfThem() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|endswith:
                        - '\\certutil.exe'
                        - '\\bitsadmin.exe'
                condition: selection
                """);
        assertThat(fires(rules, process("Image", "C:\\Windows\\certutil.exe"))).isTrue();
        assertThat(fires(rules, process("Image", "C:\\Windows\\BITSADMIN.EXE"))).isTrue();
        assertThat(fires(rules, process("Image", "C:\\Windows\\curl.exe"))).isFalse();
    }

    @Test
    void allRequiresEveryValueOfTheList() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|contains|all:
                        - ' -urlcache '
                        - ' -f '
                        - 'http'
                condition: selection
                """);
        assertThat(fires(rules, process("CommandLine", "certutil -urlcache -split -f http://x/a.exe")))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", "certutil -urlcache -split http://x/a.exe")))
                .as("' -f ' missing")
                .isFalse();
        assertThat(fires(rules, process("CommandLine", "certutil -urlcache -f C:\\a.exe")))
                .as("'http' missing")
                .isFalse();
    }

    @Test
    void allWithoutContainsNeedsTheValueToEqualEveryPattern() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|all:
                        - '*\\cmd.exe'
                        - 'C:*'
                condition: selection
                """);
        assertThat(fires(rules, process("Image", "C:\\Windows\\cmd.exe"))).isTrue();
        assertThat(fires(rules, process("Image", "D:\\Windows\\cmd.exe"))).isFalse();
    }

    @Test
    void aMapIsAnAndOfItsFields() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|endswith: '\\rundll32.exe'
                    CommandLine|contains: 'javascript:'
                condition: selection
                """);
        assertThat(fires(rules, process("Image", "C:\\W\\rundll32.exe", "CommandLine", "rundll32 javascript:x")))
                .isTrue();
        assertThat(fires(rules, process("Image", "C:\\W\\rundll32.exe", "CommandLine", "rundll32 a.dll,Entry")))
                .isFalse();
        assertThat(fires(rules, process("Image", "C:\\W\\regsvr32.exe", "CommandLine", "x javascript:x")))
                .isFalse();
        assertThat(fires(rules, process("Image", "C:\\W\\rundll32.exe")))
                .as("a field the event lacks never matches a value")
                .isFalse();
    }

    @Test
    void aListOfMapsIsAnOrOfTheMaps() {
        SigmaRules rules = processRule(dir, """
                selection:
                    - Image|endswith: '\\mshta.exe'
                      CommandLine|contains: 'http'
                    - Image|endswith: '\\wscript.exe'
                      CommandLine|contains: '.js'
                condition: selection
                """);
        assertThat(fires(rules, process("Image", "C:\\mshta.exe", "CommandLine", "mshta http://x")))
                .isTrue();
        assertThat(fires(rules, process("Image", "C:\\wscript.exe", "CommandLine", "wscript a.js")))
                .isTrue();
        assertThat(fires(rules, process("Image", "C:\\mshta.exe", "CommandLine", "mshta a.js")))
                .as("fields from two different maps do not combine")
                .isFalse();
    }

    @Test
    void casedMakesTheComparisonCaseSensitive() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|contains|cased: 'FromBase64String'
                condition: selection
                """);
        assertThat(fires(rules, process("CommandLine", "[Convert]::FromBase64String('x')")))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", "[Convert]::frombase64string('x')")))
                .isFalse();
    }

    @Test
    void casedPlainValueIsExactCaseSensitiveEquality() {
        SigmaRules rules = processRule(dir, """
                selection:
                    User|cased: 'SYSTEM'
                condition: selection
                """);
        assertThat(fires(rules, process("User", "SYSTEM"))).isTrue();
        assertThat(fires(rules, process("User", "System"))).isFalse();
    }

    @Test
    void nullMatchesAnAbsentOrEmptyFieldOnly() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|endswith: '\\svchost.exe'
                    ParentImage: null
                condition: selection
                """);
        assertThat(fires(rules, process("Image", "C:\\svchost.exe"))).isTrue();
        assertThat(fires(rules, process("Image", "C:\\svchost.exe", "ParentImage", "")))
                .isTrue();
        assertThat(fires(rules, process("Image", "C:\\svchost.exe", "ParentImage", "C:\\services.exe")))
                .isFalse();
    }

    @Test
    void nullInAListIsOneMoreAlternative() {
        SigmaRules rules = processRule(dir, """
                selection:
                    OriginalFileName:
                        - null
                        - 'cmd.exe'
                condition: selection
                """);
        assertThat(fires(rules, process("Image", "x"))).isTrue();
        assertThat(fires(rules, process("OriginalFileName", "Cmd.Exe"))).isTrue();
        assertThat(fires(rules, process("OriginalFileName", "net.exe"))).isFalse();
    }

    @Test
    void aNumberInTheRuleMatchesTheSameNumberInTheEvent() {
        SigmaRules rules = processRule(dir, """
                selection:
                    TerminalSessionId: 0
                    ProcessId: 4712
                condition: selection
                """);
        assertThat(fires(rules, process("TerminalSessionId", "0", "ProcessId", "4712")))
                .isTrue();
        assertThat(fires(rules, process("TerminalSessionId", "1", "ProcessId", "4712")))
                .isFalse();
    }
}
