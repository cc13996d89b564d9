package eu.sehr.cloud.cli;

import java.io.PrintWriter;

import eu.sehr.cloud.infra.ConfigurationException;
import eu.sehr.cloud.infra.Database;
import eu.sehr.cloud.infra.Settings;

/** Runs an operator command's work on the event store, or says in one line why the store cannot be opened (exit 1). */
final class OperatorDatabase {

    static final int CANNOT_OPEN = 1;

    /** The work of a command on the open store; its exit code. */
    interface Work {
        int run(Database database) throws Exception;
    }

    private OperatorDatabase() {
    }

    /**
     * @param whileRunning what to do instead while the service runs, added to the reason when the store is in use
     */
    static int run(PrintWriter err, String whileRunning, Work work) throws Exception {
        Database database;
        try {
            database = Database.open(Settings.load());
        } catch (ConfigurationException e) {
            err.println("cannot open the event store: " + e.getMessage()
                    + (e.getMessage().contains("in use") ? ". " + whileRunning : ""));
            return CANNOT_OPEN;
        }
        try (database) {
            return work.run(database);
        }
    }
}
