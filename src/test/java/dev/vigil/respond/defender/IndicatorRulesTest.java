package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

class IndicatorRulesTest {

    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final String SHA1 = "220e7d15b011d7fac48f2bd61114db1022197f7f";

    @ParameterizedTest
    @CsvSource({
        "FileSha1, 220e7d15b011d7fac48f2bd61114db1022197f7f",
        "FileSha256, 0f0c2ec2fa4f1c4a1d7d3a6f07e0d3e34c1f2f0d58c5d1a8e4f1c0b3a2d9e8f7",
        "FileMd5, 9e107d9d372bb6826bd81d3542a419d6",
        "CertificateThumbprint, 8A5F3E0B7C2D4F6A1B3C5D7E9F0A2B4C6D8E0F1A",
        "IpAddress, 203.0.113.9",
        "IpAddress, 2001:db8::1",
        "IpAddress, ::ffff:192.0.2.1",
        "DomainName, evil.contoso.com",
        "Url, https://evil.contoso.com/payload.exe",
        "Url, evil.contoso.com/payload",
    })
    void acceptsEachTypesForm(String type, String value) {
        ObjectNode body = IndicatorRules.check(input(value, type, "Block"), "IR-77", NOW);

        assertThat(body.path("indicatorType").asString()).isEqualTo(type);
        assertThat(body.path("indicatorValue").asString()).isEqualTo(value);
        assertThat(body.path("description").asString()).isEqualTo("Reason: IR-77");
    }

    @ParameterizedTest
    @CsvSource({
        "FileSha1, 220e7d15b011d7fac48f2bd61114db1022197f7",
        "FileSha1, 9e107d9d372bb6826bd81d3542a419d6",
        "FileSha1, 220e7d15b011d7fac48f2bd61114db1022197f7g",
        "FileSha256, 220e7d15b011d7fac48f2bd61114db1022197f7f",
        "FileMd5, 220e7d15b011d7fac48f2bd61114db1022197f7f",
        "CertificateThumbprint, not-a-thumbprint",
        "IpAddress, 256.1.1.1",
        "IpAddress, 10.0.0.0/8",
        "IpAddress, evil.contoso.com",
        "IpAddress, 2001:db8::zz",
        "DomainName, https://evil.contoso.com",
        "DomainName, evil",
        "DomainName, evil..contoso.com",
        "Url, ftp://evil.contoso.com/x",
        "Url, http://",
    })
    void refusesAValueNotOfItsType(String type, String value) {
        assertThatThrownBy(() -> IndicatorRules.check(input(value, type, "Block"), "IR-77", NOW))
                .isInstanceOfSatisfying(
                        InvalidIndicator.class, e -> assertThat(e.field()).isEqualTo("indicatorValue"));
    }

    @Test
    void cidrIsRefusedSayingWhy() {
        assertThatThrownBy(() -> IndicatorRules.check(input("10.0.0.0/8", "IpAddress", "Block"), "r", NOW))
                .hasMessageContaining("CIDR");
    }

    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void everyActionIsAcceptedForEveryType(IndicatorType type) {
        String value = sample(type);
        for (IndicatorAction action : IndicatorAction.values()) {
            ObjectNode body = IndicatorRules.check(input(value, type.name(), action.name()), "r", NOW);
            assertThat(body.path("action").asString()).isEqualTo(action.name());
        }
    }

    @Test
    void unknownTypeActionAndSeverityNameTheirField() {
        assertField(input(SHA1, "FileSha512", "Block"), "indicatorType");
        assertField(input(SHA1, "filesha1", "Block"), "indicatorType");
        assertField(input(SHA1, "FileSha1", "Quarantine"), "action");
        assertField(with(input(SHA1, "FileSha1", "Block"), "Critical", null, null, null), "severity");
        for (IndicatorSeverity severity : IndicatorSeverity.values()) {
            assertThat(IndicatorRules.check(
                                    with(input(SHA1, "FileSha1", "Block"), severity.name(), null, null, null), "r", NOW)
                            .path("severity")
                            .asString())
                    .isEqualTo(severity.name());
        }
    }

    @Test
    void auditGeneratesAnAlertAndRefusesToBeSilent() {
        ObjectNode body = IndicatorRules.check(input(SHA1, "FileSha1", "Audit"), "r", NOW);
        assertThat(body.path("generateAlert").asBoolean()).isTrue();

        assertField(with(input(SHA1, "FileSha1", "Audit"), null, null, false, null), "generateAlert");
        assertThat(IndicatorRules.check(with(input(SHA1, "FileSha1", "Block"), null, null, false, null), "r", NOW)
                        .path("generateAlert")
                        .asBoolean(true))
                .isFalse();
    }

    @Test
    void educateUrlOnlyOnBlockOrWarnUrlIndicators() {
        String educate = "https://intranet.contoso.com/why-blocked";
        for (String action : List.of("Block", "Warn")) {
            assertThat(IndicatorRules.check(
                                    with(input("https://evil.contoso.com/x", "Url", action), null, null, null, educate),
                                    "r",
                                    NOW)
                            .path("educateUrl")
                            .asString())
                    .isEqualTo(educate);
        }
        assertField(with(input("https://evil.contoso.com/x", "Url", "Audit"), null, null, null, educate), "educateUrl");
        assertField(with(input("evil.contoso.com", "DomainName", "Block"), null, null, null, educate), "educateUrl");
        assertField(
                with(input("https://evil.contoso.com/x", "Url", "Block"), null, null, null, "not a url"), "educateUrl");
    }

    @Test
    void expiryMustBeAFutureInstant() {
        assertField(with(input(SHA1, "FileSha1", "Block"), null, "2026-11-26T02:59:59Z", null, null), "expirationTime");
        assertField(with(input(SHA1, "FileSha1", "Block"), null, "next week", null, null), "expirationTime");
        assertThat(IndicatorRules.check(
                                with(input(SHA1, "FileSha1", "Block"), null, "2027-01-01T00:00:00Z", null, null),
                                "r",
                                NOW)
                        .path("expirationTime")
                        .asString())
                .isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void requiredFieldsAndTheReason() {
        assertField(input(null, "FileSha1", "Block"), "indicatorValue");
        assertField(input(SHA1, null, "Block"), "indicatorType");
        assertField(input(SHA1, "FileSha1", null), "action");
        IndicatorInput noTitle = new IndicatorInput(
                SHA1, "FileSha1", "Block", null, " ", null, null, null, null, null, null, null, null);
        assertField(noTitle, "title");
        assertThatThrownBy(() -> IndicatorRules.reason("  "))
                .isInstanceOfSatisfying(
                        InvalidIndicator.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> IndicatorRules.reason(null)).isInstanceOf(InvalidIndicator.class);
        assertThat(IndicatorRules.reason(" IR-77 ")).isEqualTo("IR-77");
    }

    @Test
    void theDescriptionKeepsTheCallersTextAndAddsTheReason() {
        IndicatorInput described = new IndicatorInput(
                SHA1,
                "FileSha1",
                "Block",
                null,
                "Loader",
                "From IR-77",
                null,
                "Reimage",
                List.of("Finance"),
                null,
                null,
                null,
                null);

        ObjectNode body = IndicatorRules.check(described, "confirmed malicious", NOW);

        assertThat(body.path("description").asString()).isEqualTo("From IR-77\nReason: confirmed malicious");
        assertThat(body.path("recommendedActions").asString()).isEqualTo("Reimage");
        assertThat(body.path("rbacGroupNames").get(0).asString()).isEqualTo("Finance");
    }

    @Test
    void aBulkProblemCarriesItsIndex() {
        InvalidIndicator located = new InvalidIndicator("indicatorValue", "bad").at(7);

        assertThat(located.index()).isEqualTo(7);
        assertThat(located.getMessage()).isEqualTo("indicators[7].indicatorValue: bad");
    }

    @Test
    void theListFilterQuotesTheValueAsODataDoes() {
        assertThat(DefenderIndicators.filterFor(IndicatorType.Url, "http://x.test/o'brien"))
                .isEqualTo("indicatorType eq 'Url' and indicatorValue eq 'http://x.test/o''brien'");
        assertThat(DefenderIndicators.filterFor(null, null)).isNull();
    }

    private static void assertField(IndicatorInput input, String field) {
        assertThatThrownBy(() -> IndicatorRules.check(input, "r", NOW))
                .isInstanceOfSatisfying(
                        InvalidIndicator.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    static String sample(IndicatorType type) {
        return switch (type) {
            case FileSha1, CertificateThumbprint -> SHA1;
            case FileSha256 -> "0f0c2ec2fa4f1c4a1d7d3a6f07e0d3e34c1f2f0d58c5d1a8e4f1c0b3a2d9e8f7";
            case FileMd5 -> "9e107d9d372bb6826bd81d3542a419d6";
            case IpAddress -> "203.0.113.9";
            case DomainName -> "evil.contoso.com";
            case Url -> "https://evil.contoso.com/payload.exe";
        };
    }

    static IndicatorInput input(@Nullable String value, @Nullable String type, @Nullable String action) {
        return new IndicatorInput(value, type, action, null, "Loader", null, null, null, null, null, null, null, null);
    }

    private static IndicatorInput with(
            IndicatorInput i,
            @Nullable String severity,
            @Nullable String expiration,
            @Nullable Boolean generateAlert,
            @Nullable String educateUrl) {
        return new IndicatorInput(
                i.indicatorValue(),
                i.indicatorType(),
                i.action(),
                severity,
                i.title(),
                i.description(),
                expiration,
                i.recommendedActions(),
                i.rbacGroupNames(),
                generateAlert,
                educateUrl,
                i.application(),
                i.reason());
    }
}
