package eu.sehr.cloud.transparency.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sehr.cloud.transparency.verify.LogVerification.Problem;
import org.bson.Document;

/**
 * The citizen's audit view checked against the leaves: every leaf of a type the view shows has its line (keyed by
 * event id; a bulk export's, linked to each account it names, by event id and account), in the right section, at the event's position, naming the same record. Only leaves whose events the view
 * has taken are checked (its tokens have passed them, or it shows a later line of the account), and no account after
 * its deletion (the view of a deleted account is removed).
 */
public final class ViewLinesCheck {

    /** An export naming several accounts: one line in each one's view, keyed by the event id and the account. */
    private static final String BULK_EXPORT = "EventStoreExported";
    private static final Map<String, List<String>> SECTIONS = Map.of(
            "HealthRecordUploaded", List.of("hr_info.uploaded", "hco.uploaded"),
            "HealthRecordDownloaded", List.of("hr_info.downloaded", "hco.downloaded"),
            "EmergencyAccessGranted", List.of("hco.granted_access"),
            "AuditTrailExported", List.of("compliance"),
            BULK_EXPORT, List.of("compliance"),
            "BucketListed", List.of("hco.listed"),
            "BucketsListed", List.of("hco.listed"),
            "HealthRecordMetadataRead", List.of("hco.metadata_read"));
    /** Types the view shows only when an HCP caused them (a citizen's own listings and reads are not shown back). */
    private static final Set<String> HCP_ONLY = Set.of("BucketListed", "BucketsListed", "HealthRecordMetadataRead");
    private static final String DELETED = "CitizenAccountDeleted";

    private final Function<String, List<Document>> viewOf;
    private final LongPredicate projected;
    private final ObjectMapper mapper;

    /** {@code viewOf}: an account's view lines; {@code projected}: whether the view has taken the event at a position. */
    public ViewLinesCheck(Function<String, List<Document>> viewOf, LongPredicate projected, ObjectMapper mapper) {
        this.viewOf = viewOf;
        this.projected = projected;
        this.mapper = mapper;
    }

    /** The problems of the view lines of these accounts' leaves (their own and those linked to them). */
    List<Problem> problems(List<LeafAndEvent> pairs, List<String> accounts) {
        Map<String, List<Shown>> byAccount = new LinkedHashMap<>();
        List<String> deleted = new ArrayList<>();
        for (LeafAndEvent pair : pairs) {
            if (!pair.hasLeaf()) {
                continue;
            }
            JsonNode leaf = parse(pair.leaf());
            String type = leaf.path("type").asText();
            String account = leaf.path("account").asText(null);
            if (DELETED.equals(type)) {
                deleted.add(account);
            } else if (BULK_EXPORT.equals(type)) {
                for (JsonNode named : leaf.at("/payload/accountIds")) {
                    if (accounts.contains(named.asText())) {
                        byAccount.computeIfAbsent(named.asText(), a -> new ArrayList<>())
                                .add(new Shown(pair, type, null, pair.eventId() + "/" + named.asText(), true));
                    }
                }
            } else if (SECTIONS.containsKey(type) && account != null
                    && (!HCP_ONLY.contains(type) || "HCP".equals(leaf.at("/actor/kind").asText()))) {
                byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(new Shown(pair, type, leaf.at("/payload/object").asText(null), pair.eventId(), false));
            }
        }
        List<Problem> problems = new ArrayList<>();
        byAccount.forEach((account, shown) -> {
            if (!deleted.contains(account)) {
                Map<String, Document> lines = new HashMap<>();
                long last = -1;
                for (Document line : viewOf.apply(account)) {
                    lines.put(String.valueOf(line.get("_id")), line);
                    last = Math.max(last, line.get("position") instanceof Number position ? position.longValue() : -1);
                }
                long lastLine = last;
                // an account's own events are projected in order: a later line, or the processor's tokens, show it took
                // the leaf's; an export of several accounts may be projected in another segment, so only the tokens do
                shown.stream().filter(expected -> (!expected.linked() && lastLine > expected.pair().leafGlobalIndex())
                                || projected.test(expected.pair().leafGlobalIndex()))
                        .forEach(expected -> check(expected, lines.get(expected.lineId()), problems));
            }
        });
        return problems;
    }

    private static void check(Shown expected, Document line, List<Problem> problems) {
        long index = expected.pair().leafIndex();
        if (line == null) {
            problems.add(new Problem(index, "a leaf whose line is missing from the citizen's audit view"));
            return;
        }
        Object item = line.get("item");
        boolean sameRecord = expected.object() == null || (item instanceof Document document && document.values().contains(expected.object()));
        Number position = line.get("position", Number.class);
        if (!SECTIONS.get(expected.type()).contains(line.getString("section")) || !sameRecord || position == null
                || !Objects.equals(position.longValue(), expected.pair().leafGlobalIndex())) {
            problems.add(new Problem(index, "a leaf whose line in the citizen's audit view was altered"));
        }
    }

    private JsonNode parse(byte[] leaf) {
        try {
            return mapper.readTree(leaf);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    /** A leaf the view shows: the line it expects ({@code lineId}) and whether the leaf is linked to the account. */
    private record Shown(LeafAndEvent pair, String type, String object, String lineId, boolean linked) {
    }
}
