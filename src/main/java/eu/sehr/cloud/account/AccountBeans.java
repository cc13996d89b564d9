package eu.sehr.cloud.account;

import eu.sehr.cloud.account.query.AccountDirectory;
import eu.sehr.cloud.account.steps.AnonymousRefusals;
import eu.sehr.cloud.account.steps.DeleteAccount;
import eu.sehr.cloud.account.steps.LoginCitizen;
import eu.sehr.cloud.account.steps.RecordRefusal;
import eu.sehr.cloud.account.steps.RegisterCitizen;
import eu.sehr.cloud.infra.Shared;
import eu.sehr.cloud.infra.Sql;
import eu.sehr.cloud.records.query.BucketRegistry;
import eu.sehr.cloud.security.ClientAddresses;
import eu.sehr.cloud.security.EmergencyTokens;
import eu.sehr.cloud.security.Logins;
import eu.sehr.cloud.storage.RecordStore;
import io.minio.MinioClient;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The pipeline beans of routes/api/account.camel.yaml (register, login, delete; the storage client of its
 * {@code minio:} removal step) and the refusal recorder that the error route configuration
 * (routes/api/errors.camel.yaml) calls for every refused request.
 */
public final class AccountBeans implements CamelConfiguration {

    private final Shared shared;
    private final Sql sql;
    private final ClientAddresses clientAddresses;
    private final AccountDirectory directory;
    private final Logins logins;
    private final EmergencyTokens emergencyTokens;
    private final BucketRegistry buckets;
    private final RecordStore store;
    private final MinioClient storage;

    public AccountBeans(Shared shared, Sql sql, ClientAddresses clientAddresses, AccountDirectory directory, Logins logins,
                        EmergencyTokens emergencyTokens, BucketRegistry buckets, RecordStore store, MinioClient storage) {
        this.shared = shared;
        this.sql = sql;
        this.clientAddresses = clientAddresses;
        this.directory = directory;
        this.logins = logins;
        this.emergencyTokens = emergencyTokens;
        this.buckets = buckets;
        this.store = store;
        this.storage = storage;
    }

    @BindToRegistry
    public RecordRefusal recordRefusal() {
        return new RecordRefusal(shared.commands(), shared.events(), clientAddresses,
                new AnonymousRefusals(sql, shared.clock()), count -> shared.metrics().count("sehr_anonymous_refusals",
                "refused requests without a usable token (stored as one summary event per client and minute)", count),
                shared.clock());
    }

    @BindToRegistry
    public RegisterCitizen registerCitizen() {
        return new RegisterCitizen(shared.bodies(), logins.hasher(), shared.commands(), shared.clock());
    }

    @BindToRegistry
    public LoginCitizen loginCitizen() {
        return new LoginCitizen(shared.bodies(), directory, logins.hasher(), logins.throttle(), logins.tokens(),
                shared.commands(), shared.settings().getDuration("sehr.token.citizen-ttl"), emergencyTokens, shared.clock());
    }

    @BindToRegistry
    public DeleteAccount deleteAccount() {
        return new DeleteAccount(buckets, store, shared.commands(), shared.clock());
    }

    /** The MinIO client of the object storage (the one RecordStore uses: same connections, timeouts, credentials). */
    @BindToRegistry
    public MinioClient storageClient() {
        return storage;
    }
}
