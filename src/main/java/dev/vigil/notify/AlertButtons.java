package dev.vigil.notify;

import dev.vigil.alert.Alert;
import java.util.List;

/**
 * Buttons a module contributes to an alert's Slack message, after the analyst's own. Implemented outside
 * notify (the Defender response toolkit), so notify offers actions without depending on what carries them out.
 */
public interface AlertButtons {

    /** The buttons for this alert; empty when it offers none. Called for every message, so no remote calls. */
    List<AlertButton> forAlert(Alert alert);
}
