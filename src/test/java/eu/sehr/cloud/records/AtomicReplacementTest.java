package eu.sehr.cloud.records;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import eu.sehr.cloud.emergency.trust.DevCertificates;
import eu.sehr.cloud.emergency.trust.HcoAssertionSigner;
import eu.sehr.cloud.emergency.trust.HcoTrust;
import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;
import eu.sehr.cloud.support.RawHttp;
import eu.sehr.cloud.support.RunningService;
import eu.sehr.cloud.support.RunningService.Started;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploading an existing name replaces it atomically: until the new record and its event are both stored downloads
 * get the previous version, and a refused upload, before or after its bytes reached storage, leaves the previous
 * version downloadable and unchanged (API.md, POST /citizen/upload).
 */
@ExtendWith(RunningService.class)
class AtomicReplacementTest {

    private final Api api;
    private final Started started;

    AtomicReplacementTest(Api api, Started started) {
        this.api = api;
        this.started = started;
    }

    @Test
    void should_keep_the_previous_version_when_a_replacement_has_a_content_type_the_catalogue_cannot_keep() throws Exception {
        Citizen citizen = consenting();
        api.send("POST", "/citizen/upload?objectName=PATIENT_SUMMARY", citizen.token(), "application/x-first", bytes("first"))
                .expect(201);

        api.send("POST", "/citizen/upload?objectName=PATIENT_SUMMARY", citizen.token(), "application/" + "x".repeat(300),
                bytes("second")).expectError(400);

        assertThat(api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY", citizen.token()).expect(200).text())
                .isEqualTo("first");
        assertThat(api.get("/citizen/" + citizen.username() + "/PATIENT_SUMMARY/metadata", citizen.token()).expect(200)
                .json().at("/metadata/type").asText()).isEqualTo("application/x-first");
        assertThat(storedKeys(citizen.username() + "/")).hasSize(1);
    }

    @Test
    void should_serve_the_new_version_and_keep_only_it_once_a_replacement_is_stored() throws Exception {
        Citizen citizen = consenting();
        api.upload("/citizen/upload", citizen.token(), "LABORATORY_RESULT", bytes("old result")).expect(201);
        api.upload("/citizen/upload", citizen.token(), "LABORATORY_RESULT", bytes("new result")).expect(201);

        assertThat(api.get("/citizen/" + citizen.username() + "/LABORATORY_RESULT", citizen.token()).expect(200).text())
                .isEqualTo("new result");
        assertThat(storedKeys(citizen.username() + "/")).as("the replaced version is removed after the switch").hasSize(1);
    }

    @Test
    void should_keep_the_previous_version_when_a_replacement_is_refused_after_its_bytes_were_stored() throws Exception {
        Citizen citizen = consenting();
        String emergencyToken = api.signConsent(citizen.token(), "hco").expect(200).json().get("emergencyToken").asText();
        var hospital = new DevCertificates(Clock.systemUTC()).hco("St Luke Hospital", started.hcoCa());
        String assertion = HcoAssertionSigner.of(hospital, List.of(started.hcoCa().certificate()), Clock.systemUTC())
                .sign("Dr Grey", "unconscious patient admitted to the emergency department");
        String hcpToken = api.postJson("/hcp/requestaccess", emergencyToken, "{\"hcoAssertion\":\"" + assertion + "\"}")
                .expect(200).json().get("hcoEmergencyToken").asText();
        String bucket = citizen.username() + "--hco-" + HcoTrust.hcoId(hospital.certificate());
        api.upload("/hcp/upload", hcpToken, "DISCHARGE_NOTE", bytes("first note")).expect(201);

        try (RawHttp replacement = RawHttp.connect(started.port(), "127.0.0.1")) {
            byte[] second = bytes("second note, refused");
            replacement.head("POST", "/hcp/upload?objectName=DISCHARGE_NOTE", Map.of("Authorization", "Bearer " + hcpToken,
                    "Content-Type", "application/octet-stream", "Content-Length", Integer.toString(second.length)));
            replacement.send(java.util.Arrays.copyOf(second, 6));
            // the citizen revokes the HCO consent while the HCP's bytes are on their way
            api.delete("/citizen/consent/hco", citizen.token()).expect(200);
            replacement.send(java.util.Arrays.copyOfRange(second, 6, second.length));
            assertThat(replacement.read(10_000).status()).isIn(401, 403);
        }

        assertThat(api.get("/citizen/" + bucket + "/DISCHARGE_NOTE", citizen.token()).expect(200).text()).isEqualTo("first note");
        assertThat(storedKeys(bucket + "/")).as("the refused version is removed, the previous one kept").hasSize(1);
    }

    @Test
    void should_keep_the_catalogue_and_the_stored_bytes_in_step_when_first_uploads_of_a_name_race() throws Exception {
        Citizen citizen = consenting();
        List<java.util.concurrent.CompletableFuture<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] record = bytes("racing version " + i);
            uploads.add(java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    api.upload("/citizen/upload", citizen.token(), "RACED", record).status()));
        }
        for (java.util.concurrent.CompletableFuture<Integer> upload : uploads) {
            assertThat(upload.get()).isEqualTo(201);
        }

        byte[] served = api.get("/citizen/" + citizen.username() + "/RACED", citizen.token()).expect(200).body();
        String catalogued = api.get("/citizen/" + citizen.username() + "/RACED/metadata", citizen.token()).expect(200)
                .json().at("/metadata/sha256").asText();
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(served)))
                .as("the bytes served are the ones the catalogue describes").isEqualTo(catalogued);
        assertThat(new String(served, StandardCharsets.UTF_8)).startsWith("racing version ");
        assertThat(storedKeys(citizen.username() + "/")).as("every replaced version removed").hasSize(1);
    }

    private Citizen consenting() {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        return citizen;
    }

    private List<String> storedKeys(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        Iterator<Result<Item>> items = started.service().stores().minio().listObjects(ListObjectsArgs.builder()
                .bucket(started.service().stores().bucket()).prefix(prefix).recursive(true).build()).iterator();
        while (items.hasNext()) {
            keys.add(items.next().get().objectName());
        }
        return keys;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
