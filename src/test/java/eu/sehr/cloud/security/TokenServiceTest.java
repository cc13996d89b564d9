package eu.sehr.cloud.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import eu.sehr.cloud.infra.http.ApiException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest {

    private final SigningKey key = SigningKey.generated();
    private final TokenService tokens = new TokenService(key, Clock.systemUTC());

    @Test
    void should_round_trip_a_citizen_token_with_kid_and_claims() {
        String token = tokens.issue(Principal.citizen("alice", "acc-1", null), Duration.ofMinutes(5));
        Principal principal = tokens.verify(token, TokenKind.CITIZEN);
        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.account()).isEqualTo("acc-1");
        assertThat(principal.tokenId()).isNotBlank();
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(header).contains("\"kid\":\"" + key.keyId() + "\"").contains("ES256");
    }

    @Test
    void should_refuse_a_token_of_another_kind() {
        String auditor = tokens.issue(Principal.auditor("carol", null), Duration.ofMinutes(5));
        assertThatThrownBy(() -> tokens.verify(auditor, TokenKind.CITIZEN))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void should_refuse_an_expired_token() {
        TokenService past = new TokenService(key, Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
        String expired = past.issue(Principal.citizen("alice", "acc-1", null), Duration.ofMinutes(5));
        assertThatThrownBy(() -> tokens.verify(expired, TokenKind.CITIZEN)).isInstanceOf(ApiException.class);
    }

    @Test
    void should_check_the_kind_of_a_remembered_token_on_every_use() {
        String token = tokens.issue(Principal.citizen("alice", "acc-1", null), Duration.ofMinutes(5));
        assertThat(tokens.verify(token, TokenKind.CITIZEN).subject()).isEqualTo("alice");
        assertThat(tokens.verify(token, TokenKind.CITIZEN).account()).isEqualTo("acc-1");
        assertThatThrownBy(() -> tokens.verify(token, TokenKind.AUDITOR))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void should_refuse_a_remembered_token_once_it_has_expired() {
        // expired 29 s ago: usable for about one more second within the allowed 30 s clock skew
        TokenService past = new TokenService(key, Clock.fixed(Instant.now().minus(Duration.ofMinutes(5)).minusSeconds(29),
                ZoneOffset.UTC));
        String token = past.issue(Principal.citizen("alice", "acc-1", null), Duration.ofMinutes(5));
        assertThat(tokens.verify(token, TokenKind.CITIZEN).subject()).isEqualTo("alice");

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> tokens.verify(token, TokenKind.CITIZEN))
                        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401)));
    }

    @Test
    void should_refuse_a_token_signed_by_another_key() {
        String foreign = new TokenService(SigningKey.generated(), Clock.systemUTC())
                .issue(Principal.citizen("alice", "acc-1", null), Duration.ofMinutes(5));
        assertThatThrownBy(() -> tokens.verify(foreign, TokenKind.CITIZEN)).isInstanceOf(ApiException.class);
    }

    @Test
    void should_not_put_anything_but_ids_and_names_in_the_claims() {
        String token = tokens.issue(Principal.citizen("alice", "acc-1", null), Duration.ofMinutes(5));
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims).doesNotContain("password").contains("\"kind\":\"citizen\"");
    }

    @Test
    void should_keep_the_generated_key_across_loads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("key.jwk");
        SigningKey first = SigningKey.loadOrCreate(file);
        SigningKey second = SigningKey.loadOrCreate(file);
        assertThat(second.keyId()).isEqualTo(first.keyId());
        String token = new TokenService(first, Clock.systemUTC()).issue(Principal.citizen("a", "b", null), Duration.ofMinutes(1));
        assertThat(new TokenService(second, Clock.systemUTC()).verify(token, TokenKind.CITIZEN).subject()).isEqualTo("a");
    }

    @Test
    void should_write_the_hcp_kind_into_an_hcp_token() {
        String token = tokens.issue(hcp(), Duration.ofMinutes(5));
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims).contains("\"kind\":\"hcp\"").doesNotContain("\"kind\":\"hco\"");
        assertThat(tokens.verify(token, TokenKind.HCP).kind()).isEqualTo(TokenKind.HCP);
    }

    @Test
    void should_still_accept_an_hcp_token_issued_before_the_kind_was_renamed() throws Exception {
        org.jose4j.jwt.JwtClaims claims = org.jose4j.jwt.JwtClaims.parse(new String(java.util.Base64.getUrlDecoder()
                .decode(tokens.issue(hcp(), Duration.ofMinutes(5)).split("\\.")[1])));
        claims.setStringClaim("kind", "hco");
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.jwk().getPrivateKey());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        String legacy = jws.getCompactSerialization();

        Principal principal = tokens.verify(legacy, TokenKind.HCP);
        assertThat(principal.kind()).isEqualTo(TokenKind.HCP);
        assertThat(principal.hcpName()).isEqualTo("Dr Bob");
        assertThatThrownBy(() -> tokens.verify(legacy, TokenKind.CITIZEN)).isInstanceOf(ApiException.class);
    }

    private static Principal hcp() {
        return new Principal(TokenKind.HCP, "alice", "acc-1", "grant-1", "3f2a9c01be", "ab".repeat(32),
                "St Mary Hospital", "Dr Bob", "access-1");
    }
}
