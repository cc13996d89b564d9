package eu.sehr.cloud.transparency.witness;

import java.util.List;

import eu.sehr.cloud.transparency.note.NoteSignature;

/**
 * Everything an {@code add-checkpoint} call can end in, as c2sp.org/tlog-witness names it, with the HTTP status,
 * content type and body to answer with: the HTTP layer maps it without knowing the protocol.
 *
 * <p>{@link #isPossibleLogMisbehaviour()} marks the refusals a log operator must hear about: the log's own key
 * signed a checkpoint the witness cannot reconcile with one it already cosigned (a fork, a rollback, or a
 * broken log). The caller should log {@link #body()} at error level and keep the request as evidence.
 */
public sealed interface WitnessOutcome {

    String PLAIN_TEXT = "text/plain; charset=utf-8";
    /** The content type of a 409 response, whose body is the witness's tree size. */
    String TREE_SIZE = "text/x.tlog.size";

    int httpStatus();

    String contentType();

    String body();

    default boolean isPossibleLogMisbehaviour() {
        return false;
    }

    /** 200: the checkpoint is cosigned; the body is the cosignature lines to append to the checkpoint. */
    record Cosigned(String origin, long size, List<NoteSignature> cosignatures) implements WitnessOutcome {

        public Cosigned {
            cosignatures = List.copyOf(cosignatures);
        }

        @Override
        public int httpStatus() {
            return 200;
        }

        @Override
        public String contentType() {
            return PLAIN_TEXT;
        }

        @Override
        public String body() {
            StringBuilder lines = new StringBuilder();
            cosignatures.forEach(signature -> lines.append(signature.line()));
            return lines.toString();
        }
    }

    /** 409: the request's old size is not the size the witness last cosigned, which is the body. */
    record Conflict(String origin, long cosignedSize) implements WitnessOutcome {

        @Override
        public int httpStatus() {
            return 409;
        }

        @Override
        public String contentType() {
            return TREE_SIZE;
        }

        @Override
        public String body() {
            return cosignedSize + "\n";
        }
    }

    /** 404: the witness is not configured for the checkpoint's origin. */
    record UnknownLog(String origin) implements WitnessOutcome {

        @Override
        public int httpStatus() {
            return 404;
        }

        @Override
        public String contentType() {
            return PLAIN_TEXT;
        }

        @Override
        public String body() {
            return "unknown log: " + origin + "\n";
        }
    }

    /** 403: no signature of a key trusted for the origin, or such a signature is invalid. */
    record Forbidden(String origin, String reason) implements WitnessOutcome {

        @Override
        public int httpStatus() {
            return 403;
        }

        @Override
        public String contentType() {
            return PLAIN_TEXT;
        }

        @Override
        public String body() {
            return reason + "\n";
        }
    }

    /** 422: a validly signed checkpoint the witness refuses to cosign because it cannot prove it consistent. */
    record Unprocessable(String origin, String reason, boolean isPossibleLogMisbehaviour) implements WitnessOutcome {

        @Override
        public int httpStatus() {
            return 422;
        }

        @Override
        public String contentType() {
            return PLAIN_TEXT;
        }

        @Override
        public String body() {
            return reason + "\n";
        }
    }

    /** 400: the request is malformed, or its old size is larger than the checkpoint's size. */
    record BadRequest(String reason) implements WitnessOutcome {

        @Override
        public int httpStatus() {
            return 400;
        }

        @Override
        public String contentType() {
            return PLAIN_TEXT;
        }

        @Override
        public String body() {
            return reason + "\n";
        }
    }
}
