package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The permission matrix itself: which role holds what, written out in full so that a change to {@link
 * Permission} is a deliberate change here too, and how scopes narrow a key.
 */
class PermissionMatrixTest {

    /** The least role of each permission, as docs/api.md documents it. */
    private static final Map<Permission, Role> MATRIX = new LinkedHashMap<>();

    static {
        for (Permission p : EnumSet.of(
                Permission.ALERTS_INGEST,
                Permission.ALERTS_READ,
                Permission.ALERTS_TRIAGE,
                Permission.INCIDENTS_READ,
                Permission.QUEUES_READ,
                Permission.STATUS_READ,
                Permission.METRICS_READ,
                Permission.REPORTS_READ,
                Permission.DEFENDER_READ,
                Permission.DEFENDER_HUNT)) {
            MATRIX.put(p, Role.ANALYST);
        }
        for (Permission p : EnumSet.of(
                Permission.REPORTS_SEND,
                Permission.NOTIFICATIONS_READ,
                Permission.NOTIFICATIONS_REPLAY,
                Permission.DEFENDER_RESPOND,
                Permission.PII_DETOKENISE)) {
            MATRIX.put(p, Role.ENGINEER);
        }
        for (Permission p : EnumSet.of(
                Permission.DEFENDER_ADMIN, Permission.AUDIT_READ, Permission.KEYS_MANAGE, Permission.USERS_MANAGE)) {
            MATRIX.put(p, Role.ADMIN);
        }
    }

    @Test
    void everyPermissionIsInTheDocumentedMatrix() {
        assertThat(MATRIX.keySet()).containsExactlyInAnyOrder(Permission.values());
        MATRIX.forEach((permission, least) ->
                assertThat(permission.minimum()).as(permission.id()).isEqualTo(least));
    }

    @Test
    void aRoleHoldsExactlyThePermissionsAtOrBelowIt() {
        for (Permission permission : Permission.values()) {
            for (Role role : Role.values()) {
                boolean expected = role.ordinal() >= MATRIX.get(permission).ordinal();
                assertThat(permission.grantedTo(role))
                        .as(permission.id() + " for " + role.id())
                        .isEqualTo(expected);
                assertThat(Grants.permissions(role, Set.of()).contains(permission))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void onlyAdminsManageKeysUsersAndReadTheAudit() {
        assertThat(Grants.permissions(Role.ENGINEER, Set.of()))
                .doesNotContain(Permission.KEYS_MANAGE, Permission.USERS_MANAGE, Permission.AUDIT_READ);
        assertThat(Grants.permissions(Role.ADMIN, Set.of())).containsExactlyInAnyOrder(Permission.values());
        assertThat(Grants.permissions(Role.ANALYST, Set.of()))
                .doesNotContain(Permission.DEFENDER_RESPOND, Permission.PII_DETOKENISE);
    }

    @Test
    void anIngestScopeLeavesOnlyIngestWhateverTheRole() {
        for (Role role : Role.values()) {
            assertThat(Grants.permissions(role, Set.of(KeyScope.INGEST))).containsExactly(Permission.ALERTS_INGEST);
        }
    }

    @Test
    void aReadScopeLeavesTheRolesReadPermissionsOnly() {
        assertThat(Grants.permissions(Role.ANALYST, Set.of(KeyScope.READ)))
                .containsExactlyInAnyOrder(
                        Permission.ALERTS_READ,
                        Permission.INCIDENTS_READ,
                        Permission.QUEUES_READ,
                        Permission.STATUS_READ,
                        Permission.METRICS_READ,
                        Permission.REPORTS_READ,
                        Permission.DEFENDER_READ);
        assertThat(Grants.permissions(Role.ADMIN, Set.of(KeyScope.READ)))
                .contains(Permission.AUDIT_READ, Permission.NOTIFICATIONS_READ)
                .doesNotContain(Permission.ALERTS_INGEST, Permission.ALERTS_TRIAGE, Permission.KEYS_MANAGE);
        assertThat(Grants.permissions(Role.ANALYST, Set.of(KeyScope.READ, KeyScope.INGEST)))
                .contains(Permission.ALERTS_INGEST, Permission.ALERTS_READ)
                .doesNotContain(Permission.ALERTS_TRIAGE);
    }

    @Test
    void authoritiesNameTheRoleEachPermissionAndEachScope() {
        assertThat(Grants.authorities(Role.ENGINEER, Set.of(KeyScope.INGEST)))
                .containsExactlyInAnyOrder("ROLE_ENGINEER", "PERM_alerts:ingest", "SCOPE_ingest");
        assertThat(Grants.authorities(Role.ANALYST, Set.of()))
                .contains("ROLE_ANALYST", "PERM_alerts:read", "PERM_status:read", "PERM_metrics:read")
                .doesNotContain("PERM_keys:manage")
                .noneMatch(a -> a.startsWith("SCOPE_"));
    }

    @Test
    void permissionIdsAreUniqueAndReadable() {
        Set<String> ids = Arrays.stream(Permission.values()).map(Permission::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(Permission.values().length);
        assertThat(ids).allMatch(id -> id.matches("[a-z]+:[a-z-]+"));
        assertThat(Permission.PII_DETOKENISE.authority()).isEqualTo("PERM_pii:detokenise");
    }

    @Test
    void aKeyPrincipalIsNamedByItsIdAndHoldsItsScopedPermissions() {
        var id = java.util.UUID.randomUUID();
        var principal = new ApiKeyPrincipal(id, "sensor", Role.ANALYST, null, null, Set.of(KeyScope.INGEST), null);
        assertThat(principal.actor()).isEqualTo("key:" + id);
        assertThat(principal.permissions()).containsExactly(Permission.ALERTS_INGEST);
        assertThat(principal.expiredAt(java.time.Instant.now())).isFalse();
    }
}
