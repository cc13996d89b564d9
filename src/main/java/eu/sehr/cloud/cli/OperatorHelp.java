package eu.sehr.cloud.cli;

/** The parts of the operator commands' {@code --help} that several commands share: settings and exit codes. */
final class OperatorHelp {

    static final String EXIT_CODES_HEADING = "%nExit codes:%n";
    static final String ENVIRONMENT_HEADING = "%nEnvironment (each also as -Dkey=value, e.g. -Dsehr.data-dir=/srv/sehr):%n";

    static final String EXIT_OK = "0:done";
    static final String EXIT_STORE = "1:the event store cannot be opened (the reason is on standard error), e.g. the "
            + "service runs on the same embedded data dir";
    static final String EXIT_USAGE = "2:wrong command line";

    static final String DATA_DIR = "  SEHR_DATA_DIR           data of the embedded stores (default ./data)";
    static final String POSTGRES = "  SEHR_POSTGRES_URL       the event store (JDBC URL); empty: embedded";
    static final String POSTGRES_CREDENTIALS = "  SEHR_POSTGRES_USER, SEHR_POSTGRES_PASSWORD";
    static final String LOGS = "  SEHR_LOG_LEVEL, SEHR_LOG_FORMAT   logs on standard error (INFO; TEXT|JSON)";
    static final String STOP_FIRST = "%nWith the embedded PostgreSQL (SEHR_POSTGRES_URL empty) stop the service first: "
            + "one process at a time owns a data dir.";

    private OperatorHelp() {
    }
}
