package eu.sehr.cloud.records.steps;

import java.util.Optional;
import java.util.function.LongConsumer;

import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.infra.http.Reply;
import eu.sehr.cloud.records.query.RecordEntry;
import eu.sehr.cloud.security.Principal;
import eu.sehr.cloud.storage.RecordStore;
import eu.sehr.cloud.storage.StoredObject;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Pipeline steps of a record's download, after the target bucket and the catalogue entry: open the stored version,
 * record the access (the citizen's aggregate appends {@code HealthRecordDownloaded}, or refuses), then stream the
 * bytes. The object is opened before the access is recorded, so no download is recorded that storage could not
 * serve; the access is recorded before the first byte goes out, so no byte goes out unrecorded.
 */
public final class DownloadRecord {

    private final RecordLookup lookup;
    private final RecordStore store;
    private final RecordAccess access;
    private final Reply reply;
    private final LongConsumer downloadedBytes;

    public DownloadRecord(RecordLookup lookup, RecordStore store, RecordAccess access, Reply reply,
                          LongConsumer downloadedBytes) {
        this.lookup = lookup;
        this.store = store;
        this.access = access;
        this.reply = reply;
        this.downloadedBytes = downloadedBytes;
    }

    /**
     * The entry's stored version, open. When it is gone, the record was replaced between reading the catalogue and
     * opening the object: the catalogue now names the new version, which is read (and recorded) instead.
     */
    public Download open(@ExchangeProperty("principal") Principal caller, @ExchangeProperty("target") Target target,
                         @ExchangeProperty("entry") RecordEntry entry) {
        Optional<StoredObject> opened = store.open(entry.storageKey());
        RecordEntry current = entry;
        if (opened.isEmpty()) {
            current = lookup.entry(caller, target, entry.object());
            opened = store.open(current.storageKey());
        }
        return new Download(opened.orElseThrow(() -> new NotFound("no such record")), current);
    }

    /** The access is recorded, or refused: then the open object is discarded (its connection closed) and nothing is sent. */
    public void record(@ExchangeProperty("principal") Principal caller, @ExchangeProperty("download") Download download) {
        try {
            access.downloaded(caller, download.entry());
        } catch (RuntimeException e) {
            download.content().discard();
            throw e;
        }
        downloadedBytes.accept(download.length());
    }

    /** The bytes relayed with {@code Content-Length}, {@code ETag}, {@code Digest} and {@code Content-Digest}. */
    public void reply(Exchange exchange, @ExchangeProperty("download") Download download) {
        reply.relay(exchange, download.content().body(), download.content()::discard, download.length(), download.headers());
    }
}
