package eu.sehr.cloud.infra.http;

import java.util.Map;

import eu.sehr.cloud.domain.AccessEnded;
import eu.sehr.cloud.domain.AccountGone;
import eu.sehr.cloud.domain.AlreadyDone;
import eu.sehr.cloud.domain.ConsentMissing;
import eu.sehr.cloud.domain.InvalidRequest;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.domain.NotOwner;
import eu.sehr.cloud.domain.Refusal;

/**
 * The contract's status for each kind of domain refusal: the one table that {@link Failures} (and so the error route
 * configuration {@code routes/api/errors.camel.yaml}) answers with. A refusal of a kind missing here is a 500, so a
 * new kind fails closed until it is mapped.
 */
public final class RefusalStatuses {

    private static final Map<Class<? extends Refusal>, Integer> STATUSES = Map.of(
            InvalidRequest.class, 400,
            AccountGone.class, 401,
            AccessEnded.class, 401,
            ConsentMissing.class, 403,
            NotOwner.class, 403,
            NotFound.class, 404,
            AlreadyDone.class, 409);

    private RefusalStatuses() {
    }

    public static ApiException of(Refusal refusal) {
        Integer status = STATUSES.get(refusal.getClass());
        return status == null ? new ApiException(500, "internal error") : new ApiException(status, refusal.getMessage());
    }
}
