package dev.vigil.respond.defender;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A device as Defender for Endpoint knows it (external-apis §2.2), in Defender's own field names. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Machine(
        String id,
        @Nullable String computerDnsName,
        @Nullable Instant firstSeen,
        @Nullable Instant lastSeen,
        @Nullable String osPlatform,
        @Nullable String version,
        @Nullable Long osBuild,
        @Nullable String lastIpAddress,
        @Nullable String lastExternalIpAddress,
        @Nullable String healthStatus,
        @Nullable String onboardingStatus,
        @Nullable Long rbacGroupId,
        @Nullable String rbacGroupName,
        @Nullable String riskScore,
        @Nullable String exposureLevel,
        @Nullable String deviceValue,
        @JsonProperty("isAadJoined") @Nullable Boolean aadJoined,
        @Nullable String aadDeviceId,
        @Nullable List<String> machineTags,
        @Nullable List<IpAddress> ipAddresses) {

    /** One network interface of the device. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IpAddress(
            @Nullable String ipAddress,
            @Nullable String macAddress,
            @Nullable String operationalStatus) {}
}
