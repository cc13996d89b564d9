package eu.sehr.cloud.transparency.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import eu.sehr.cloud.transparency.note.NoteSigner;
import eu.sehr.cloud.transparency.note.SignerKey;

/**
 * An audit receipt: a compact JWS ({@code alg} EdDSA, {@code kid} the log key's 8-hex key ID) signed with the log
 * key, whose claims {@code leaf} (base64 leaf hash), {@code iat} and {@code mmd} (seconds) promise that the leaf
 * will be in a checkpoint within {@code mmd} seconds.
 */
public final class ReceiptSigner {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final NoteSigner signer;
    private final String encodedHeader;
    private final long mmdSeconds;
    private final Clock clock;

    public ReceiptSigner(SignerKey logKey, Duration maxMergeDelay, Clock clock) {
        this.signer = logKey.noteSigner();
        String kid = HexFormat.of().toHexDigits(logKey.verifierKey().keyId());
        this.encodedHeader = URL.encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.US_ASCII));
        this.mmdSeconds = Math.max(1, (maxMergeDelay.toMillis() + 999) / 1000);
        this.clock = clock;
    }

    public String receipt(byte[] leafHash) {
        String claims = "{\"iat\":" + clock.instant().getEpochSecond() + ",\"leaf\":\""
                + Base64.getEncoder().encodeToString(leafHash) + "\",\"mmd\":" + mmdSeconds + "}";
        String signingInput = encodedHeader + "." + URL.encodeToString(claims.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + URL.encodeToString(signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
