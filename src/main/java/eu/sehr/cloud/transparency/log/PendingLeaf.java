package eu.sehr.cloud.transparency.log;

import java.util.List;

/**
 * A leaf the sequencer has taken but not yet appended: the event it stands for, its account, the other accounts it
 * names (a bulk export's {@code accountIds}: the leaf is linked to each) and its bytes.
 */
public record PendingLeaf(String eventId, long globalIndex, String account, List<String> linkedAccounts, byte[] leaf) {
}
