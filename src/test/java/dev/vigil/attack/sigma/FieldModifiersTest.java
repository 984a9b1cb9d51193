package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.load;
import static dev.vigil.attack.sigma.SigmaFixture.processRefusal;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static dev.vigil.attack.sigma.SigmaFixture.rule;
import static dev.vigil.attack.sigma.SigmaFixture.windows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cidr, exists, gt / gte / lt / lte and fieldref: modifiers that do not compare text. */
class FieldModifiersTest {

    @TempDir
    Path dir;

    private SigmaRules network(String detection) {
        SigmaRules rules = load(dir, rule("n", "product: windows\ncategory: network_connection\n", detection));
        assertThat(rules.problems()).isEmpty();
        return rules;
    }

    private static SigmaEvent connection(String... fieldsAndValues) {
        return windows(SigmaFixture.SYSMON, 3, fieldsAndValues);
    }

    private static boolean toIp(SigmaRules rules, String ip) {
        return fires(rules, connection("DestinationIp", ip));
    }

    @Test
    void cidrMatchesIpv4AddressesInsideAnyRange() {
        SigmaRules rules = network("""
                selection:
                    DestinationIp|cidr:
                        - '10.0.0.0/8'
                        - '192.168.0.0/16'
                condition: selection
                """);
        assertThat(toIp(rules, "10.0.0.0")).isTrue();
        assertThat(toIp(rules, "10.255.255.255")).isTrue();
        assertThat(toIp(rules, "192.168.10.1")).isTrue();
        assertThat(toIp(rules, "11.0.0.1")).isFalse();
        assertThat(toIp(rules, "192.169.0.1")).isFalse();
    }

    @Test
    void cidrMatchesIpv6Addresses() {
        SigmaRules rules = network("""
                selection:
                    DestinationIp|cidr:
                        - 'fe80::/10'
                        - '::1/128'
                condition: selection
                """);
        assertThat(toIp(rules, "fe80::1")).isTrue();
        assertThat(toIp(rules, "FEBF:0:0:0:0:0:0:abcd")).isTrue();
        assertThat(toIp(rules, "::1")).isTrue();
        assertThat(toIp(rules, "fec0::1")).isFalse();
        assertThat(toIp(rules, "::2")).isFalse();
        assertThat(toIp(rules, "10.0.0.1"))
                .as("an IPv4 address is not in an IPv6 range")
                .isFalse();
    }

    @Test
    void cidrNeverResolvesOrMatchesAHostName() {
        SigmaRules rules = network("""
                selection:
                    DestinationIp|cidr: '127.0.0.0/8'
                condition: selection
                """);
        assertThat(toIp(rules, "127.0.0.1")).isTrue();
        // each of these is 127.0.0.1 to a resolver or to inet_aton; none is an address literal
        assertThat(toIp(rules, "localhost")).isFalse();
        assertThat(toIp(rules, "127.1")).isFalse();
        assertThat(toIp(rules, "0x7f000001")).isFalse();
        assertThat(toIp(rules, "2130706433")).isFalse();
        assertThat(toIp(rules, "")).isFalse();
    }

    @Test
    @SuppressWarnings("removal") // the only hook Java 17 has on name look-ups
    void cidrAsksNoResolverAboutAnyValue() {
        SigmaRules rules = network("""
                selection:
                    DestinationIp|cidr: ['10.0.0.0/8', '::1/128']
                condition: selection
                """);
        List<String> lookedUp = new ArrayList<>();
        SecurityManager recorder = new SecurityManager() {
            @Override
            public void checkConnect(String host, int port) {
                if (port == -1) { // InetAddress asks this before it resolves a name
                    lookedUp.add(host);
                }
            }

            @Override
            public void checkPermission(java.security.Permission permission) {}
        };
        try {
            System.setSecurityManager(recorder);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("this JVM cannot install a security manager to watch look-ups");
        }
        try {
            for (String value : List.of("localhost", "example.com", ".::1", ".1:2", "ab:cd", "::1", "10.1.1.1")) {
                toIp(rules, value);
            }
        } finally {
            System.setSecurityManager(null);
        }
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void anInvalidRangeIsRefused() {
        assertThat(processRefusal(dir, "selection:\n    DestinationIp|cidr: '10.0.0.0/33'\ncondition: selection\n")
                        .reason())
                .contains("10.0.0.0/33");
    }

    @Test
    void existsTrueNeedsTheFieldEvenIfEmpty() {
        SigmaRules rules = processRule(dir, """
                selection:
                    OriginalFileName|exists: true
                condition: selection
                """);
        assertThat(fires(rules, SigmaFixture.process("OriginalFileName", "x.exe")))
                .isTrue();
        assertThat(fires(rules, SigmaFixture.process("OriginalFileName", ""))).isTrue();
        assertThat(fires(rules, SigmaFixture.process("Image", "x.exe"))).isFalse();
    }

    @Test
    void existsFalseNeedsTheFieldAbsent() {
        SigmaRules rules = processRule(dir, """
                selection:
                    OriginalFileName|exists: false
                condition: selection
                """);
        assertThat(fires(rules, SigmaFixture.process("Image", "x.exe"))).isTrue();
        assertThat(fires(rules, SigmaFixture.process("OriginalFileName", "x.exe")))
                .isFalse();
    }

    @Test
    void existsNeedsABoolean() {
        assertThat(processRefusal(dir, "selection:\n    Image|exists: 'yes'\ncondition: selection\n")
                        .reason())
                .contains("true or false");
    }

    @Test
    void comparisonsAreNumericNotTextual() {
        SigmaRules rules = network("""
                gt:
                    DestinationPort|gt: 20
                lte:
                    DestinationPort|lte: 1024
                condition: gt and lte
                """);
        assertThat(fires(rules, connection("DestinationPort", "100")))
                .as("'100' < '20' as text")
                .isTrue();
        assertThat(fires(rules, connection("DestinationPort", "1024"))).isTrue();
        assertThat(fires(rules, connection("DestinationPort", "20"))).isFalse();
        assertThat(fires(rules, connection("DestinationPort", "1025"))).isFalse();
    }

    @Test
    void gteAndLtIncludeAndExcludeTheBound() {
        SigmaRules rules = network("""
                gte:
                    DestinationPort|gte: 49152
                lt:
                    DestinationPort|lt: 65535.5
                condition: gte and lt
                """);
        assertThat(fires(rules, connection("DestinationPort", "49152"))).isTrue();
        assertThat(fires(rules, connection("DestinationPort", "65535"))).isTrue();
        assertThat(fires(rules, connection("DestinationPort", "49151.99"))).isFalse();
        assertThat(fires(rules, connection("DestinationPort", "65536"))).isFalse();
    }

    @Test
    void aValueThatIsNotANumberNeverCompares() {
        SigmaRules rules = network("""
                selection:
                    DestinationPort|lt: 100
                condition: selection
                """);
        assertThat(fires(rules, connection("DestinationPort", "80"))).isTrue();
        for (String notANumber : new String[] {"http", "", "0x10", "NaN", "-"}) {
            assertThat(fires(rules, connection("DestinationPort", notANumber)))
                    .as(notANumber)
                    .isFalse();
        }
        assertThat(fires(rules, connection("SourcePort", "1"))).as("absent").isFalse();
    }

    @Test
    void aComparisonWithANonNumberIsRefused() {
        assertThat(processRefusal(dir, "selection:\n    LogonId|gt: 'abc'\ncondition: selection\n")
                        .reason())
                .contains("needs a number");
    }

    @Test
    void fieldrefComparesWithAnotherFieldOfTheSameEvent() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|fieldref: ParentImage
                condition: selection
                """);
        assertThat(fires(rules, SigmaFixture.process("Image", "C:\\a.exe", "ParentImage", "C:\\a.exe")))
                .isTrue();
        assertThat(fires(rules, SigmaFixture.process("Image", "C:\\a.exe", "ParentImage", "C:\\b.exe")))
                .isFalse();
        assertThat(fires(rules, SigmaFixture.process("Image", "C:\\a.exe"))).isFalse();
        assertThat(fires(rules, SigmaFixture.process("Image", "C:\\a.exe", "ParentImage", "C:\\a")))
                .as("equality, not a prefix")
                .isFalse();
    }

    @Test
    void fieldrefTakesThePositionModifiers() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|fieldref|contains: Image
                condition: selection
                """);
        assertThat(fires(rules, SigmaFixture.process("Image", "C:\\a.exe", "CommandLine", "\"C:\\a.exe\" /x")))
                .isTrue();
        assertThat(fires(rules, SigmaFixture.process("Image", "C:\\a.exe", "CommandLine", "b.exe /x")))
                .isFalse();
    }
}
