package eu.sehr.cloud.security;

/** What a login step checks a password and issues a token with: the hasher, the throttle and the token service. */
public record Logins(PasswordHasher hasher, LoginThrottle throttle, TokenService tokens) {
}
