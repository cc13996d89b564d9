package eu.sehr.cloud.records;

import eu.sehr.cloud.infra.Shared;
import eu.sehr.cloud.records.query.RecordCatalogue;
import eu.sehr.cloud.infra.http.Reply;
import eu.sehr.cloud.records.steps.DownloadRecord;
import eu.sehr.cloud.records.steps.ReadRecords;
import eu.sehr.cloud.records.steps.RecordAccess;
import eu.sehr.cloud.records.steps.RecordLookup;
import eu.sehr.cloud.records.steps.UploadRecord;
import eu.sehr.cloud.storage.RecordStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The pipeline beans of the record route templates (routes/api/records.camel.yaml), for the citizen and the HCP
 * alike: the steps of the streamed upload and of the reads (target, catalogue entry, listings, metadata, streamed
 * download), with their byte counters.
 */
public final class RecordsBeans implements CamelConfiguration {

    private final Shared shared;
    private final RecordAccess access;
    private final RecordStore store;
    private final RecordCatalogue catalogue;
    private final RecordLookup lookup;
    private final Reply reply;

    public RecordsBeans(Shared shared, RecordAccess access, RecordStore store, RecordCatalogue catalogue, Reply reply) {
        this.shared = shared;
        this.reply = reply;
        this.access = access;
        this.store = store;
        this.catalogue = catalogue;
        this.lookup = new RecordLookup(catalogue);
    }

    @BindToRegistry
    public UploadRecord uploadRecord() {
        return new UploadRecord(access, shared.requestBodies(), store, catalogue,
                shared.settings().getLong("sehr.upload.max-bytes"), bytes -> shared.metrics().count(
                        "sehr_record_bytes_uploaded", "record bytes stored through the gateway", bytes));
    }

    @BindToRegistry
    public ReadRecords readRecords() {
        return new ReadRecords(access, catalogue);
    }

    @BindToRegistry
    public RecordAccess recordAccess() {
        return access;
    }

    @BindToRegistry
    public RecordLookup recordLookup() {
        return lookup;
    }

    @BindToRegistry
    public DownloadRecord downloadRecord() {
        return new DownloadRecord(lookup, store, access, reply,
                bytes -> shared.metrics().count("sehr_record_bytes_downloaded", "record bytes sent by the gateway", bytes));
    }
}
