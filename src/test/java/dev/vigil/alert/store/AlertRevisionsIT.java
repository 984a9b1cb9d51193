package dev.vigil.alert.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertRevision;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.StoredRevisions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Alerts a source sends again are revised in place on PostgreSQL: newer versions only, once each. */
@SpringBootTest(properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
class AlertRevisionsIT {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00.1234567Z");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_arev_");
    }

    @Autowired
    AlertStore store;

    @Autowired
    JdbcTemplate jdbc;

    private static Alert alert(@Nullable String nativeId, String title) {
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.GRAPH,
                nativeId,
                Instant.now(),
                T,
                title,
                null,
                "high",
                Severity.HIGH,
                null,
                Entities.NONE,
                "tenant-a",
                "{}");
    }

    private List<String> titles(String nativeId) {
        return jdbc.queryForList("select title from alert where native_id = ?", String.class, nativeId);
    }

    @Test
    void anOlderOrTheSameVersionNeverOverwritesTheStoredOne() {
        String id = UUID.randomUUID().toString();
        store.appendOrRevise(List.of(new AlertRevision(alert(id, "v2"), T.plusSeconds(2))));

        StoredRevisions older = store.appendOrRevise(List.of(new AlertRevision(alert(id, "v1"), T.plusSeconds(1))));
        StoredRevisions same =
                store.appendOrRevise(List.of(new AlertRevision(alert(id, "v2 again"), T.plusSeconds(2))));

        assertThat(older.unchanged()).isEqualTo(1);
        assertThat(same.unchanged()).isEqualTo(1);
        assertThat(titles(id)).containsExactly("v2");
    }

    @Test
    void theSameIdInAnotherTenantIsAnotherAlert() {
        String id = UUID.randomUUID().toString();
        Alert a = alert(id, "in tenant a");
        Alert b = new Alert(
                AlertId.newId(),
                a.kind(),
                a.source(),
                id,
                a.receivedAt(),
                a.occurredAt(),
                "in tenant b",
                null,
                null,
                Severity.LOW,
                null,
                Entities.NONE,
                "tenant-b",
                "{}");

        StoredRevisions stored = store.appendOrRevise(List.of(new AlertRevision(a, T), new AlertRevision(b, T)));

        assertThat(stored.added()).hasSize(2);
        assertThat(titles(id)).containsExactlyInAnyOrder("in tenant a", "in tenant b");
    }

    @Test
    void anAlertWithoutANativeIdIsAlwaysNew() {
        StoredRevisions stored = store.appendOrRevise(
                List.of(new AlertRevision(alert(null, "x"), T), new AlertRevision(alert(null, "x"), T)));

        assertThat(stored.added()).hasSize(2);
    }

    @Test
    void twoStoresOfTheSameNewAlertAtOnceStoreItOnce() throws Exception {
        for (int run = 0; run < 10; run++) {
            String id = UUID.randomUUID().toString();
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<StoredRevisions> one = CompletableFuture.supplyAsync(() -> storeAfter(start, id, "one"));
            CompletableFuture<StoredRevisions> two = CompletableFuture.supplyAsync(() -> storeAfter(start, id, "two"));

            int added = one.get().added().size() + two.get().added().size();

            assertThat(added).isEqualTo(1);
            assertThat(titles(id)).hasSize(1);
            assertThat(jdbc.queryForObject(
                            "select count(*) from work_item w join alert a on a.id = w.alert_id where a.native_id = ?",
                            Integer.class,
                            id))
                    .isEqualTo(1);
        }
    }

    private StoredRevisions storeAfter(CyclicBarrier start, String id, String title) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return store.appendOrRevise(List.of(new AlertRevision(alert(id, title), T)));
    }
}
