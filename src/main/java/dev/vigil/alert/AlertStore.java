package dev.vigil.alert;

import java.util.List;
import java.util.Optional;

/** The durable record of every accepted alert. */
public interface AlertStore {

    /**
     * Stores the alerts and puts each on its intake queue, all in one transaction: when this returns, every
     * alert is committed and will be triaged; when it throws, none is.
     */
    void append(List<Alert> alerts);

    Optional<StoredAlert> find(AlertId id);

    AlertPage search(AlertQuery query);
}
