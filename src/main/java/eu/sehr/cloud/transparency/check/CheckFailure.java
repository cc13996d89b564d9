package eu.sehr.cloud.transparency.check;

/**
 * Why {@code audit check} did not accept the log's state, with its documented exit code:
 * 1 the log misbehaved (a signature, proof or consistency check failed: keep the evidence),
 * 3 the log could not be checked (unreachable, or an answer that is not what the API promises),
 * 4 too few trusted witnesses cosigned the checkpoint (nothing is wrong yet, but it is not trusted).
 */
public final class CheckFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public static final int MISBEHAVIOUR = 1;
    public static final int CANNOT_CHECK = 3;
    public static final int TOO_FEW_WITNESSES = 4;

    private final int exitCode;

    private CheckFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CheckFailure misbehaviour(String message) {
        return new CheckFailure(MISBEHAVIOUR, message);
    }

    public static CheckFailure cannotCheck(String message) {
        return new CheckFailure(CANNOT_CHECK, message);
    }

    public static CheckFailure tooFewWitnesses(String message) {
        return new CheckFailure(TOO_FEW_WITNESSES, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
