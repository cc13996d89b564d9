package eu.sehr.cloud.records.steps;

import java.util.Optional;

import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.infra.http.Names;
import eu.sehr.cloud.records.query.RecordCatalogue;
import eu.sehr.cloud.records.query.RecordEntry;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.security.TokenKind;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Pipeline step of the record reads: the catalogue entry of an object in the target bucket. The object name is
 * checked (400); a record that does not exist is "no such record" (404), and for an HCP so is one the citizen hid
 * from emergency access: the same single query finds neither, so the two cannot be told apart.
 */
public final class RecordLookup {

    private final RecordCatalogue catalogue;

    public RecordLookup(RecordCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public RecordEntry entry(@ExchangeProperty("principal") Principal caller, @ExchangeProperty("target") Target target,
                             @Header("objectName") String object) {
        Names.requireObjectName(object);
        Optional<RecordEntry> found = isHcp(caller)
                ? catalogue.findReachableInEmergency(target.bucket(), object)
                : catalogue.find(target.bucket(), object);
        return found.orElseThrow(() -> new NotFound("no such record"));
    }

    static boolean isHcp(Principal caller) {
        return caller.kind() == TokenKind.HCP;
    }
}
