package dev.vigil.alert;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The durable record of every accepted alert. */
public interface AlertStore {

    /**
     * Stores the alerts and puts each on its intake queue, all in one transaction: when this returns, every
     * alert is committed and will be triaged; when it throws, none is.
     */
    void append(List<Alert> alerts);

    /**
     * Stores alerts a source may send again, in one transaction. An alert already stored under the same source,
     * tenant and native id takes this version's content (title, description, severities, category, entities,
     * raw, time) when it is newer than the stored one, and keeps where it stands in Vigil: status, queue,
     * triage, assignee; it is not queued again. Any other alert is appended and queued as by {@link #append}.
     * Two callers storing the same new alert at once store it once.
     */
    StoredRevisions appendOrRevise(List<AlertRevision> revisions);

    Optional<StoredAlert> find(AlertId id);

    AlertPage search(AlertQuery query);

    /**
     * Moves the alert to {@code status}. The first move to ACKNOWLEDGED records when it happened; a later one
     * keeps that time. Who did it is the caller's to audit. @throws AlertNotFound
     */
    StoredAlert changeStatus(AlertId id, AlertStatus status);

    /** Sets who works the alert (a Vigil user name), or nobody for {@code null}. @throws AlertNotFound */
    StoredAlert assign(AlertId id, @Nullable String assignee);
}
